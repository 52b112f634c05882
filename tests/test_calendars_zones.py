"""A VTIMEZONE holds only the onsets the calendar's times need (RFC 5545 3.6.5): events a
thousand years apart in a zone with summer time cost a few onsets, not every change of offset
between them, and readers still work out each time's instant from the file's own VTIMEZONE."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event

from builders import event, timeline_of
from calendar_support import NO_SITE, icaljs, libical, read_with_vobject
from sinotime.calendars import render_calendars
from sinotime.calendars.sets import MAX_CALENDAR_BYTES
from sinotime.calendars.zones import NEAR_DAYS, ZoneOnsets, spans
from sinotime.cli import main

# Summer time in the north and the south, and a zone with a half-hour change (Lord Howe).
SUMMER_ZONES = ("America/New_York", "Australia/Sydney", "Europe/London", "Australia/Lord_Howe")
FAR_APART = ("1000-06-15T10:00:00", "2999-06-15T10:00:00")


def far_apart_events(zones: tuple[str, ...]) -> list[dict[str, Any]]:
    """In each zone, an outcome in the year 1000 and a plan for 2999 (the reviewer's file)."""
    events = []
    for number, zone in enumerate(zones):
        plan = {"target": FAR_APART[1], "wording": "then", "announced": "2020-01-01", "source": "source-a"}
        events.append(event(f"plan-{number}", plans=[plan], timezone=zone))
        outcome = {"date": FAR_APART[0], "source": "source-a"}
        events.append(event(f"done-{number}", outcome=outcome, timezone=zone))
    return events


def observances(text: str) -> int:
    return text.count("BEGIN:STANDARD") + text.count("BEGIN:DAYLIGHT")


def expected_instant(wall: str, zone: str) -> int:
    return int(datetime.fromisoformat(wall).replace(tzinfo=ZoneInfo(zone)).timestamp())


def offset_seconds(wall: str, zone: str) -> int:
    offset = datetime.fromisoformat(wall).replace(tzinfo=ZoneInfo(zone)).utcoffset()
    assert offset is not None
    return int(offset.total_seconds())


def in_utc(uids: dict[str, tuple[str, str]]) -> str:
    """A calendar of the same events at the same wall clock in UTC: what a reader's own
    count of days makes of each, to take the zone's offset from."""
    calendar = Calendar()
    calendar.add("prodid", "-//tests//EN")
    calendar.add("version", "2.0")
    for uid, (wall, _) in uids.items():
        each = Event()
        each.add("uid", uid)
        each.add("dtstamp", datetime(2020, 1, 1, tzinfo=UTC))
        each.add("dtstart", datetime.fromisoformat(wall).replace(tzinfo=UTC))
        calendar.add_component(each)
    return str(calendar.to_ical().decode())


def test_events_a_thousand_years_apart_read_back_at_their_instants_from_a_small_vtimezone() -> None:
    files = render_calendars(timeline_of(far_apart_events(SUMMER_ZONES)), NO_SITE)
    text = files["sinotime.ics"].decode()
    # Each zone: an onset for each of the two days (no change falls on either), not the 1,000
    # and more changes of summer time between them.
    assert text.count("BEGIN:VTIMEZONE") == len(SUMMER_ZONES)
    assert observances(text) == 2 * len(SUMMER_ZONES)
    uids = {
        f"{kind}-{number}@sinotime": (wall, zone)
        for number, zone in enumerate(SUMMER_ZONES)
        for kind, wall in zip(("done", "plan"), FAR_APART, strict=True)
    }
    reference = in_utc(uids)
    for reader in (read_with_vobject, icaljs(), libical()):
        read, as_utc = reader(text), reader(reference)
        for uid, (wall, zone) in uids.items():
            start, wall_in_utc = read.event(uid).start, as_utc.event(uid).start
            assert start is not None and start.utc is not None, read.reader
            assert wall_in_utc is not None and wall_in_utc.utc is not None, read.reader
            # The offset the reader took from the VTIMEZONE: its own count of days before 1900
            # may differ from Python's (libical's is a day off in the year 1000, in UTC too).
            # ical.js reads an offset to the minute: -04:56:02, local mean time in New York
            # before 1883, is -04:56 there (RFC 5545 allows the seconds; the others keep them).
            slack = 59 if read.reader == "ical.js" else 0
            assert abs((wall_in_utc.utc - start.utc) - offset_seconds(wall, zone)) <= slack, (
                read.reader,
                uid,
            )
    # icalendar, reading the file's own VTIMEZONE (not its zone database) through dateutil
    calendar = Calendar.from_ical(text)
    zones = {str(zone["TZID"]): zone.to_tz(lookup_tzid=False) for zone in calendar.timezones}
    for read_event in calendar.events:
        wall, zone = uids[str(read_event["UID"])]
        start = read_event.DTSTART.replace(tzinfo=zones[zone])
        assert start.astimezone(UTC).timestamp() == expected_instant(wall, zone), read_event["UID"]


def test_one_event_for_each_of_many_zones_keeps_every_calendar_under_its_limit() -> None:
    zones = (
        "America/New_York",
        "Europe/London",
        "Australia/Sydney",
        "America/Chicago",
        "Europe/Paris",
        "America/Denver",
        "Europe/Berlin",
        "America/Los_Angeles",
    )
    files = render_calendars(timeline_of(far_apart_events(zones)), NO_SITE)
    assert observances(files["sinotime.ics"].decode()) == 2 * len(zones)
    assert all(len(content) < MAX_CALENDAR_BYTES for content in files.values())
    plan = files["event/plan-0.ics"].decode()  # the plan alone: its own day's onset only
    assert observances(plan) == 1


def test_a_time_each_year_for_a_thousand_years_stays_within_the_budget_with_its_zone() -> None:
    """A calendar's VEVENTs and what their days add to its VTIMEZONEs share the budget: an event
    each year for 1,100 years in New York (two changes of offset a year) is split into archives,
    and every calendar stays under the limit."""
    events = [
        event(
            f"e{year}",
            outcome={"date": f"{year}-06-15T10:00:00", "source": "source-a"},
            timezone="America/New_York",
            description="x" * 600,
        )
        for year in range(1900, 3000)
    ]
    files = render_calendars(timeline_of(events), NO_SITE)
    assert all(len(content) < MAX_CALENDAR_BYTES for content in files.values())
    everything = files["sinotime.ics"].decode()
    assert observances(everything) <= 3 * everything.count("BEGIN:VEVENT")


def test_days_near_each_other_are_one_span_and_far_apart_days_are_not() -> None:
    first = date(2020, 1, 1)
    near = date.fromordinal(first.toordinal() + NEAR_DAYS)
    far = date.fromordinal(near.toordinal() + NEAR_DAYS + 1)
    assert spans([far, first, near, first]) == ((first, near), (far, far))
    assert spans([]) == ()


days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 11, 30))


