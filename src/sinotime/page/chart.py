"""The timeline drawn as inline SVG: one row per series or kind, lanes so nothing overlaps."""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass
from datetime import date

from sinotime.dates import day_words
from sinotime.models import Event
from sinotime.page.labels import LINE_HEIGHT, Label, place
from sinotime.page.marks import (
    AXIS_HEIGHT,
    BOTTOM,
    DOT_RADIUS,
    LANE_GAP,
    MARGIN,
    ROW_LABEL_HEIGHT,
    ROW_PADDING,
    WIDTH,
    Mark,
    Scale,
    marks_of,
    px,
)
from sinotime.page.markup import esc
from sinotime.page.text_width import shorten
from sinotime.timeline import Entry, Flag, Timeline, sort_day
from sinotime.words import status_words, when_words

FIRST_BASELINE = 11  # from the top of a label's first line to its baseline, at 11.5 px
LANE_PADDING = 10  # between two lanes' labels
ROW_LABEL_SIZE = 13  # px, as page.css sets `#chart .row-label`


@dataclass(frozen=True, slots=True)
class Drawing:
    """One event's shapes on the chart, with its label, before it is given a lane."""

    entry: Entry
    marks: list[Mark]
    bounds: list[tuple[float, float]]  # each mark's, from left to right on the chart
    label: Label
    left: float
    right: float
    mark_left: float
    mark_right: float


def draw(entry: Entry, marks: list[Mark], scale: Scale, *, as_of_x: float) -> Drawing:
    """An event's `marks` (`marks_of`) and its label, on `scale`."""
    bounds = [m.bounds(scale) for m in marks]
    if marks:
        mark_left, mark_right = min(b[0] for b in bounds), max(b[1] for b in bounds)
    else:  # no date at all: a small diamond at the announcement
        centre = scale.x(sort_day(entry.event))
        mark_left, mark_right = centre - DOT_RADIUS, centre + DOT_RADIUS
    if entry.flag.is_past_due:
        mark_right = max(mark_right, as_of_x + DOT_RADIUS)
    label = place(entry, mark_left, mark_right)
    left, right = min(mark_left, label.left), max(mark_right, label.right)
    return Drawing(entry, marks, bounds, label, left, right, mark_left, mark_right)


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


def chart_rows(timeline: Timeline) -> list[Row]:
    """One row per series (in order of its earliest mark), then one per kind for the rest."""
    rows: list[Row] = []
    series_ids = sorted(
        {e.event.series for e in timeline if e.event.series is not None},
        key=lambda s: (min(_first_day(e.event) for e in timeline.series_entries(s)), s),
    )
    for series_id in series_ids:
        rows.append(Row(timeline.series[series_id].title, list(timeline.series_entries(series_id))))
    loose: dict[str, list[Entry]] = {}
    for entry in timeline:
        if entry.event.series is None:
            loose.setdefault(entry.event.kind, []).append(entry)
    rows += [Row(kind.heading, loose[kind.id]) for kind in timeline.data.kinds if kind.id in loose]
    return rows


def _entry_svg(drawing: Drawing, y: float, as_of_x: float) -> str:
    entry = drawing.entry
    event = entry.event
    parts: list[str] = []
    centres = [sum(bounds) / 2 for bounds in drawing.bounds]
    line_y = px(y)
    for a, b in itertools.pairwise(centres):
        parts.append(f'<line class="connector" x1="{px(a)}" y1="{line_y}" x2="{px(b)}" y2="{line_y}"/>')
    if entry.flag.is_past_due and centres:
        parts.append(
            f'<line class="connector overdue-tail" x1="{px(centres[-1])}" y1="{line_y}"'
            f' x2="{px(as_of_x)}" y2="{line_y}"/>'
        )
        parts.append(
            f'<path class="warning" d="M{px(as_of_x)} {px(y - 7)}L{px(as_of_x + 7)} {px(y + 6)}'
            f'H{px(as_of_x - 7)}Z"/>'
        )
    for mark, bounds in zip(drawing.marks, drawing.bounds, strict=True):
        parts.append(mark.svg(bounds, y))
    if not drawing.marks:
        c = (drawing.mark_left + drawing.mark_right) / 2
        parts.append(
            f'<path class="mark hollow" d="M{px(c)} {px(y - 6)}L{px(c + 6)} {px(y)}L{px(c)} {px(y + 6)}'
            f'L{px(c - 6)} {px(y)}Z"/>'
        )
    if entry.flag is Flag.CANCELLED:
        c = drawing.mark_right - DOT_RADIUS
        parts.append(
            f'<path class="cross" d="M{px(c - 5)} {px(y - 5)}L{px(c + 5)} {px(y + 5)}'
            f'M{px(c - 5)} {px(y + 5)}L{px(c + 5)} {px(y - 5)}"/>'
        )
    parts.append(_label_svg(drawing.label, y))
    tooltip = f"{event.title} — {status_words(entry)} — {when_words(entry)}"
    return (
        f'<g class="entry f-{esc(entry.flag.value)}" data-kind="{esc(event.kind)}"'
        f' data-flag="{esc(entry.flag.value)}"><a href="#event-{esc(event.id)}">'
        f"<title>{esc(tooltip)}</title>{''.join(parts)}</a></g>"
    )


