"""The resolved timeline every renderer reads: events in order, each with its flag and slip.

A flag says where a plan stands on a given day (the as-of date):

- completed: it happened, with no plan or within its first announced target;
- completed-late: it happened after the latest possible day of its first announced target;
- upcoming: planned, and the latest target's latest possible day is on or after the as-of date;
- overdue: planned, that day is before the as-of date, and no outcome is recorded;
- unscheduled: planned with no target date;
- cancelled, postponed: as the outcome says.

Fuzzy dates compare by their bounds: a target of "2018" is overdue only from 2019-01-01.

Every output words an event the same way, with the helpers here: `status_words` ("Completed
late, +3 y 10 m", "Overdue since 1 July 2014", "Completed, ahead of target"), `date_words`
("16 November 2022", "was due June 2024"), and `primary_link` (the article an event links to).
Renderers only choose capitalisation and markup.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Protocol

from dateutil.relativedelta import relativedelta

from sinotime.dates import FuzzyDate, day_after, day_words
from sinotime.models import Event, EventsFile, Outcome, OutcomeStatus, Plan, Series, Source

Day = date  # `Entry.date` is a field; this names the type inside classes that have one


class Flag(StrEnum):
    COMPLETED = "completed"
    COMPLETED_LATE = "completed-late"
    UPCOMING = "upcoming"
    OVERDUE = "overdue"
    UNSCHEDULED = "unscheduled"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"

    @property
    def label(self) -> str:
        """The status in words, as every output shows it: "Planned", "Completed late"."""
        return FLAG_LABELS[self]

    @property
    def choice_label(self) -> str:
        """The label with the flag's value where the words differ: "Planned (upcoming)".

        What a status filter offers, so that it maps plainly onto `report --flag VALUE`.
        """
        if self.label.casefold() == self.value.replace("-", " "):
            return self.label
        return f"{self.label} ({self.value})"

    @property
    def is_plan(self) -> bool:
        """Still a plan: nothing has happened yet."""
        return self in (Flag.UPCOMING, Flag.OVERDUE, Flag.UNSCHEDULED, Flag.POSTPONED)


FLAG_LABELS = {
    Flag.COMPLETED: "Completed",
    Flag.COMPLETED_LATE: "Completed late",
    Flag.UPCOMING: "Planned",
    Flag.OVERDUE: "Overdue",
    Flag.UNSCHEDULED: "Planned, no date",
    Flag.CANCELLED: "Cancelled",
    Flag.POSTPONED: "Postponed",
}


@dataclass(frozen=True, slots=True)
class Slip:
    """How late an outcome came against the first announced target."""

    days: int
    years: int
    months: int

    def words(self) -> str:
        """'+3 y 10 m', '+5 m', '+12 d'."""
        if self.years or self.months:
            parts = [f"{self.years} y"] if self.years else []
            if self.months:
                parts.append(f"{self.months} m")
            return "+" + " ".join(parts)
        return f"+{self.days} d"


def slip_between(promised_by: date, happened_on: date) -> Slip | None:
    """The slip from the latest promised day to the earliest day it happened; None if on time."""
    if happened_on <= promised_by:
        return None
    delta = relativedelta(happened_on, promised_by)
    return Slip(days=(happened_on - promised_by).days, years=delta.years, months=delta.months)


def flag_of(event: Event, as_of: date) -> Flag:
    outcome = event.outcome
    if outcome is not None:
        if outcome.status is OutcomeStatus.CANCELLED:
            return Flag.CANCELLED
        if outcome.status is OutcomeStatus.POSTPONED:
            return Flag.POSTPONED
        return Flag.COMPLETED_LATE if slip_of(event) else Flag.COMPLETED
    target = current_target(event)
    if target is None:
        return Flag.UNSCHEDULED
    latest = target.latest
    if latest is None or latest >= as_of:
        return Flag.UPCOMING
    return Flag.OVERDUE


def first_target(event: Event) -> FuzzyDate | None:
    """The first announced target with a date: what an outcome is measured against."""
    return next((plan.target for plan in event.plans if plan.target is not None), None)


def current_target(event: Event) -> FuzzyDate | None:
    """The latest announced target with a date: what the plan stands at now."""
    plan = current_plan(event)
    return None if plan is None else plan.target


def current_plan(event: Event) -> Plan | None:
    """The latest announced plan with a target date (its wording names the current target)."""
    return next((plan for plan in reversed(event.plans) if plan.target is not None), None)


def overdue_since(event: Event, as_of: date) -> date | None:
    """The day after the current target's latest day, when that day is before `as_of` and no
    outcome is recorded; else None."""
    target = current_target(event)
    if event.outcome is not None or target is None or target.latest is None or target.latest >= as_of:
        return None
    return day_after(target.latest)


def is_ahead(event: Event) -> bool:
    """Whether it happened wholly before the first target could begin."""
    outcome, target = event.outcome, first_target(event)
    if outcome is None or outcome.status is not OutcomeStatus.HAPPENED or outcome.date is None:
        return False
    happened_latest = outcome.date.latest
    return target is not None and happened_latest is not None and happened_latest < target.earliest


def slip_of(event: Event) -> Slip | None:
    """How late the outcome came against the first target; None if on time or not happened."""
    outcome = event.outcome
    target = first_target(event)
    if outcome is None or outcome.status is not OutcomeStatus.HAPPENED or outcome.date is None:
        return None
    if target is None or target.latest is None:
        return None
    return slip_between(target.latest, outcome.date.earliest)


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


def primary_source(event: Event) -> str:
    """The id of the source an event is best read in: the outcome's source when there is an
    outcome, else the current plan's (the latest plan with a target, else the latest plan),
    else the first citation."""
    return _source_order(event)[0]


def primary_link(event: Event, sources: Mapping[str, Source]) -> str | None:
    """The address the event links to in every output: the first source with an address, in
    the order of `primary_source`, then every other source the event names; None when none has
    one."""
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
    slip: Slip | None
    series: Series | None
    ahead: bool = False  # happened wholly before the first target could begin
    overdue_since: Day | None = None  # the day after the current target's latest day, when overdue


class Status(Protocol):
    """What the words of a status need; a timeline `Entry` and a report `Row` both have it."""

    @property
    def flag(self) -> Flag: ...
    @property
    def date(self) -> FuzzyDate | None: ...
    @property
    def slip(self) -> Slip | None: ...
    @property
    def ahead(self) -> bool: ...
    @property
    def overdue_since(self) -> Day | None: ...


def status_words(status: Status, *, short: bool = False) -> str:
    """The status in words, the same in the calendars, feeds, page and report.

    "Completed late, +3 y 10 m", "Completed, ahead of target", "Overdue since 1 July 2014",
    else the flag's label ("Planned", "Planned, no date", "Cancelled"...). Short months when short.
    """
    label = status.flag.label
    if status.flag is Flag.COMPLETED_LATE and status.slip is not None:
        return f"{label}, {status.slip.words()}"
    if status.flag is Flag.COMPLETED and status.ahead:
        return f"{label}, ahead of target"
    if status.flag is Flag.OVERDUE and status.overdue_since is not None:
        return f"{label} since {day_words(status.overdue_since, short=short)}"
    return label


def status_heading(entry: Entry, as_of: date) -> str:
    """ "Status on 23 November 2026" for a plan, whose status depends on the as-of day; "Status"
    once there is an outcome, so that its words do not change with every new as-of day."""
    return f"Status on {day_words(as_of)}" if entry.event.outcome is None else "Status"


def date_words(status: Status, *, short: bool = False) -> str | None:
    """The event's date in words, the same in every output; None for a plan with no date.

    "16 November 2022", "June 2027"; "due June 2014" when overdue; "was due June 2024" when
    cancelled or postponed (a cancelled outcome's date is the date it would have had).
    """
    if status.date is None:
        return None
    words = status.date.words(short=short)
    if status.flag in (Flag.CANCELLED, Flag.POSTPONED):
        return f"was due {words}"
    if status.flag is Flag.OVERDUE:
        return f"due {words}"
    return words


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


def known_from(outcome: Outcome, sources: Mapping[str, Source]) -> date:
    """The first day an outcome can have been known.

    What happened is known from the first day it may have begun. A cancellation or a
    postponement is known from the first day its source may have been published: its date, if
    any, is the date the event would have had, not the day it was called off.
    """
    if outcome.status is OutcomeStatus.HAPPENED and outcome.date is not None:
        return outcome.date.earliest
    return sources[outcome.source].published.earliest


def as_known_on(event: Event, as_of: date, sources: Mapping[str, Source]) -> Event | None:
    """The event as it stood on `as_of`: plans announced by then, an outcome known by then
    (`known_from`).

    A report as of a past day thus shows what was overdue on that day, not what we know now.
    None when nothing of the event was known yet.
    """
    plans = tuple(plan for plan in event.plans if plan.announced.earliest <= as_of)
    outcome = event.outcome
    if outcome is not None and known_from(outcome, sources) > as_of:
        outcome = None
    if not plans and outcome is None:
        return None
    if plans == event.plans and outcome is event.outcome:
        return event
    return event.model_copy(update={"plans": plans, "outcome": outcome})


def build_timeline(data: EventsFile, *, as_of: date) -> Timeline:
    """Resolve every event as it was known on `as_of`; sort by date's earliest day, then id."""
    series = {s.id: s for s in data.series}
    sources = {s.id: s for s in data.sources}
    known = [e for e in (as_known_on(event, as_of, sources) for event in data.events) if e is not None]
    ordered = sorted(known, key=lambda e: (sort_day(e), e.id))
    entries = [
        Entry(
            event=event,
            flag=flag_of(event, as_of),
            date=when(event),
            slip=slip_of(event),
            series=series.get(event.series) if event.series else None,
            ahead=is_ahead(event),
            overdue_since=overdue_since(event, as_of),
        )
        for event in ordered
    ]
    return Timeline(data=data, as_of=as_of, entries=tuple(entries), sources=sources, series=series)
