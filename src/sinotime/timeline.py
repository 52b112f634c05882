"""The resolved timeline every renderer reads: events in order, each with its status.

Which status an event has on a day, and why, is decided in `sinotime.statuses` (the ten flags,
slips, fits, the horizon of open-ended targets). This module resolves every event for an as-of
date into an `Entry`, with `primary_link` (the article an event links to); `sinotime.words`
says it, once for every output. None of the words name the as-of day, so an event's words
change only when its status does; `status_changes` gives the days they changed (calendars and
feeds date their revisions by it).

The API other modules build on: `build_timeline(data, as_of=...)` gives a `Timeline` of
`Entry`s; `as_known_on(event, day, sources)` is an event as known on a day (plans announced,
news dated and outcomes known by then); `first_target`, `current_target`, `current_plan`,
`newest_evidence` and `news_after` read an event's plans and news.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from sinotime.dates import FuzzyDate, day_after
from sinotime.models import Event, EventsFile, News, Outcome, OutcomeStatus, Plan, Report, Series, Source
from sinotime.statuses import (
    HORIZON,
    Fit,
    Flag,
    Slip,
    after_horizon,
    current_plan,
    current_target,
    first_target,
    fit,
    flag_of,
    last_slip_of,
    newest_evidence,
    news_after,
    past_due_since,
    slip_between,
    slip_of,
)
from sinotime.words import date_words, status_note, status_words

__all__ = [
    "HORIZON",
    "Entry",
    "Fit",
    "Flag",
    "Knowable",
    "Slip",
    "Timeline",
    "as_known_on",
    "build_timeline",
    "current_plan",
    "current_target",
    "first_target",
    "newest_evidence",
    "news_after",
    "primary_link",
    "slip_between",
    "status_changes",
]

Day = date  # `Entry.date` is a field; this names the type inside classes that have one


def when(event: Event) -> FuzzyDate | None:
    """The event's date: when it happened, else its latest target; None when unscheduled."""
    if event.outcome is not None and event.outcome.date is not None:
        return event.outcome.date
    return current_target(event)


def sort_day(event: Event) -> date:
    """The earliest day of the event's date; an unscheduled plan sorts at its announcement."""
    date_ = when(event)
    if date_ is not None:
        return date_.earliest
    plan: Plan = event.plans[-1]
    return plan.announced.earliest


def primary_link(event: Event, sources: Mapping[str, Source]) -> str | None:
    """The address the event links to in every output: the first source with an address among
    the outcome's source when there is an outcome, the current plan's (the latest plan with a
    target, else the latest plan), then every other source the event names, citations first;
    None when none has one."""
    for source_id in _source_order(event):
        url = sources[source_id].url
        if url is not None:
            return url
    return None


def _source_order(event: Event) -> list[str]:
    ids = []
    if event.outcome is not None:
        ids.append(event.outcome.source)
    plan = current_plan(event) or (event.plans[-1] if event.plans else None)
    if plan is not None:
        ids.append(plan.source)
    return list(dict.fromkeys(ids + event.source_ids()))  # source_ids() starts with the citations


@dataclass(frozen=True, slots=True)
class Entry:
    """One event on the timeline, resolved for a given as-of date."""

    event: Event
    flag: Flag
    date: FuzzyDate | None
    slip: Slip | None  # how late, against the first target
    series: Series | None
    fit: Fit | None = None  # how the outcome sits against the first target
    overdue_since: Day | None = None  # the day after the plan's last possible day, when past due
    first_target: FuzzyDate | None = None  # the slip's baseline
    last_slip: Slip | None = None  # how late against the last target, when it differs from the first
    no_news_since: FuzzyDate | None = None  # the newest source on a past-due plan
    note: str | None = None  # why it is unverified or overdue, which part happened (`status_note`)

    @property
    def ahead(self) -> bool:
        """Whether it happened wholly before the first target could begin."""
        return self.fit is Fit.AHEAD


