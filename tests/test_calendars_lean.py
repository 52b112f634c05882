"""The calendars are written without icalendar's component tree, byte for byte as it would.

`vevent_bytes` and each calendar's header (`_Shared.calendar`) type every property as
icalendar's `Component.add` does and write its content line as icalendar does; on generated
events with hostile text, times in several zones, places, addresses and series, every calendar
must come out exactly as when the calendar and each VEVENT are icalendar's components serialised.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calendar_support import NO_SITE
from library_reference import vevent, whole_calendar
from sinotime.calendars import render_calendars
from sinotime.calendars.grid import Placement
from sinotime.calendars.lines import content_line, to_ical
from sinotime.site import Site
from sinotime.text import ical_uri
from sinotime.timeline import Entry, Timeline
from test_calendars_hypothesis import events, hostile, timeline_of

# no public address (no SOURCE, no URL), and one long enough to fold and with characters to escape
SITES = [
    NO_SITE,
    Site("https://example.org/a-long-folder-name-for-the-calendars-of-the-timeline/%C3%A9,x;y/"),
]


def through_the_component(entry: Entry, where: Placement, timeline: Timeline) -> bytes:
    return to_ical(vevent(entry, where, timeline))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=events(), series_title=hostile(6), name=hostile(6), site=st.sampled_from(SITES))
def test_every_calendar_is_what_icalendars_components_would_write(
    records: list[dict[str, Any]], series_title: str, name: str, site: Site
) -> None:
    timeline = timeline_of(records, series_title, name)
    lean = render_calendars(timeline, site)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sinotime.calendars.files.vevent_bytes", through_the_component)
        patch.setattr("sinotime.calendars.files._Shared.calendar", whole_calendar)
        whole = render_calendars(timeline, site)
    assert lean.keys() == whole.keys()
    for file_name, content in lean.items():
        assert content == whole[file_name], file_name


def test_a_line_written_once_is_never_given_for_an_equal_value_written_otherwise() -> None:
    """Lines of days and times are written once and kept: one instant in two zones is equal in
    Python but written apart (its TZID), and each line is what icalendar's component writes."""
    in_utc = datetime(2026, 5, 1, 4, 0, tzinfo=UTC)
    in_harbin = in_utc.astimezone(ZoneInfo("Asia/Harbin"))
    in_moscow = in_utc.astimezone(ZoneInfo("Europe/Moscow"))
    values = [in_utc, in_harbin, in_moscow, in_utc.replace(tzinfo=None), in_utc.date()]
    assert in_utc == in_harbin == in_moscow
    lines = [content_line("dtstart", value, None) for value in values]
    lines += [content_line("dtstart", value, None) for value in values]  # from what was kept
    assert len(set(lines)) == len(values)
    for value, line in zip(values * 2, lines, strict=True):
        component = icalendar.Event()
        component.add("dtstart", value)
        assert to_ical(component) == b"BEGIN:VEVENT\r\n" + line + b"\r\nEND:VEVENT\r\n"


PLAIN_TIMES = st.sampled_from(["dtstart", "dtend", "dtstamp", "created", "last-modified"])


def icalendars_line(name: str, value: Any, parameters: dict[str, str] | None) -> bytes:
    """The property's line as icalendar's own component writes (and folds) it."""
    component = icalendar.Event()
    component.add(name, value, parameters or {})
    whole: bytes = component.to_ical()
    assert whole.startswith(b"BEGIN:VEVENT\r\n") and whole.endswith(b"\r\nEND:VEVENT\r\n")
    return whole[len(b"BEGIN:VEVENT\r\n") : -len(b"\r\nEND:VEVENT\r\n")]


@settings(max_examples=200, deadline=None)
@given(name=PLAIN_TIMES, day=st.dates())
def test_a_day_is_written_as_icalendar_writes_it(name: str, day: date) -> None:
    assert content_line(name, day, None) == icalendars_line(name, day, None)


@settings(max_examples=200, deadline=None)
@given(name=PLAIN_TIMES, moment=st.datetimes(timezones=st.just(UTC)))
def test_a_time_in_utc_is_written_as_icalendar_writes_it(name: str, moment: datetime) -> None:
    assert content_line(name, moment, None) == icalendars_line(name, moment, None)


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(["url", "source"]), address=st.text())
def test_an_address_is_written_as_icalendar_writes_it(name: str, address: str) -> None:
    """Addresses as the calendars give them: every character a URI may not hold %-encoded."""
    uri = icalendar.vUri(ical_uri(address))
    assert content_line(name, uri, {"VALUE": "URI"}) == icalendars_line(name, uri, {"VALUE": "URI"})


@settings(max_examples=200, deadline=None)
@given(uid=st.one_of(st.text(), st.from_regex(r"[a-z0-9-]+@[a-z0-9.-]+", fullmatch=True)))
def test_a_uid_is_written_as_icalendar_writes_it(uid: str) -> None:
    assert content_line("uid", uid, None) == icalendars_line("uid", uid, None)