def _label_svg(label: Label, y: float) -> str:
    """The label's lines, centred on the marks' line `y`: the title first, then date and status."""
    first = y - len(label.lines) * LINE_HEIGHT / 2 + FIRST_BASELINE
    spans = "".join(
        f"<tspan>{esc(line)}</tspan>"
        if index == 0
        else f'<tspan x="{px(label.x)}" dy="{LINE_HEIGHT}">{esc(line)}</tspan>'
        for index, line in enumerate(label.lines)
    )
    return (
        f'<text class="label" x="{px(label.x)}" y="{px(first)}" text-anchor="{label.anchor}">{spans}</text>'
    )


def timeline_svg(timeline: Timeline) -> str:
    """The chart: years across, one row per series or kind, plans hollow, outcomes filled."""
    marks = {entry.event.id: marks_of(entry.event) for entry in timeline}
    days = [timeline.as_of]
    for entry in timeline:
        days.append(sort_day(entry.event))
        for mark in marks[entry.event.id]:
            days.append(mark.date.earliest)
            days.append(mark.date.latest or mark.date.earliest)
    scale = Scale.around(days)
    as_of_x = scale.x(timeline.as_of)
    rows = chart_rows(timeline)
    bands: list[str] = []
    body: list[str] = []
    y = float(AXIS_HEIGHT)
    for index, row in enumerate(rows):
        drawings = [draw(e, marks[e.event.id], scale, as_of_x=as_of_x) for e in row.entries]
        lanes = pack(drawings)
        heights = [max(len(d.label.lines) for d in lane) * LINE_HEIGHT + LANE_PADDING for lane in lanes]
        height = ROW_PADDING + ROW_LABEL_HEIGHT + sum(heights) + ROW_PADDING
        if index % 2 == 0:
            bands.append(f'<rect class="row-band" x="0" y="{px(y)}" width="{WIDTH}" height="{px(height)}"/>')
        label = shorten(row.label, WIDTH - 2 * MARGIN, ROW_LABEL_SIZE, bold=True) or row.label[:1] + "…"
        body.append(
            f'<text class="row-label" x="{MARGIN}" y="{px(y + ROW_PADDING + 14)}">{esc(label)}</text>'
        )
        top = y + ROW_PADDING + ROW_LABEL_HEIGHT
        for lane, lane_height in zip(lanes, heights, strict=True):
            body.extend(_entry_svg(d, top + lane_height / 2, as_of_x) for d in lane)
            top += lane_height
        y += height
    bottom = y
    lines = axis(scale, bottom)
    as_of_words = f"as of {day_words(timeline.as_of, short=True)}"
    anchor = "end" if as_of_x > WIDTH / 2 else "start"
    lines.append(
        f'<line class="as-of" x1="{px(as_of_x)}" y1="{AXIS_HEIGHT - 8}"'
        f' x2="{px(as_of_x)}" y2="{px(bottom + 6)}"/>'
        f'<text class="axis" x="{px(as_of_x + (-4 if anchor == "end" else 4))}" y="{px(bottom + 20)}"'
        f' text-anchor="{anchor}">{esc(as_of_words)}</text>'
    )
    total = bottom + BOTTOM
    return (
        f'<svg id="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {px(total)}"'
        f' width="{WIDTH}" height="{px(total)}" aria-labelledby="chart-title">'
        '<title id="chart-title">Plans and outcomes by year: hollow marks are announced targets, '
        "filled marks what happened; a dashed line from target to outcome is a slip.</title>\n"
        + "\n".join(bands + lines + body)
        + "\n</svg>"
    )


YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500)  # years between the axis's names


def axis(scale: Scale, bottom: float) -> list[str]:
    """A line at the start of every year, and the years' names (every few years when many); over
    a century or more, a line and a name every so many years (a page of year 1000 names 20)."""
    lines: list[str] = []
    first, years = scale.start.year, scale.end.year - scale.start.year
    step = next(step for step in YEAR_STEPS if years <= 20 * step or step == YEAR_STEPS[-1])
    grid = 1 if years <= 100 else step
    first_on_grid = -(-first // grid) * grid
    for year in sorted({first, *range(first_on_grid, scale.end.year, grid)}):
        x0, x1 = scale.x(date(year, 1, 1)), scale.x(date(year + 1, 1, 1))
        lines.append(
            f'<line class="grid" x1="{px(x0)}" y1="{AXIS_HEIGHT - 8}" x2="{px(x0)}" y2="{px(bottom)}"/>'
        )
        if year % step == 0:
            lines.append(
                f'<text class="axis" x="{px((x0 + x1) / 2)}" y="18" text-anchor="middle">{year}</text>'
            )
    end = scale.x(scale.end)
    lines.append(
        f'<line class="grid" x1="{px(end)}" y1="{AXIS_HEIGHT - 8}" x2="{px(end)}" y2="{px(bottom)}"/>'
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


def legend() -> str:
    items = [
        f'<li><svg width="34" height="18" viewBox="0 0 34 18" aria-hidden="true"><g class="entry {cls}">'
        f"{shape}</g></svg>{esc(text)}</li>"
        for shape, cls, text in LEGEND
    ]
    return '<ul class="legend">' + "".join(items) + "</ul>"
