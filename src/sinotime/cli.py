"""The command line: a thin layer that parses options, calls the library and prints.

This is the only module that imports click, and the only place that turns a SinotimeError
into a message on stderr and exit status 1. Heavy modules are imported inside the commands
that need them, so that `sinotime --help` starts quickly.
"""

from __future__ import annotations

import gc
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from sinotime import __version__
from sinotime.clock import local_today, today_somewhere, utc_today
from sinotime.console import COLOR_CHOICES, Console, wants_colour
from sinotime.text import terminal_safe

DEFAULT_FILE = Path("events.yaml")
STDOUT = Path("-")  # -o -: standard output, as most tools take it
DEFAULT_MAX_INPUT_MB = 32  # as loading.MAX_FILE_BYTES; not imported, to keep --help fast
FIRST_YEAR, LAST_YEAR = 1000, 2999  # as dates.MIN_YEAR and MAX_YEAR (tests check they agree)

events_file_argument = click.argument(
    "file",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    default=DEFAULT_FILE,
    required=False,
)


class DayType(click.ParamType[date]):
    """A day written YYYY-MM-DD, refused with the reason when it does not exist."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        text = str(value).strip()
        try:
            if not (len(text) == 10 and text[4] == text[7] == "-" and text.replace("-", "").isdigit()):
                raise ValueError("write it YYYY-MM-DD")
            day = date.fromisoformat(text)
            if not FIRST_YEAR <= day.year <= LAST_YEAR:
                raise ValueError(f"years {FIRST_YEAR}-{LAST_YEAR} only, as in the data")
            return day
        except ValueError as error:
            self.fail(f"'{terminal_safe(text)}' is not a day: {error}", param, ctx)


DAY = DayType()


def _web_address(value: str | None) -> str | None:
    """--base-url, by the rule of `calendar.base_url` and every source address."""
    from sinotime.text import web_url_problem

    if value is not None and (problem := web_url_problem(value)):
        raise click.BadParameter(f"'{terminal_safe(value)}': {problem}")
    return value


def say(text: str, *, err: bool = False, nl: bool = True, level: str = "info") -> None:
    """Print a message, every line of it safe for a terminal: file names, search texts and lines
    of files come from elsewhere, and an escape sequence in them must not act on the screen.

    `level`: "error" is always said; "info" not with --quiet; "detail" only with --verbose.
    """
    console = _console()
    if level == "detail" and not (console.verbose and not console.quiet):
        return
    if level == "info" and console.quiet:
        return
    console.done()
    click.echo("\n".join(terminal_safe(line) for line in text.split("\n")), err=err, nl=nl)


def _console() -> Console:
    context = click.get_current_context(silent=True)
    obj = context.find_root().obj if context is not None else None
    return obj["console"] if isinstance(obj, dict) and "console" in obj else Console()


def _made_safe(error: click.ClickException) -> click.ClickException:
    """click's own messages quote what was typed (a bad value, a file name): make them safe."""
    safe = "\n".join(terminal_safe(line) for line in error.message.split("\n"))
    vars(error)["message"] = safe  # click declares it final; it is read only when printed
    return error


class SinotimeCommand(click.Command):
    """A command that says an option value the data refuses (`OptionError`) as click says a bad value."""

    def invoke(self, ctx: click.Context) -> Any:
        from sinotime.errors import OptionError

        try:
            return super().invoke(ctx)
        except OptionError as error:
            raise click.BadParameter(str(error), ctx=ctx, param_hint=f"'{error.option}'") from None


class SinotimeGroup(click.Group):
    """A group that prints a user's mistakes as messages, never as tracebacks."""

    command_class = SinotimeCommand

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.ClickException as error:
            raise _made_safe(error) from None

    def invoke(self, ctx: click.Context) -> Any:
        from sinotime.errors import SinotimeError

        # A command reads the file, keeps every record until it is done, and makes little
        # cyclic garbage: the cyclic garbage collector would only walk that growing heap over
        # and over (seconds for 100,000 events). It is paused while a command runs.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return super().invoke(ctx)
        except click.ClickException as error:
            raise _made_safe(error) from None
        except SinotimeError as error:
            say(str(error), err=True, level="error")
            ctx.exit(error.exit_code)
        finally:
            if collecting:
                gc.enable()


