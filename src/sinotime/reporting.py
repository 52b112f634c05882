"""`sinotime report` as one call, as `build` is for `sinotime build`: read, check, make, render.

`report_file(file, request, ...)` gives the report and its text in the format asked, in
blocks made as they are written (the JSON of a large timeline is written one event at a time).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sinotime import clock
from sinotime.errors import OptionError
from sinotime.loading import load_events
from sinotime.models import EventsFile, Kind
from sinotime.report.data import iter_json, render_csv
from sinotime.report.markdown import render_markdown
from sinotime.report.model import Filters, Report, make_report
from sinotime.report.text import render_text
from sinotime.timeline import Flag, build_timeline

TEXT_WIDTH = 80
BLOCK_SIZE = 1 << 16  # characters a block of output holds, about: fewer, larger writes


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """What `sinotime report` was asked for: kinds, flags and series by their values."""

    format: str = "text"
    as_of: date | None = None  # None: today on this machine's clock
    kinds: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    series: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    search: str | None = None
    colour: bool = False  # ANSI colour, for the text format on a terminal


@dataclass(frozen=True, slots=True)
class RenderedReport:
    report: Report
    blocks: Iterator[str]  # the report in `format`, made as it is read
    note: str | None  # what to say beside the output: an empty JSON or CSV report says why


def report_file(file: Path, request: ReportRequest, *, today: date, max_bytes: int) -> RenderedReport:
    """Read `file`, check its series against the request, and render the report asked for."""
    data = load_events(file, today=today, max_bytes=max_bytes)
    check_series(data, request.series, file)
    timeline = build_timeline(data, as_of=request.as_of or clock.local_today())
    filters = Filters(
        kinds=tuple(Kind(k) for k in request.kinds),
        flags=tuple(Flag(f) for f in request.flags),
        series=request.series,
        start=request.start,
        end=request.end,
        search=request.search,
    )
    report = make_report(timeline, filters)
    empty = not report.rows and request.format in ("json", "csv")
    blocks = in_blocks(rendered(report, request.format, colour=request.colour))
    return RenderedReport(report, blocks, report.empty_message if empty else None)


def check_series(data: EventsFile, series: Iterable[str], file: Path) -> None:
    """Refuse series ids the file does not have, naming the ones it has."""
    known = {s.id for s in data.series}
    unknown = [s for s in series if s not in known]
    if unknown:
        choices = ", ".join(sorted(known)) or "none"
        raise OptionError(
            "--series", f"no series {', '.join(map(repr, unknown))} in {file} (its series: {choices})"
        )


def rendered(report: Report, format_: str, *, colour: bool = False) -> Iterable[str]:
    """The report in `format_`; JSON in pieces, as it is written (see `data.iter_json`)."""
    match format_:
        case "markdown":
            return [render_markdown(report)]
        case "json":
            return iter_json(report)
        case "csv":
            return [render_csv(report)]
        case _:
            return [render_text(report, width=TEXT_WIDTH, colour=colour)]


def in_blocks(pieces: Iterable[str], size: int = BLOCK_SIZE) -> Iterator[str]:
    """Small pieces joined into blocks of about `size` characters, for fewer writes."""
    block: list[str] = []
    length = 0
    for piece in pieces:
        block.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(block)
            block, length = [], 0
    if block:
        yield "".join(block)
