"""Dates exactly as precise as their source, written in a subset of EDTF (ISO 8601-2).

A `FuzzyDate` knows its earliest and latest possible day, so that a plan can be compared
with an outcome honestly: a target of "2018" is missed only from 2019-01-01.

The notation (see docs/file-format.md):

    2019-06-15              a day               2019-06-15T10:00:00 a day and a time
    2014-06                 a month             2018               a year
    2026-22                 summer 2026         2022-36            Q4 2022     2022-41  H2 2022
    2019-06-15/2019-06-19   a span: lasts from the first through the last
    [2023-05-21..2023-05-31]  a window: one day, not known which, within it
    [2023-05-01..]          open: one day on or after it
    2018~  2018?  2018%     approximate, uncertain, both

We parse this subset ourselves rather than with the `edtf` package: its bounds for open
ends are infinities, `2023-05-2X` crashes its bounds, and its grammar costs far more per date
than a regular expression. tests/test_dates.py checks that every form we accept is valid
EDTF to that package, and that the bounds agree where it computes them.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

MIN_YEAR = 1000
MAX_YEAR = 2999


class Precision(StrEnum):
    """How precisely a date is known."""

    TIME = "time"
    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    SPAN = "span"
    WINDOW = "window"
    OPEN = "open"


# EDTF sub-year groupings: code -> (name, first month, last month)
SUB_YEAR_GROUPS: dict[int, tuple[Precision, str, int, int]] = {
    21: (Precision.SEASON, "spring", 3, 5),
    22: (Precision.SEASON, "summer", 6, 8),
    23: (Precision.SEASON, "autumn", 9, 11),
    24: (Precision.SEASON, "winter", 12, 14),  # December to February of the next year
    33: (Precision.QUARTER, "Q1", 1, 3),
    34: (Precision.QUARTER, "Q2", 4, 6),
    35: (Precision.QUARTER, "Q3", 7, 9),
    36: (Precision.QUARTER, "Q4", 10, 12),
    40: (Precision.HALF, "first half of", 1, 6),
    41: (Precision.HALF, "second half of", 7, 12),
}

MONTH_NAMES = [calendar.month_name[m] for m in range(13)]
MONTH_ABBREVIATIONS = [calendar.month_abbr[m] for m in range(13)]

_POINT = r"\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}:\d{2})?)?)?"
_POINT_PARTS = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?)?)?")
_SPAN = re.compile(rf"({_POINT})/({_POINT})")
_WINDOW = re.compile(rf"\[({_POINT})\.\.({_POINT})?\]")

HINT = (
    "write a day 2019-06-15, a month 2014-06, a year 2018, a season 2025-21 (spring; 22 summer, "
    "23 autumn, 24 winter), a quarter 2025-33 (Q1; to 36), a half-year 2025-40 (first) or 2025-41, "
    "a span 2019-06-15/2019-06-19, "
    "a window [2023-05-21..2023-05-31] or an open window [2023-05-01..]; "
    "end with ~ (about), ? (uncertain) or % (both)"
)


class DateSyntaxError(ValueError):
    """A date string that is not in sinotime's EDTF subset, or names an impossible day."""

    def __init__(self, message: str, hint: str | None = HINT) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class WordedOnce:
    """A date whose words, long and short, are each worked out once: every output asks for
    them again and again (kept beside its fields: not compared, not copied)."""

    __slots__ = ("_long_words", "_short_words")

    def words(self, *, short: bool = False) -> str:
        """Its words ("June 2014"; with `short`, "Jun 2014")."""
        kept = "_short_words" if short else "_long_words"
        said: str | None = getattr(self, kept, None)
        if said is None:
            said = self._words(short)
            object.__setattr__(self, kept, said)  # a frozen dataclass: only its words are kept
        return said

    def _words(self, short: bool) -> str:
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class Point(WordedOnce):
    """A single date at one precision: a time, a day, a month, a season, a year..."""

    precision: Precision
    earliest: date
    latest: date
    time: time | None = None
    label: str = ""  # season/quarter/half name, empty otherwise

    def _words(self, short: bool) -> str:
        months = MONTH_ABBREVIATIONS if short else MONTH_NAMES
        d = self.earliest
        match self.precision:
            case Precision.TIME:
                assert self.time is not None
                return f"{d.day} {months[d.month]} {d.year}, {self.time:%H:%M}"
            case Precision.DAY:
                return f"{d.day} {months[d.month]} {d.year}"
            case Precision.MONTH:
                return f"{months[d.month]} {d.year}"
            case Precision.YEAR:
                return str(d.year)
            case _:
                return f"{self.label} {d.year}"


