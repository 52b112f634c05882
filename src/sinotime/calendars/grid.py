"""Where an event sits in the calendar grid: the date-placement rule (see the package)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sinotime.dates import FuzzyDate, Point, Precision, day_after
from sinotime.models import OutcomeStatus
from sinotime.timeline import Entry

MAX_FUZZY_DAYS = 31  # a date known only to within this many days is shown across all of them


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an event sits in the calendar grid."""

    start: date | datetime  # a day for an all-day event, an aware datetime for a timed one
    end: date | datetime | None  # exclusive; None for a timed event with no known end
    exact: bool  # False when the grid shows more days than the event takes (a fuzzy date)
    deadline: bool = False  # a vague plan shown on the last day its target allows

    @property
    def first_day(self) -> date:
        return self.start.date() if isinstance(self.start, datetime) else self.start


def zone_days(where: Placement | None) -> list[tuple[str, date]]:
    """The zones a placement's times are in, with their days."""
    if where is None:
        return []
    return [
        (str(moment.tzinfo), moment.date())
        for moment in (where.start, where.end)
        if isinstance(moment, datetime) and moment.tzinfo is not None
    ]


def placement(when: FuzzyDate | None, zone: ZoneInfo) -> Placement | None:
    """Where a date goes in the grid, or None when it is too vague to put on any day."""
    if when is None or when.is_open:
        return None
    latest = when.latest
    assert latest is not None
    exact = not (when.approximate or when.uncertain)
    start_time = when.start_datetime()
    if start_time is not None and when.precision in (Precision.TIME, Precision.SPAN):
        start = start_time.replace(tzinfo=zone)
        end_time = when.end_datetime()
        end: datetime | None = None
        if end_time is not None:
            end = end_time.replace(tzinfo=zone)
        elif when.last is not None:
            end = datetime.combine(day_after(latest), time(0), zone)
        if end is not None and end <= start:
            end = None
        return Placement(start, end, exact)
    if when.precision is Precision.DAY or (
        when.precision is Precision.SPAN
        and _is_day(when.first)
        and when.last is not None
        and _is_day(when.last)
    ):
        return Placement(when.earliest, day_after(latest), exact)
    if when.precision in (Precision.MONTH, Precision.WINDOW, Precision.SPAN) and (
        (latest - when.earliest).days + 1 <= MAX_FUZZY_DAYS
    ):
        return Placement(when.earliest, day_after(latest), exact=False)
    return None


def grid_placement(entry: Entry, zone: ZoneInfo) -> Placement | None:
    """Where an event goes in the grid: its date's `placement`, else, for a plan (still open,
    postponed or cancelled) whose target is too vague for the grid but has a last possible day,
    a deadline on that day; else None (what happened known only to a year, an open date, a plan
    with no date). A cancelled plan stays where subscribers saw it, marked cancelled."""
    where = placement(entry.date, zone)
    outcome = entry.event.outcome
    happened = outcome is not None and outcome.status is OutcomeStatus.HAPPENED
    if where is not None or happened or entry.date is None:
        return where
    latest = entry.date.latest
    if latest is None:
        return None
    return Placement(latest, day_after(latest), exact=False, deadline=True)


def _is_day(point: Point) -> bool:
    return point.precision in (Precision.DAY, Precision.TIME)