@click.group(cls=SinotimeGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="sinotime")
@click.option(
    "--max-input-mb",
    type=click.IntRange(1, 4096),
    default=DEFAULT_MAX_INPUT_MB,
    show_default=True,
    help="Refuse events files larger than this many MiB.",
)
@click.option("-q", "--quiet", is_flag=True, help="Say nothing but errors.")
@click.option("-v", "--verbose", is_flag=True, help="Say more: each file written or removed.")
@click.option(
    "--color",
    type=click.Choice(COLOR_CHOICES),
    default="auto",
    show_default=True,
    help="Colour the text report: auto is on a terminal, unless NO_COLOR is set (FORCE_COLOR forces it).",
)
@click.pass_context
def main(ctx: click.Context, max_input_mb: int, quiet: bool, verbose: bool, color: str) -> None:
    """Keep a timeline of planned and completed events, and publish it.

    sinotime reads a curated events.yaml, checks it, and writes calendars, feeds and
    reports that say which plans were kept, which slipped and which are overdue.

    \b
    Example:
      sinotime validate events.yaml
    """
    ctx.obj = {"max_bytes": max_input_mb * 1024 * 1024, "console": Console(quiet, verbose, color)}


@main.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), default=Path("."), required=False)
def init(folder: Path) -> None:
    """Start a timeline: write a commented events.yaml and its schema into FOLDER.

    FOLDER defaults to the current folder and is made if missing. The starter holds a
    source, a series, an outcome and a plan that slipped, and validates as written; no file
    that is already there is overwritten.

    \b
    Example:
      sinotime init library-timeline && cd library-timeline && sinotime validate
    """
    from sinotime.starter import write_starter

    for path in write_starter(folder):
        say(f"wrote {path}", err=True)
    say(f"next: edit {folder / 'events.yaml'}, then sinotime validate and sinotime build", err=True)


@main.command()
@events_file_argument
@click.option(
    "--format",
    "format_",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text for people (on stderr); json for programs, github for GitHub Actions annotations (on stdout).",
)
def validate(file: Path, format_: str) -> None:
    """Check an events file and report every problem in it.

    FILE defaults to ./events.yaml. Problems are printed one a line as
    FILE:LINE:COLUMN: PATH: MESSAGE, then a summary; the exit status is 1 if there are any.
    With --format json, one JSON document on stdout ({"file", "valid", "problems": [...]});
    with --format github, one ::error file=...,line=...,col=...:: annotation a problem.

    \b
    Example:
      sinotime validate events.yaml
      sinotime validate --format github events.yaml   # in a GitHub Actions step
    """
    from sinotime.errors import InputError
    from sinotime.loading import input_name, load_events
    from sinotime.problem_formats import problems_github, problems_json

    name = input_name(file)
    _console().progress(f"checking {name}")
    try:
        data = load_events(file, today=today_somewhere(), max_bytes=max_input_bytes())
    except InputError as error:
        if format_ == "text":
            raise
        _console().done()  # the progress line goes before the answer on standard output
        shown = problems_json(name, error.problems) if format_ == "json" else problems_github(error.problems)
        click.echo(shown, nl=False)
        say(error.summary(), err=True, level="error")
        raise SystemExit(1) from None
    if format_ == "json":
        _console().done()
        click.echo(problems_json(name, []), nl=False)
        return
    say(
        f"{name}: valid: {_count(len(data.events), 'event')}, {_count(len(data.sources), 'source')}, "
        f"{_count(len(data.series), 'series', 'series')}; last changed {data.last_changed()}"
    )