@dataclass(frozen=True, slots=True)
class FuzzyDate(WordedOnce):
    """A date from a source, with its bounds, its precision and its written form.

    `first` is the date itself, the start of a span or of a window; `last` is the end of a
    span or a bounded window (None for a point and for an open window).
    """

    text: str
    precision: Precision
    first: Point
    last: Point | None
    approximate: bool = False
    uncertain: bool = False
    # Its bounds, read millions of times in a build, so set once from the fields above: the
    # earliest day the date can be; the latest, None when the date is open-ended.
    earliest: date = field(init=False, repr=False, compare=False)
    latest: date | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "earliest", self.first.earliest)
        latest = None if self.precision is Precision.OPEN else (self.last or self.first).latest
        object.__setattr__(self, "latest", latest)

    @property
    def is_open(self) -> bool:
        return self.precision is Precision.OPEN

    def start_datetime(self) -> datetime | None:
        """The naive start time of a timed date (its zone comes from the event)."""
        if self.first.time is None:
            return None
        return datetime.combine(self.first.earliest, self.first.time)

    def end_datetime(self) -> datetime | None:
        """The naive end time of a timed span, None when not known."""
        if self.last is None or self.last.time is None:
            return None
        return datetime.combine(self.last.earliest, self.last.time)

    def _words(self, short: bool) -> str:
        """The date in words at its true precision: "June 2014", "15–19 June 2019"."""
        text = _words(self, short=short)
        if self.approximate and self.uncertain:
            return f"about {text} (uncertain)"
        if self.approximate:
            return f"about {text}"
        if self.uncertain:
            return f"{text} (uncertain)"
        return text

    def __str__(self) -> str:
        return self.text

    # pydantic integration: validated from a string, serialised back to it.
    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(
            _validate_for_pydantic,
            core_schema.str_schema(),
            serialization=core_schema.plain_serializer_function_ser_schema(str),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "anyOf": [
                {"type": "string", "pattern": _JSON_PATTERN},
                {"type": "integer", "minimum": 1, "maximum": 9999, "description": "A bare year: 2018."},
            ],
            "examples": [
                "2019-06-15",
                "2014-06",
                "2018",
                "2019-06-15/2019-06-19",
                "[2023-05-21..2023-05-31]",
            ],
            "description": "EDTF subset: " + HINT,
        }


# For editors, a point with only the months, seasons, quarters, halves, days and times there
# are (parse_date reads any two digits, to say which one is wrong: "month 13 does not exist").
_SCHEMA_POINT = (
    r"\d{4}(?:-(?:(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01])(?:T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d)?)?"
    r"|2[1-4]|3[3-6]|4[01]))?"
)
_P = _SCHEMA_POINT
_JSON_PATTERN = rf"^(?:{_P}|{_P}/{_P}|\[{_P}\.\.(?:{_P})?\])[~?%]?$"


def _validate_for_pydantic(text: str) -> FuzzyDate:
    try:
        return parse_date(text)
    except DateSyntaxError as error:
        raise PydanticCustomError(
            "hinted",
            "bad date {value}: {message}",
            {"value": repr(text), "message": error.message, "hint": error.hint or ""},
        ) from None


@functools.lru_cache(maxsize=1 << 16)
def parse_date(text: str) -> FuzzyDate:
    """Parse sinotime's EDTF subset; raise DateSyntaxError with a hint when it is not one.

    A timeline names the same dates again and again (a day, a month, a year): each text is
    parsed once. A FuzzyDate is immutable, so one can stand for all.
    """
    body = text.strip()
    approximate = uncertain = False
    if body[-1:] in ("~", "?", "%"):
        approximate = body[-1] in "~%"
        uncertain = body[-1] in "?%"
        body = body[:-1]
    if match := _WINDOW.fullmatch(body):
        first = parse_point(match.group(1))
        if match.group(2) is None:
            return FuzzyDate(text, Precision.OPEN, first, None, approximate, uncertain)
        last = parse_point(match.group(2))
        if last.latest < first.earliest:
            raise DateSyntaxError(f"window ends ({match.group(2)}) before it starts ({match.group(1)})", None)
        return FuzzyDate(text, Precision.WINDOW, first, last, approximate, uncertain)
    if match := _SPAN.fullmatch(body):
        first = parse_point(match.group(1))
        last = parse_point(match.group(2))
        if last.latest < first.earliest or (
            first.time is not None
            and last.time is not None
            and (last.earliest, last.time) < (first.earliest, first.time)
        ):
            raise DateSyntaxError(f"span ends ({match.group(2)}) before it starts ({match.group(1)})", None)
        return FuzzyDate(text, Precision.SPAN, first, last, approximate, uncertain)
    point = parse_point(body)
    return FuzzyDate(text, point.precision, point, None, approximate, uncertain)


