"""Rules that span records: unique ids, citations of known sources and series, dates that
cannot be (an outcome after the record was last changed, a plan announced after its outcome).

Each rule returns findings with a location in the data; `loading` turns them into problems
with a file position. Nothing here knows of files.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sinotime.dates import FuzzyDate
from sinotime.kinds import Kind, default_kinds
from sinotime.models import (
    CalendarInfo,
    Event,
    EventsFile,
    OutcomeStatus,
    Series,
    Source,
)
from sinotime.suggest import Suggestions

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    loc: Loc
    message: str
    hint: str | None = None


@dataclass(frozen=True, slots=True)
class References:
    """The source and series ids an event's data names, with where, and its own id."""

    citations: list[tuple[Loc, str]]
    series: str | None
    id: str | None
    kind: str | None = None  # a kind that is not declared


def unknown_translation_sources(raw: Any, source_ids: set[str]) -> list[tuple[Loc, str]]:
    """The sources a record's translations name that are not among `source_ids`, with where."""
    return [(loc, source) for loc, source in _translation_sources(raw) if source not in source_ids]


def references_to_check(
    raw: Any, source_ids: set[str], series_ids: set[str], kind_ids: set[str] | None = None
) -> References | None:
    """What of an event's data `_references` must look at: None when it names only known ids
    (`kind_ids` None: kinds are not checked)."""
    if not isinstance(raw, dict):
        return None
    citations = list(_citations(raw))
    series = raw.get("series") if isinstance(raw.get("series"), str) else None
    identifier = raw.get("id") if isinstance(raw.get("id"), str) else None
    kind = raw.get("kind") if isinstance(raw.get("kind"), str) else None
    unknown_kind = kind if kind_ids is not None and kind is not None and kind not in kind_ids else None
    if (
        all(source in source_ids for _, source in citations)
        and (series is None or (series in series_ids and series != identifier))
        and unknown_kind is None
    ):
        return None
    return References(citations, series, identifier, unknown_kind)


@dataclass
class Records:
    """The records of a file, each validated on its own; None stands for an invalid record.

    `ids` holds the id written in each record of a section, valid record or not (None where
    there is none), so that duplicates are found among all records and a citation of a source
    whose record has a mistake is not reported as unknown as well.
    """

    calendar: CalendarInfo | None = None
    kinds: list[Kind | None] = field(default_factory=list)
    sources: list[Source | None] = field(default_factory=list)
    series: list[Series | None] = field(default_factory=list)
    events: list[Event | None] = field(default_factory=list)
    ids: dict[str, list[str | None]] = field(default_factory=dict)
    # by event index, what an event cites that may be unknown (see `references_to_check`); an
    # event's data is not kept once it is validated, so that a big file is not held twice
    references: dict[int, References] = field(default_factory=dict)
    # by series index, the sources its title's translations name that are not known
    series_references: dict[int, list[tuple[Loc, str]]] = field(default_factory=dict)

    def complete(self) -> EventsFile:
        """The whole file, once every record is valid."""
        if self.calendar is None or None in self.sources or None in self.series or None in self.events:
            raise AssertionError("complete() needs every record valid; check problems first")
        if None in self.kinds:
            raise AssertionError("complete() needs every record valid; check problems first")
        return EventsFile.model_construct(
            calendar=self.calendar,
            kinds=tuple(k for k in self.kinds if k is not None) if "kinds" in self.ids else default_kinds(),
            sources=tuple(s for s in self.sources if s is not None),
            series=tuple(s for s in self.series if s is not None),
            events=tuple(e for e in self.events if e is not None),
        )


def check_file(
    records: Records, *, today: date, suggestions: Suggestions | None = None, cited_text: int | None = None
) -> Iterator[Finding]:
    """Every cross-record problem among the valid records, one at a time (a caller may stop);
    with `cited_text`, the most characters of source text the file's citations may bring in."""
    yield from _duplicate_ids("kinds", records.ids.get("kinds", []), "kind")
    yield from _duplicate_ids("sources", records.ids.get("sources", []), "source")
    yield from _duplicate_ids("series", records.ids.get("series", []), "series")
    yield from _duplicate_ids("events", records.ids.get("events", []), "event")
    yield from _references(records, suggestions or Suggestions())
    published = {source.id: source.published for source in records.sources if source is not None}
    for index, event in enumerate(records.events):
        if event is not None:
            yield from _event_dates(event, index, today)
            yield from _said_after_its_source(event, index, published)
    if cited_text is not None:
        yield from _cited_text_within(records, cited_text)


