"""Each event of the page as schema.org `Event` data, in one JSON-LD block.

- `@id` and `url`: the event in the page's list; `name`, `description` (its status in words; the
  curator's description is in the list beside it), `location` (a `Place`), `superEvent` (its
  series, an `EventSeries`);
- `startDate`/`endDate` at the date's true precision, as far as ISO 8601 allows: a day
  (`2019-06-15`), a time with its zone's offset (`2023-06-15T10:00:00+10:00`), a month
  (`2014-06`), a year (`2018`), a span's first and last day; a season, quarter, half or window
  as the narrowest of day, month or year that holds it (`2026` for summer 2026); none for an
  open-ended date ("on or after"), which no single ISO 8601 value can state;
- `eventStatus`: `EventCancelled`, `EventPostponed`, `EventRescheduled` (with every earlier
  target as `previousStartDate`) when the date differs from a target announced before, else
  `EventScheduled` (schema.org has no status for "happened"; past due is still scheduled as far
  as anyone has said).

The block is data, not script: the page's CSP runs no script but its own, and `<`, `>` and `&`
are written as JSON escapes, so no text from the data can end the block.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sinotime.catalogue import PAGE_NAME
from sinotime.dates import FuzzyDate, Point, Precision
from sinotime.site import Site
from sinotime.statuses import Flag
from sinotime.timeline import Entry, Timeline
from sinotime.words import status_words

SCHEMA = "https://schema.org/"
STATUS = {
    Flag.CANCELLED: "EventCancelled",
    Flag.POSTPONED: "EventPostponed",
}


def _narrowest(first: date, last: date) -> str:
    """The narrowest ISO 8601 day, month or year that holds every day from `first` to `last`."""
    if first == last:
        return first.isoformat()
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}"
    if first.year == last.year:
        return f"{first.year:04d}"
    return ""


def _point(point: Point, zone: str) -> str:
    if point.precision is Precision.TIME and point.time is not None:
        return datetime.combine(point.earliest, point.time, ZoneInfo(zone)).isoformat()
    return _narrowest(point.earliest, point.latest)


def iso_dates(value: FuzzyDate, zone: str) -> tuple[str, str]:
    """A date's start and end in ISO 8601 at its precision; "" where none can be said."""
    if value.precision is Precision.SPAN and value.last is not None:
        return _point(value.first, zone), _point(value.last, zone)
    if value.precision is Precision.OPEN or value.latest is None:
        return "", ""
    if value.precision is Precision.WINDOW:
        return _narrowest(value.earliest, value.latest), ""
    return _point(value.first, zone), ""


def _previous_targets(entry: Entry, zone: str) -> list[str]:
    """The targets announced that the event's present date certainly lies outside of (it was
    moved, or happened late or early), each once, oldest first."""
    current = entry.date
    if current is None:
        return []
    earlier: list[str] = []
    for plan in entry.event.plans:
        target = plan.target
        if target is None or not _outside(current, target):
            continue
        start = iso_dates(target, zone)[0]
        if start and start not in earlier:
            earlier.append(start)
    return earlier


def _outside(value: FuzzyDate, target: FuzzyDate) -> bool:
    """Whether every day `value` may be lies outside `target`'s bounds (a date too coarse to tell
    is not taken for a change of date)."""
    before = value.latest is not None and value.latest < target.earliest
    return before or (target.latest is not None and value.earliest > target.latest)


def event_node(entry: Entry, timeline: Timeline, site: Site, page: str = PAGE_NAME) -> dict[str, Any]:
    event = entry.event
    zone = event.timezone or timeline.data.calendar.timezone
    address = f"{site.url(page) or ''}#event-{event.id}"
    node: dict[str, Any] = {
        "@type": "Event",
        "@id": address,
        "url": address,
        "name": event.title,
        "description": status_words(entry) + ".",  # the curator's description is in the list
    }
    start, end = iso_dates(entry.date, zone) if entry.date is not None else ("", "")
    if start:
        node["startDate"] = start
    if end:
        node["endDate"] = end
    previous = _previous_targets(entry, zone)
    status = STATUS.get(entry.flag) or ("EventRescheduled" if previous else "EventScheduled")
    node["eventStatus"] = SCHEMA + status
    if status == "EventRescheduled":
        node["previousStartDate"] = previous
    if event.place is not None:
        node["location"] = {"@type": "Place", "name": event.place.words()}
    if entry.series is not None:
        node["superEvent"] = {"@type": "EventSeries", "name": entry.series.title}
    return node


def json_ld(timeline: Timeline, site: Site, entries: Iterable[Entry], page: str = PAGE_NAME) -> str:
    """The `<script type="application/ld+json">` block of `entries`, listed on `page`."""
    graph = {
        "@context": "https://schema.org",
        "@graph": [event_node(entry, timeline, site, page) for entry in entries],
    }
    text = json.dumps(graph, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'