def parse_point(text: str) -> Point:
    """Parse one point: a year, a month (or season, quarter, half), a day, or a day and time."""
    match = _POINT_PARTS.fullmatch(text)
    if match is None:
        raise DateSyntaxError(f"{text!r} is not a date sinotime understands")
    year_text, month_text, day_text, hour_text, minute_text, second_text = match.groups()
    year = int(year_text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateSyntaxError(
            f"year {year_text} is outside {MIN_YEAR}-{MAX_YEAR}", "check the year for a typo"
        )
    if month_text is None:
        return Point(Precision.YEAR, date(year, 1, 1), date(year, 12, 31))
    code = int(month_text)
    if day_text is None and code in SUB_YEAR_GROUPS:
        precision, label, first_month, last_month = SUB_YEAR_GROUPS[code]
        return Point(
            precision,
            date(year, first_month, 1),
            _last_day_of_month(year + (last_month - 1) // 12, (last_month - 1) % 12 + 1),
            label=label,
        )
    if not 1 <= code <= 12:
        raise DateSyntaxError(
            f"month {month_text} does not exist in {text!r}",
            "months are 01-12; 21-24 are seasons, 33-36 quarters, 40-41 halves of a year",
        )
    if day_text is None:
        return Point(Precision.MONTH, date(year, code, 1), _last_day_of_month(year, code))
    day = int(day_text)
    if not 1 <= day <= calendar.monthrange(year, code)[1]:
        raise DateSyntaxError(
            f"day {text} does not exist ({MONTH_NAMES[code]} {year} has "
            f"{calendar.monthrange(year, code)[1]} days)",
            None,
        )
    the_day = date(year, code, day)
    if hour_text is None:
        return Point(Precision.DAY, the_day, the_day)
    hour, minute, second = int(hour_text), int(minute_text), int(second_text)
    if hour > 23 or minute > 59 or second > 59:
        raise DateSyntaxError(
            f"time {hour_text}:{minute_text}:{second_text} does not exist", "use 00:00:00-23:59:59"
        )
    return Point(Precision.TIME, the_day, the_day, time(hour, minute, second))


def _last_day_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _words(value: FuzzyDate, *, short: bool) -> str:
    first, last = value.first, value.last
    match value.precision:
        case Precision.OPEN:
            return f"on or after {first.words(short=short)}"
        case Precision.WINDOW:
            assert last is not None
            return f"between {_range_words(first, last, short=short, joiner=' and ')}"
        case Precision.SPAN:
            assert last is not None
            return _range_words(first, last, short=short, joiner="–")
        case _:
            return first.words(short=short)


def _range_words(first: Point, last: Point, *, short: bool, joiner: str) -> str:
    """'15–19 June 2019', '30 June – 4 July 2014', 'June–August 2023', '2016–2018'."""
    months = MONTH_ABBREVIATIONS if short else MONTH_NAMES
    a, b = first.earliest, last.earliest
    same_kind = first.precision == last.precision
    if same_kind and first.precision is Precision.DAY and joiner == "–":
        if a.year == b.year and a.month == b.month:
            return f"{a.day}–{b.day} {months[a.month]} {a.year}"
        if a.year == b.year:
            return f"{a.day} {months[a.month]} – {b.day} {months[b.month]} {a.year}"
    if same_kind and first.precision is Precision.MONTH and a.year == b.year and joiner == "–":
        return f"{months[a.month]}–{months[b.month]} {a.year}"
    if same_kind and first.precision is Precision.YEAR and joiner == "–":
        return f"{a.year}–{b.year}"
    separator = " – " if joiner == "–" else joiner
    return f"{first.words(short=short)}{separator}{last.words(short=short)}"


def day_words(day: date, *, short: bool = False) -> str:
    """A day in words, as every output writes it: "16 November 2022", "16 Nov 2022" when short."""
    months = MONTH_ABBREVIATIONS if short else MONTH_NAMES
    return f"{day.day} {months[day.month]} {day.year}"


def day_after(day: date) -> date:
    """The exclusive end of an all-day range that ends on `day`."""
    return day + timedelta(days=1)
