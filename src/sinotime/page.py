"""The timeline page, `feeds/index.html`: subscribe in one click, see plans against outcomes.

One self-contained HTML file: the subscribe links (with `<link rel="alternate">` tags so
browsers and readers discover the feeds), a timeline drawn here as inline SVG (no script is
needed to see it), and the full chronological list, which a small inline script can filter.

Everything from the data is escaped with `html.escape(..., quote=True)`; links come only from
http(s) addresses. A Content-Security-Policy allows nothing but the page's own style and
script (by their hashes), so even a slip in escaping could neither load nor run anything.
The page is pure: the same timeline and names give the same bytes, with no clock read.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import heapq
import html
import itertools
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import MAXYEAR, date, timedelta
from importlib.resources import files

from sinotime.calendar_sets import ARCHIVE_FOLDER, EVENT_FOLDER, event_file
from sinotime.dates import MONTH_NAMES, FuzzyDate, Precision, day_words
from sinotime.models import Event, Kind, Source
from sinotime.names import OTHER_NAMES, Name, names_html, other_names
from sinotime.site import Site
from sinotime.timeline import Entry, Flag, Timeline, date_words, sort_day, status_words

PAGE_NAME = "index.html"


def esc(text: object) -> str:
    """Escape text for HTML content and for double-quoted attribute values alike."""
    return html.escape(str(text), quote=True)


def web_href(url: str | None) -> str | None:
    """An address safe to put in href: http(s) only (the model already insists; belt and braces)."""
    if url is None or not url.startswith(("https://", "http://")):
        return None
    return url


def _asset(name: str) -> str:
    return files("sinotime").joinpath("page_assets", name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


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


def href_for(site: Site, name: str) -> str:
    """The address of a published file: absolute when the site has a base URL, else relative."""
    return site.url(name) or name


def webcal_for(site: Site, name: str) -> str | None:
    url = site.url(name)
    if url is None:
        return None
    return "webcal://" + url.split("://", 1)[1]


def _alternate_links(groups: list[list[Published]], site: Site) -> list[str]:
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


def _quick_subscribe(groups: list[list[Published]], site: Site) -> str:
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


def _subscribe_section(groups: list[list[Published]], site: Site) -> str:
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


# --- the timeline, drawn as SVG ----------------------------------------------------------------

WIDTH = 1100
MARGIN = 16
AXIS_HEIGHT = 30
ROW_LABEL_HEIGHT = 20
LANE_HEIGHT = 26
ROW_PADDING = 6
BOTTOM = 28
BAND_HEIGHT = 12
DOT_RADIUS = 6
MIN_BAND = 6
OPEN_LENGTH = 40
CHAR_WIDTH = 6.4  # average width of a character of an 11.5px label
LABEL_GAP = 6
LANE_GAP = 10


@dataclass(frozen=True, slots=True)
class Scale:
    start: date
    end: date  # exclusive

    @classmethod
    def around(cls, days: Iterable[date]) -> Scale:
        listed = list(days)
        last = max(listed).year
        return cls(date(min(listed).year, 1, 1), date(last + 1, 1, 1) if last < MAXYEAR else date.max)

    def x(self, day: date) -> float:
        span = (self.end - self.start).days
        return MARGIN + (day - self.start).days / span * (WIDTH - 2 * MARGIN)


@dataclass(frozen=True, slots=True)
class Mark:
    """A date on the chart: hollow for an announced target, filled for what happened."""

    date: FuzzyDate
    happened: bool

    def bounds(self, scale: Scale) -> tuple[float, float]:
        d = self.date
        if d.precision in (Precision.DAY, Precision.TIME):
            centre = scale.x(d.earliest) + (scale.x(d.earliest + timedelta(days=1)) - scale.x(d.earliest)) / 2
            return centre - DOT_RADIUS, centre + DOT_RADIUS
        start = scale.x(d.earliest)
        latest = d.latest
        if latest is None:
            return start, start + OPEN_LENGTH
        end = scale.x(latest + timedelta(days=1))
        if end - start < MIN_BAND:
            middle = (start + end) / 2
            return middle - MIN_BAND / 2, middle + MIN_BAND / 2
        return start, end

    def svg(self, scale: Scale, y: float) -> str:
        left, right = self.bounds(scale)
        fill = "filled" if self.happened else "hollow"
        d = self.date
        if d.precision in (Precision.DAY, Precision.TIME):
            return (
                f'<circle class="mark {fill}" cx="{_n((left + right) / 2)}" cy="{_n(y)}" r="{DOT_RADIUS}"/>'
            )
        top, bottom = y - BAND_HEIGHT / 2, y + BAND_HEIGHT / 2
        if d.latest is None:  # open-ended: a band with no right edge, pointing on
            return (
                f'<path class="mark open {fill}"'
                f' d="M{_n(right)} {_n(top)}H{_n(left)}V{_n(bottom)}H{_n(right)}'
                f'M{_n(right - 6)} {_n(top - 3)}L{_n(right + 2)} {_n(y)}L{_n(right - 6)} {_n(bottom + 3)}"/>'
            )
        return (
            f'<rect class="mark {fill}" x="{_n(left)}" y="{_n(top)}" width="{_n(right - left)}"'
            f' height="{BAND_HEIGHT}" rx="3"/>'
        )


def _n(value: float) -> str:
    """A coordinate, rounded for small and stable output."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def marks_of(event: Event) -> list[Mark]:
    marks = [Mark(plan.target, False) for plan in event.plans if plan.target is not None]
    if event.outcome is not None and event.outcome.date is not None:
        marks.append(Mark(event.outcome.date, True))
    return marks


