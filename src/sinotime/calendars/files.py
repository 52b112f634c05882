"""The calendar files: each calendar `sets` chooses, its header, VTIMEZONEs and VEVENTs."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, vDuration, vUri

from sinotime.calendars.events import vevent_bytes
from sinotime.calendars.grid import Placement, grid_placement, zone_days
from sinotime.calendars.lines import Property, Text, component_bytes, property_lines
from sinotime.calendars.sets import EVENT_BUDGET, MAX_CALENDAR_BYTES, Held, calendar_sets
from sinotime.calendars.zones import Span, ZoneOnsets, spans
from sinotime.catalogue import ARCHIVE_FOLDER
from sinotime.errors import SinotimeError
from sinotime.ledger import ledger_of
from sinotime.site import Site
from sinotime.text import ical_text, ical_uri
from sinotime.timeline import Entry, Timeline

Zone = tuple[str, tuple[Span, ...]]  # a zone, and the spans of days a calendar needs it for

PRODID = "-//sinotime//sinotime calendars//EN"
REFRESH = timedelta(hours=12)

GRID_NOTE = (
    "Plans are marked with their status; a plan known only to a season, quarter, half-year or "
    'year is shown on its last possible day ("Due by the end of …"); what happened known only '
    "that vaguely, open-ended dates and plans with no date are not on the calendar (the feeds list "
    "them)."
)


class CalendarTooBigError(SinotimeError):
    """A calendar that would pass the size calendar apps read, though its events and their time
    zones fit the budget: its own name and description take the rest (a calendar's description,
    up to 20,000 characters, is written twice, as DESCRIPTION and X-WR-CALDESC)."""

    def __init__(self, name: str, size: int) -> None:
        super().__init__(
            f"{name} would be {size:,} bytes, more than the {MAX_CALENDAR_BYTES:,} a calendar app"
            f" reads: its events take up to {EVENT_BUDGET:,}, and its name and description the"
            " rest; shorten calendar.description (or the description of its series)"
        )


def render_calendars(timeline: Timeline, site: Site) -> dict[str, bytes]:
    """Every calendar file, by name: the subscription calendars (all events, one per kind, one
    per series), the archives when those cannot hold everything, and one per upcoming plan
    (`sets.calendar_sets` chooses them)."""
    ledger_of(timeline)  # each event's revisions are found with its changes, in one walk of its days
    shared = _Shared(timeline)
    files = {}
    for chosen in calendar_sets(timeline, _on_grid(shared), GRID_NOTE):
        content = _calendar(shared, site, chosen.name, chosen.title, chosen.description, chosen.entries)
        if len(content) >= MAX_CALENDAR_BYTES and not chosen.name.startswith(ARCHIVE_FOLDER):
            raise CalendarTooBigError(chosen.name, len(content))
        files[chosen.name] = content
    return files


def on_grid(timeline: Timeline) -> list[Held]:
    """Every event that has a place in the grid, with the size of its VEVENT, in grid order."""
    return _on_grid(_Shared(timeline))


def _on_grid(shared: _Shared) -> list[Held]:
    held = [
        Held(entry, where.first_day, len(shared.vevent(entry, where)) + shared.zone_share(where))
        for entry in shared.timeline
        if (where := shared.placements[entry.event.id]) is not None
    ]
    return sorted(held, key=lambda each: (each.day, each.entry.event.id))


class _Shared:
    """What the calendars of one timeline have in common, worked out once for all of them.

    An event is in up to three calendars (everything, its kind, its series): its placement and
    its VEVENT (serialised by icalendar, once) are the same in each, and a calendar is its
    header, its VTIMEZONEs and the bytes of its VEVENTs one after the other, exactly what
    icalendar writes for the whole calendar. Each zone's onsets are found once for the days
    every calendar needs, and each calendar takes those of its own days (`ZoneOnsets`).
    """

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        zone = timeline.data.calendar.timezone
        self.placements = {
            entry.event.id: grid_placement(entry, ZoneInfo(_zone_of(entry, zone))) for entry in timeline
        }
        self.vevents: dict[str, bytes] = {}
        self.build_lines = property_lines(build_properties())
        days: dict[str, list[date]] = {}
        for where in self.placements.values():
            for tzid, day in zone_days(where):
                days.setdefault(tzid, []).append(day)
        self.zones = ZoneOnsets(days)

    def calendar(self, properties: list[Property], zones: list[Zone], vevents: list[bytes]) -> bytes:
        """A calendar of `build_properties` (their lines written once) and `properties`, a
        VTIMEZONE of each zone for its days (each written once), and these VEVENTs, as icalendar
        writes the whole calendar (a test compares them)."""
        lines = {**self.build_lines, **property_lines(properties)}
        return component_bytes(
            Calendar, lines, [*(self.zones.vtimezone_bytes(*zone) for zone in zones), *vevents]
        )

    def zone_share(self, where: Placement) -> int:
        """The most bytes the event's times can add to a calendar's VTIMEZONEs."""
        return sum(self.zones.zone_share(tzid, day) for tzid, day in zone_days(where))

    def vevent(self, entry: Entry, where: Placement) -> bytes:
        content = self.vevents.get(entry.event.id)
        if content is None:
            content = self.vevents[entry.event.id] = vevent_bytes(entry, where, self.timeline)
        return content


def _calendar(
    shared: _Shared, site: Site, file_name: str, name: str, description: str, entries: Iterable[Entry]
) -> bytes:
    placed: list[tuple[Placement, Entry]] = []
    for entry in entries:
        where = shared.placements[entry.event.id]
        if where is not None:
            placed.append((where, entry))
    placed.sort(key=lambda pair: (pair[0].first_day, pair[1].event.id))
    assert placed, f"{file_name} would be empty"  # `calendar_sets` makes no empty calendar
    used: dict[str, list[date]] = {}
    for where, _ in placed:
        for tzid, day in zone_days(where):
            used.setdefault(tzid, []).append(day)
    zones = [(tzid, spans(days)) for tzid, days in sorted(used.items())]
    properties = calendar_properties(site, file_name, name, description)
    return shared.calendar(properties, zones, [shared.vevent(entry, where) for where, entry in placed])


def build_properties() -> list[Property]:
    """The properties every calendar of a build has, with the same values."""
    return [
        ("version", "2.0", None),
        ("prodid", PRODID, None),
        ("calscale", "GREGORIAN", None),
        # icalendar writes REFRESH-INTERVAL without the VALUE=DURATION that RFC 7986 requires,
        # and a timedelta X-PUBLISHED-TTL as "12:00:00": give both explicitly.
        ("refresh-interval", REFRESH, {"VALUE": "DURATION"}),
        ("x-published-ttl", vDuration(REFRESH), None),
    ]


def calendar_properties(site: Site, file_name: str, name: str, description: str) -> list[Property]:
    """The properties of one calendar that are its own: its name, description and addresses."""
    # icalendar 7 types NAME and the X-WR- properties as unknown and escapes nothing in them:
    # say they are text, so a comma, a semicolon or a line break in a name stays text.
    # (Every text value goes through `Text`, for its escaping; see there.)
    title, about = Text(ical_text(name)), Text(ical_text(description))
    found: list[Property] = [
        ("name", title, None),
        ("x-wr-calname", title, None),
        ("description", about, None),
        ("x-wr-caldesc", about, None),
    ]
    source_url, home_url = site.url(file_name), site.url("")
    if source_url is not None and home_url is not None:
        found.append(("source", vUri(ical_uri(source_url)), {"VALUE": "URI"}))
        found.append(("url", vUri(ical_uri(home_url)), {"VALUE": "URI"}))
    return found


def _zone_of(entry: Entry, default: str) -> str:
    return entry.event.timezone or default