@dataclass(frozen=True, slots=True)
class Timeline:
    """Everything a renderer needs: the calendar's facts, the sources, and the entries in order."""

    data: EventsFile
    as_of: date
    entries: Sequence[Entry]
    sources: dict[str, Source]
    series: dict[str, Series]
    # each series' entries in timeline order, found in one pass (asking every series for its
    # entries by scanning all of them took time in proportion to series x events)
    _by_series: dict[str, tuple[Entry, ...]] = field(init=False, repr=False, compare=False)
    _changes: dict[str, tuple[date, ...]] = field(init=False, repr=False, compare=False, default_factory=dict)
    # its ledger (`ledger.ledger_of`), once made: the feeds and the page's first screen read it
    ledger_kept: list[object] = field(init=False, repr=False, compare=False, default_factory=list)

    def __post_init__(self) -> None:
        by_series: dict[str, list[Entry]] = {}
        for entry in self.entries:
            if entry.event.series is not None:
                by_series.setdefault(entry.event.series, []).append(entry)
        object.__setattr__(self, "_by_series", {key: tuple(value) for key, value in by_series.items()})

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def series_entries(self, series_id: str) -> list[Entry]:
        return list(self._by_series.get(series_id, ()))

    def changes(self, entry: Entry) -> tuple[date, ...]:
        """The days its words changed, up to the as-of date (`status_changes`), worked out once
        (for every event at once by its ledger, `ledger.ledger_of`, when that was made first)."""
        key = entry.event.id
        if key not in self._changes:
            self._changes[key] = status_changes(entry.event, self.as_of, self.sources)
        return self._changes[key]

    def keep_changes(self, changes: Mapping[str, tuple[date, ...]]) -> None:
        """Keep each event's `status_changes`, by its id (worked out with the same data and as-of day)."""
        self._changes.update(changes)

    def modified(self, entry: Entry) -> date:
        """When the event last changed for a reader: its record (`changed`) or its words."""
        return max((entry.event.changed, *self.changes(entry)))

    def revision(self, entry: Entry) -> int:
        """How many times its words have changed since it was first known (a SEQUENCE)."""
        return len(self.changes(entry))


def known_from(outcome: Outcome, sources: Mapping[str, Source]) -> date:
    """The first day an outcome can have been known.

    What happened is known from the first day it may have begun. A cancellation or a
    postponement is known from the first day its source may have been published: its date, if
    any, is the date the event would have had, not the day it was called off.
    """
    if outcome.status is OutcomeStatus.HAPPENED and outcome.date is not None:
        return outcome.date.earliest
    return sources[outcome.source].published.earliest


def said_from(said: Plan | News, sources: Mapping[str, Source]) -> date:
    """The first day a plan or a piece of news can have been known: it was said, and the
    source that reports it was out (a target recorded from a later article is known only from
    that article, however early it was first announced)."""
    when_said = said.announced if isinstance(said, Plan) else said.date
    return max(when_said.earliest, sources[said.source].published.earliest)


def as_known_on(event: Event, as_of: date, sources: Mapping[str, Source]) -> Event | None:
    """The event as it stood on `as_of`: plans and news said and published by then (`said_from`),
    an outcome known by then (`known_from`).

    A report as of a past day thus shows what was overdue on that day, not what we know now.
    None when nothing of the event was known yet, or only that a plan no one had yet heard of
    was cancelled or postponed (a source dated before the plan's: an undated outcome with no
    plan has no day to stand on).
    """
    return Knowable.of(event, sources).on(as_of)


@dataclass(frozen=True, slots=True)
class Knowable:
    """An event with the first day each of its parts can have been known (`said_from`,
    `known_from`), worked out once for all the days it is looked at (`on`), and what it was
    as known on those days, each resolved once (`entry`): the ledger and `status_changes`
    walk the same event's days with one of these (`ledger.build_ledger`)."""

    event: Event
    plans: tuple[date, ...]
    news: tuple[date, ...]
    outcome: date | None
    sources: Mapping[str, Source]
    days: tuple[date, ...]  # each of those days once, in order: what is known changes only on them
    # What `on` gave, by how many of `days` had come: the same for every day until the next.
    known: dict[int, Event | None] = field(default_factory=dict, compare=False, repr=False)
    # Each partial event made (`told`), by the very parts it holds; what is known only grows
    # with the day or the story, so the same parts come again and again.
    made: dict[tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...] | None], Event] = field(
        default_factory=dict, compare=False, repr=False
    )
    # Each status resolved (`entry`), by the event it is of (one of `made`, or `event`), its
    # flag and the day it fell past due: all that `resolve` reads of the day.
    entries: dict[tuple[int, Flag, date | None], Entry] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def of(cls, event: Event, sources: Mapping[str, Source]) -> Knowable:
        plans = tuple(said_from(plan, sources) for plan in event.plans)
        news = tuple(said_from(item, sources) for item in event.news)
        outcome = None if event.outcome is None else known_from(event.outcome, sources)
        days = sorted({*plans, *news, *(() if outcome is None else (outcome,))})
        return cls(event, plans, news, outcome, sources, tuple(days))

    def on(self, as_of: date) -> Event | None:
        """The event as it stood on `as_of` (`as_known_on`); None when nothing of it was known."""
        come = bisect.bisect_right(self.days, as_of)
        if come not in self.known:
            self.known[come] = self._on(as_of)
        return self.known[come]

    def _on(self, as_of: date) -> Event | None:
        event = self.event
        plans = tuple(plan for plan, day in zip(event.plans, self.plans, strict=True) if day <= as_of)
        news = tuple(item for item, day in zip(event.news, self.news, strict=True) if day <= as_of)
        outcome = event.outcome
        if self.outcome is not None and self.outcome > as_of:
            outcome = None
        if not plans and (outcome is None or outcome.date is None):
            return None  # nothing known yet, or only the calling off of a plan not yet heard of
        if plans == event.plans and news == event.news and outcome is event.outcome:
            return event
        return self.told(plans, news, outcome, () if outcome is None else outcome.other_reports)

    def told(
        self,
        plans: tuple[Plan, ...],
        news: tuple[News, ...],
        outcome: Outcome | None,
        reports: tuple[Report, ...],
    ) -> Event:
        """The event holding only these plans and news, and `outcome` (one of the event's own,
        or None) with only these of its other reports: made once for the same parts."""
        key = (
            tuple(map(id, plans)),
            tuple(map(id, news)),
            None if outcome is None else tuple(map(id, reports)),
        )
        known = self.made.get(key)
        if known is None:
            if outcome is not None and len(reports) < len(outcome.other_reports):
                outcome = outcome.model_copy(update={"other_reports": reports})
            known = self.made[key] = self.event.model_copy(
                update={"plans": plans, "news": news, "outcome": outcome}
            )
        return known

    def entry(self, known: Event, flag: Flag, overdue_since: date | None) -> Entry:
        """`_resolved` of the event as known (`event` or one `told` made), resolved once."""
        key = (id(known), flag, overdue_since)
        found = self.entries.get(key)
        if found is None:
            found = self.entries[key] = _resolved(known, flag, overdue_since, self.sources, None)
        return found

    def resolve(self, known: Event, day: date) -> Entry:
        """`resolve(known, day, sources, None)`, resolved once for the same event, flag and day past due."""
        return self.entry(known, flag_of(known, day), past_due_since(known, day))