def chart_label(entry: Entry, *, with_title: bool) -> str:
    """The few words beside an event on the chart, in the words of every output, short:
    "16 Nov 2022 · completed late, +3 y 10 m", "due summer 2026 · overdue since 1 Sep 2026".

    What simply happened shows only its date; colour is never the only signal.
    """
    status = status_words(entry, short=True)
    status = status[:1].lower() + status[1:]
    if entry.flag is Flag.COMPLETED and not entry.ahead:
        status = ""
    text = " · ".join(part for part in (date_words(entry, short=True), status) if part)
    if with_title:
        title = entry.event.title
        short = title if len(title) <= 34 else title[:33].rstrip() + "…"
        text = f"{short}: {text}"
    return text


@dataclass(frozen=True, slots=True)
class Drawing:
    """One event's shapes on the chart, before it is given a lane."""

    entry: Entry
    marks: list[Mark]
    label: str
    label_right: bool
    left: float
    right: float
    mark_left: float
    mark_right: float


def draw(entry: Entry, scale: Scale, *, as_of_x: float, with_title: bool) -> Drawing:
    marks = marks_of(entry.event)
    if marks:
        bounds = [m.bounds(scale) for m in marks]
        mark_left, mark_right = min(b[0] for b in bounds), max(b[1] for b in bounds)
    else:  # no date at all: a small diamond at the announcement
        centre = scale.x(sort_day(entry.event))
        mark_left, mark_right = centre - DOT_RADIUS, centre + DOT_RADIUS
    if entry.flag.is_past_due:
        mark_right = max(mark_right, as_of_x + DOT_RADIUS)
    label = chart_label(entry, with_title=with_title)
    width = len(label) * CHAR_WIDTH
    room_right, room_left = WIDTH - MARGIN / 2 - mark_right - LABEL_GAP, mark_left - LABEL_GAP
    # right if it fits there; else left if it fits there; else the side with more room
    label_right = width <= room_right or (width > room_left and room_right >= room_left)
    if label_right:
        left, right = mark_left, mark_right + LABEL_GAP + width
    else:
        left, right = mark_left - LABEL_GAP - width, mark_right
    return Drawing(entry, marks, label, label_right, left, right, mark_left, mark_right)


