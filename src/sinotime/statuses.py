"""Where a plan stands on a given day (the as-of date): the ten flags and the facts behind them.

- completed: it happened, with no plan, or not after the first announced target's last day;
- completed-late: it happened after the first announced target's last possible day;
- completed-partly: part of it happened (the outcome's `scope` says which part);
- upcoming: planned, and still due: the current target's last possible day is on or after the
  as-of date;
- slipping: upcoming, and the current target ends later than the first one did;
- overdue: that day has passed, and a news item dated after it says it had not happened;
- unverified: that day has passed, and nothing dated after it says either way ("no news
  since" the newest source on the plan: a plan's announcement or a news item);
- unscheduled: planned with no target date;
- cancelled, postponed: as the outcome says.

An open-ended target ("in the near future", `[2023-04-13..]`) has no last day of its own: it
stays due for `HORIZON` after the newest source on the plan, then is unverified (never
overdue: nothing promised a day by which it would happen). docs/curation.md gives the reasons.

Fuzzy dates compare by their bounds: a target of "2018" is past due only from 2019-01-01. An
outcome is "on target" only when the day it began certainly lies within the target's bounds,
"ahead" when it certainly lies before them; when its date is too coarse to tell (a fair planned
for 18-22 August, known only to have been held in 2010), the fit is "unclear".

The words for all of this are made in `sinotime.words`; nothing here is worded.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from sinotime.dates import FuzzyDate, Precision, day_after
from sinotime.models import Event, News, OutcomeStatus, Plan

# How long an open-ended target stays due after the newest source on its plan (docs/curation.md):
# six months, over four times the 41 days in which article 004's "in the near future" came true.
HORIZON = relativedelta(months=6)


class Flag(StrEnum):
    COMPLETED = "completed"
    COMPLETED_LATE = "completed-late"
    COMPLETED_PARTLY = "completed-partly"
    UPCOMING = "upcoming"
    SLIPPING = "slipping"
    OVERDUE = "overdue"
    UNVERIFIED = "unverified"
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
        """Still a plan: nothing is known to have happened yet."""
        return self in PLAN_FLAGS

    @property
    def is_called_off(self) -> bool:
        """Cancelled or postponed: no longer due by its date, which it "was due"."""
        return self in (Flag.CANCELLED, Flag.POSTPONED)

    @property
    def is_past_due(self) -> bool:
        """A plan whose last possible day has passed: overdue or unverified."""
        return self in (Flag.OVERDUE, Flag.UNVERIFIED)


PLAN_FLAGS = frozenset(
    (Flag.UPCOMING, Flag.SLIPPING, Flag.OVERDUE, Flag.UNVERIFIED, Flag.UNSCHEDULED, Flag.POSTPONED)
)

FLAG_LABELS = {
    Flag.COMPLETED: "Completed",
    Flag.COMPLETED_LATE: "Completed late",
    Flag.COMPLETED_PARTLY: "Completed in part",
    Flag.UPCOMING: "Planned",
    Flag.SLIPPING: "Planned, moved",
    Flag.OVERDUE: "Overdue",
    Flag.UNVERIFIED: "Past due, no news",
    Flag.UNSCHEDULED: "Planned, no date",
    Flag.CANCELLED: "Cancelled",
    Flag.POSTPONED: "Postponed",
}


class Fit(StrEnum):
    """How an outcome's date sits against a target's bounds."""

    AHEAD = "ahead"  # wholly before the target could begin
    ON_TARGET = "on-target"  # wholly within the target's bounds
    LATE = "late"  # began after the target's last possible day
    UNCLEAR = "unclear"  # the dates overlap, but neither lies within the other: cannot tell


@dataclass(frozen=True, slots=True)
class Slip:
    """A length of time: how late an outcome came, or how long a plan has been past due."""

    days: int
    years: int
    months: int

    def length(self) -> str:
        """'3 y 11 m', '5 m', '12 d'."""
        if self.years or self.months:
            parts = [f"{self.years} y"] if self.years else []
            if self.months:
                parts.append(f"{self.months} m")
            return " ".join(parts)
        return f"{self.days} d"

    def words(self) -> str:
        """'+3 y 11 m', '+5 m', '+12 d'."""
        return "+" + self.length()


HALF_A_MONTH = 15  # days left over after whole months that count as one more month


@functools.lru_cache(maxsize=1 << 14)  # every status asks it, of the same few days
def slip_between(promised_by: date, happened_on: date) -> Slip | None:
    """The time from the latest promised day to the earliest day it happened; None if on time.

    Under a month it is said in days; from a month on, in years and months rounded to the
    nearest month (15 days or more over whole months count as one more), so that 30 June to
    29 September (91 days) is "3 m", not "2 m"; `days` keeps the exact count.
    """
    if happened_on <= promised_by:
        return None
    delta = relativedelta(happened_on, promised_by)
    days = (happened_on - promised_by).days
    if not delta.years and not delta.months:
        return Slip(days=days, years=0, months=0)
    months = 12 * delta.years + delta.months + (1 if delta.days >= HALF_A_MONTH else 0)
    return Slip(days=days, years=months // 12, months=months % 12)


def first_target(event: Event) -> FuzzyDate | None:
    """The first announced target with a date: what an outcome is first measured against."""
    for plan in event.plans:  # a loop, not next(...): every status asks this several times
        if plan.target is not None:
            return plan.target
    return None


def current_plan(event: Event) -> Plan | None:
    """The latest announced plan with a target date (its wording names the current target)."""
    for plan in reversed(event.plans):
        if plan.target is not None:
            return plan
    return None


def current_target(event: Event) -> FuzzyDate | None:
    """The latest announced target with a date: what the plan stands at now."""
    plan = current_plan(event)
    return None if plan is None else plan.target


def newest_evidence(event: Event) -> FuzzyDate | None:
    """The date of the newest source on the plan: a plan's announcement or a news item."""
    dates = [plan.announced for plan in event.plans] + [news.date for news in event.news]
    return max(dates, key=lambda d: (d.latest or d.earliest, d.earliest), default=None)


