"""Calendar arithmetic for the resolution rules, and the EDTF text of what they give.

Every function is pure. "Which June?" is answered by the sentence's kind: a plan means the
first such month that has not ended on the publication day, an outcome the last one that has
begun by then, and a sentence that says neither the nearer of the two.
"""

from __future__ import annotations

import calendar as stdlib_calendar
from datetime import date, timedelta

from sinotime.dates import SUB_YEAR_GROUPS, parse_date
from sinotime.extract.model import Kind

SEASON_CODES = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}


def last_day(year: int, month: int) -> date:
    return date(year, month, stdlib_calendar.monthrange(year, month)[1])


def day_text(day: date) -> str:
    return day.isoformat()


def month_text(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def window_text(first: date, last: date | None) -> str:
    """`[first..last]`, or the open window `[first..]` when last is None."""
    return f"[{first.isoformat()}..{last.isoformat() if last else ''}]"


def part_of_month(year: int, month: int, part: str) -> str:
    """The thirds of a month: beginning 1-10, middle 11-20, end 21 to the last day."""
    first, last = {"beginning": (1, 10), "middle": (11, 20)}.get(part, (21, last_day(year, month).day))
    return window_text(date(year, month, first), date(year, month, last))


def group_text(year: int, code: int) -> str:
    """A season (21-24), a quarter (33-36) or a half (40-41) of a year."""
    assert code in SUB_YEAR_GROUPS
    return f"{year:04d}-{code}"


def month_year(month: int, day: date, kind: Kind | None) -> int:
    """The year of the month named without one, said on `day`."""
    if month == day.month:
        return day.year
    ahead = day.year if month > day.month else day.year + 1
    behind = day.year if month < day.month else day.year - 1
    if kind is Kind.PLAN:
        return ahead
    if kind is Kind.OUTCOME:
        return behind
    return ahead if (month - day.month) % 12 < (day.month - month) % 12 else behind


def day_of_month_year(month: int, number: int, day: date, kind: Kind | None) -> int:
    """The year of a day named without one ("on Feb 26"), said on `day`."""
    if (month, number) == (day.month, day.day):
        return day.year
    later = (month, number) > (day.month, day.day)
    ahead = day.year if later else day.year + 1
    behind = day.year - 1 if later else day.year
    if kind is Kind.PLAN:
        return ahead
    if kind is Kind.OUTCOME:
        return behind
    forward = _safe_day(ahead, month, number) - day
    backward = day - _safe_day(behind, month, number)
    return ahead if forward < backward else behind


def season_year(code: int, day: date, kind: Kind | None) -> int:
    """The year of a season named without one; winter is counted from its December."""
    first_month = SUB_YEAR_GROUPS[code][2]
    last = parse_date(group_text(day.year, code)).latest
    assert last is not None
    if kind is Kind.PLAN and last < day:
        return day.year + 1
    if kind is Kind.OUTCOME and date(day.year, min(first_month, 12), 1) > day:
        return day.year - 1
    return day.year


def weekday_before(weekday: int, day: date) -> date:
    """The last such weekday (Monday 0) strictly before `day`."""
    back = (day.weekday() - weekday - 1) % 7 + 1
    return day - timedelta(days=back)


def week_before(day: date) -> str:
    """Monday to Sunday of the week before the one `day` is in."""
    monday = day - timedelta(days=day.weekday() + 7)
    return window_text(monday, monday + timedelta(days=6))


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return min(_safe_day(year, month + 1, day.day), last_day(year, month + 1))


def _safe_day(year: int, month: int, number: int) -> date:
    return date(year, month, min(number, stdlib_calendar.monthrange(year, month)[1]))


def widen(first: str, last: str) -> str:
    """One date for a phrase resolved against both ends of a publication window.

    Every rule gives a later (or equal) date for a later publication day, so the date
    against the earliest day and the one against the latest bound everything in between.
    """
    if first == last:
        return first
    early, late = parse_date(first), parse_date(last)
    latest = None if early.is_open or late.is_open else late.latest
    return window_text(early.earliest, latest)
