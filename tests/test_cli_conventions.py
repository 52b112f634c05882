"""The conventions of well-behaved command-line tools: -, --quiet, --verbose, --color, progress."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sinotime import cli, console
from sinotime.console import wants_colour

DATA = Path(__file__).parent / "data"
RAIL = DATA / "rail-bridge.yaml"
BOLD = "\x1b[1m"


def run(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli.main, list(args), input=stdin, env=env, prog_name="sinotime")


def test_a_dash_reads_the_events_file_from_standard_input() -> None:
    result = run("validate", "-", stdin=RAIL.read_bytes())
    assert (result.exit_code, result.stdout) == (
        0,
        "<stdin>: valid: 1 event, 3 sources, 1 series; last changed 2026-11-23\n",
    )
    broken = run("validate", "-", stdin=(DATA / "invalid" / "unknown-kind.yaml").read_bytes())
    assert broken.exit_code == 1
    assert broken.stderr.startswith("<stdin>:12:11: events[0] (e1).kind: unknown kind 'expoo'")


def test_a_dash_as_output_is_standard_output_and_no_file_named_dash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    report = run("report", str(RAIL), "--as-of", "2026-11-27", "--format", "json", "-o", "-")
    assert report.exit_code == 0 and json.loads(report.stdout)["events"]
    schema = run("schema", "-o", "-")
    assert schema.exit_code == 0 and json.loads(schema.stdout)["title"] == "sinotime events file"
    assert list(tmp_path.iterdir()) == []


def test_build_reads_standard_input_too(tmp_path: Path) -> None:
    result = run(
        "build", "-", "--out", str(tmp_path / "out"), "--as-of", "2026-11-27", stdin=RAIL.read_bytes()
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "index.html").exists()


def test_quiet_says_nothing_but_errors(tmp_path: Path) -> None:
    result = run("-q", "build", str(RAIL), "--out", str(tmp_path / "out"), "--as-of", "2026-11-27")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert run("-q", "validate", str(RAIL)).stdout == ""
    broken = run("-q", "validate", str(DATA / "invalid" / "unknown-kind.yaml"))
    assert broken.exit_code == 1 and "unknown kind 'expoo'" in broken.stderr
    listed = run("-q", "changes", str(RAIL), "--as-of", "2026-11-27")
    assert listed.exit_code == 0 and listed.stdout and listed.stderr == ""  # the changes, not their count
    compared = run("-q", "diff", str(RAIL), str(DATA / "invalid" / "unknown-kind.yaml"))
    assert compared.exit_code == 2 and "unknown kind 'expoo'" in compared.stderr  # an error is said
    same = run("-q", "diff", str(RAIL), str(RAIL))
    assert (same.exit_code, same.stdout, same.stderr) == (0, "", "")


def test_verbose_names_each_file_written(tmp_path: Path) -> None:
    result = run("-v", "build", str(RAIL), "--out", str(tmp_path / "out"), "--as-of", "2026-11-27")
    assert result.exit_code == 0
    assert "  wrote index.html\n" in result.stderr
    assert "  wrote sinotime.ics\n" in result.stderr


@pytest.mark.parametrize(
    ("choice", "environ", "terminal", "expected"),
    [
        ("always", {"NO_COLOR": "1"}, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"NO_COLOR": ""}, True, True),  # no-color.org: set and not empty
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False, False),
        ("auto", {"TERM": "dumb"}, True, False),  # a terminal that shows no colour
        ("auto", {"TERM": "dumb", "FORCE_COLOR": "1"}, True, True),
        ("always", {"TERM": "dumb"}, True, True),
    ],
)
def test_colour_follows_the_option_then_no_color_then_force_color_then_the_terminal(
    choice: str, environ: dict[str, str], terminal: bool, expected: bool
) -> None:
    assert wants_colour(choice, environ, terminal) is expected


def test_color_always_colours_a_report_on_a_pipe_and_never_keeps_a_terminal_plain(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert BOLD in run("--color", "always", "report", str(RAIL), "--as-of", "2026-11-27").stdout
    assert BOLD in run("report", str(RAIL), "--as-of", "2026-11-27", env={"FORCE_COLOR": "1"}).stdout
    monkeypatch.setattr(cli.app, "stdout_is_terminal", lambda: True)
    assert BOLD not in run("--color", "never", "report", str(RAIL), "--as-of", "2026-11-27").stdout


def test_progress_only_on_a_terminal_and_cleared_before_the_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = run("build", str(RAIL), "--out", str(tmp_path / "a"), "--as-of", "2026-11-27")
    assert "\r" not in plain.stderr and "reading" not in plain.stderr
    monkeypatch.setattr(console, "_is_terminal", lambda stream: True)
    shown = run(
        "build",
        str(RAIL),
        "--out",
        str(tmp_path / "b"),
        "--as-of",
        "2026-11-27",
        "--base-url",
        "https://e.org/",
    )
    assert f"\r\x1b[Kreading {RAIL}…" in shown.stderr
    progress, note = shown.stderr.split("note: calendar.namespace")  # the test file sets none
    assert progress.endswith("\r\x1b[K")  # the last stage is cleared before the note and the summary
    assert "\r" not in note
    monkeypatch.setenv("TERM", "dumb")  # a terminal that cannot overwrite a line gets no stages
    dumb = run("build", str(RAIL), "--out", str(tmp_path / "d"), "--as-of", "2026-11-27")
    assert "\r" not in dumb.stderr and "reading" not in dumb.stderr
    quiet = run("-q", "build", str(RAIL), "--out", str(tmp_path / "c"), "--as-of", "2026-11-27")
    assert quiet.stderr == ""


@pytest.mark.parametrize(
    ("given", "placed"),
    [("-q", "sinotime -q report"), ("--color", "sinotime --color auto|always|never report")],
)
def test_a_global_option_after_the_command_is_told_where_it_goes(given: str, placed: str) -> None:
    result = run("report", given, *(["never"] if given == "--color" else []))
    assert result.exit_code == 2
    assert f"No such option '{given}': {given} is an option of sinotime itself" in result.stderr
    assert f"goes before the command: {placed} ..." in result.stderr
    assert run("report", "--bogus").stderr.endswith("No such option '--bogus'.\n")  # others as click says