def resolve(event: Event, as_of: date, sources: Mapping[str, Source], series: Series | None) -> Entry:
    """One event (as known on `as_of`) with its status on that day."""
    return _resolved(event, flag_of(event, as_of), past_due_since(event, as_of), sources, series)


def _resolved(
    event: Event, flag: Flag, overdue_since: date | None, sources: Mapping[str, Source], series: Series | None
) -> Entry:
    """`resolve`, given what of it depends on the day: its flag and the day it fell past due."""
    return Entry(
        event=event,
        flag=flag,
        date=when(event),
        slip=slip_of(event),
        series=series,
        fit=fit(event),
        overdue_since=overdue_since,
        first_target=first_target(event),
        last_slip=last_slip_of(event),
        no_news_since=newest_evidence(event) if flag is Flag.UNVERIFIED else None,
        note=status_note(event, flag, sources),
    )


def build_timeline(data: EventsFile, *, as_of: date) -> Timeline:
    """Resolve every event as it was known on `as_of`; sort by date's earliest day, then id."""
    series = {s.id: s for s in data.series}
    sources = {s.id: s for s in data.sources}
    known = [e for e in (as_known_on(event, as_of, sources) for event in data.events) if e is not None]
    ordered = sorted(known, key=lambda e: (sort_day(e), e.id))
    entries = [
        resolve(event, as_of, sources, series.get(event.series) if event.series else None)
        for event in ordered
    ]
    return Timeline(data=data, as_of=as_of, entries=tuple(entries), sources=sources, series=series)


def _days_something_may_change(knowable: Knowable) -> set[date]:
    """Every day on which an event's status or words may change: a plan or news known, a target's
    last day passed, news dated, an outcome known, an open-ended target's horizon passed."""
    event = knowable.event
    days = {*knowable.plans, *knowable.news}
    days |= {day_after(plan.target.latest) for plan in event.plans if plan.target and plan.target.latest}
    if knowable.outcome is not None:
        days.add(knowable.outcome)
    if any(plan.target is not None and plan.target.is_open for plan in event.plans):
        evidence = [plan.announced for plan in event.plans] + [news.date for news in event.news]
        days |= {day_after(after_horizon(d.latest or d.earliest)) for d in evidence}
    return days


def status_changes(
    event: Event, as_of: date, sources: Mapping[str, Source], knowable: Knowable | None = None
) -> tuple[date, ...]:
    """The days, up to `as_of`, on which what the outputs say of the event changed (its status,
    date or note), after the day it was first known; derived from the data alone.

    The last is when its words last changed; their number counts its revisions (a calendar's
    SEQUENCE). They never depend on the day a build runs, only on the data and `as_of`.
    `knowable`: the event's, when a caller walks its days for more than this.
    """
    changes: list[date] = []
    before: tuple[object, ...] | None = None
    seen: tuple[Event, Flag, date | None] | None = None
    knowable = knowable or Knowable.of(event, sources)
    for day in sorted(d for d in _days_something_may_change(knowable) if d <= as_of):
        known = knowable.on(day)
        if known is None:
            continue
        flag, overdue_since = flag_of(known, day), past_due_since(known, day)
        if seen is not None and seen[0] is known and seen[1:] == (flag, overdue_since):
            continue  # the same event known, the same flag and overdue day: the same words
        seen = (known, flag, overdue_since)
        entry = knowable.entry(known, flag, overdue_since)
        state = (status_words(entry), date_words(entry), entry.note)
        if before is not None and state != before:
            changes.append(day)
        before = state
    return tuple(changes)