def pack(drawings: list[Drawing]) -> list[list[Drawing]]:
    """Lanes within a row so that no two events (with their labels) overlap.

    Each drawing, from left to right, goes into the first lane (the topmost) that has room
    for it, else into a new lane. Since drawings come in order of their left edge, a lane
    that has room stays so until it is given a drawing: lanes wait in two heaps, the busy
    ones by where they end and the free ones by their number, so packing n drawings takes
    O(n log n) steps, not O(n x lanes) (40,000 events on one day: a minute before).
    """
    lanes: list[list[Drawing]] = []
    busy: list[tuple[float, int]] = []  # (where the lane's last drawing ends, plus the gap; lane)
    free: list[int] = []
    for drawing in sorted(drawings, key=lambda d: (d.left, d.entry.event.id)):
        while busy and busy[0][0] <= drawing.left:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            lane = heapq.heappop(free)
            lanes[lane].append(drawing)
        else:
            lane = len(lanes)
            lanes.append([drawing])
        heapq.heappush(busy, (drawing.right + LANE_GAP, lane))
    return lanes


def _first_day(event: Event) -> date:
    """The earliest day an event shows on the chart: its first target's or its outcome's."""
    return min([m.date.earliest for m in marks_of(event)] + [sort_day(event)])


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    entries: list[Entry]
    by_kind: bool


def chart_rows(timeline: Timeline) -> list[Row]:
    """One row per series (in order of its earliest mark), then one per kind for the rest."""
    rows: list[Row] = []
    series_ids = sorted(
        {e.event.series for e in timeline if e.event.series is not None},
        key=lambda s: (min(_first_day(e.event) for e in timeline.series_entries(s)), s),
    )
    for series_id in series_ids:
        rows.append(Row(timeline.series[series_id].title, timeline.series_entries(series_id), False))
    for kind in Kind:
        loose = [e for e in timeline if e.event.kind is kind and e.event.series is None]
        if loose:
            rows.append(Row(kind.label, loose, True))
    return rows


def _entry_svg(drawing: Drawing, scale: Scale, y: float, as_of_x: float) -> str:
    entry = drawing.entry
    event = entry.event
    parts: list[str] = []
    centres = [sum(m.bounds(scale)) / 2 for m in drawing.marks]
    for a, b in itertools.pairwise(centres):
        parts.append(f'<line class="connector" x1="{_n(a)}" y1="{_n(y)}" x2="{_n(b)}" y2="{_n(y)}"/>')
    if entry.flag.is_past_due and centres:
        parts.append(
            f'<line class="connector overdue-tail" x1="{_n(centres[-1])}" y1="{_n(y)}"'
            f' x2="{_n(as_of_x)}" y2="{_n(y)}"/>'
        )
        parts.append(
            f'<path class="warning" d="M{_n(as_of_x)} {_n(y - 7)}L{_n(as_of_x + 7)} {_n(y + 6)}'
            f'H{_n(as_of_x - 7)}Z"/>'
        )
    for mark in drawing.marks:
        parts.append(mark.svg(scale, y))
    if not drawing.marks:
        c = (drawing.mark_left + drawing.mark_right) / 2
        parts.append(
            f'<path class="mark hollow" d="M{_n(c)} {_n(y - 6)}L{_n(c + 6)} {_n(y)}L{_n(c)} {_n(y + 6)}'
            f'L{_n(c - 6)} {_n(y)}Z"/>'
        )
    if entry.flag is Flag.CANCELLED:
        c = drawing.mark_right - DOT_RADIUS
        parts.append(
            f'<path class="cross" d="M{_n(c - 5)} {_n(y - 5)}L{_n(c + 5)} {_n(y + 5)}'
            f'M{_n(c - 5)} {_n(y + 5)}L{_n(c + 5)} {_n(y - 5)}"/>'
        )
    if drawing.label_right:
        x, anchor = drawing.mark_right + LABEL_GAP, "start"
    else:
        x, anchor = drawing.mark_left - LABEL_GAP, "end"
    parts.append(
        f'<text class="label" x="{_n(x)}" y="{_n(y + 4)}" text-anchor="{anchor}">{esc(drawing.label)}</text>'
    )
    tooltip = f"{event.title} — {status_words(entry)} — {date_words(entry) or 'no date'}"
    return (
        f'<g class="entry f-{esc(entry.flag.value)}" data-kind="{esc(event.kind.value)}"'
        f' data-flag="{esc(entry.flag.value)}"><a href="#event-{esc(event.id)}">'
        f"<title>{esc(tooltip)}</title>{''.join(parts)}</a></g>"
    )