@main.command()
@events_file_argument
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("feeds"),
    show_default=True,
    help="The folder to write into.",
)
@click.option(
    "--base-url",
    metavar="URL",
    default=None,
    callback=lambda ctx, param, value: _web_address(value),
    help="Public address of the output folder (overrides calendar.base_url in the file).",
)
@click.option(
    "--as-of",
    type=DAY,
    default=None,
    help="Day that decides every status, YYYY-MM-DD [default: today in UTC].",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 and name the files that are stale.")
def build(file: Path, out: Path, base_url: str | None, as_of: date | None, check: bool) -> None:
    """Write the calendars, feeds and timeline page of an events file into a folder.

    Every file is rendered first and then written atomically; files whose bytes are
    already there are left alone, and a build that fails changes nothing.

    \b
    Example:
      sinotime build events.yaml --out feeds --base-url https://example.org/sinotime/
    """
    from sinotime.build import build as build_site
    from sinotime.feeds import missing_address_note

    result = build_site(
        file,
        out,
        today=today_somewhere(),
        base_url=base_url,
        as_of=as_of or utc_today(),
        check=check,
        max_bytes=max_input_bytes(),
        on_wait=lambda message: say(message, err=True),
        on_progress=_console().progress,
    )
    for warning in result.warnings:
        say(warning, err=True, level="error")
    if note := missing_address_note(result.files):
        say(note, err=True)
    if check:
        if result.stale:
            say(f"{_count(len(result.stale), 'stale file')} in {out}:", err=True, level="error")
            for name in result.stale:
                say(f"  {name}", err=True, level="error")
            raise SystemExit(1)
        say(f"{out}: all {_count(len(result.files), 'file')} up to date")
        return
    for name in result.written:
        say(f"  wrote {name}", err=True, level="detail")
    for name in result.removed:
        say(f"  removed {name}", err=True, level="detail")
    removed = f", removed {_count(len(result.removed), 'file')} no longer produced" if result.removed else ""
    say(f"{out}: wrote {_count(len(result.written), 'file')}, {len(result.unchanged)} unchanged{removed}")


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    default=None,
    help="Write the schema to this file (- for standard output, the default).",
)
def schema(output: Path | None) -> None:
    """Print the JSON Schema of the events file.

    Editors use it for completion and checks: events.yaml names it on its first line
    (# yaml-language-server: $schema=./events.schema.json).

    \b
    Example:
      sinotime schema -o events.schema.json
    """
    from sinotime.schema import schema_json

    text = schema_json()
    if output is None or output == STDOUT:
        sys.stdout.write(text)
    else:
        from sinotime.output import write_file

        write_file(output, text.encode())
        say(f"wrote {output}", err=True)


