"""Dates are exactly as precise as their source: each has its earliest and latest day."""

from __future__ import annotations

from datetime import date, time

import edtf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sinotime.dates import DateSyntaxError, FuzzyDate, Precision, parse_date

BOUNDS = [
    ("2019-06-15", Precision.DAY, date(2019, 6, 15), date(2019, 6, 15)),
    ("2019-06-15T10:30:00", Precision.TIME, date(2019, 6, 15), date(2019, 6, 15)),
    ("2014-06", Precision.MONTH, date(2014, 6, 1), date(2014, 6, 30)),
    ("2024-02", Precision.MONTH, date(2024, 2, 1), date(2024, 2, 29)),
    ("2018", Precision.YEAR, date(2018, 1, 1), date(2018, 12, 31)),
    ("2026-22", Precision.SEASON, date(2026, 6, 1), date(2026, 8, 31)),
    ("2025-24", Precision.SEASON, date(2025, 12, 1), date(2026, 2, 28)),
    ("2022-36", Precision.QUARTER, date(2022, 10, 1), date(2022, 12, 31)),
    ("2022-41", Precision.HALF, date(2022, 7, 1), date(2022, 12, 31)),
    ("2019-06-15/2019-06-19", Precision.SPAN, date(2019, 6, 15), date(2019, 6, 19)),
    ("2023-06/2023-08", Precision.SPAN, date(2023, 6, 1), date(2023, 8, 31)),
    ("[2023-05-21..2023-05-31]", Precision.WINDOW, date(2023, 5, 21), date(2023, 5, 31)),
    ("[2019-06-18..2019-12-31]", Precision.WINDOW, date(2019, 6, 18), date(2019, 12, 31)),
    ("[2023-05-01..]", Precision.OPEN, date(2023, 5, 1), None),
    ("2018~", Precision.YEAR, date(2018, 1, 1), date(2018, 12, 31)),
]


@pytest.mark.parametrize(("text", "precision", "earliest", "latest"), BOUNDS)
def test_each_precision_has_its_bounds(
    text: str, precision: Precision, earliest: date, latest: date | None
) -> None:
    parsed = parse_date(text)
    assert (parsed.precision, parsed.earliest, parsed.latest) == (precision, earliest, latest)
    assert str(parsed) == text


@pytest.mark.parametrize(
    "text",
    [t for t, *_ in BOUNDS if "T" not in t and not t.startswith("2025-24")],
)
def test_every_form_is_edtf_with_the_same_bounds(text: str) -> None:
    """The edtf package, which did not write our parser, reads the same bounds."""
    value = edtf.parse_edtf(text)
    lower = value.lower_strict()
    assert date(lower.tm_year, lower.tm_mon, lower.tm_mday) == parse_date(text).earliest
    latest = parse_date(text).latest
    upper = value.upper_strict()
    if latest is None:
        assert upper == float("inf")
    else:
        assert date(upper.tm_year, upper.tm_mon, upper.tm_mday) == latest


def test_a_timed_date_is_edtf_too() -> None:
    assert edtf.parse_edtf("2019-06-15T10:30:00")
    parsed = parse_date("2019-06-15T10:30:00/2019-06-15T12:00:00")
    start, end = parsed.start_datetime(), parsed.end_datetime()
    assert start is not None and start.time() == time(10, 30)
    assert end is not None and end.time() == time(12, 0)


def test_qualifiers_are_kept_and_said_in_words() -> None:
    assert parse_date("2018~").approximate
    assert parse_date("2018?").uncertain
    both = parse_date("2018%")
    assert both.approximate and both.uncertain
    assert parse_date("2018~").words() == "about 2018"
    assert parse_date("2018?").words() == "2018 (uncertain)"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2019-06-15", "15 June 2019"),
        ("2014-06", "June 2014"),
        ("2018", "2018"),
        ("2026-22", "summer 2026"),
        ("2022-36", "Q4 2022"),
        ("2022-41", "second half of 2022"),
        ("2019-06-15/2019-06-19", "15–19 June 2019"),
        ("2014-06-30/2014-07-04", "30 June – 4 July 2014"),
        ("2023-06/2023-08", "June–August 2023"),
        ("[2023-05-21..2023-05-31]", "between 21 May 2023 and 31 May 2023"),
        ("[2023-05-01..]", "on or after 1 May 2023"),
        ("2019-06-15T10:30:00", "15 June 2019, 10:30"),
    ],
)
def test_dates_read_in_words_at_their_precision(text: str, words: str) -> None:
    assert parse_date(text).words() == words


def test_short_words_abbreviate_months() -> None:
    assert parse_date("2017-02").words(short=True) == "Feb 2017"
    assert parse_date("2022-11-16").words(short=True) == "16 Nov 2022"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2023-02-30", "day 2023-02-30 does not exist (February 2023 has 28 days)"),
        ("2019-13", "month 13 does not exist in '2019-13'"),
        ("0000-01-01", "year 0000 is outside 1000-2999"),
        ("9999-99", "year 9999 is outside 1000-2999"),
        ("2019-06-19/2019-06-15", "span ends (2019-06-15) before it starts (2019-06-19)"),
        ("[2019-06-19..2019-06-15]", "window ends (2019-06-15) before it starts (2019-06-19)"),
        ("June 2014", "'June 2014' is not a date sinotime understands"),
        ("2019-06-15T25:00:00", "time 25:00:00 does not exist"),
        ("", "'' is not a date sinotime understands"),
    ],
)
def test_impossible_dates_are_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(DateSyntaxError) as raised:
        parse_date(text)
    assert raised.value.message == message


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31)), st.integers(0, 400))
def test_a_span_of_days_runs_from_its_first_to_its_last_day(start: date, length: int) -> None:
    from datetime import timedelta

    end = min(start + timedelta(days=length), date(2999, 12, 31))
    parsed = parse_date(f"{start.isoformat()}/{end.isoformat()}")
    assert (parsed.earliest, parsed.latest) == (start, end)


def test_a_fuzzy_date_is_a_pydantic_field_that_serialises_back_to_its_text() -> None:
    from pydantic import TypeAdapter

    adapter = TypeAdapter(FuzzyDate)
    value = adapter.validate_python("[2023-05-21..2023-05-31]")
    assert value.precision is Precision.WINDOW
    assert adapter.dump_python(value) == "[2023-05-21..2023-05-31]"