def timeline_svg(timeline: Timeline) -> str:
    """The chart: years across, one row per series or kind, plans hollow, outcomes filled."""
    days = [timeline.as_of]
    for entry in timeline:
        days.append(sort_day(entry.event))
        for mark in marks_of(entry.event):
            days.append(mark.date.earliest)
            days.append(mark.date.latest or mark.date.earliest)
    scale = Scale.around(days)
    as_of_x = scale.x(timeline.as_of)
    rows = chart_rows(timeline)
    bands: list[str] = []
    body: list[str] = []
    y = float(AXIS_HEIGHT)
    for index, row in enumerate(rows):
        drawings = [draw(e, scale, as_of_x=as_of_x, with_title=row.by_kind) for e in row.entries]
        lanes = pack(drawings)
        height = ROW_PADDING + ROW_LABEL_HEIGHT + len(lanes) * LANE_HEIGHT + ROW_PADDING
        if index % 2 == 0:
            bands.append(f'<rect class="row-band" x="0" y="{_n(y)}" width="{WIDTH}" height="{_n(height)}"/>')
        label = row.label if len(row.label) <= 120 else row.label[:119] + "…"
        body.append(
            f'<text class="row-label" x="{MARGIN}" y="{_n(y + ROW_PADDING + 14)}">{esc(label)}</text>'
        )
        for lane_index, lane in enumerate(lanes):
            centre = y + ROW_PADDING + ROW_LABEL_HEIGHT + lane_index * LANE_HEIGHT + LANE_HEIGHT / 2
            body.extend(_entry_svg(d, scale, centre, as_of_x) for d in lane)
        y += height
    bottom = y
    axis = _axis(scale, bottom)
    as_of_words = f"as of {day_words(timeline.as_of, short=True)}"
    anchor = "end" if as_of_x > WIDTH / 2 else "start"
    axis.append(
        f'<line class="as-of" x1="{_n(as_of_x)}" y1="{AXIS_HEIGHT - 8}"'
        f' x2="{_n(as_of_x)}" y2="{_n(bottom + 6)}"/>'
        f'<text class="axis" x="{_n(as_of_x + (-4 if anchor == "end" else 4))}" y="{_n(bottom + 20)}"'
        f' text-anchor="{anchor}">{esc(as_of_words)}</text>'
    )
    total = bottom + BOTTOM
    return (
        f'<svg id="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_n(total)}"'
        f' width="{WIDTH}" height="{_n(total)}" aria-labelledby="chart-title">'
        '<title id="chart-title">Plans and outcomes by year: hollow marks are announced targets, '
        "filled marks what happened; a dashed line from target to outcome is a slip.</title>\n"
        + "\n".join(bands + axis + body)
        + "\n</svg>"
    )


def _axis(scale: Scale, bottom: float) -> list[str]:
    """A line at the start of every year, and the years' names (every few years when many)."""
    lines: list[str] = []
    years = list(range(scale.start.year, scale.end.year))
    step = 1 if len(years) <= 20 else 2 if len(years) <= 40 else 5
    for year in years:
        x0, x1 = scale.x(date(year, 1, 1)), scale.x(date(year + 1, 1, 1))
        lines.append(
            f'<line class="grid" x1="{_n(x0)}" y1="{AXIS_HEIGHT - 8}" x2="{_n(x0)}" y2="{_n(bottom)}"/>'
        )
        if year % step == 0:
            lines.append(
                f'<text class="axis" x="{_n((x0 + x1) / 2)}" y="18" text-anchor="middle">{year}</text>'
            )
    end = scale.x(scale.end)
    lines.append(
        f'<line class="grid" x1="{_n(end)}" y1="{AXIS_HEIGHT - 8}" x2="{_n(end)}" y2="{_n(bottom)}"/>'
    )
    return lines