def due_until(event: Event) -> date | None:
    """The last day the current target can still be met; None when the plan has no date.

    The target's last possible day, or for an open-ended target the newest source's last
    possible day plus `HORIZON`.
    """
    target = current_target(event)
    if target is None:
        return None
    if target.latest is not None:
        return target.latest
    newest = newest_evidence(event)
    assert newest is not None  # a plan with a target is itself evidence
    return after_horizon(newest.latest or newest.earliest)


@functools.lru_cache(maxsize=1 << 12)  # relativedelta's sum is slow, and the days repeat
def after_horizon(day: date) -> date:
    """`day` + `HORIZON`: the last day an open-ended target stays due after its newest source."""
    result: date = day + HORIZON
    return result


def news_after(event: Event, day: date) -> News | None:
    """The newest news item certainly dated after `day`: evidence it had not happened by then."""
    later = [news for news in event.news if news.date.earliest > day]
    return later[-1] if later else None


def is_moved(event: Event) -> bool:
    """Whether the current target ends later than the first one did."""
    first, current = first_target(event), current_target(event)
    if first is None or current is None or first.latest is None:
        return False
    return current.latest is None or current.latest > first.latest


def flag_of(event: Event, as_of: date) -> Flag:
    """The event's flag on `as_of` (the event as known that day: `timeline.as_known_on`)."""
    outcome = event.outcome
    if outcome is not None:
        if outcome.status is OutcomeStatus.CANCELLED:
            return Flag.CANCELLED
        if outcome.status is OutcomeStatus.POSTPONED:
            return Flag.POSTPONED
        if outcome.scope is not None:
            return Flag.COMPLETED_PARTLY
        return Flag.COMPLETED_LATE if slip_of(event) else Flag.COMPLETED
    due = due_until(event)
    if due is None:
        return Flag.UNSCHEDULED
    if due >= as_of:
        return Flag.SLIPPING if is_moved(event) else Flag.UPCOMING
    target = current_target(event)
    if target is not None and target.latest is not None and news_after(event, target.latest):
        return Flag.OVERDUE
    return Flag.UNVERIFIED


def past_due_since(event: Event, as_of: date) -> date | None:
    """The first day after the plan's last possible day, when that is on or before `as_of` and
    no outcome is recorded; else None."""
    due = due_until(event)
    if event.outcome is not None or due is None or due >= as_of:
        return None
    return day_after(due)


def start_bounds(value: FuzzyDate) -> tuple[date, date | None]:
    """The bounds of the day something began: a span's first point, else the whole date."""
    if value.precision is Precision.SPAN:
        return value.first.earliest, value.first.latest
    return value.earliest, value.latest


def fit_of(happened: FuzzyDate, target: FuzzyDate) -> Fit:
    """How the day something began sits against a target's bounds."""
    began_earliest, began_latest = start_bounds(happened)
    if target.latest is not None and began_earliest > target.latest:
        return Fit.LATE
    if began_latest is not None and began_latest < target.earliest:
        return Fit.AHEAD
    within_end = target.latest is None or (began_latest is not None and began_latest <= target.latest)
    if began_earliest >= target.earliest and within_end:
        return Fit.ON_TARGET
    return Fit.UNCLEAR


def _happened_on(event: Event) -> FuzzyDate | None:
    outcome = event.outcome
    if outcome is None or outcome.status is not OutcomeStatus.HAPPENED:
        return None
    return outcome.date


def fit(event: Event) -> Fit | None:
    """How the outcome sits against the first target; None without both."""
    happened, target = _happened_on(event), first_target(event)
    return None if happened is None or target is None else fit_of(happened, target)


def slip_against(event: Event, target: FuzzyDate | None) -> Slip | None:
    """How late the outcome came against `target`; None if on time, not happened or no target."""
    happened = _happened_on(event)
    if happened is None or target is None or target.latest is None:
        return None
    return slip_between(target.latest, happened.earliest)


def slip_of(event: Event) -> Slip | None:
    """How late the outcome came against the first target (the slip's baseline)."""
    return slip_against(event, first_target(event))


def last_slip_of(event: Event) -> Slip | None:
    """How late the outcome came against the last target, when that differs from the first."""
    first, last = first_target(event), current_target(event)
    if last is None or first is None or last.text == first.text:
        return None
    return slip_against(event, last)
