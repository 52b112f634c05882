"""What a report holds: the filters, one `Row` per event, the series read as stories, a summary.

`select(timeline, filters)` picks the timeline's entries that match every filter;
`make_report(timeline, filters)` turns them into a `Report`. Flags and slips come from
`timeline`; nothing here decides them again.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sinotime.dates import FuzzyDate, day_after
from sinotime.models import Event, OutcomeStatus, Place, Series, Source
from sinotime.names import Name, all_names, other_names, search_key
from sinotime.statuses import Slip, slip_between
from sinotime.timeline import Entry, Flag, Timeline, current_plan
from sinotime.words import Step, duration_words, history

Day = date  # `Row.date` is a field; this names the type inside classes that have one

SCHEMA_VERSION = 2
LONGEST_SLIPS = 5  # how many slips the summary lists
COMING_NEXT = 5  # how many of the next plans the summary lists


@dataclass(frozen=True, slots=True)
class Filters:
    """What to keep: every given filter must match (AND); values of one filter are alternatives (OR).

    `start` and `end` are days: an event is kept when its date's bounds overlap
    [start, end]. Events without a date (unscheduled plans) are left out when either is given.
    """

    kinds: tuple[str, ...] = ()  # kind ids
    flags: tuple[Flag, ...] = ()
    series: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    search: str | None = None

    def __post_init__(self) -> None:
        # One canonical order, so that the same filters describe themselves the same way.
        object.__setattr__(self, "kinds", tuple(sorted(set(self.kinds))))
        object.__setattr__(self, "flags", tuple(f for f in Flag if f in self.flags))
        object.__setattr__(self, "series", tuple(sorted(set(self.series))))
        if self.search is not None and not self.search.strip():
            object.__setattr__(self, "search", None)

    def describe(self) -> str:
        """The filters as the options that give them: "--kind expo --flag overdue"."""
        parts = [f"--kind {k}" for k in self.kinds]
        parts += [f"--flag {f.value}" for f in self.flags]
        parts += [f"--series {s}" for s in self.series]
        if self.start is not None:
            parts.append(f"--from {self.start.isoformat()}")
        if self.end is not None:
            parts.append(f"--to {self.end.isoformat()}")
        if self.search is not None:
            parts.append(f"--search {shlex.quote(self.search)}")
        return " ".join(parts)

    def matches(self, entry: Entry) -> bool:
        event = entry.event
        if self.kinds and event.kind not in self.kinds:
            return False
        if self.flags and entry.flag not in self.flags:
            return False
        if self.series and event.series not in self.series:
            return False
        if (self.start is not None or self.end is not None) and not _overlaps(
            entry.date, self.start, self.end
        ):
            return False
        return self.search is None or search_key(self.search) in _search_text(entry)


def _overlaps(value: FuzzyDate | None, start: date | None, end: date | None) -> bool:
    if value is None:
        return False
    if end is not None and value.earliest > end:
        return False
    latest = value.latest
    return start is None or latest is None or latest >= start


def _search_text(entry: Entry) -> str:
    """What --search looks in: every name of the event in every language, and its words."""
    event = entry.event
    parts: list[str] = [*all_names(event, entry.series), event.description or ""]
    if event.place is not None:
        parts += [event.place.region or "", *event.place.countries]
    parts += event.participants
    parts += event.tags
    return search_key("\n".join(parts))


def select(timeline: Timeline, filters: Filters) -> list[Entry]:
    """The timeline's entries that match every filter, in the timeline's order."""
    return [entry for entry in timeline if filters.matches(entry)]


@dataclass(frozen=True, slots=True)
class TargetRow:
    """One announced target: what was promised, by whom, when."""

    target: FuzzyDate | None
    wording: str
    announced: FuzzyDate
    source: Source
    quote: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class OtherReport:
    date: FuzzyDate | None
    wording: str | None
    source: Source
    note: str | None


@dataclass(frozen=True, slots=True)
class OutcomeRow:
    status: OutcomeStatus
    date: FuzzyDate | None
    wording: str | None
    source: Source
    quote: str | None
    note: str | None
    other_reports: tuple[OtherReport, ...]
    scope: str | None  # which part happened, when only part did


@dataclass(frozen=True, slots=True)
class NewsRow:
    """A dated report that the plan had not happened yet."""

    date: FuzzyDate
    says: str
    source: Source
    quote: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class Row:
    """One event as the report shows it."""

    id: str
    title: str
    other_names: tuple[Name, ...]  # the title, series and place in other languages (`names`)
    kind: str  # the id of its kind, as `--kind` takes it
    kind_label: str  # its kind's label, as readers see it: "Expo or trade fair"
    status: Entry  # the event on the timeline: its flag, date, slips, fit, series, status note
    wording: str | None  # the source's own words for its date (`status.date`)
    announced: FuzzyDate | None  # when its latest plan was announced (dates an unscheduled plan)
    place: Place | None
    description: str | None
    participants: tuple[str, ...]
    tags: tuple[str, ...]
    targets: tuple[TargetRow, ...]
    outcome: OutcomeRow | None
    current_target: FuzzyDate | None  # the latest announced target with a date
    current_target_wording: str | None  # the source's words for it
    overdue_days: int | None  # days from the plan's last possible day to the as-of date
    past_due_for: str | None  # the same in words: "12 y 5 m"
    news: tuple[NewsRow, ...]
    sources: tuple[Source, ...]
    history: tuple[Step, ...]  # the story in the words of every output (`words.history`)

    @property
    def ahead(self) -> bool:
        """Whether it happened before the first target's earliest day."""
        return self.status.ahead