LEGEND = (
    ('<circle class="mark hollow" cx="9" cy="9" r="6"/>', "f-upcoming", "an announced target (hollow)"),
    (
        '<circle class="mark filled" cx="9" cy="9" r="6"/>',
        "f-completed",
        "what happened (filled); a dot is a day",
    ),
    (
        '<rect class="mark filled" x="2" y="3" width="28" height="12" rx="3"/>',
        "f-completed",
        "a band: known only to the month, season or year, or lasting several days",
    ),
    (
        '<line class="connector" x1="2" y1="9" x2="30" y2="9"/>'
        '<circle class="mark filled" cx="30" cy="9" r="5"/>',
        "f-completed-late",
        "a dashed line from target to outcome: a slip, labelled with how late",
    ),
    (
        '<line class="connector overdue-tail" x1="2" y1="9" x2="24" y2="9"/>'
        '<path class="warning" d="M24 2L31 15H17Z"/>',
        "f-overdue",
        "past due (overdue, or unverified: no news): no outcome, the last target has passed;"
        " the line runs to the as-of date",
    ),
)


def _legend() -> str:
    items = [
        f'<li><svg width="34" height="18" viewBox="0 0 34 18" aria-hidden="true"><g class="entry {cls}">'
        f"{shape}</g></svg>{esc(text)}</li>"
        for shape, cls, text in LEGEND
    ]
    return '<ul class="legend">' + "".join(items) + "</ul>"


# --- the list ----------------------------------------------------------------------------------


def _source_link(source: Source) -> str:
    href = web_href(source.url)
    name = esc(source.display_name)
    return f'<a href="{esc(href)}">{name}</a>' if href else name


def _quote(text: str | None) -> str:
    return f" <q>{esc(text)}</q>" if text else ""


def _note(text: str | None) -> str:
    """An outcome's note: what is uncertain about it. The curator's working notes on plans and
    other reports are left to `sinotime report --format json`, which keeps the page small."""
    return f' <span class="note">({esc(text)})</span>' if text else ""


def _story(entry: Entry, timeline: Timeline) -> str:
    """The target history and the outcome, in the order they were said."""
    event = entry.event
    lines = []
    for plan in event.plans:
        target = plan.target.words() if plan.target is not None else "no date"
        lines.append(
            f"<li>Target <strong>{esc(target)}</strong>: <q>{esc(plan.wording)}</q>, said"
            f" {esc(plan.announced.words())}"
            f" by {_source_link(timeline.sources[plan.source])}"
            f"{_quote(plan.quote)}</li>"
        )
    for news in event.news:
        lines.append(
            f"<li>News, {esc(news.date.words())}: <q>{esc(news.says)}</q>, said by"
            f" {_source_link(timeline.sources[news.source])}{_quote(news.quote)}</li>"
        )
    outcome = event.outcome
    if outcome is not None:
        verb = outcome.status.verb
        when = f" <strong>{esc(outcome.date.words())}</strong>" if outcome.date is not None else ""
        wording = f": <q>{esc(outcome.wording)}</q>," if outcome.wording else ","
        lines.append(
            f"<li>{verb}{when}{wording} reported by"
            f" {_source_link(timeline.sources[outcome.source])}"
            f"{_quote(outcome.quote)}{_note(outcome.note)}</li>"
        )
        for report in outcome.other_reports:
            said = f" <strong>{esc(report.date.words())}</strong>" if report.date is not None else ""
            wording = f": <q>{esc(report.wording)}</q>," if report.wording else ","
            lines.append(
                f"<li>Another report{said}{wording} by"
                f" {_source_link(timeline.sources[report.source])}"
                f"{_quote(report.quote)}</li>"
            )
        if entry.note:  # which part happened, the slip against the last target
            lines.append(f"<li>{esc(entry.note)}</li>")
    elif entry.flag.is_past_due:  # the status says since when, or since when no news
        if entry.note:
            lines.append(f"<li><strong>No outcome recorded</strong>: {esc(entry.note)}</li>")
        else:
            lines.append("<li><strong>No outcome recorded</strong>.</li>")
    elif entry.flag.is_plan:
        lines.append("<li>No outcome yet.</li>")
    return '<ol class="story">' + "".join(lines) + "</ol>"