def _cited_text_within(records: Records, most: int) -> Iterator[Finding]:
    """Every output repeats a cited source's publisher, title and addresses beside what cites
    it (the page lists its copies too): like an alias, a citation is charged the text it brings
    in, so that one source of many long addresses cited by thousands of events cannot make a
    small file publish gigabytes."""
    sizes = {
        source.id: len(source.publisher)
        + len(source.title)
        + len(source.url or "")
        + sum(map(len, source.copies))
        for source in records.sources
        if source is not None
    }
    total = 0
    for index, event in enumerate(records.events):
        if event is None:
            continue
        total += sum(sizes.get(source, 0) for source in event.sources_named())
        if total > most:
            yield Finding(
                ("events", index),
                f"the sources cited up to here bring in more than {most:,} characters (each"
                " citation counts its source's publisher, title and addresses), the limit for this file",
                "cite a source of many copies or long addresses less often, or raise the size limit"
                " (sinotime --max-input-mb), which this limit follows",
            )
            return


def _said_after_its_source(event: Event, index: int, published: dict[str, FuzzyDate]) -> Iterator[Finding]:
    """A source reports only what was said or had happened by the day it was published (a
    conflicting report, `other_reports`, may give a side's own announced days, so it is not held
    to this)."""
    said: list[tuple[Loc, str, FuzzyDate | None, str]] = [  # where, source, date, what
        (("plans", i, "announced"), plan.source, plan.announced, "announced")
        for i, plan in enumerate(event.plans)
    ]
    said += [(("news", i, "date"), news.source, news.date, "news dated") for i, news in enumerate(event.news)]
    outcome = event.outcome
    if outcome is not None and outcome.status is OutcomeStatus.HAPPENED:
        said.append((("outcome", "date"), outcome.source, outcome.date, "outcome"))
    for loc, source, when, what in said:
        out = published.get(source)
        if when is None or out is None or out.latest is None or when.earliest <= out.latest:
            continue
        yield Finding(
            ("events", index, *loc),
            f"{what} {when}, after its source '{source}' was published ({out})",
            "a source tells only what was said or done by the day it came out: check the date, or "
            "cite a later source",
        )


def _duplicate_ids(section: str, ids: list[str | None], what: str) -> Iterator[Finding]:
    first_index: dict[str, int] = {}
    for index, identifier in enumerate(ids):
        if identifier is None:
            continue
        if identifier in first_index:
            yield Finding(
                (section, index, "id"),
                f"duplicate {what} id '{identifier}' (first at {section}[{first_index[identifier]}])",
                "every id must be unique",
            )
        else:
            first_index[identifier] = index


def _unknown(kind: str, value: str, known: set[str], suggestions: Suggestions) -> tuple[str, str | None]:
    guess = suggestions.closest(value, known)
    return f"unknown {kind} '{value}'", (f"did you mean '{guess}'?" if guess else None)


def _references(records: Records, suggestions: Suggestions) -> Iterator[Finding]:
    """Citations of unknown sources and series, checked on every event, valid or not."""
    source_ids = {i for i in records.ids.get("sources", []) if i}
    series_ids = {i for i in records.ids.get("series", []) if i}
    event_ids = {i for i in records.ids.get("events", []) if i}
    kind_ids = (
        {i for i in records.ids["kinds"] if i} if "kinds" in records.ids else {k.id for k in default_kinds()}
    )
    for index, series_id in enumerate(records.ids.get("series", [])):
        if series_id in event_ids:
            yield Finding(
                ("series", index, "id"),
                f"series id '{series_id}' is also an event's id",
                "give the series an id of its own",
            )
    for index, unknown in sorted(records.series_references.items()):
        for loc, source in unknown:
            message, hint = _unknown("source", source, source_ids, suggestions)
            yield Finding(("series", index, *loc), message, hint)
    for index, refs in sorted(records.references.items()):
        base: Loc = ("events", index)
        if refs.kind is not None:
            message, hint = _unknown("kind", refs.kind, kind_ids, suggestions)
            if hint is None and "kinds" in records.ids:
                hint = "use a kind declared in kinds, or declare it there"
            elif hint is None:
                defaults = ", ".join(kind.id for kind in default_kinds())
                hint = f"use one of the default kinds ({defaults}), or declare your own in kinds"
            yield Finding((*base, "kind"), message, hint)
        for loc, source in refs.citations:
            if source not in source_ids:
                message, hint = _unknown("source", source, source_ids, suggestions)
                yield Finding((*base, *loc), message, hint)
        series = refs.series
        if series is not None:
            if series == refs.id:
                yield Finding(
                    (*base, "series"),
                    "an event cannot be its own series",
                    "name a series from the series list",
                )
            elif series not in series_ids:
                message, hint = _unknown("series", series, series_ids, suggestions)
                yield Finding((*base, "series"), message, hint)