def _day_bound(*, latest: bool) -> Any:
    """Parse --from/--to: a day, a month, a season or a year; "2019" is 1 January or 31 December."""

    def convert(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
        if value is None:
            return None
        from sinotime.dates import DateSyntaxError, parse_point

        try:
            point = parse_point(value.strip())
        except DateSyntaxError as error:
            raise click.BadParameter(
                f"{error.message} (write a day 2019-06-15, a month 2019-06 or a year 2019)"
            ) from None
        return point.latest if latest else point.earliest

    return convert


REPORT_FORMATS = ("text", "markdown", "json", "csv")
# The values of models.Kind and timeline.Flag, spelled out so that `sinotime --help` need not
# import pydantic; tests/test_report_cli.py checks that they stay equal to the enums.
KIND_VALUES = (
    "expo",
    "infrastructure",
    "cultural-fair",
    "delegation-visit",
    "state-visit",
    "forum",
    "agreement",
    "institution",
    "sports",
    "target",
    "business",
    "programme",
)
FLAG_VALUES = (
    "completed",
    "completed-late",
    "completed-partly",
    "upcoming",
    "slipping",
    "overdue",
    "unverified",
    "unscheduled",
    "cancelled",
    "postponed",
)


@main.command()
@events_file_argument
@click.option(
    "--as-of",
    type=DAY,
    default=None,
    help="Day that decides what is upcoming or overdue, YYYY-MM-DD [default: today].",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(KIND_VALUES),
    help="Only events of this kind (repeat for several).",
)
@click.option(
    "--flag",
    "flags",
    multiple=True,
    type=click.Choice(FLAG_VALUES),
    help=(
        "Only events with this flag (repeat for several). Outputs show each as its status words:"
        " completed-partly is 'Completed in part', upcoming 'Planned', slipping 'Planned, moved',"
        " unverified 'Past due, no news', unscheduled 'Planned, no date', the rest as named."
    ),
)
@click.option("--series", "series", multiple=True, metavar="ID", help="Only events of this series (repeat).")
@click.option(
    "--from",
    "start",
    metavar="DATE",
    callback=_day_bound(latest=False),
    help="Only events whose date reaches on or after this day, month or year.",
)
@click.option(
    "--to",
    "end",
    metavar="DATE",
    callback=_day_bound(latest=True),
    help="Only events whose date begins on or before this day, month or year.",
)
@click.option(
    "--search",
    metavar="TEXT",
    default=None,
    help=(
        "Only events whose title, description, place, participants, tags or series contain TEXT"
        " (any case), in any language the file gives: `--search Благовещенск`."
    ),
)
@click.option(
    "--format",
    "format_",
    type=click.Choice(REPORT_FORMATS),
    default="text",
    show_default=True,
    help="text for a terminal, markdown for a document, json or csv for programs.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    default=None,
    help="Write the report to this file (atomically, never in colour); - or none: standard output.",
)
def report(
    file: Path,
    as_of: date | None,
    kinds: tuple[str, ...],
    flags: tuple[str, ...],
    series: tuple[str, ...],
    start: date | None,
    end: date | None,
    search: str | None,
    format_: str,
    output: Path | None,
) -> None:
    """Print every event in order, its plans beside its outcome.

    Each event shows its date at its true precision, its kind, place and status (the flags
    completed, completed-late, upcoming, overdue, unscheduled, cancelled, postponed, in the
    words the calendars, feeds and page use: 'Completed late, +3 y 10 m'), and for a plan
    every target in the order announced, with its source, then what became of it and how
    late. A summary counts the flags and kinds and lists the longest slips and everything
    overdue. Filters combine: an event must match all of them. Colour is used only on a
    terminal, never when NO_COLOR is set.

    \b
    Example:
      sinotime report events.yaml --as-of 2026-11-23 --flag overdue
      sinotime report events.yaml --kind expo --format markdown -o expos.md
    """
    from sinotime.reporting import ReportRequest, report_file

    if start is not None and end is not None and end < start:
        raise click.BadParameter(f"--to {end} is before --from {start}", param_hint="'--to'")
    to_stdout = output is None or output == STDOUT
    colour = (
        to_stdout and format_ == "text" and wants_colour(_console().color, os.environ, _stdout_is_terminal())
    )
    request = ReportRequest(format_, as_of, kinds, flags, series, start, end, search, colour)
    result = report_file(file, request, today=today_somewhere(), max_bytes=max_input_bytes())
    if result.note:
        say(result.note, err=True)
    if output is None or output == STDOUT:
        for block in result.blocks:
            click.echo(block, nl=False, color=colour)
    else:
        from sinotime.output import write_file

        write_file(output, (block.encode() for block in result.blocks))
        say(f"wrote {output}", err=True)


def _checked_by_extract(name: str) -> Any:
    """An option callback: sinotime.extract's function `name` parses the value, or says why not."""

    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
        import sinotime.extract

        try:
            return None if value is None else getattr(sinotime.extract, name)(value)
        except ValueError as error:
            hint = getattr(error, "hint", None)
            raise click.BadParameter(f"{error} ({hint})" if hint else str(error)) from None

    return callback


@main.command()
@click.argument("article", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True))
@click.option(
    "--published",
    required=True,
    metavar="DATE",
    callback=_checked_by_extract("parse_published"),
    help="When the article was published: a day, or a window such as [2023-04-13..2023-05-24].",
)
@click.option(
    "--source",
    metavar="ID",
    default=None,
    callback=_checked_by_extract("check_source"),
    help="The source id to cite.",
)
@click.option(
    "--format",
    "format_",
    type=click.Choice(("yaml", "json")),
    default="yaml",
    show_default=True,
    help="yaml: stubs to paste into events.yaml; json: every candidate with its bounds and offsets.",
)
def extract(article: Path, published: Any, source: str | None, format_: str) -> None:
    """Propose dated plans and outcomes from an article (ARTICLE, or - for standard input).

    Each date phrase is resolved against the publication date by the rules of
    docs/curation.md, never more precisely than the phrase says; a window as the
    publication date gives windows. The sentence says plan or outcome.

    \b
    Example:
      sinotime extract article.txt --published 2019-06-18 --source xinhua-2019-06-18
    """
    from sinotime.extract import extract_article, render_json, render_yaml

    stream = sys.stdin.buffer if str(article) == "-" else article
    name = "<stdin>" if str(article) == "-" else str(article)
    result = extract_article(stream, name, published, source=source, max_bytes=max_input_bytes())
    if not result.candidates:
        say(f"{name}: no date phrases found", err=True)
    click.echo(render_json(result) if format_ == "json" else render_yaml(result), nl=False)