def _story_source_ids(event: Event) -> set[str]:
    """Sources the story already links, by plan, outcome and other reports."""
    ids = {plan.source for plan in event.plans}
    if event.outcome is not None:
        ids.add(event.outcome.source)
        ids.update(report.source for report in event.outcome.other_reports)
    return ids


def _sources(event: Event, timeline: Timeline) -> str:
    """The sources in full, each with its copies; those the story links only by copies.

    A source the story already names and links is not repeated in full, which keeps the
    page small; its copies, if any, are still listed.
    """
    quotes = {c.source: c for c in event.cites}
    in_story = _story_source_ids(event)
    items = []
    for source_id in event.source_ids():
        source = timeline.sources[source_id]
        href = web_href(source.url)
        title = f"“{esc(source.title)}”"
        linked = f'<a href="{esc(href)}">{title}</a>' if href else title
        copies = "".join(
            f' <a href="{esc(copy)}">copy {number}</a>'
            for number, copy in enumerate((c for c in source.copies if web_href(c)), start=1)
        )
        citation = quotes.get(source_id)
        cited = _quote(citation.quote) if citation else ""
        if source_id in in_story and not copies and not cited:
            continue
        named = "" if source.display_name == source.title else f"{esc(source.display_name)}, "
        items.append(f"<li>{named}{linked}, {esc(source.published.words())}{copies}{cited}</li>")
    if not items:
        return ""
    return '<ul class="sources" aria-label="Sources">' + "".join(items) + "</ul>"


def _add_to_calendar(entry: Entry, site: Site, published: Collection[str]) -> str:
    """The link to an event's own calendar file, when it has one."""
    name = event_file(entry.event.id)
    if name not in published:
        return ""
    return (
        f'<p class="add"><a href="{esc(href_for(site, name))}" type="text/calendar" download'
        f' title="A calendar file of this one event, to add to your own calendar">Add to calendar</a></p>'
    )


def _entry_html(entry: Entry, timeline: Timeline, added: str = "") -> str:
    event = entry.event
    when = date_words(entry) or "No date announced"
    meta = [event.kind.label]
    if entry.series is not None:
        meta.append(entry.series.title)
    if event.place is not None:
        meta.append(event.place.words())
    parts = [
        f'<li id="event-{esc(event.id)}" data-kind="{esc(event.kind.value)}"'
        f' data-flag="{esc(entry.flag.value)}">',
        f'<div class="when"><span class="date-words">{esc(when)}</span>'
        f' <span class="flag flag-{esc(entry.flag.value)}">{esc(status_words(entry))}</span></div>',
        f"<h3>{esc(event.title)}</h3>",
        f'<p class="meta">{" · ".join(esc(m) for m in meta)}</p>',
    ]
    names = [name for name in other_names(event, entry.series) if name.of == "title"]
    if names:  # the series' and the place's names are in the glossary, once (`_names_glossary`)
        parts.append(f'<p class="names">{esc(OTHER_NAMES)}: {names_html(names)}</p>')
    if event.description:
        parts.append(f"<p>{esc(event.description)}</p>")
    if event.participants:
        parts.append(f"<p>With {esc(', '.join(event.participants))}.</p>")
    parts.append(_story(entry, timeline))
    parts.append(_sources(event, timeline))
    if added:
        parts.append(added)
    parts.append("</li>")
    return "\n".join(parts)


def _names_glossary(timeline: Timeline) -> str:
    """Each series' and place's names in other languages, once, in the order of their English
    names: a reader finds Благовещенск here, and the list of events does not repeat it."""
    named: dict[str, dict[str, Name]] = {}
    for entry in timeline:
        series, place = entry.series, entry.event.place
        for english, translated in (
            (series.title if series else "", series.translations if series else {}),
            (place.name if place else "", place.translations if place else {}),
        ):
            for tag, translation in translated.items():
                name = Name("", tag, translation.text, translation.source)
                named.setdefault(english, {}).setdefault(name.words(), name)
    if not named:
        return ""
    items = "".join(
        f"<li>{esc(english)}: {names_html(named[english].values())}</li>"
        for english in sorted(named, key=str.casefold)
    )
    return f'<section id="names"><h2>{esc(OTHER_NAMES)}</h2><ul class="glossary">{items}</ul></section>'


