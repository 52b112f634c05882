"""The commands that make files: init, validate, build, schema."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING

import click

from sinotime.cli.app import STDOUT, _console, count, main, max_input_bytes, say
from sinotime.cli.options import DAY, PathType, events_file_argument, output_option, web_address
from sinotime.clock import today_somewhere, utc_today

if TYPE_CHECKING:
    from pathlib import Path


@main.command()
@click.argument("folder", type=PathType(file_okay=False), default=".", required=False)
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
    from sinotime.commands import check_file

    checked = check_file(
        file, format_, today=today_somewhere(), max_bytes=max_input_bytes(), on_progress=_console().progress
    )
    if checked.answer is not None:
        _console().done()  # the progress line goes before the answer on standard output
        click.echo(checked.answer, nl=False)
    if not checked.valid:
        say(checked.summary or "", err=True, level="error")
        raise SystemExit(1)
    if checked.summary:
        say(checked.summary)
    if checked.note:
        say(checked.note, err=True)


@main.command()
@events_file_argument
@click.option(
    "--out",
    type=PathType(file_okay=False),
    default="feeds",
    show_default=True,
    help="The folder to write into.",
)
@click.option(
    "--base-url",
    metavar="URL",
    default=None,
    callback=lambda ctx, param, value: web_address(value),
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
    from sinotime.catalogue import NO_FEEDS_NOTE

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
    if not result.catalogue.has_feeds:
        say(NO_FEEDS_NOTE, err=True)
    if result.namespace_note:
        say(result.namespace_note, err=True)
    if check:
        if result.stale:
            say(f"{count(len(result.stale), 'stale file')} in {out}:", err=True, level="error")
            for name in result.stale:
                say(f"  {name}", err=True, level="error")
            raise SystemExit(1)
        say(f"{out}: all {count(len(result.files), 'file')} up to date")
        return
    for name in result.written:
        say(f"  wrote {name}", err=True, level="detail")
    for name in result.removed:
        say(f"  removed {name}", err=True, level="detail")
    removed = f", removed {count(len(result.removed), 'file')} no longer produced" if result.removed else ""
    say(f"{out}: wrote {count(len(result.written), 'file')}, {len(result.unchanged)} unchanged{removed}")


@main.command()
@output_option("Write the schema to this file (- for standard output, the default).")
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
    if output is None or str(output) == STDOUT:
        sys.stdout.write(text)
    else:
        from sinotime.output import write_file

        write_file(output, text.encode())
        say(f"wrote {output}", err=True)