@main.command()
@events_file_argument
@click.option("--since", type=DAY, default=None, help="Only changes on or after this day, YYYY-MM-DD.")
@click.option(
    "--as-of",
    type=DAY,
    default=None,
    help="Day up to which deadlines are counted as passed, YYYY-MM-DD [default: today].",
)
def changes(file: Path, since: date | None, as_of: date | None) -> None:
    """List the ledger: every announcement, slip, outcome and passed deadline, oldest first.

    Each line is the day the change became news (its source's publication) and the change in
    the words of the feeds: 'Target moved: ..., 2018 → July 2019, +7 m so far (Global Times)'.

    \b
    Example:
      sinotime changes events.yaml --since 2024-01-01
    """
    from sinotime.change_words import change_line
    from sinotime.ledger import build_ledger
    from sinotime.ledger import since as changes_since
    from sinotime.loading import load_events

    data = load_events(file, today=today_somewhere(), max_bytes=max_input_bytes())
    ledger = build_ledger(data, as_of=as_of or local_today())
    listed = changes_since(ledger, since)
    for change in listed:
        click.echo(_terminal_safe(change_line(change)))
    click.echo(f"{_count(len(listed), 'change')}" + (f" since {since}" if since else ""), err=True)


@main.command()
@click.argument("old", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("new", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--as-of",
    type=DAY,
    default=None,
    help="Day up to which deadlines are counted as passed, for both files [default: today].",
)
def diff(old: Path, new: Path, as_of: date | None) -> None:
    """Say what changed between two versions of an events file, in the ledger's words.

    Lines start with + (a change only in NEW), - (only in OLD) or ~ (dated or worded
    otherwise, with what it was). Like diff, the exit status is 0 when the ledgers are the
    same, 1 when they differ and 2 when a file cannot be read.

    \b
    Example:
      git show main:events.yaml > /tmp/old.yaml && sinotime diff /tmp/old.yaml events.yaml
    """
    from sinotime.change_words import diff_ledgers
    from sinotime.errors import SinotimeError
    from sinotime.ledger import build_ledger
    from sinotime.loading import load_events

    day = as_of or local_today()
    try:
        before, after = (
            build_ledger(load_events(path, today=today_somewhere(), max_bytes=max_input_bytes()), as_of=day)
            for path in (old, new)
        )
    except SinotimeError as error:
        click.echo(str(error), err=True)
        raise SystemExit(2) from None
    found = diff_ledgers(before, after)
    for line in found.lines():
        click.echo(_terminal_safe(line))
    click.echo(found.summary(), err=True)
    raise SystemExit(1 if found else 0)


def _terminal_safe(text: str) -> str:
    """Text without control characters (but line feeds): data can never move the cursor or recolour."""
    return "".join(ch for ch in text if ch == "\n" or (ch.isprintable() and ch not in "\x7f"))


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def max_input_bytes() -> int:
    """The size limit set with `sinotime --max-input-mb`."""
    obj = click.get_current_context().find_root().obj
    return int(obj["max_bytes"]) if obj else DEFAULT_MAX_INPUT_MB * 1024 * 1024


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"