@dataclass(frozen=True, slots=True)
class SeriesStory:
    series: Series
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Summary:
    total: int
    flags: dict[Flag, int]  # every flag, in Flag order, zeros included
    kinds: dict[str, int]  # every kind id of the file, in its order, zeros included
    longest_slips: tuple[Row, ...]
    overdue: tuple[Row, ...]  # past due, and news after the last day says it had not happened
    unverified: tuple[Row, ...]  # past due, and nothing after the last day says either way
    coming_next: tuple[Row, ...]  # the plans still due, soonest last possible day first


@dataclass(frozen=True, slots=True)
class Report:
    """A timeline told on one day: its events in order under the filters, the series' own
    stories, and the summary's counts and lists; every format of the report renders this."""

    title: str
    as_of: date
    filters: Filters
    rows: tuple[Row, ...]
    series: tuple[SeriesStory, ...]
    summary: Summary
    schema_version: int = SCHEMA_VERSION

    @property
    def empty_message(self) -> str:
        """What an empty report says: "No events match: --kind expo --flag overdue"."""
        return f"No events match: {self.filters.describe() or '(no filters)'}"


def make_report(timeline: Timeline, filters: Filters) -> Report:
    """Select the entries and resolve each into a Row; gather the series and the summary."""
    rows = report_rows(timeline, select(timeline, filters))
    return Report(
        title=timeline.data.calendar.name,
        as_of=timeline.as_of,
        filters=filters,
        rows=rows,
        series=series_stories(timeline, rows),
        summary=summarise(rows, [kind.id for kind in timeline.data.kinds]),
    )


def report_rows(timeline: Timeline, entries: Iterable[Entry]) -> tuple[Row, ...]:
    """One Row per entry, in the entries' order."""
    return tuple(_row(timeline, entry) for entry in entries)


