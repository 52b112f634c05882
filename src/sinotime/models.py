"""The data model of `events.yaml`: sources, series and events with their plans and outcome.

The models know nothing of files or of the command line; `loading` builds them from YAML and
`validation` holds the rules that span records (unique ids, citations of known sources).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from sinotime.dates import FuzzyDate
from sinotime.fields import (
    LANGUAGE_TAG_PATTERN,
    LANGUAGE_TAG_SCHEMA,
    MAX_KINDS,
    MAX_STEPS,
    BaseUrl,
    Day,
    LanguageTag,
    Line,
    Namespace,
    Quote,
    Slug,
    SourceId,
    Strict,
    Tag,
    Text,
    TimeZoneName,
    WebUrl,
    namespace_from,
)
from sinotime.kinds import Kind, default_kinds


class OutcomeStatus(StrEnum):
    HAPPENED = "happened"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"

    @property
    def verb(self) -> str:
        """What became of the event, as every output says it: "Happened", "Cancelled", "Postponed"."""
        return self.value.capitalize()


class CalendarInfo(Strict):
    """What subscribers see of the calendar and the feeds as a whole."""

    name: Line = Field(description="The title of the calendars and feeds.")
    description: Text = Field(description="One or two sentences for subscribers.")
    base_url: BaseUrl | None = Field(
        default=None,
        description="The public address `feeds/` is served from; `--base-url` overrides it.",
    )
    timezone: TimeZoneName = Field(
        default="UTC", description="Zone for timed events that name none of their own."
    )
    namespace: Namespace | None = Field(
        default=None,
        description=(
            "The publisher's own name in calendar UIDs (`EVENT@NAMESPACE`) and feed ids "
            "(`tag:NAMESPACE,2026:...`), so that two publishers' events never collide in a "
            "subscriber's calendar: letters, digits, hyphens and dots. Default: made from "
            "`base_url` (`https://example.org/library/` gives `example.org-library`), else from "
            "`name`. Set it once and keep it: every id depends on it."
        ),
    )
    stem: Slug = Field(
        default="sinotime",
        description="The name of the files that hold everything: `STEM.ics`, `STEM.atom`, `STEM.rss`...",
    )

    @property
    def ids_namespace(self) -> str:
        """The namespace of every UID and feed id: `namespace`, or one made from the address or name."""
        return self.namespace or namespace_from(self.base_url, self.name)

    def namespace_note(self) -> str | None:
        """What to say when no `namespace` is set: the ids then change with the address or name."""
        if self.namespace is not None:
            return None
        made_from = "calendar.base_url" if self.base_url else "calendar.name"
        return (
            f"note: calendar.namespace is not set, so every calendar UID and feed id is made from"
            f" {made_from} ({self.ids_namespace}) and changes if it does, and subscribers then"
            f" see every event twice: set `namespace: {self.ids_namespace}` under calendar to keep them"
        )

    language: LanguageTag = Field(
        default="en",
        description="BCP 47 language tag of the text.",
        json_schema_extra={"pattern": LANGUAGE_TAG_PATTERN},
    )


class Source(Strict):
    """A published text that events cite: an article, a wire report, an official page."""

    id: Slug
    publisher: Line = Field(description="Who published it; `unknown` when not known.")
    title: Line = Field(description="The headline, or a description of the page.")
    url: WebUrl | None = Field(default=None, description="The address read or the original's.")
    copies: tuple[WebUrl, ...] = Field(default=(), description="Further addresses of the same text.")
    published: FuzzyDate = Field(description="Publication date at its real precision.")
    language: LanguageTag = Field(
        default="en",
        description="BCP 47 language tag.",
        json_schema_extra={"pattern": LANGUAGE_TAG_PATTERN},
    )
    author: Line | None = Field(default=None, description="The byline.")
    seed: Line | None = Field(
        default=None, description="The file name of a saved copy of the article, where one is kept."
    )
    note: Text | None = Field(default=None, description="What is uncertain about the source itself.")

    @property
    def display_name(self) -> str:
        """Who said it, as every output names the source: the publisher, or the headline when
        the publisher is `unknown`."""
        return self.title if self.publisher.casefold() == "unknown" else self.publisher


class Translation(Strict):
    """A name as written in another language, with the source that writes it so."""

    text: Line = Field(description="The name in that language, as the source writes it.")
    source: Slug = Field(description="The id of the source that gives this form of the name.")
    note: Text | None = Field(
        default=None, description="How it was read: a case ending undone, a copy's artefact left out."
    )


Translations = Annotated[
    dict[LanguageTag, Translation],
    Field(
        default_factory=dict,
        max_length=20,
        json_schema_extra={"propertyNames": LANGUAGE_TAG_SCHEMA},
        description=(
            "The name in other languages, keyed by BCP 47 tag (`ru`, `zh-Hans`, `zh-Hant`), each"
            " with the source that gives it; see docs/curation.md."
        ),
    ),
]


class Series(Strict):
    """A project or a recurring event whose milestones or editions read as one story."""

    id: Slug
    title: Line = Field(description="The project's or the series' name.")
    translations: Translations
    description: Text | None = Field(default=None, description="One paragraph on the series.")


class Place(Strict):
    name: Line = Field(description="City or site.")
    translations: Translations
    region: Line | None = Field(default=None, description="Province, oblast, krai or republic.")
    countries: tuple[Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")], ...] = Field(
        default=(), description="ISO 3166 alpha-2 codes, e.g. [CN, RU]."
    )
    lat: float | None = Field(default=None, ge=-90, le=90, description="Latitude, decimal degrees.")
    lon: float | None = Field(default=None, ge=-180, le=180, description="Longitude, decimal degrees.")

    @model_validator(mode="after")
    def _both_coordinates(self) -> Place:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("give both lat and lon, or neither")
        return self

    def words(self, *, countries: bool = True) -> str:
        """The place as every output writes it: "Tongjiang, Heilongjiang (CN, RU)"."""
        text = ", ".join(part for part in (self.name, self.region) if part)
        if countries and self.countries:
            text += f" ({', '.join(self.countries)})"
        return text


def _citation_from_id(value: Any) -> Any:
    return {"source": value} if isinstance(value, str) else value


class Citation(Strict):
    """A reference to a source, optionally with a short quote."""

    source: Slug = Field(description="The id of a source.")
    quote: Quote = None
    note: Text | None = Field(default=None, description="What the source supports.")


CitationOrId = Annotated[Citation, BeforeValidator(_citation_from_id, json_schema_input_type=Slug | Citation)]


class Plan(Strict):
    """One announced target: what a source said would happen, and by when."""

    target: FuzzyDate | None = Field(
        default=None, description="The announced date; absent for a plan with no date."
    )
    wording: Line = Field(description="The source's own words for the target.")
    announced: FuzzyDate = Field(description="When it was said, at its precision.")
    source: Slug = Field(description="The id of the source that says so.")
    quote: Quote = None
    note: Text | None = Field(default=None, description="How the date was worked out.")


class Report(Strict):
    """What one source reports about an outcome, where sources disagree."""

    date: FuzzyDate | None = Field(default=None, description="The date this source gives.")
    wording: Line | None = Field(default=None, description="The source's own words for the date.")
    source: SourceId
    quote: Quote = None
    note: Text | None = Field(default=None, description="How it differs, or how it was worked out.")


class Outcome(Strict):
    """What actually became of the event."""

    status: OutcomeStatus = Field(
        default=OutcomeStatus.HAPPENED,
        description="happened, cancelled, or postponed (put off with no new date).",
    )
    date: FuzzyDate | None = Field(default=None, description="When it happened; required for happened.")
    wording: Line | None = Field(default=None, description="The source's own words for the date.")
    source: SourceId
    quote: Quote = None
    note: Text | None = Field(default=None, description="How the date was worked out, or what is uncertain.")
    other_reports: tuple[Report, ...] = Field(
        default=(),
        description="Other sources that say something else.",
        json_schema_extra={"maxItems": MAX_STEPS},
    )
    scope: Text | None = Field(
        default=None,
        description=(
            'When only part of the plan happened, which part ("to freight only"); the status'
            " is then completed-partly. Only with status happened."
        ),
    )

    @model_validator(mode="after")
    def _happened_has_date(self) -> Outcome:
        if self.status is OutcomeStatus.HAPPENED and self.date is None:
            raise ValueError("an outcome that happened needs a date")
        return self

    @field_validator("scope")
    @classmethod
    def _scope_only_of_what_happened(cls, scope: str | None, info: ValidationInfo) -> str | None:
        status = info.data.get("status")
        if scope is not None and status not in (None, OutcomeStatus.HAPPENED):
            raise PydanticCustomError(
                "hinted",
                "scope is given on a {status} outcome",
                {
                    "status": status.value,
                    "hint": "scope says which part happened; leave it out unless the status is happened",
                },
            )
        return scope


class News(Strict):
    """A dated report on an open plan: on that date, it had not happened yet.

    Each is evidence: one dated after the current target's last day makes the plan overdue;
    the newest one dates the "no news since" of a plan that is past due without it.
    """

    date: FuzzyDate = Field(description="The day the source reports on, usually its publication date.")
    says: Line = Field(description='What it says of the plan, briefly: "not open yet", "90% built".')
    source: SourceId
    quote: Quote = None
    note: Text | None = Field(default=None, description="How the date was worked out, or what is uncertain.")


class Event(Strict):
    """One event: a milestone, an edition, a visit, an agreement, a target."""

    id: Slug
    title: Line = Field(description="What happens, without its date or status.")
    translations: Translations
    kind: Slug = Field(
        description="The id of a kind from `kinds`, or, in a file that declares none, one of the"
        " default kinds (docs/file-format.md#kinds)."
    )
    series: Slug | None = Field(default=None, description="The id of a series.")
    description: Text | None = Field(default=None, description="What, who, why; plain text.")
    place: Place | None = Field(default=None, description="Where it happens.")
    participants: tuple[Line, ...] = Field(default=(), description="Organisations and people involved.")
    tags: tuple[Tag, ...] = Field(default=(), description="Free keywords.")
    timezone: TimeZoneName | None = Field(default=None, description="Zone of a timed date.")
    cites: tuple[CitationOrId, ...] = Field(min_length=1, description="At least one citation.")
    plans: tuple[Plan, ...] = Field(
        default=(), description="Targets in the order announced.", json_schema_extra={"maxItems": MAX_STEPS}
    )
    outcome: Outcome | None = Field(default=None, description="What actually happened, when known.")
    news: tuple[News, ...] = Field(
        default=(),
        json_schema_extra={"maxItems": MAX_STEPS},
        description="Dated reports that the plan had not happened yet, oldest first; see docs/curation.md.",
    )
    added: Day = Field(description="The day this record was added.")
    changed: Day = Field(description="The day this record was last changed.")

    @model_validator(mode="after")
    def _story_within_the_limit(self) -> Event:
        reports = () if self.outcome is None else self.outcome.other_reports
        steps = len(self.plans) + len(self.news) + len(reports)
        if steps > MAX_STEPS:
            raise PydanticCustomError(
                "hinted",
                "{steps} plans, news and other reports in one event; the limit is {limit}",
                {
                    "steps": f"{steps:,}",
                    "limit": MAX_STEPS,
                    "hint": "a programme with that many targets reads better as a series of events",
                },
            )
        return self

    @model_validator(mode="after")
    def _has_a_date(self) -> Event:
        if not self.plans and (self.outcome is None or self.outcome.date is None):
            raise ValueError("an event needs at least one plan or a dated outcome")
        if self.changed < self.added:
            raise ValueError(f"changed ({self.changed}) is before added ({self.added})")
        return self

    def source_ids(self) -> list[str]:
        """Every source the event cites anywhere, first-cited first, without repeats."""
        return list(dict.fromkeys(self.sources_named()))

    def sources_named(self) -> Iterator[str]:
        """The source of each citation, plan, news item, outcome and report, repeats included
        (each is told with its source's name and address wherever it is shown)."""
        yield from (cite.source for cite in self.cites)
        yield from (plan.source for plan in self.plans)
        yield from (news.source for news in self.news)
        if self.outcome is not None:
            yield self.outcome.source
            yield from (report.source for report in self.outcome.other_reports)


class EventsFile(Strict):
    """The whole of `events.yaml`."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        title="sinotime events file",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    calendar: CalendarInfo = Field(description="The calendar's and feeds' metadata.")
    kinds: tuple[Kind, ...] = Field(
        default_factory=default_kinds,
        min_length=1,
        max_length=MAX_KINDS,
        description=(
            "The sorts of event, in the order calendars, feeds and the page list them; each event"
            " names one by id. Leave it out for the default kinds (docs/file-format.md#kinds)."
        ),
    )
    sources: tuple[Source, ...] = Field(min_length=1, description="Every source, defined once.")
    series: tuple[Series, ...] = Field(default=(), description="Projects and recurring events.")
    events: tuple[Event, ...] = Field(min_length=1, description="The events.")

    @model_validator(mode="after")
    def _kinds_declared(self) -> EventsFile:
        """The same rules `validation` applies with positions, for files built in code."""
        ids = [kind.id for kind in self.kinds]
        if len(set(ids)) < len(ids):
            raise ValueError(f"duplicate kind ids in {ids}")
        unknown = sorted({event.kind for event in self.events} - set(ids))
        if unknown:
            raise ValueError(f"events of undeclared kinds: {', '.join(unknown)}")
        return self

    @functools.cached_property
    def _kinds_by_id(self) -> dict[str, Kind]:
        return {kind.id: kind for kind in self.kinds}

    def kind(self, kind_id: str) -> Kind:
        """The declared kind of that id (an event's `kind`)."""
        return self._kinds_by_id[kind_id]

    def last_changed(self) -> date:
        """The file's own last-changed day: the newest `changed` of any event."""
        return max(event.changed for event in self.events)
