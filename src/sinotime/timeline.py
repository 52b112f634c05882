"""The resolved timeline every renderer reads: events in order, each with its flag and slip.

A flag says where a plan stands on a given day (the as-of date):

- completed: it happened, with no plan or within its first announced target;
- completed-late: it happened after the latest possible day of its first announced target;
- upcoming: planned, and the latest target's latest possible day is on or after the as-of date;
- overdue: planned, that day is before the as-of date, and no outcome is recorded;
- unscheduled: planned with no target date;
- cancelled, postponed: as the outcome says.

Fuzzy dates compare by their bounds: a target of "2018" is overdue only from 2019-01-01.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from sinotime.dates import FuzzyDate
from sinotime.models import Event, EventsFile, OutcomeStatus, Plan, Series, Source


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
        return FLAG_LABELS[self]

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


@dataclass(frozen=True, slots=True)
class Entry:
    """One event on the timeline, resolved for a given as-of date."""

    event: Event
    flag: Flag
    date: FuzzyDate | None
    slip: Slip | None
    series: Series | None


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


def as_known_on(event: Event, as_of: date) -> Event | None:
    """The event as it stood on `as_of`: plans announced by then, an outcome that had begun.

    A report as of a past day thus shows what was overdue on that day, not what we know now.
    None when nothing of the event was known yet.
    """
    plans = tuple(plan for plan in event.plans if plan.announced.earliest <= as_of)
    outcome = event.outcome
    if outcome is not None and outcome.date is not None and outcome.date.earliest > as_of:
        outcome = None
    if not plans and (outcome is None or outcome.date is None):
        return None
    if plans == event.plans and outcome is event.outcome:
        return event
    return event.model_copy(update={"plans": plans, "outcome": outcome})


def build_timeline(data: EventsFile, *, as_of: date) -> Timeline:
    """Resolve every event as it was known on `as_of`; sort by date's earliest day, then id."""
    series = {s.id: s for s in data.series}
    known = [event for event in (as_known_on(e, as_of) for e in data.events) if event is not None]
    ordered = sorted(known, key=lambda e: (sort_day(e), e.id))
    entries = [
        Entry(
            event=event,
            flag=flag_of(event, as_of),
            date=when(event),
            slip=slip_of(event),
            series=series.get(event.series) if event.series else None,
        )
        for event in ordered
    ]
    return Timeline(
        data=data,
        as_of=as_of,
        entries=tuple(entries),
        sources={s.id: s for s in data.sources},
        series=series,
    )
