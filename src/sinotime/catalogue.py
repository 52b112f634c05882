"""What `build` publishes, decided once: scopes, formats, file names and what each file holds.

A *scope* is a set of events a reader can follow: everything, one kind, one series, or (when
the calendar of everything has to leave events out to stay under 1 MB) one archive period.
Each scope is published in *formats*: a calendar (`.ics`) and three feeds of changes (`.rss`,
`.atom`, `.json`). A file's name is made here from its scope and format and never read back:

- `STEM.FMT` (`calendar.stem`, `sinotime` by default) holds everything;
- `kind-<kind>.FMT` one kind, `series-<id>.FMT` one series;
- `archive/STEM-<year>.ics`, `archive/STEM-<year>-<month>.ics`, `archive/STEM-<day>.ics` the
  events of a year, a month, or a run of days from that day (calendars only);
- `event/<id>.ics` one event, to add to one's own calendar;
- `index.html` the timeline page; when there are too many events for one page, it gives an
  overview and `pages/<year>-<month>.html` each month's events;
- a feed's archive pages (`sinotime.archive-3.atom`) are named by the feeds and reached from
  the feed itself, not offered for subscription.

Which of these files exist for this data is what the renderers wrote: a calendar only where
an event has a day on the grid, a feed only where something changed and only with a public
address, archives only when needed. `published` asks, for every file the data could have,
whether it was written, so the page, the CLI and the tests read one list in one order.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum, auto

from sinotime.dates import MONTH_NAMES, day_words
from sinotime.kinds import Kind
from sinotime.models import Series
from sinotime.timeline import Entry, Timeline, sort_day

PAGE_NAME = "index.html"  # the timeline page, which links to every file offered
PAGES_FOLDER = "pages"  # a large timeline's page of each month (see `month_page`)
ARCHIVE_FOLDER = "archive"
EVENT_FOLDER = "event"


@dataclass(frozen=True, slots=True)
class Format:
    """A format a scope is published in."""

    extension: str  # "ics", without the dot
    label: str  # "Calendar", "RSS feed"
    short: str  # a link's text: ".ics", "RSS"
    mime: str
    calendar: bool = False


CALENDAR = Format("ics", "Calendar", ".ics", "text/calendar", calendar=True)
RSS = Format("rss", "RSS feed", "RSS", "application/rss+xml")
ATOM = Format("atom", "Atom feed", "Atom", "application/atom+xml")
JSON_FEED = Format("json", "JSON Feed", "JSON", "application/feed+json")
FEED_FORMATS = (RSS, ATOM, JSON_FEED)
FORMATS = (CALENDAR, *FEED_FORMATS)  # the order a reader is offered them in


class Reach(IntEnum):
    """What a scope holds, in the order a reader is offered them."""

    EVERYTHING = auto()
    KIND = auto()
    SERIES = auto()
    ARCHIVE = auto()


@dataclass(frozen=True, slots=True)
class Scope:
    """A set of events a reader can follow, and the stem of its files' names."""

    reach: Reach
    stem: str  # the file name without its format: "sinotime", "kind-expo", "archive/sinotime-2019"
    holds: str  # one line on what it holds, as the page offers it
    label: str  # its own name: "Expos and trade fairs", a series' title, "2019"
    order: int = 0  # among the scopes of its reach

    def file(self, fmt: Format) -> str:
        return f"{self.stem}.{fmt.extension}"

    def title(self, publisher: str) -> str:
        """A calendar's or feed's title: "sinotime: Expos and trade fairs"."""
        return publisher if self.reach is Reach.EVERYTHING else f"{publisher}: {self.label}"


def everything(stem: str) -> Scope:
    """Every event; `stem` is the data's `calendar.stem`."""
    return Scope(Reach.EVERYTHING, stem, "Everything: every event of every kind", "")


def of_kind(kind: Kind, order: int = 0) -> Scope:
    """The events of one kind; `order` is its place among the file's kinds."""
    return Scope(Reach.KIND, f"kind-{kind.id}", kind.heading, kind.heading, order)


def of_series(series: Series, order: int = 0) -> Scope:
    return Scope(Reach.SERIES, f"series-{series.id}", f"{series.title}: every milestone", series.title, order)


def archive_of_year(stem: str, year: int) -> Scope:
    return _archive(f"{stem}-{year}", f"{year}", f"every event of {year}")


def archive_of_month(stem: str, year: int, month: int) -> Scope:
    words = f"{MONTH_NAMES[month]} {year}"
    return _archive(f"{stem}-{year}-{month:02d}", words, f"every event of {words}")


def archive_from_day(stem: str, day: date) -> Scope:
    """The archive of a run of days from `day`, for a month too big for one calendar."""
    holds = f"every event of {MONTH_NAMES[day.month]} {day.year} from {day_words(day)} on"
    return _archive(f"{stem}-{day.isoformat()}", day_words(day), holds)


def _archive(period: str, label: str, holds: str) -> Scope:
    return Scope(Reach.ARCHIVE, f"{ARCHIVE_FOLDER}/{period}", f"Archive: {holds}", label)