def _citations(raw: dict[str, Any]) -> Iterator[tuple[Loc, str]]:
    """Every source id an event's data cites, with where, however malformed the rest is."""
    for i, citation in enumerate(_list(raw.get("cites"))):
        if isinstance(citation, str):
            yield ("cites", i), citation
        elif isinstance(citation, dict) and isinstance(citation.get("source"), str):
            yield ("cites", i, "source"), citation["source"]
    for i, plan in enumerate(_list(raw.get("plans"))):
        if isinstance(plan, dict) and isinstance(plan.get("source"), str):
            yield ("plans", i, "source"), plan["source"]
    for i, news in enumerate(_list(raw.get("news"))):
        if isinstance(news, dict) and isinstance(news.get("source"), str):
            yield ("news", i, "source"), news["source"]
    yield from _translation_sources(raw)
    for loc, source in _translation_sources(raw.get("place")):
        yield ("place", *loc), source
    outcome = raw.get("outcome")
    if isinstance(outcome, dict):
        if isinstance(outcome.get("source"), str):
            yield ("outcome", "source"), outcome["source"]
        for i, report in enumerate(_list(outcome.get("other_reports"))):
            if isinstance(report, dict) and isinstance(report.get("source"), str):
                yield ("outcome", "other_reports", i, "source"), report["source"]


def _translation_sources(raw: Any) -> Iterator[tuple[Loc, str]]:
    """The source of each translation of a record's name, with where."""
    translations = raw.get("translations") if isinstance(raw, dict) else None
    if isinstance(translations, dict):
        for tag, translation in translations.items():
            if isinstance(translation, dict) and isinstance(translation.get("source"), str):
                yield ("translations", tag, "source"), translation["source"]


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _event_dates(event: Event, index: int, today: date) -> Iterator[Finding]:
    base: Loc = ("events", index)
    if event.changed > today:
        yield Finding((*base, "changed"), f"changed ({event.changed}) is in the future")
    for i in range(1, len(event.plans)):
        before, after = event.plans[i - 1].announced, event.plans[i].announced
        if after.latest is not None and after.latest < before.earliest:
            yield Finding(
                (*base, "plans", i, "announced"),
                f"announced {after} is before the previous plan's {before}",
                "list plans in the order they were announced",
            )
    for i, plan in enumerate(event.plans):
        ends = plan.target.latest if plan.target is not None else None
        if ends is not None and ends < plan.announced.earliest:
            yield Finding(
                (*base, "plans", i, "target"),
                f"target {plan.target} was over before the plan was announced ({plan.announced})",
                "a plan aims ahead of its announcement: check both dates; a source that only"
                " reports an old plan is the news of it, or another report",
            )
    yield from _news_dates(event, base, today)
    outcome = event.outcome
    if outcome is None or outcome.date is None:
        return
    happened = outcome.date
    if happened.earliest > today:
        yield Finding((*base, "outcome", "date"), f"outcome {happened} is in the future")
    elif happened.earliest > event.changed:
        yield Finding(
            (*base, "outcome", "date"),
            f"outcome {happened} is after the record was last changed ({event.changed})",
            "update 'changed' to the day you recorded the outcome",
        )
    for i, plan in enumerate(event.plans):
        happened_latest = happened.latest
        if happened_latest is not None and plan.announced.earliest > happened_latest:
            yield Finding(
                (*base, "plans", i, "announced"),
                f"plan announced {plan.announced} after its outcome ({happened})",
                "a plan must be announced before what it plans",
            )


def _news_dates(event: Event, base: Loc, today: date) -> Iterator[Finding]:
    """News is dated no later than today and than the record's last change, oldest first."""
    for i, news in enumerate(event.news):
        loc: Loc = (*base, "news", i, "date")
        if news.date.earliest > today:
            yield Finding(loc, f"news dated {news.date} is in the future")
        elif news.date.earliest > event.changed:
            yield Finding(
                loc,
                f"news dated {news.date} is after the record was last changed ({event.changed})",
                "update 'changed' to the day you recorded the news",
            )
        if i and news.date.earliest < event.news[i - 1].date.earliest:
            yield Finding(
                loc,
                f"news dated {news.date} is before the previous news item's {event.news[i - 1].date}",
                "list news oldest first",
            )
