"""VTIMEZONEs: a zone for the days a calendar uses it, one onset a component.

RFC 5545 (3.6.5) asks a VTIMEZONE only to let a reader work out the offset of every DATE-TIME
in the calendar. So a zone covers only the days its times fall on, in spans (`spans`): days at
most `NEAR_DAYS` apart are one span, with the zone's changes between them; farther apart, each
span has its own opening onset. A calendar with times in the years 1000 and 2999 in New York
gets a few onsets, not the 1,079 changes of offset in between, and a zone's onsets are bounded
by what each day used can add (`ZoneOnsets.zone_share`, in bytes).

icalendar lists repeated onsets as one RDATE with many values, which ical.js (Thunderbird) reads
only the first of and vobject not at all, and adds a COMMENT that RFC 5545 does not allow in a
VTIMEZONE: each onset here is its own STANDARD or DAYLIGHT component with a DTSTART, and there
is no COMMENT. `ZoneOnsets.vtimezone` makes them.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta, tzinfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard
from icalendar.timezone import tzp as icalendar_zones

from sinotime.calendars.lines import to_ical
from sinotime.dates import day_after

NEAR_DAYS = 366  # days of a zone this close are one span, with the changes between them
SEARCH_REACH = timedelta(days=66)  # icalendar looks for a zone's next change 64 days at a time

Span = tuple[date, date]  # the first and last day of a span of days


@dataclasses.dataclass(frozen=True, slots=True)
class Onset:
    """One STANDARD or DAYLIGHT onset of a VTIMEZONE."""

    start: datetime  # local, naive
    standard: bool
    offset_from: timedelta
    offset_to: timedelta
    name: str


def spans(days: Iterable[date]) -> tuple[Span, ...]:
    """The days in order, as spans: a day at most `NEAR_DAYS` after the last one joins its span."""
    found: list[Span] = []
    for day in sorted(set(days)):
        if found and (day - found[-1][1]).days <= NEAR_DAYS:
            found[-1] = (found[-1][0], day)
        else:
            found.append((day, day))
    return tuple(found)


class _Until(tzinfo):
    """A zone that ends (an OverflowError, as zoneinfo's does in the year 9999) at `until`.

    icalendar's `Timezone.from_tzinfo` looks for the change after each one 64 days at a time,
    until the offset changes or the zone ends: for a zone that changes no more (Harbin since
    1991) that is 45,000 steps to the year 9999 for every call. Ending the zone `SEARCH_REACH`
    after the last day asked for stops that search there and changes nothing before it: no step
    from a day before the end of the range reaches `until` (a test compares both).
    """

    def __init__(self, zone: tzinfo, until: datetime) -> None:
        self.zone = zone
        self.until = until

    def _local(self, moment: datetime) -> datetime:
        if moment.replace(tzinfo=None) > self.until:
            raise OverflowError(f"after {self.until}")
        return moment.replace(tzinfo=self.zone)

    def utcoffset(self, moment: datetime | None) -> timedelta | None:
        return self.zone.utcoffset(None) if moment is None else self._local(moment).utcoffset()

    def dst(self, moment: datetime | None) -> timedelta | None:
        return self.zone.dst(None) if moment is None else self._local(moment).dst()

    def tzname(self, moment: datetime | None) -> str | None:
        return self.zone.tzname(None) if moment is None else self._local(moment).tzname()


def _onsets(tzid: str, first: date, last: date) -> list[Onset]:
    """The onsets icalendar finds for a zone from the first day to the last, in order."""
    zone = icalendar_zones.timezone(tzid)
    if zone is None:
        raise ValueError(f"Unknown time zone {tzid}")
    end = day_after(last)
    try:
        until = datetime.combine(end, time(0)) + SEARCH_REACH
    except OverflowError:
        until = datetime.combine(date.max, time.max)
    generated = Timezone.from_tzinfo(_Until(zone, until), tzid, first_date=first, last_date=end)
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
        zone.add_component(_onset_component(each))
    return zone


def _onset_component(each: Onset) -> TimezoneStandard | TimezoneDaylight:
    onset = TimezoneStandard() if each.standard else TimezoneDaylight()
    onset.DTSTART = each.start
    onset.TZOFFSETFROM = each.offset_from
    onset.TZOFFSETTO = each.offset_to
    onset.add("tzname", each.name)
    return onset


@functools.cache
def _onset_size(each: Onset) -> int:
    """The bytes of an onset's component: the same for every start (DTSTART is always
    YYYYMMDDTHHMMSS), so kept for one start."""
    return len(to_ical(_onset_component(each)))


@functools.cache
def _head_size(tzid: str) -> int:
    """The bytes of the zone's VTIMEZONE without onsets."""
    return len(to_ical(_zone_component(tzid, ())))


def _size(tzid: str, onsets: Iterable[Onset]) -> int:
    """`len(to_ical(_zone_component(tzid, onsets)))`, from the sizes of its parts."""
    anytime = datetime.combine(date(2000, 1, 1), time(0))  # naive, as icalendar's onsets
    return _head_size(tzid) + sum(_onset_size(dataclasses.replace(each, start=anytime)) for each in onsets)