def _archive_name(period: str) -> str:
    return f"{ARCHIVE_FOLDER}/{period}.{CALENDAR.extension}"


SPLIT_ABOVE = 300  # events on one page at most; above, the page is split a month a page
PART_EVENTS = 250  # events on a month's page at most


def month_parts(timeline: Timeline) -> list[tuple[int, int, int, tuple[Entry, ...]]]:
    """A large timeline's pages: year, month, part (from 1) and events, oldest first; every
    event on exactly one, by the day it sorts by."""
    by_month: dict[tuple[int, int], list[Entry]] = {}
    for entry in timeline:
        day = sort_day(entry.event)
        by_month.setdefault((day.year, day.month), []).append(entry)
    return [
        (year, month, start // PART_EVENTS + 1, tuple(entries[start : start + PART_EVENTS]))
        for (year, month), entries in sorted(by_month.items())
        for start in range(0, len(entries), PART_EVENTS)
    ]


def event_pages(timeline: Timeline) -> dict[str, str]:
    """The page each event is listed on, by event id, when the timeline is split (else empty:
    every event is on `index.html`)."""
    if len(timeline) <= SPLIT_ABOVE:
        return {}
    return {
        entry.event.id: month_page(year, month, part)
        for year, month, part, entries in month_parts(timeline)
        for entry in entries
    }


def month_page(year: int, month: int, part: int = 1) -> str:
    """The page of the events of a month, when the timeline is too large for one page
    (`pages/2019-06.html`; a month too large for one page goes on in `pages/2019-06-2.html`...)."""
    more = f"-{part}" if part > 1 else ""
    return f"{PAGES_FOLDER}/{year:04d}-{month:02d}{more}.html"


def event_file(event_id: str) -> str:
    """The name of an event's own calendar file."""
    return f"{EVENT_FOLDER}/{event_id}.ics"


def scopes(timeline: Timeline) -> list[Scope]:
    """Every subscription the data could have, in the order a reader is offered them:
    everything, each kind, each series (archives are in `archives`)."""
    return [
        everything(timeline.data.calendar.stem),
        *(of_kind(kind, order) for order, kind in enumerate(timeline.data.kinds)),
        *(of_series(series, order) for order, series in enumerate(timeline.data.series)),
    ]


def archives(timeline: Timeline, written: Collection[str]) -> Iterator[Scope]:
    """The archive calendars among `written`, oldest first: a year's, else its months', else
    runs of days. Only the years the events have days in are asked after."""
    stem = timeline.data.calendar.stem
    if not any(name.startswith(f"{ARCHIVE_FOLDER}/") for name in written):
        return
    for year in sorted(_years(timeline)):
        if (scope := archive_of_year(stem, year)).file(CALENDAR) in written:
            yield scope
            continue
        for month in range(1, 13):
            if (scope := archive_of_month(stem, year, month)).file(CALENDAR) in written:
                yield scope
                continue
            day = date(year, month, 1)
            while day.month == month:
                if _archive_name(f"{stem}-{day.isoformat()}") in written:
                    yield archive_from_day(stem, day)
                if day == date.max:
                    break
                day += timedelta(days=1)


def _years(timeline: Timeline) -> set[int]:
    """The years an event has a day in: its date, its targets, its outcome."""
    years: set[int] = set()
    for entry in timeline:
        event = entry.event
        years.add(sort_day(event).year)
        dates = [plan.target for plan in event.plans if plan.target is not None]
        if event.outcome is not None and event.outcome.date is not None:
            dates.append(event.outcome.date)
        years.update(d.earliest.year for d in dates)
    return years


@dataclass(frozen=True, slots=True)
class Offer:
    """One scope and the files it is published in."""

    scope: Scope
    files: tuple[tuple[Format, str], ...]  # in the order of `FORMATS`

    @property
    def calendar(self) -> str | None:
        return next((name for fmt, name in self.files if fmt.calendar), None)


@dataclass(frozen=True, slots=True)
class Catalogue:
    """What was published for this data, in the order a reader is offered it."""

    offers: tuple[Offer, ...]
    event_files: frozenset[str]  # the events that have a calendar of their own, by file name

    @property
    def has_feeds(self) -> bool:
        return any(not fmt.calendar for offer in self.offers for fmt, _ in offer.files)

    @property
    def names(self) -> list[str]:
        """Every file offered, and every event's own calendar, by name."""
        return sorted({name for offer in self.offers for _, name in offer.files} | self.event_files)


def published(timeline: Timeline, written: Collection[str]) -> Catalogue:
    """What of the catalogue was written for this data (the names the renderers wrote)."""
    written = written if isinstance(written, (set, frozenset)) else frozenset(written)
    offers = []
    for scope in [*scopes(timeline), *archives(timeline, written)]:
        files = tuple((fmt, scope.file(fmt)) for fmt in FORMATS if scope.file(fmt) in written)
        if files:
            offers.append(Offer(scope, files))
    events = frozenset(name for entry in timeline if (name := event_file(entry.event.id)) in written)
    return Catalogue(tuple(offers), events)


NO_FEEDS_NOTE = (
    "note: no feeds written: a feed needs the public address it is served from "
    "(give --base-url or calendar.base_url)"
)