def _row(timeline: Timeline, entry: Entry) -> Row:
    event = entry.event
    ref = timeline.sources.__getitem__
    targets = tuple(
        TargetRow(plan.target, plan.wording, plan.announced, ref(plan.source), plan.quote, plan.note)
        for plan in event.plans
    )
    outcome = None
    if event.outcome is not None:
        o = event.outcome
        outcome = OutcomeRow(
            status=o.status,
            date=o.date,
            wording=o.wording,
            source=ref(o.source),
            quote=o.quote,
            note=o.note,
            other_reports=tuple(
                OtherReport(r.date, r.wording, ref(r.source), r.note) for r in o.other_reports
            ),
            scope=o.scope,
        )
    since = entry.overdue_since
    plan = current_plan(event)
    return Row(
        id=event.id,
        title=event.title,
        other_names=other_names(event, entry.series),
        kind=event.kind,
        kind_label=timeline.data.kind(event.kind).label,
        status=entry,
        wording=_date_wording(event),
        announced=event.plans[-1].announced if event.plans else None,
        place=event.place,
        description=event.description,
        participants=event.participants,
        tags=event.tags,
        targets=targets,
        outcome=outcome,
        current_target=None if plan is None else plan.target,
        current_target_wording=None if plan is None else plan.wording,
        overdue_days=None if since is None else (timeline.as_of - since).days + 1,
        past_due_for=None if since is None else duration_words(since, day_after(timeline.as_of)),
        news=tuple(NewsRow(n.date, n.says, ref(n.source), n.quote, n.note) for n in event.news),
        sources=tuple(ref(source_id) for source_id in event.source_ids()),
        history=tuple(history(event, entry.flag, timeline.sources)),
    )


def _date_wording(event: Event) -> str | None:
    """The source's words for the event's date: the outcome's, else the current target's."""
    if event.outcome is not None and event.outcome.date is not None:
        return event.outcome.wording
    plan = current_plan(event)
    return None if plan is None else plan.wording


def series_stories(timeline: Timeline, rows: Sequence[Row]) -> tuple[SeriesStory, ...]:
    """Each series with rows in the report, its rows in order; series ordered by their first row."""
    stories: dict[str, list[Row]] = {}
    for row in rows:
        if row.status.series is not None:
            stories.setdefault(row.status.series.id, []).append(row)
    return tuple(SeriesStory(timeline.series[sid], tuple(members)) for sid, members in stories.items())


def row_slip(row: Row) -> Slip | None:
    """How late the event is against its first target: what happened late, or a plan moved to a
    later target (its slip so far, last day against last day, as the change feed says it)."""
    status = row.status
    if status.slip is not None:
        return status.slip
    first, now = status.first_target, status.date
    if status.flag is not Flag.SLIPPING or first is None or now is None:
        return None
    if first.latest is None or now.latest is None:
        return None
    return slip_between(first.latest, now.latest)


def summarise(rows: Sequence[Row], kind_ids: Sequence[str]) -> Summary:
    """Counts of `rows` by flag and by kind (every one of `kind_ids`), the slips, what is due."""
    flags = dict.fromkeys(Flag, 0)
    kinds = dict.fromkeys(kind_ids, 0)
    for row in rows:
        flags[row.status.flag] += 1
        kinds[row.kind] += 1
    order = {row.id: index for index, row in enumerate(rows)}
    slips = {row.id: slip for row in rows if (slip := row_slip(row)) is not None}
    slipped = sorted(
        (row for row in rows if row.id in slips), key=lambda row: (-slips[row.id].days, order[row.id])
    )
    still_due = sorted(
        (
            row
            for row in rows
            if row.status.flag in (Flag.UPCOMING, Flag.SLIPPING) and row.status.date is not None
        ),
        key=lambda row: (_last_day(row), order[row.id]),
    )
    return Summary(
        total=len(rows),
        flags=flags,
        kinds=kinds,
        longest_slips=tuple(slipped[:LONGEST_SLIPS]),
        overdue=tuple(row for row in rows if row.status.flag is Flag.OVERDUE),
        unverified=tuple(row for row in rows if row.status.flag is Flag.UNVERIFIED),
        coming_next=tuple(still_due[:COMING_NEXT]),
    )


def _last_day(row: Row) -> date:
    latest = row.status.date.latest if row.status.date is not None else None
    return latest or date.max
