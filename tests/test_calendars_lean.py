"""The calendars write each VEVENT without icalendar's component tree, byte for byte as it would.

`vevent_bytes` types every property as icalendar's `Component.add` does and writes its content
line as icalendar does; on generated events with hostile text, times in several zones, places,
addresses and series, every calendar must come out exactly as when each VEVENT is icalendar's
component serialised (`to_ical(vevent(...))`).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from calendar_support import NO_SITE
from sinotime.calendars import render_calendars
from sinotime.calendars.events import vevent
from sinotime.calendars.grid import Placement
from sinotime.calendars.lines import to_ical
from sinotime.timeline import Entry, Timeline
from test_calendars_hypothesis import events, hostile, timeline_of


def through_the_component(entry: Entry, where: Placement, timeline: Timeline) -> bytes:
    return to_ical(vevent(entry, where, timeline))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=events(), series_title=hostile(6), name=hostile(6))
def test_every_calendar_is_what_icalendars_components_would_write(
    records: list[dict[str, Any]], series_title: str, name: str
) -> None:
    timeline = timeline_of(records, series_title, name)
    lean = render_calendars(timeline, NO_SITE)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sinotime.calendars.files.vevent_bytes", through_the_component)
        whole = render_calendars(timeline, NO_SITE)
    assert lean.keys() == whole.keys()
    for file_name, content in lean.items():
        assert content == whole[file_name], file_name
