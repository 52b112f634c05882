"""The commands that read: report, extract, changes, diff."""

from __future__ import annotations

import os
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from sinotime.cli import app
from sinotime.cli.app import STDOUT, _console, main, max_input_bytes, safe_lines, say
from sinotime.cli.options import (
    DAY,
    FLAG_VALUES,
    REPORT_FORMATS,
    FlagChoice,
    PathType,
    checked_by_extract,
    complete_kinds,
    day_bound_option,
    events_file_argument,
    output_option,
)
from sinotime.clock import today_somewhere
from sinotime.console import wants_colour

if TYPE_CHECKING:
    from pathlib import Path


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
    metavar="ID",
    shell_complete=complete_kinds,
    help="Only events of this kind, an id from the file's kinds (repeat for several).",
)
@click.option(
    "--flag",
    "flags",
    multiple=True,
    type=FlagChoice(FLAG_VALUES),
    help=(
        "Only events with this flag (repeat for several). Outputs show each as its status words:"
        " completed-partly is 'Completed in part', upcoming 'Planned', slipping 'Planned, moved',"
        " unverified 'Past due, no news', unscheduled 'Planned, no date', the rest as named."
    ),
)
@click.option("--series", "series", multiple=True, metavar="ID", help="Only events of this series (repeat).")
@day_bound_option(
    "--from",
    "start",
    latest=False,
    help_text="Only events whose date reaches on or after this day, month or year.",
)
@day_bound_option(
    "--to",
    "end",
    latest=True,
    help_text="Only events whose date begins on or before this day, month or year.",
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
@output_option("Write the report to this file (atomically, never in colour); - or none: standard output.")
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

    Each event shows its date at its true precision, its kind, place and status (one of the
    ten flags of --flag, in the words the calendars, feeds and page use: 'Completed late,
    +3 y 11 m'), and for a plan
    every target in the order announced, with its source, then what became of it and how
    late. A summary counts the flags and kinds and lists the longest slips and everything
    overdue. Filters combine: an event must match all of them. Colour is used only on a
    terminal, never when NO_COLOR is set.

    \b
    Example:
      sinotime report events.yaml --as-of 2026-11-23 --flag overdue
      sinotime report events.yaml --kind expo --format markdown -o expos.md
    """
    from sinotime.commands import ReportRequest, report_file

    if start is not None and end is not None and end < start:
        raise click.BadParameter(f"--to {end} is before --from {start}", param_hint="'--to'")
    to_stdout = output is None or str(output) == STDOUT
    colour = (
        to_stdout
        and format_ == "text"
        and wants_colour(_console().color, os.environ, app.stdout_is_terminal())
    )
    request = ReportRequest(format_, as_of, kinds, flags, series, start, end, search, colour)
    result = report_file(file, request, today=today_somewhere(), max_bytes=max_input_bytes())
    if result.note:
        say(result.note, err=True)
    if output is None or str(output) == STDOUT:
        for block in result.blocks:
            click.echo(block, nl=False, color=colour)
    else:
        from sinotime.output import write_file

        write_file(output, (block.encode() for block in result.blocks))
        say(f"wrote {output}", err=True)


@main.command()
@click.argument("article", type=PathType(dir_okay=False, allow_dash=True))
@click.option(
    "--published",
    required=True,
    metavar="DATE",
    callback=checked_by_extract("parse_published"),
    help="When the article was published: a day, or a window such as [2023-04-13..2023-05-24].",
)
@click.option(
    "--source",
    metavar="ID",
    default=None,
    callback=checked_by_extract("check_source"),
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
    if result.left_out:
        say(
            f"{name}: the first {len(result.candidates):,} date phrases are proposed;"
            f" {result.left_out:,} more were found and left out",
            err=True,
            level="error",
        )
    click.echo(render_json(result) if format_ == "json" else render_yaml(result), nl=False)


@main.command()
@events_file_argument
@day_bound_option(
    "--since", "since", latest=False, help_text="Only changes on or after this day, month or year."
)
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
    from sinotime.commands import list_changes

    lines, summary = list_changes(
        file, since_day=since, as_of=as_of, today=today_somewhere(), max_bytes=max_input_bytes()
    )
    for line in lines:
        click.echo(safe_lines(line))
    say(summary, err=True)


@main.command()
@click.argument("old", type=PathType(dir_okay=False))
@click.argument("new", type=PathType(dir_okay=False))
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
    from sinotime.commands import diff_files
    from sinotime.errors import SinotimeError

    try:
        found = diff_files(old, new, as_of=as_of, today=today_somewhere(), max_bytes=max_input_bytes())
    except SinotimeError as error:
        say(str(error), err=True, level="error")
        raise SystemExit(2) from None
    for line in found.lines():
        click.echo(safe_lines(line))
    say(found.summary(), err=True)
    raise SystemExit(1 if found else 0)
