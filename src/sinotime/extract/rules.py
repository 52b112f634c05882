"""The resolution rules of docs/curation.md, one function per rule, shared by every language.

Each returns a Resolver: given one publication day D and the sentence's kind (plan, outcome
or None), the EDTF text of the date. A year is given as a YearSpec: an explicit year, an
offset from D's year ("this year" 0, "last year" -1), or None when the phrase names no year
and the kind decides (calendar.month_year).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sinotime.dates import parse_date
from sinotime.extract import calendar as cal
from sinotime.extract.model import Kind, Resolver


@dataclass(frozen=True, slots=True)
class YearSpec:
    year: int | None = None  # an explicit year
    offset: int | None = None  # relative to D's year

    def resolve(self, day: date) -> int | None:
        if self.year is not None:
            return self.year
        if self.offset is not None:
            return day.year + self.offset
        return None


NO_YEAR = YearSpec()
RELATIVE_YEARS = {"this": 0, "current": 0, "next": 1, "last": -1, "previous": -1}


def fixed(text: str) -> Resolver:
    """An explicit date: the same whatever D is."""
    return lambda _day, _kind: text


def day(month: int, number: int, year: YearSpec) -> Resolver:
    date(2000, month, number)  # raises ValueError for a day no year has

    def resolve(d: date, kind: Kind | None) -> str:
        found = year.resolve(d) or cal.day_of_month_year(month, number, d, kind)
        return cal.day_text(date(found, month, number))

    return resolve


def day_span(first: tuple[int, int], last: tuple[int, int], year: YearSpec) -> Resolver:
    """From (month, day) to (month, day): "from June 30 to July 4", "с 30 июня по 4 июля"."""

    def resolve(d: date, kind: Kind | None) -> str:
        found = year.resolve(d) or cal.day_of_month_year(*first, d, kind)
        last_year = found + (1 if last < first else 0)
        return f"{date(found, *first)}/{date(last_year, *last)}"

    return resolve


def month(number: int, year: YearSpec) -> Resolver:
    def resolve(d: date, kind: Kind | None) -> str:
        return cal.month_text(year.resolve(d) or cal.month_year(number, d, kind), number)

    return resolve


def month_span(first: int, last: int, year: YearSpec) -> Resolver:
    """From one month to another ("from June to August"): a span of months."""

    def resolve(d: date, kind: Kind | None) -> str:
        found = year.resolve(d) or cal.month_year(first, d, kind)
        return f"{cal.month_text(found, first)}/{cal.month_text(found + (last < first), last)}"

    return resolve


def part_of_month(number: int, part: str, year: YearSpec) -> Resolver:
    """The beginning (1-10), middle (11-20) or end (21-last) of a month."""

    def resolve(d: date, kind: Kind | None) -> str:
        return cal.part_of_month(year.resolve(d) or cal.month_year(number, d, kind), number, part)

    return resolve


def deadline_month(number: int, year: YearSpec) -> Resolver:
    """A deadline, "by the end of May": the whole month it closes, the first one not over on D."""

    def resolve(d: date, _kind: Kind | None) -> str:
        return cal.month_text(year.resolve(d) or cal.month_year(number, d, Kind.PLAN), number)

    return resolve


def sub_year(code: int, year: YearSpec, *, deadline: bool = False) -> Resolver:
    """A season, quarter or half; a deadline ("by the end of spring") is the whole season."""

    def resolve(d: date, kind: Kind | None) -> str:
        found = year.resolve(d) or cal.season_year(code, d, Kind.PLAN if deadline else kind)
        return cal.group_text(found, code)

    return resolve


def next_season(code: int) -> Resolver:
    """ "Next summer": during a summer, the one after it; said before this year's summer began,
    that one or the next (people mean either), so the window of both; else next year's."""

    def resolve(d: date, _kind: Kind | None) -> str:
        seasons = [parse_date(cal.group_text(year, code)) for year in range(d.year - 1, d.year + 3)]
        ahead = [season for season in seasons if season.earliest > d]
        upcoming, after = ahead[0], ahead[1]
        in_one = any(s.earliest <= d and s.latest is not None and d <= s.latest for s in seasons)
        if not in_one and upcoming.earliest.year == d.year:
            return cal.window_text(upcoming.earliest, after.latest)
        return upcoming.text

    return resolve


def last_season(code: int) -> Resolver:
    """ "Last summer": the newest such season over before D."""

    def resolve(d: date, _kind: Kind | None) -> str:
        for year in (d.year, d.year - 1):  # a winter said in January is not over yet: the one before
            season = parse_date(cal.group_text(year, code))
            if season.latest is not None and season.latest < d:
                return season.text
        return cal.group_text(d.year - 2, code)

    return resolve


def year_of_d(offset: int) -> Resolver:
    """The year of "this year" (0), "last year" (-1), "next year" (1)."""
    return lambda d, _kind: str(d.year + offset)


def end_of_year(d: date, _kind: Kind | None) -> str:
    """The end of the year ("年底"): its fourth quarter, not a month we would be guessing."""
    return cal.group_text(d.year, 36)


def later_this_year(d: date, _kind: Kind | None) -> str:
    return cal.window_text(d, date(d.year, 12, 31))


def recently(d: date, _kind: Kind | None) -> str:
    """[YEAR-01-01..D]: the word fixes only the upper bound; the lower one is a convention."""
    return cal.window_text(date(d.year, 1, 1), d)


def near_future(d: date, _kind: Kind | None) -> str:
    return cal.window_text(d, None)


def last_week(d: date, _kind: Kind | None) -> str:
    return cal.week_before(d)


def last_weekday(weekday: int) -> Resolver:
    return lambda d, _kind: cal.day_text(cal.weekday_before(weekday, d))


def month_offset(offset: int) -> Resolver:
    def resolve(d: date, _kind: Kind | None) -> str:
        moved = cal.add_months(d.replace(day=1), offset)
        return cal.month_text(moved.year, moved.month)

    return resolve


def day_offset(offset: int) -> Resolver:
    """The day of "yesterday" (-1), "today" (0), "tomorrow" (1)."""
    return lambda d, _kind: cal.day_text(d + timedelta(days=offset))


def within(amount: int, unit: str) -> Resolver:
    """A window "within a month": from D to the same day a month later."""

    def resolve(d: date, _kind: Kind | None) -> str:
        if unit in ("day", "week"):
            return cal.window_text(d, d + timedelta(days=amount * (7 if unit == "week" else 1)))
        return cal.window_text(d, cal.add_months(d, amount * (12 if unit == "year" else 1)))

    return resolve


def recent_or_near(d: date, kind: Kind | None) -> str:
    """A word for "lately" or "shortly" alike (近期): the near future in a plan, else recently."""
    return near_future(d, kind) if kind is Kind.PLAN else recently(d, kind)
