"""The calendars share work (each VEVENT serialised once, each zone's onsets found once) and
must come out exactly as if every calendar were made on its own."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Event, Timezone, TimezoneStandard
from icalendar.parser import Contentline

from sinotime.calendars.lines import Text, fold, to_ical
from sinotime.calendars.zones import Onset, ZoneOnsets, _onsets, _steady, spans
from sinotime.dates import day_after

# Zones with no change since 1991 (Harbin), changes a few times (Vladivostok, Moscow), twice a
# year (New York, Lord Howe's half-hour), a skipped day (Apia), changes at midnight (Havana,
# Tehran), and changes a month apart (Casablanca's Ramadan: there each calendar's onsets are
# found on their own).
ZONES = (
    "Asia/Harbin",
    "Asia/Vladivostok",
    "Europe/Moscow",
    "America/New_York",
    "Australia/Lord_Howe",
    "Pacific/Apia",
    "America/Havana",
    "Asia/Tehran",
    "Africa/Casablanca",
)

days = st.dates(min_value=date(1975, 1, 1), max_value=date(2035, 12, 31))


def vtimezone(tzid: str, first: date, last: date) -> Timezone:
    """The zone's VTIMEZONE for those days as made for a calendar on its own (nothing shared)."""
    return ZoneOnsets({}).vtimezone(tzid, ((first, last),))


@settings(max_examples=40, deadline=None)
@given(
    tzid=st.sampled_from(ZONES),
    bounds=st.lists(days, min_size=4, max_size=4).map(sorted),
)
def test_a_calendar_gets_the_vtimezone_it_would_get_on_its_own(tzid: str, bounds: list[date]) -> None:
    _lowest, first, last, _highest = bounds
    shared = ZoneOnsets({tzid: bounds})
    for used in ([first, last], [first], bounds):
        alone = ZoneOnsets({}).vtimezone(tzid, spans(used)).to_ical()
        assert shared.vtimezone(tzid, spans(used)).to_ical() == alone


def test_days_outside_the_shared_range_are_found_on_their_own() -> None:
    shared = ZoneOnsets({"Europe/Moscow": [date(2000, 1, 1), date(2001, 1, 1)]})
    wanted = (date(1999, 1, 1), date(2000, 6, 1))
    alone = vtimezone("Europe/Moscow", *wanted).to_ical()
    assert shared.vtimezone("Europe/Moscow", (wanted,)).to_ical() == alone


def icalendars_own(tzid: str, first: date, last: date) -> list[Onset]:
    """The onsets of icalendar's own VTIMEZONE for those days, searched out to the year 9999."""
    made = Timezone.from_tzid(tzid, first_date=first, last_date=day_after(last))
    return sorted(
        (
            Onset(
                start,
                isinstance(part, TimezoneStandard),
                part.TZOFFSETFROM,
                part.TZOFFSETTO,
                str(part["TZNAME"]),
            )
            for part in made.standard + made.daylight
            for start in [part.DTSTART, *(each for each, _ in part.rdates)]
        ),
        key=lambda onset: onset.start,
    )


@settings(max_examples=40, deadline=None)
@given(
    tzid=st.sampled_from(ZONES),
    first=st.dates(min_value=date(1850, 1, 1), max_value=date(2100, 12, 31)),
    length=st.integers(min_value=0, max_value=800),
)
def test_the_search_for_changes_stopped_soon_after_the_last_day_finds_what_icalendar_finds(
    tzid: str, first: date, length: int
) -> None:
    last = date.fromordinal(first.toordinal() + length)
    assert _onsets(tzid, first, last) == icalendars_own(tzid, first, last)


@pytest.mark.parametrize(
    ("tzid", "steady"),
    [
        ("Asia/Harbin", True),
        ("Europe/Moscow", True),
        ("America/New_York", True),
        ("Africa/Casablanca", False),
    ],
)
def test_a_zone_is_steady_when_its_offset_never_changes_twice_within_64_days(tzid: str, steady: bool) -> None:
    assert _steady(tzid, date(2000, 1, 1), date(2025, 12, 31)) is steady


def test_a_zone_unknown_to_icalendar_is_not_steady() -> None:
    assert not _steady("Not/A_Zone", date(2000, 1, 1), date(2000, 1, 1) + timedelta(days=10))


# Text that folds in every way: escapes and carets at the fold, characters of 1 to 4 octets.
line_text = st.text(
    alphabet=st.sampled_from(["a", " ", "\\", "^", ";", ",", "é", "ж", "哈", "尔", "滨", "🌉", "\u0301", "Z"])
    | st.characters(exclude_categories=["Cs"], exclude_characters="\n\r"),
    max_size=400,
)


@settings(max_examples=300)
@given(name=st.sampled_from(["DESCRIPTION", "SUMMARY", "X-WR-CALNAME;LANGUAGE=zh"]), value=line_text)
def test_a_line_is_folded_exactly_as_icalendar_folds_it(name: str, value: str) -> None:
    line = f"{name}:{value}"
    assert fold(line) == Contentline(line).to_ical()  # type: ignore[no-untyped-call]


@given(value=line_text)
def test_a_component_is_written_exactly_as_icalendar_writes_it(value: str) -> None:
    event = Event()
    event.add("uid", "x@sinotime")
    event.add("summary", value)
    event.add("description", value * 3)
    event.add("location", Text(value))
    assert to_ical(event) == event.to_ical()