@settings(max_examples=30, deadline=None)
@given(
    tzid=st.sampled_from((*SUMMER_ZONES, "Asia/Harbin", "Africa/Casablanca", "Pacific/Apia")),
    used=st.lists(days, min_size=1, max_size=6),
    data=st.data(),
)
def test_a_calendars_vtimezone_is_no_bigger_than_its_days_shares(
    tzid: str, used: list[date], data: st.DataObject
) -> None:
    """`zone_share` is what `calendar_sets` charges each time: the charges cover the VTIMEZONE
    of any calendar holding some of the build's days."""
    shared = ZoneOnsets({tzid: used})
    chosen = data.draw(st.lists(st.sampled_from(used), min_size=1, unique=True))
    written = shared.vtimezone_bytes(tzid, spans(chosen))
    assert len(written) <= sum(shared.zone_share(tzid, day) for day in chosen)
    assert observances(written.decode()) <= 4 * len(chosen)


@pytest.mark.parametrize("zone", SUMMER_ZONES)
def test_a_build_of_the_far_apart_events_needs_a_few_onsets_a_zone(zone: str) -> None:
    files = render_calendars(timeline_of(far_apart_events((zone,))), NO_SITE)
    assert max(observances(content.decode()) for content in files.values()) == 2


def test_a_calendar_description_too_long_beside_a_full_calendar_is_a_clear_error(tmp_path: Path) -> None:
    """Events fill `EVENT_BUDGET`; a description of 19,000 four-byte characters, written twice,
    takes the calendar past the limit: a clear error, nothing written, no traceback."""
    head = (
        "calendar:\n  name: limit\n  description: " + "\U0001f309" * 19_000 + "\n"
        "sources:\n  - {id: s, publisher: P, title: T, published: '2020'}\nevents:\n"
    )
    events = "".join(
        f"- {{id: e{number}, title: E, kind: gathering, cites: [s], description: {'y' * 19_900},"
        f" outcome: {{date: '2020-01-{number % 28 + 1:02d}', source: s}}, added: '2026-01-01',"
        " changed: '2026-01-01'}\n"
        for number in range(44)
    )
    source = tmp_path / "events.yaml"
    source.write_text(head + events, encoding="utf-8")
    assert source.stat().st_size < 1024 * 1024
    out = tmp_path / "feeds"
    build = ["--max-input-mb", "1", "build", str(source), "--out", str(out), "--as-of", "2026-11-27"]
    result = CliRunner().invoke(main, build)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "sinotime.ics would be" in result.output and "shorten calendar.description" in result.output
    assert not out.exists() or not any(out.iterdir())


def test_summer_times_years_apart_have_a_standard_onset_that_vobject_can_read() -> None:
    """Two times in summer 27 years apart (test_calendars_hypothesis found them): each span
    opens in summer time, and a zone of only DAYLIGHT onsets breaks dateutil (vobject asks for
    times from 2000 on, before the first onset); the first span opens a year earlier, in
    standard time."""
    events = [
        event(
            "then", timezone="Europe/Berlin", outcome={"date": "2000-04-01T00:00:00", "source": "source-a"}
        ),
        event(
            "now",
            timezone="Europe/Berlin",
            plans=[
                {
                    "target": "2027-04-01T00:00:00",
                    "wording": "then",
                    "announced": "2020-01-01",
                    "source": "source-a",
                }
            ],
        ),
    ]
    text = render_calendars(timeline_of(events), NO_SITE)["sinotime.ics"].decode()
    assert "BEGIN:STANDARD" in text
    assert observances(text) <= 4
    read = read_with_vobject(text)
    for uid, wall in (("then@sinotime", "2000-04-01T00:00:00"), ("now@sinotime", "2027-04-01T00:00:00")):
        start = read.event(uid).start
        assert start is not None
        assert start.utc == expected_instant(wall, "Europe/Berlin")
