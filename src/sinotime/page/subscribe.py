"""The subscribe links: what each published calendar and feed holds, in the header, the
`<link rel="alternate">` tags and the Subscribe section."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sinotime.calendars.sets import ARCHIVE_FOLDER, EVENT_FOLDER
from sinotime.dates import MONTH_NAMES, day_words
from sinotime.models import Kind
from sinotime.page.markup import PAGE_NAME, esc, href_for, webcal_for
from sinotime.site import Site
from sinotime.timeline import Timeline

# --- what each published file holds ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FileFormat:
    suffix: str
    label: str  # "Calendar", "RSS feed"
    short: str  # the link's text: ".ics", "RSS"
    mime: str
    calendar: bool = False


# What the calendars and feeds renderers write.
FORMATS: tuple[FileFormat, ...] = (
    FileFormat(".atom", "Atom feed", "Atom", "application/atom+xml"),
    FileFormat(".rss", "RSS feed", "RSS", "application/rss+xml"),
    FileFormat(".json", "JSON Feed", "JSON", "application/feed+json"),
    FileFormat(".ics", "Calendar", ".ics", "text/calendar", calendar=True),
)
FORMAT_ORDER = {
    "text/calendar": 0,
    "application/rss+xml": 1,
    "application/atom+xml": 2,
    "application/feed+json": 3,
}
# A feed's archive pages (`sinotime.archive-1.atom`) are reached from the feed, not listed.
ARCHIVE_MARK = ".archive-"
NO_CALENDAR = (
    "No calendar: none of its events has a day it can honestly be shown on (what happened is known"
    " only to a year or a long window, or the date is open or not announced); its feeds list them."
)


@dataclass(frozen=True, slots=True)
class Published:
    """One file another renderer wrote, with what it holds (None when the name is not known)."""

    name: str
    stem: str
    format: FileFormat | None
    holds: str | None
    rank: tuple[int, int, str]


EVERYTHING_RANK = 0  # the files that hold everything come first


def describe(name: str, timeline: Timeline) -> Published:
    """What a file holds, from its name: `STEM.*` (`calendar.stem`), `kind-X.*`, `series-Y.*`."""
    fmt = next((f for f in FORMATS if name.endswith(f.suffix) and len(name) > len(f.suffix)), None)
    if fmt is None:
        return Published(name, name, None, None, (4, 0, name))
    stem = name[: -len(fmt.suffix)]
    everything = timeline.data.calendar.stem
    if stem == everything:
        return Published(name, stem, fmt, "Everything: every event of every kind", (EVERYTHING_RANK, 0, stem))
    if stem.startswith("kind-") and stem[5:] in {kind.value for kind in Kind}:
        kind = Kind(stem[5:])
        return Published(name, stem, fmt, kind.label, (1, list(Kind).index(kind), stem))
    archive = f"{ARCHIVE_FOLDER}/{everything}-"
    if stem.startswith(archive) and fmt.calendar:
        return Published(name, stem, fmt, f"Archive: {_archive_period(stem[len(archive) :])}", (3, 0, stem))
    series_ids = [s.id for s in timeline.data.series]
    if stem.startswith("series-") and stem[7:] in series_ids:
        series_id = stem[7:]
        title = timeline.series[series_id].title
        return Published(name, stem, fmt, f"{title}: every milestone", (2, series_ids.index(series_id), stem))
    return Published(name, name, None, None, (4, 0, name))


def _archive_period(period: str) -> str:
    """What an archive calendar holds, from its name: '2019', '2019-06' or '2019-06-15' (a run of
    days from that day, for a month too big for one calendar)."""
    parts = period.split("-")
    if len(parts) == 2 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        return f"every event of {MONTH_NAMES[int(parts[1])]} {parts[0]}"
    if len(parts) == 3:
        with contextlib.suppress(ValueError):
            day = date.fromisoformat(period)
            return f"every event of {MONTH_NAMES[day.month]} {day.year} from {day_words(day)} on"
    return f"every event of {period}"


def published_groups(timeline: Timeline, names: Iterable[str]) -> list[list[Published]]:
    """The published files grouped by what they hold, everything first, then kinds, then series."""
    groups: dict[tuple[int, int, str], list[Published]] = {}
    for name in sorted(set(names)):
        if name == PAGE_NAME or ARCHIVE_MARK in name or name.startswith(f"{EVENT_FOLDER}/"):
            continue  # a feed's archive pages are reached from the feed; an event's calendar from the event
        item = describe(name, timeline)
        groups.setdefault(item.rank, []).append(item)
    return [
        sorted(groups[rank], key=lambda p: (FORMAT_ORDER.get(p.format.mime, 9) if p.format else 9, p.name))
        for rank in sorted(groups)
    ]


def alternate_links(groups: list[list[Published]], site: Site) -> list[str]:
    lines = []
    for group in groups:
        for item in group:
            if item.format is None or item.holds is None:
                continue
            title = f"{item.holds} — {item.format.label}"
            lines.append(
                f'<link rel="alternate" type="{esc(item.format.mime)}" title="{esc(title)}"'
                f' href="{esc(href_for(site, item.name))}">'
            )
    return lines


def _subscribe_links(group: list[Published], site: Site) -> tuple[list[str], list[str]]:
    """The calendar links and the feed links of one group, as HTML."""
    holds = group[0].holds or group[0].name
    calendars: list[str] = []
    feeds: list[str] = []
    for item in group:
        href = esc(href_for(site, item.name))
        if item.format is None:
            feeds.append(f'<a href="{href}">{esc(item.name)}</a>')
        elif item.format.calendar:
            webcal = webcal_for(site, item.name)
            if webcal is not None:
                calendars.append(
                    f'<a class="subscribe" href="{esc(webcal)}" type="text/calendar"'
                    f' title="{esc(f"Subscribe in your calendar app: {holds}")}">Subscribe</a>'
                )
            calendars.append(
                f'<a href="{href}" type="text/calendar"'
                f' title="{esc(f"The calendar file (iCalendar): {holds}")}">{esc(item.format.short)}</a>'
            )
        else:
            feeds.append(
                f'<a href="{href}" type="{esc(item.format.mime)}"'
                f' title="{esc(f"{item.format.label}: {holds}")}">{esc(item.format.short)}</a>'
            )
    return calendars, feeds


def quick_subscribe(groups: list[list[Published]], site: Site) -> str:
    """The everything calendar and feeds, in the header: one click without scrolling."""
    everything = next((g for g in groups if g[0].rank[0] == EVERYTHING_RANK and g[0].format), None)
    if everything is None:
        return ""
    calendars, feeds = _subscribe_links(everything, site)
    more = ' <a class="more" href="#subscribe">By kind and series</a>' if len(groups) > 1 else ""
    return (
        f'<p class="quick"><span>Subscribe to everything:</span> '
        f'<span class="links">{" ".join(calendars + feeds)}</span>{more}</p>'
    )


def subscribe_section(groups: list[list[Published]], site: Site) -> str:
    rows = []
    for group in groups:
        calendars, feeds = _subscribe_links(group, site)
        holds = group[0].holds or group[0].name
        no_calendar = not calendars and group[0].rank[0] in (0, 1, 2)  # everything, a kind, a series
        if no_calendar:
            calendars.append('<span class="no-calendar">No calendar</span>')
        note = f'<p class="note">{esc(NO_CALENDAR)}</p>' if no_calendar else ""
        rows.append(
            f'<li><span class="holds">{esc(holds)}</span>'
            f'<span class="links">{" ".join(calendars)}</span>'
            f'<span class="links">{" ".join(feeds)}</span>{note}</li>'
        )
    if not rows:
        body = "<p>No calendars or feeds were published with this page.</p>"
    else:
        body = '<ul class="subscriptions">\n' + "\n".join(rows) + "\n</ul>"
    how = (
        "<strong>Subscribe</strong> opens your calendar app, which then keeps the calendar up to date"
        " by itself; to add it by hand, copy the <strong>.ics</strong> address."
        if site.base_url
        else "Calendar apps subscribe to the <strong>.ics</strong> files by the address they are served from."
    )
    hint = (
        f'<p class="hint">{how} The Atom, RSS and JSON Feed links go into a feed reader: each entry is'
        " one change (a target announced or moved, an outcome, a deadline passing with nothing heard),"
        " dated by its source. Follow everything, a kind, or one series (a bridge) to hear only of it;"
        " Atom is the best choice where your reader takes it.</p>"
    )
    if any(group[0].rank[0] == 3 for group in groups):  # archives: the calendars hold a window
        hint += (
            '\n<p class="hint">Each calendar stays under 1 MB, the most a calendar app reads: it holds'
            " the events around today (its description says which days), and the archive calendars"
            " below hold every event, a year (or a month) each.</p>"
        )
    return f'<section id="subscribe">\n<h2>Subscribe</h2>\n{hint}\n{body}\n</section>'