def _filters(timeline: Timeline) -> str:
    kinds = [k for k in Kind if any(e.event.kind is k for e in timeline)]
    flags = [f for f in Flag if any(e.flag is f for e in timeline)]
    kind_options = "".join(f'<option value="{esc(k.value)}">{esc(k.label)}</option>' for k in kinds)
    # "Planned (upcoming)": the label as the page shows it, and the value `report --flag` takes.
    flag_options = "".join(f'<option value="{esc(f.value)}">{esc(f.choice_label)}</option>' for f in flags)
    return (
        '<div id="filters" hidden>'
        '<label>Kind <select id="filter-kind"><option value="">All kinds</option>'
        f"{kind_options}</select></label>"
        '<label>Status <select id="filter-flag"><option value="">Any status</option>'
        f"{flag_options}</select></label>"
        '<button type="button" id="filter-reset">Show all</button>'
        '<p id="filter-count" aria-live="polite"></p></div>'
    )


def _tally(timeline: Timeline) -> str:
    items = []
    for flag in Flag:
        count = sum(1 for e in timeline if e.flag is flag)
        if count:
            items.append(
                f'<li><span class="flag flag-{esc(flag.value)}">{esc(flag.label)}</span> {count}</li>'
            )
    return '<ul class="tally" aria-label="Events by status">' + "".join(items) + "</ul>"


def render_html(timeline: Timeline, site: Site, published: Sequence[str]) -> str:
    data = timeline.data
    style = _asset("page.css")
    script = _asset("page.js")
    csp = (
        f"default-src 'none'; style-src {_csp_hash(style)}; script-src {_csp_hash(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    groups = published_groups(timeline, published)
    names = set(published)
    count = len(timeline)
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(data.calendar.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{esc(data.calendar.name)}</title>",
        f'<meta name="description" content="{esc(data.calendar.description)}">',
        '<link rel="icon" href="data:,">',
        *_alternate_links(groups, site),
        f"<style>{style}</style>",
        "</head>",
    ]
    body = [
        "<body>",
        "<main>",
        "<header>",
        f"<h1>{esc(data.calendar.name)}</h1>",
        f'<p class="lede">{esc(data.calendar.description)}</p>',
        f'<p class="facts">{count} event{"" if count == 1 else "s"}; statuses as of'
        f" {esc(day_words(timeline.as_of))}; data last changed {esc(day_words(data.last_changed()))}.</p>",
        _tally(timeline),
        _quick_subscribe(groups, site),
        "</header>",
        '<section id="timeline">',
        "<h2>Plans and outcomes</h2>",
        '<p class="scroll-hint">Swipe the chart sideways to see every year.</p>',
        '<div class="chart-scroll">',
        timeline_svg(timeline),
        "</div>",
        _legend(),
        "</section>",
        _subscribe_section(groups, site),
        '<section id="list">',
        "<h2>Every event, in order</h2>",
        _filters(timeline),
        '<ol class="events" id="events">',
        *(_entry_html(entry, timeline, _add_to_calendar(entry, site, names)) for entry in timeline),
        "</ol>",
        "</section>",
        _names_glossary(timeline),
        f"<footer>Made by sinotime from {esc(count)} events. Dates are as precise as their sources;"
        " a target is missed only after its last possible day.</footer>",
        "</main>",
        f"<script>{script}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(head + body) + "\n"


def render_page(timeline: Timeline, site: Site, published: Sequence[str]) -> dict[str, bytes]:
    """The timeline page, linking to the `published` calendars and feeds."""
    return {PAGE_NAME: render_html(timeline, site, published).encode("utf-8")}
