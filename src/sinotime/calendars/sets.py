"""Which calendars `build` offers, and which events each holds: none empty, each under 1 MB.

Google stops reading a subscribed calendar at about 1 MB, and a calendar with no event is an
empty subscription that some servers (Radicale) refuse to store. So:

- `STEM.ics` (every event; `calendar.stem`, `sinotime` by default), `kind-<kind>.ics` and
  `series-<id>.ics` are the subscription calendars, each made only when at least one of its
  events has a place in the grid;
- each holds all of its events when their VEVENTs (and what their times add to its VTIMEZONEs)
  fit in `EVENT_BUDGET` bytes; else a window of
  whole days around the as-of day: the days from the as-of day on first (up to `AHEAD_SHARE` of
  the budget), then the days before it, newest first, until the budget is spent. Its
  description names the first and last day it holds;
- when `STEM.ics` has to leave events out, the archive calendars hold them all:
  `archive/STEM-<year>.ics` every event whose first day in the grid is in that year, or, for
  a year too big for one calendar, `archive/STEM-<year>-<month>.ics` one a month;
- `event/<id>.ics` holds one event, for every plan still ahead that has a day on the grid: what
  the page's "Add to calendar" links to (same UID as in the other calendars).

Pure: the same events, sizes and as-of day give the same choice.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sinotime.catalogue import (
    CALENDAR,
    Scope,
    archive_from_day,
    archive_of_month,
    archive_of_year,
    event_file,
    everything,
    of_kind,
    of_series,
)
from sinotime.dates import day_words
from sinotime.timeline import Entry, Flag, Timeline

MAX_CALENDAR_BYTES = 1_000_000  # every calendar offered stays under this (Google's limit)
EVENT_BUDGET = 900_000  # for a calendar's VEVENTs and VTIMEZONEs; its header takes the rest
AHEAD_SHARE = 0.75  # of the budget, for the days from the as-of day on
# The plans a reader may want to add to a calendar of their own, one at a time.
ADD_TO_CALENDAR = frozenset({Flag.UPCOMING, Flag.SLIPPING})


@dataclass(frozen=True, slots=True)
class Held:
    """An event that has a place in the grid, as the choice of calendars sees it."""

    entry: Entry
    day: date  # its first day in the grid
    size: int  # the bytes of its VEVENT, and the most its times add to VTIMEZONEs


@dataclass(frozen=True, slots=True)
class CalendarSet:
    """One calendar file to write: its name, its title and description, its events in order."""

    name: str
    title: str
    description: str
    held: tuple[Held, ...]

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(each.entry for each in self.held)

    @property
    def size(self) -> int:
        """The bytes of its VEVENTs and what their times add to VTIMEZONEs."""
        return sum(each.size for each in self.held)


def calendar_sets(timeline: Timeline, held: Sequence[Held], grid_note: str) -> list[CalendarSet]:
    """Every calendar file `build` writes (see the module's description), `held` in grid order."""
    info = timeline.data.calendar
    sets: list[CalendarSet] = []
    if held:
        sets.append(_subscription(timeline, everything(info.stem), f"{info.description} {grid_note}", held))
    by_kind: dict[str, list[Held]] = {}
    by_series: dict[str, list[Held]] = {}
    for each in held:  # one pass: a timeline may have thousands of series
        by_kind.setdefault(each.entry.event.kind, []).append(each)
        if each.entry.event.series:
            by_series.setdefault(each.entry.event.series, []).append(each)
    for kind_id, events in sorted(by_kind.items()):
        kind = timeline.data.kind(kind_id)
        description = f"{kind.heading} from {info.name}. {info.description} {grid_note}"
        sets.append(_subscription(timeline, of_kind(kind), description, events))
    for series_id, events in sorted(by_series.items()):
        series = timeline.series[series_id]
        about = f" {series.description}" if series.description else ""
        description = f"{series.title}: every milestone, from {info.name}.{about} {grid_note}"
        sets.append(_subscription(timeline, of_series(series), description, events))
    if len(window(held, timeline.as_of)) < len(held):
        sets += archive_sets(timeline, held)
    sets += [event_set(timeline, each) for each in held if each.entry.flag in ADD_TO_CALENDAR]
    return sets


def _subscription(timeline: Timeline, scope: Scope, description: str, held: Sequence[Held]) -> CalendarSet:
    """A subscription calendar: its window of `held`, and, when that is not all, which days."""
    kept = window(held, timeline.as_of)
    if len(kept) < len(held):
        description += (
            f" To stay under 1 MB, the most a calendar app reads, it holds the {len(kept):,} events"
            f" from {day_words(kept[0].day)} to {day_words(kept[-1].day)} of {len(held):,};"
            " the archive calendars on the page hold every one."
        )
    return _set(scope.file(CALENDAR), scope.title(timeline.data.calendar.name), description, kept)


def archive_sets(timeline: Timeline, held: Sequence[Held]) -> list[CalendarSet]:
    """One calendar a year; for a year whose events do not fit in one, one a month; for a month
    that does not fit either, runs of whole days that do, each named by its first day."""
    name, stem = timeline.data.calendar.name, timeline.data.calendar.stem
    sets = []
    for year, of_year in _grouped(held, lambda each: each.day.year):
        if _fits(of_year):
            sets.append(_archive(archive_of_year(stem, year).file(CALENDAR), f"{year}", name, of_year))
            continue
        for month, of_month in _grouped(of_year, lambda each: each.day.month):
            if _fits(of_month):
                scope = archive_of_month(stem, year, month)
                sets.append(_archive(scope.file(CALENDAR), scope.label, name, of_month))
                continue
            for days in _runs_of_days(of_month):
                first, last = days[0].day, days[-1].day
                period = f"{first.day}–{day_words(last)}" if first != last else day_words(first)
                sets.append(_archive(archive_from_day(stem, first).file(CALENDAR), period, name, days))
    return sets


def _fits(held: Sequence[Held]) -> bool:
    return sum(each.size for each in held) <= EVENT_BUDGET


def _runs_of_days(held: Sequence[Held]) -> list[list[Held]]:
    """`held` cut into runs of whole days, each as long as fits in the budget (a day too big
    for it is a run of its own)."""
    runs: list[list[Held]] = []
    used = EVENT_BUDGET + 1
    for _, of_day in _grouped(held, lambda each: each.day.toordinal()):
        size = sum(each.size for each in of_day)
        if used + size > EVENT_BUDGET:
            runs.append([])
            used = 0
        runs[-1] += of_day
        used += size
    return runs


def event_set(timeline: Timeline, held: Held) -> CalendarSet:
    """A calendar of one event, to add to one's own calendar (a copy: it is not updated)."""
    name, entry = timeline.data.calendar.name, held.entry
    title = entry.event.title.strip() or entry.event.id
    description = (
        f"One event from {name}, to add to your own calendar. Added this way it is a copy that "
        f"does not change; subscribe to a calendar of {name} to follow its news."
    )
    return CalendarSet(event_file(entry.event.id), f"{name}: {title}", description, (held,))


def window(held: Sequence[Held], as_of: date, budget: int | None = None) -> list[Held]:
    """The events a subscription calendar holds: all when they fit in `budget`, else the whole
    days from `as_of` on, in order, up to `AHEAD_SHARE` of it, then the days before, newest
    first, until it is spent (`EVENT_BUDGET` unless told)."""
    budget = EVENT_BUDGET if budget is None else budget
    if sum(each.size for each in held) <= budget:
        return list(held)
    by_day: dict[date, int] = {}
    for each in held:
        by_day[each.day] = by_day.get(each.day, 0) + each.size
    ahead = sorted(day for day in by_day if day >= as_of)
    before = sorted((day for day in by_day if day < as_of), reverse=True)
    used, taken = _fill(ahead, by_day, 0, int(budget * AHEAD_SHARE))
    last = None if taken == len(ahead) else ahead[taken - 1] if taken else as_of - timedelta(days=1)
    used, taken = _fill(before, by_day, used, budget)
    first = None if taken == len(before) else before[taken - 1] if taken else as_of
    if not used:  # the nearest day alone is too big: as many of its events as fit
        nearest = ahead[0] if ahead else before[0]
        sizes = itertools.accumulate(each.size for each in held if each.day == nearest)
        return [
            each
            for each, total in zip((h for h in held if h.day == nearest), sizes, strict=True)
            if total <= budget
        ]
    return [
        each for each in held if (first is None or each.day >= first) and (last is None or each.day <= last)
    ]


def _fill(days: Sequence[date], sizes: dict[date, int], used: int, budget: int) -> tuple[int, int]:
    """Take whole days in order while they fit: the bytes then used and how many days were taken."""
    for index, day in enumerate(days):
        if used + sizes[day] > budget:
            return used, index
        used += sizes[day]
    return used, len(days)


def _set(name: str, title: str, description: str, kept: Iterable[Held]) -> CalendarSet:
    return CalendarSet(name, title, description, tuple(kept))


def _archive(file: str, period: str, name: str, held: Sequence[Held]) -> CalendarSet:
    description = (
        f"Archive of {name}: every event of {period} that has a day in the calendar, to download "
        f"or subscribe to."
    )
    return _set(file, f"{name}: {period}", description, held)


def _grouped(held: Sequence[Held], key: Callable[[Held], int]) -> list[tuple[int, list[Held]]]:
    groups: dict[int, list[Held]] = {}
    for each in held:
        groups.setdefault(key(each), []).append(each)
    return sorted(groups.items())
