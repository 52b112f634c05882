"""The calendars share work (each VEVENT serialised once, each zone's onsets found once) and
must come out exactly as if every calendar were made on its own."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinotime.calendars import _steady, _ZoneOnsets, vtimezone

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


@settings(max_examples=40, deadline=None)
@given(
    tzid=st.sampled_from(ZONES),
    bounds=st.lists(days, min_size=4, max_size=4).map(sorted),
)
def test_a_calendar_gets_the_vtimezone_it_would_get_on_its_own(tzid: str, bounds: list[date]) -> None:
    lowest, first, last, highest = bounds
    shared = _ZoneOnsets({tzid: (lowest, highest)})
    alone = vtimezone(tzid, first, last).to_ical()
    assert shared.vtimezone(tzid, first, last).to_ical() == alone
    assert shared.vtimezone(tzid, first, first).to_ical() == vtimezone(tzid, first, first).to_ical()


def test_days_outside_the_shared_range_are_found_on_their_own() -> None:
    shared = _ZoneOnsets({"Europe/Moscow": (date(2000, 1, 1), date(2001, 1, 1))})
    wanted = (date(1999, 6, 1), date(2000, 6, 1))
    alone = vtimezone("Europe/Moscow", *wanted).to_ical()
    assert shared.vtimezone("Europe/Moscow", *wanted).to_ical() == alone


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
