"""The overview of a timeline too large for one page (`split`): a summary chart that counts the
events of each kind in each year (too many to draw one by one: issue 21 counted 678 lanes in a
row at 10,000 events), and plain links to every month's page."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sinotime.dates import MONTH_ABBREVIATIONS, day_words
from sinotime.page.chart import axis
from sinotime.page.marks import AXIS_HEIGHT, BOTTOM, MARGIN, WIDTH, Scale, px
from sinotime.page.markup import esc
from sinotime.page.split import MonthPage
from sinotime.page.text_width import shorten
from sinotime.timeline import Timeline, sort_day

ROW_HEIGHT = 40
CELL_HEIGHT = 22
LABEL_SIZE = 13  # px, a row's heading (bold)


def _cells(timeline: Timeline) -> tuple[Counter[tuple[str, int]], Counter[tuple[str, int]]]:
    """Events, and past-due plans, by kind and year."""
    events: Counter[tuple[str, int]] = Counter()
    late: Counter[tuple[str, int]] = Counter()
    for entry in timeline:
        key = (entry.event.kind, sort_day(entry.event).year)
        events[key] += 1
        if entry.flag.is_past_due:
            late[key] += 1
    return events, late


def _cell(scale: Scale, year: int, y: float, count: int, late: int, most: int) -> str:
    left, right = scale.x(date(year, 1, 1)), scale.x(date(year + 1, 1, 1))
    share = 0.15 + 0.85 * count / most
    words = f"{count} event{'s' if count != 1 else ''} in {year}" + (f", {late} past due" if late else "")
    parts = [
        f'<rect class="cell" x="{px(left + 1)}" y="{px(y)}" width="{px(right - left - 2)}"'
        f' height="{CELL_HEIGHT}" rx="3" fill-opacity="{share:.2f}"/>'
    ]
    if right - left >= 30:
        parts.append(
            f'<text class="count" x="{px((left + right) / 2)}" y="{px(y + 15)}"'
            f' text-anchor="middle">{count}</text>'
        )
    if late:
        parts.append(f'<path class="warning" d="M{px(right - 9)} {px(y - 4)}l6 10h-12z"/>')
    return f'<a href="#year-{year}"><title>{esc(words)}</title>{"".join(parts)}</a>'


def summary_svg(timeline: Timeline) -> str:
    """A row per kind, a column per year: how many events, and a warning where any is past due."""
    events, late = _cells(timeline)
    years = [year for _, year in events] + [timeline.as_of.year]
    scale = Scale.around([date(min(years), 1, 1), date(max(years), 12, 31)])
    most = max(events.values(), default=1)
    body: list[str] = []
    y = float(AXIS_HEIGHT)
    of_kind: dict[str, list[tuple[int, int]]] = {}
    for (kind_id, year), count in events.items():
        of_kind.setdefault(kind_id, []).append((year, count))
    for kind in timeline.data.kinds:
        cells = sorted(of_kind.get(kind.id, ()))
        if not cells:
            continue
        label = shorten(kind.heading, WIDTH - 2 * MARGIN, LABEL_SIZE, bold=True) or kind.id
        body.append(f'<text class="row-label" x="{MARGIN}" y="{px(y + 13)}">{esc(label)}</text>')
        body.extend(_cell(scale, year, y + 16, count, late[(kind.id, year)], most) for year, count in cells)
        y += ROW_HEIGHT + CELL_HEIGHT / 2
    as_of = scale.x(timeline.as_of)
    lines = axis(scale, y + 6)
    lines.append(
        f'<line class="as-of" x1="{px(as_of)}" y1="{AXIS_HEIGHT - 8}" x2="{px(as_of)}" y2="{px(y + 6)}"/>'
        f'<text class="axis" x="{px(as_of - 4)}" y="{px(y + 20)}" text-anchor="end">'
        f"as of {esc(day_words(timeline.as_of, short=True))}</text>"
    )
    total = y + BOTTOM
    return (
        f'<svg id="chart" class="summary" xmlns="http://www.w3.org/2000/svg"'
        f' viewBox="0 0 {WIDTH} {px(total)}" width="{WIDTH}" height="{px(total)}"'
        ' aria-labelledby="chart-title"><title id="chart-title">Events of each kind in each year;'
        " a red mark where any is past due.</title>\n" + "\n".join(lines + body) + "\n</svg>"
    )


def browse(pages: list[MonthPage]) -> str:
    """Every month's page, by year, with how many events each holds."""
    years: dict[int, list[MonthPage]] = {}
    for page in pages:
        years.setdefault(page.year, []).append(page)
    sections = []
    for year, of_year in sorted(years.items()):
        count = sum(len(page.timeline) for page in of_year)
        links = " ".join(
            f'<a href="{esc(page.name)}">{MONTH_ABBREVIATIONS[page.month]}'
            f"{f' ({page.part})' if page.part > 1 else ''} <span>{len(page.timeline)}</span></a>"
            for page in of_year
        )
        sections.append(
            f'<h3 id="year-{year}">{year} <span>{count} events</span></h3><p class="months">{links}</p>'
        )
    return (
        '<section id="browse"><h2>Every event, month by month</h2>'
        '<p class="hint">Too many events for one page: each month has a page of its own, with its'
        " chart, its list and its filters.</p>" + "".join(sections) + "</section>"
    )
