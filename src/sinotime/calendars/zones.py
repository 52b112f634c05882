"""VTIMEZONEs: a zone from the first to the last day a calendar uses it, one onset a component.

RFC 5545 lets a VTIMEZONE hold only the observances the calendar's times need; covering just
those days keeps it short. icalendar lists repeated onsets as one RDATE with many values, which
ical.js (Thunderbird) reads only the first of and vobject not at all, and adds a COMMENT that
RFC 5545 does not allow in a VTIMEZONE: each onset here is its own STANDARD or DAYLIGHT
component with a DTSTART, and there is no COMMENT. `ZoneOnsets.vtimezone` makes them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard
from icalendar.timezone import tzp as icalendar_zones

from sinotime.calendars.lines import to_ical
from sinotime.dates import day_after


@dataclass(frozen=True, slots=True)
class Onset:
    """One STANDARD or DAYLIGHT onset of a VTIMEZONE."""

    start: datetime  # local, naive
    standard: bool
    offset_from: timedelta
    offset_to: timedelta
    name: str


def _onsets(tzid: str, first: date, last: date) -> list[Onset]:
    """The onsets icalendar finds for a zone from the first day to the last, in order."""
    generated = Timezone.from_tzid(tzid, first_date=first, last_date=day_after(last))
    onsets: list[Onset] = []
    for observance in generated.standard + generated.daylight:
        starts = [observance.DTSTART] + [start for start, _ in observance.rdates]
        for start in starts:
            assert isinstance(start, datetime)
            onsets.append(
                Onset(
                    start,
                    isinstance(observance, TimezoneStandard),
                    observance.TZOFFSETFROM,
                    observance.TZOFFSETTO,
                    str(observance["TZNAME"]),
                )
            )
    return sorted(onsets, key=lambda onset: onset.start)


def _zone_component(tzid: str, onsets: Iterable[Onset]) -> Timezone:
    zone = Timezone()
    zone.add("tzid", tzid)
    for each in onsets:
        onset = TimezoneStandard() if each.standard else TimezoneDaylight()
        onset.DTSTART = each.start
        onset.TZOFFSETFROM = each.offset_from
        onset.TZOFFSETTO = each.offset_to
        onset.add("tzname", each.name)
        zone.add_component(onset)
    return zone


class ZoneOnsets:
    """The VTIMEZONEs of many calendars, with each zone's onsets found once.

    icalendar finds a zone's onsets by stepping from the first day (64 days, then shorter steps)
    until the offset changes, out to the end of the zone database: tens of milliseconds a call,
    and a build of thousands of calendars made thousands of calls. Here they are found once, for
    every day any calendar needs in that zone; a calendar's onsets are then the first day's
    offset (what icalendar starts from) and the onsets after it and before its last day. That is
    exactly what icalendar finds for those days when no two changes of offset are 64 days or less
    apart (its stepping then cannot miss one), which is checked, day by day; otherwise, and for
    days outside the range, icalendar is asked again.
    """

    def __init__(self, ranges: dict[str, tuple[date, date]]) -> None:
        self.ranges = ranges
        self.found: dict[str, list[Onset] | None] = {}
        self.made: dict[tuple[str, date, date], Timezone] = {}
        self.written: dict[tuple[str, date, date], bytes] = {}

    def vtimezone(self, tzid: str, first: date, last: date) -> Timezone:
        key = (tzid, first, last)
        if key not in self.made:
            self.made[key] = _zone_component(tzid, self.onsets(tzid, first, last))
        return self.made[key]

    def vtimezone_bytes(self, tzid: str, first: date, last: date) -> bytes:
        """`to_ical(self.vtimezone(...))`, kept: many calendars use a zone for the same days."""
        key = (tzid, first, last)
        if key not in self.written:
            self.written[key] = to_ical(self.vtimezone(tzid, first, last))
        return self.written[key]

    def onsets(self, tzid: str, first: date, last: date) -> list[Onset]:
        bounds = self.ranges.get(tzid)
        if bounds is None or not bounds[0] <= first <= last <= bounds[1]:
            return _onsets(tzid, first, last)
        if tzid not in self.found:
            self.found[tzid] = _onsets(tzid, *bounds) if _steady(tzid, *bounds) else None
        every = self.found[tzid]
        if every is None:
            return _onsets(tzid, first, last)
        zone = icalendar_zones.timezone(tzid)
        assert zone is not None
        start = datetime.combine(first, time(0))  # naive, as icalendar's onsets
        local = start.replace(tzinfo=zone)
        offset = local.utcoffset()
        assert offset is not None
        name = local.tzname() or str(offset)
        opening = Onset(start, local.dst() == timedelta(), offset, offset, name)
        end = datetime.combine(day_after(last), time(0))
        return [opening, *(onset for onset in every if start < onset.start < end)]


def _steady(tzid: str, first: date, last: date) -> bool:
    """Whether the zone's offset, read at each midnight, never changes twice within 64 days."""
    zone = icalendar_zones.timezone(tzid)
    if zone is None:
        return False
    changes: list[int] = []
    before = None
    for ordinal in range(first.toordinal() - 1, day_after(last).toordinal() + 2):
        offset = datetime.fromordinal(ordinal).replace(tzinfo=zone).utcoffset()
        if before is not None and offset != before:
            changes.append(ordinal)
        before = offset
    return all(later - earlier > 64 for earlier, later in itertools.pairwise(changes))