class ZoneOnsets:
    """The VTIMEZONEs of many calendars, with each zone's onsets found once for each span.

    Here a zone's onsets are found once for each span of every day any calendar of the build
    uses in that zone (and the `NEAR_DAYS` before each, for `zone_share`): a calendar's days
    there are spans of those days, each inside one of them. A span's onsets are then the first
    day's offset (what icalendar starts from) and the onsets after it and before its last day.
    That is exactly what icalendar finds for those days when no two changes of offset are 64
    days or less apart (its stepping then cannot miss one), which is checked, day by day;
    otherwise, and for days outside every span, icalendar is asked again.
    """

    def __init__(self, days: Mapping[str, Iterable[date]]) -> None:
        self.ranges = {
            tzid: spans(itertools.chain(used, (_days_before(day, NEAR_DAYS) for day in used)))
            for tzid, each in days.items()
            for used in [list(each)]
        }
        self.found: dict[tuple[str, Span], list[Onset] | None] = {}
        self.made: dict[tuple[str, tuple[Span, ...]], Timezone] = {}
        self.written: dict[tuple[str, tuple[Span, ...]], bytes] = {}

    def vtimezone(self, tzid: str, days: tuple[Span, ...]) -> Timezone:
        """The zone's VTIMEZONE for these spans of days (`spans`)."""
        key = (tzid, days)
        if key not in self.made:
            onsets = self._spans_onsets(tzid, days)
            if len(onsets) > 1 and not any(onset.standard for onset in onsets):
                # dateutil (vobject's reader, icalendar's to_tz) fails on a time before the
                # first onset of a zone with no STANDARD onset (vobject asks for 2000 on): open
                # the first span `NEAR_DAYS` earlier, in the standard time before its summer.
                (first, last), *others = days
                onsets = self._spans_onsets(tzid, ((_days_before(first, NEAR_DAYS), last), *others))
            self.made[key] = _zone_component(tzid, onsets)
        return self.made[key]

    def _spans_onsets(self, tzid: str, days: tuple[Span, ...]) -> list[Onset]:
        return [onset for first, last in days for onset in self.onsets(tzid, first, last)]

    def vtimezone_bytes(self, tzid: str, days: tuple[Span, ...]) -> bytes:
        """`to_ical(self.vtimezone(...))`, kept: many calendars use a zone for the same days."""
        key = (tzid, days)
        if key not in self.written:
            self.written[key] = to_ical(self.vtimezone(tzid, days))
        return self.written[key]

    def zone_share(self, tzid: str, day: date) -> int:
        """The most bytes a time on this day can add to a calendar's VTIMEZONEs.

        A calendar's VTIMEZONE of a zone is its head, and for each span an opening onset on its
        first day and the changes after it up to its last day. Charge the head and an opening to
        every day, and each change to the first day used at or after it, at most `NEAR_DAYS`
        later: the VTIMEZONE of the day alone holds the head, its opening and its own changes,
        that of the `NEAR_DAYS` before it every change charged to it. So the VEVENTs' sizes and
        their days' shares add up to at least the calendar's VEVENTs and VTIMEZONEs. (A zone
        whose first span opens `NEAR_DAYS` earlier, for a STANDARD onset, trades its first
        day's opening for the first day's VTIMEZONE of the `NEAR_DAYS` before it.)
        """
        alone = _size(tzid, self.onsets(tzid, day, day))
        before = _size(tzid, self.onsets(tzid, _days_before(day, NEAR_DAYS), day))
        return alone + before

    def onsets(self, tzid: str, first: date, last: date) -> list[Onset]:
        bounds = self._span_around(tzid, first, last)
        if bounds is None:
            return _onsets(tzid, first, last)
        key = (tzid, bounds)
        if key not in self.found:
            self.found[key] = _onsets(tzid, *bounds) if _steady(tzid, *bounds) else None
        every = self.found[key]
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
        after = bisect.bisect_right(every, start, key=lambda onset: onset.start)  # sorted by start
        before = bisect.bisect_left(every, end, lo=after, key=lambda onset: onset.start)
        return [opening, *every[after:before]]

    def _span_around(self, tzid: str, first: date, last: date) -> Span | None:
        """The span of the build's days in this zone that holds the first to the last day."""
        found = self.ranges.get(tzid, ())
        index = bisect.bisect_right(found, (first, date.max)) - 1
        if index >= 0 and found[index][0] <= first and last <= found[index][1]:
            return found[index]
        return None


def _days_before(day: date, count: int) -> date:
    return date.fromordinal(max(1, day.toordinal() - count))


def _steady(tzid: str, first: date, last: date) -> bool:
    """Whether the zone's offset, read at each midnight, never changes twice within 64 days."""
    zone = icalendar_zones.timezone(tzid)
    if zone is None:
        return False
    changes: list[int] = []
    before = None
    for ordinal in range(max(1, first.toordinal() - 1), min(date.max.toordinal(), last.toordinal() + 2) + 1):
        offset = zone.utcoffset(datetime.fromordinal(ordinal))  # its wall time in the zone
        if before is not None and offset != before:
            changes.append(ordinal)
        before = offset
    return all(later - earlier > 64 for earlier, later in itertools.pairwise(changes))
