"""`sinotime --help` and `--version` start quickly: they load click and the command line's own
modules, and nothing a command needs only when it runs (the models, the YAML reader, the
renderers and their libraries). What is loaded is checked, never how long it takes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent

# The command line itself: the group, its options, its commands, and what they use at start.
CLI_MODULES = {
    "sinotime",
    "sinotime.cli",
    "sinotime.cli.app",
    "sinotime.cli.options",
    "sinotime.cli.publish",
    "sinotime.cli.read",
    "sinotime.clock",
    "sinotime.console",
    "sinotime.errors",  # the group says them; a command's --help passes through the group
    "dataclasses",  # the errors'
    "copy",  # dataclasses'
    "gc",  # built in: the group pauses the collector while a command runs
}

# A click group as small as it gets, with a version and a command: what any click program loads.
PLAIN_CLICK_PROGRAM = """
import click

@click.group()
@click.version_option("1.0", "-V", "--version", prog_name="plain")
def main():
    '''A group.'''

@main.command()
@click.option("--out", type=click.Path(file_okay=False), default="out", show_default=True)
def one(out):
    '''A command.'''
"""


def modules_loaded(program: str, args: list[str]) -> set[str]:
    """The modules in sys.modules once `program`'s `main` has answered `args`."""
    code = (
        f"{program}\nimport sys\ntry:\n    main({args!r}, prog_name='sinotime')\n"
        "finally:\n    print(*sorted(sys.modules), sep='\\n', file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return set(done.stderr.split())


@pytest.fixture(scope="module")
def click_loads() -> set[str]:
    return modules_loaded(PLAIN_CLICK_PROGRAM, ["one", "--help"])


@pytest.mark.parametrize(
    "args", [["--help"], ["--version"], ["build", "--help"], ["report", "--help"], ["diff", "--help"]]
)
def test_help_and_version_load_only_what_click_needs_and_the_command_line(
    args: list[str], click_loads: set[str]
) -> None:
    loaded = modules_loaded("from sinotime.cli import main", args)
    assert loaded.isdisjoint({"pydantic", "yaml", "icalendar", "feedgen", "lxml", "dateutil"})
    assert loaded - click_loads - CLI_MODULES == set()
