"""The commands that read an events file, each as one call (as `build` is for `sinotime build`).

- `check_file`: `sinotime validate`, the file's problems in the format asked;
- `report_file`: `sinotime report`, the report in the format asked, in blocks made as they are
  written (the JSON of a large timeline is written one event at a time);
- `list_changes` and `diff_files`: `sinotime changes` and `sinotime diff`, in the ledger's words.

The command line parses the options, makes one of these calls and prints what it gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sinotime import clock, loading
from sinotime.errors import InputError, OptionError
from sinotime.problem_formats import problems_github, problems_json
from sinotime.suggest import Suggestions

# The report, the timeline and the ledger are imported by the commands that use them:
# `sinotime validate` needs none of them (a tenth of a second of imports).
if TYPE_CHECKING:
    from sinotime.change_words import LedgerDiff
    from sinotime.models import EventsFile
    from sinotime.report.model import Report

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
    from sinotime.report.model import Filters, make_report
    from sinotime.timeline import Flag, build_timeline

    data = loading.load_events(file, today=today, max_bytes=max_bytes)
    check_choices(data, request, file)
    timeline = build_timeline(data, as_of=request.as_of or clock.local_today())
    filters = Filters(
        kinds=request.kinds,
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


def check_choices(data: EventsFile, request: ReportRequest, file: Path) -> None:
    """Refuse kinds and series the file does not have, naming the ones it has."""
    refuse_unknown("--kind", ("kind", "kinds"), request.kinds, [kind.id for kind in data.kinds], file)
    refuse_unknown("--series", ("series", "series"), request.series, sorted(s.id for s in data.series), file)


def refuse_unknown(
    option: str, what: tuple[str, str], given: Iterable[str], known: Sequence[str], file: Path
) -> None:
    """An OptionError naming each of `given` not among `known` (with a guess), and what is known."""
    unknown = [value for value in given if value not in known]
    if not unknown:
        return
    suggestions = Suggestions()
    guesses = [guess for value in unknown if (guess := suggestions.closest(value, known))]
    hint = f"did you mean {', '.join(map(repr, guesses))}? " if guesses else ""
    choices = ", ".join(known) or "none"
    raise OptionError(
        option, f"no {what[0]} {', '.join(map(repr, unknown))} in {file} ({hint}its {what[1]}: {choices})"
    )


def rendered(report: Report, format_: str, *, colour: bool = False) -> Iterable[str]:
    """The report in `format_`; JSON in pieces, as it is written (see `data.iter_json`)."""
    from sinotime.report.data import iter_json, render_csv
    from sinotime.report.markdown import render_markdown
    from sinotime.report.text import render_text

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


@dataclass(frozen=True, slots=True)
class Checked:
    """What `sinotime validate` says: the answer for a program, and a line for people."""

    valid: bool
    answer: str | None  # for standard output: the JSON document or GitHub annotations
    summary: str | None  # "events.yaml: valid: 12 events, ..." or how many problems
    note: str | None = None  # for people, beside a valid file's summary: see CalendarInfo.namespace_note


def check_file(
    file: Path, format_: str, *, today: date, max_bytes: int, on_progress: Callable[[str], None]
) -> Checked:
    """Check `file`: with format "text" its problems raise InputError (printed one a line);
    with "json" or "github" they are the answer, and the summary is said beside it."""
    name = loading.input_name(file)
    on_progress(f"checking {name}")
    try:
        data = loading.load_events(file, today=today, max_bytes=max_bytes)
    except InputError as error:
        if format_ == "text":
            raise
        shown = problems_json(name, error.problems) if format_ == "json" else problems_github(error.problems)
        return Checked(False, shown, error.summary())
    if format_ == "json":
        return Checked(True, problems_json(name, []), None)
    return Checked(
        True,
        None,
        f"{name}: valid: {count(len(data.events), 'event')}, {count(len(data.sources), 'source')}, "
        f"{count(len(data.series), 'series', 'series')}; last changed {data.last_changed()}",
        data.calendar.namespace_note(),
    )


def list_changes(
    file: Path, *, since_day: date | None, as_of: date | None, today: date, max_bytes: int
) -> tuple[list[str], str]:
    """The ledger's changes on or after `since_day`, one line each, and a count of them."""
    from sinotime.change_words import change_line
    from sinotime.ledger import build_ledger, since

    data = loading.load_events(file, today=today, max_bytes=max_bytes)
    listed = since(build_ledger(data, as_of=as_of or clock.local_today()), since_day)
    summary = count(len(listed), "change") + (f" since {since_day}" if since_day else "")
    return [change_line(change) for change in listed], summary


def diff_files(old: Path, new: Path, *, as_of: date | None, today: date, max_bytes: int) -> LedgerDiff:
    """What changed in the ledger from `old` to `new`, both as of the same day."""
    from sinotime.change_words import diff_ledgers
    from sinotime.ledger import build_ledger

    day = as_of or clock.local_today()
    before, after = (
        build_ledger(loading.load_events(path, today=today, max_bytes=max_bytes), as_of=day)
        for path in (old, new)
    )
    return diff_ledgers(before, after)


def count(number: int, singular: str, plural: str | None = None) -> str:
    """ "1 event", "2 events", "3 series"."""
    return f"{number} {singular if number == 1 else plural or singular + 's'}"
