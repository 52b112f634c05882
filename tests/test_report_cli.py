"""`sinotime report` on the command line: data on stdout, errors on stderr, exit codes, colour."""

from __future__ import annotations

import csv
import io
import json
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sinotime import cli, clock
from sinotime.timeline import Flag

FIXTURE = str(Path(__file__).parent / "data" / "report-fixture.yaml")
GOLDEN = Path(__file__).parent / "golden" / "report"


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli.main, ["report", *args], env=env, prog_name="sinotime")


def test_the_text_report_on_stdout_is_the_golden_report() -> None:
    result = run(FIXTURE, "--as-of", "2026-11-23")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (GOLDEN / "report.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(("fmt", "golden"), [("markdown", "report.md"), ("json", "report.json")])
def test_each_format_on_stdout(fmt: str, golden: str) -> None:
    result = run(FIXTURE, "--as-of", "2026-11-23", "--format", fmt)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (GOLDEN / golden).read_text(encoding="utf-8")


def test_csv_on_stdout_reads_back_row_by_row() -> None:
    result = run(FIXTURE, "--as-of", "2026-11-23", "--format", "csv", "--kind", "infrastructure")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout_bytes.decode(), newline="")))
    assert [(r["id"], r["flag"], r["slip"]) for r in rows] == [
        ("rail-bridge-construction-start", "completed", ""),
        ("highway-bridge-opening", "completed-late", "2 y 5 m"),
        ("rail-bridge-opening", "completed-late", "3 y 11 m"),
        ("cableway-test-runs", "postponed", ""),
        ("cableway-opening", "unverified", ""),
    ]


def test_the_as_of_date_defaults_to_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "local_today", lambda: date(2027, 1, 5))
    default = run(FIXTURE, "--format", "json")
    assert json.loads(default.stdout)["as_of"] == "2027-01-05"
    assert default.stdout == run(FIXTURE, "--format", "json", "--as-of", "2027-01-05").stdout
    assert default.stdout != run(FIXTURE, "--format", "json", "--as-of", "2026-08-31").stdout


def test_filters_combine_on_the_command_line() -> None:
    result = run(
        FIXTURE,
        "--as-of=2026-11-23",
        "--format=json",
        "--kind=expo",
        "--kind=target",
        "--flag=completed",
        "--from=2019-06-19",
        "--to=2023",
        "--search=expo",
    )
    parsed = json.loads(result.stdout)
    assert [e["id"] for e in parsed["events"]] == ["expo-6"]
    assert parsed["filters"] == {
        "kind": ["expo", "target"],
        "flag": ["completed"],
        "series": [],
        "from": "2019-06-19",
        "to": "2023-12-31",
        "search": "expo",
    }


def test_an_empty_result_says_so_and_exits_0() -> None:
    result = run(FIXTURE, "--as-of", "2026-11-23", "--kind", "expo", "--flag", "overdue")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "No events match: --kind expo --flag overdue"
    as_json = run(FIXTURE, "--as-of", "2026-11-23", "--kind", "expo", "--flag", "overdue", "--format", "json")
    assert (as_json.exit_code, json.loads(as_json.stdout)["events"]) == (0, [])
    assert as_json.stderr == "No events match: --kind expo --flag overdue\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--flag", "late"], "Invalid value for '--flag': 'late' is not one of 'completed', "),
        (
            ["--kind", "expos"],
            "report-fixture.yaml (did you mean 'expo'? its kinds: expo, infrastructure, cultural-fair,"
            " delegation-visit, forum, target, business)",
        ),
        (["--format", "pdf"], "Invalid value for '--format': 'pdf' is not one of "),
        (
            ["--as-of", "23.11.2026"],
            "Invalid value for '--as-of': '23.11.2026' is not a day: write it YYYY-MM-DD",
        ),
        (["--from", "2019-02-30"], "Invalid value for '--from': day 2019-02-30 does not exist"),
        (
            ["--from", "2020", "--to", "2019"],
            "Invalid value for '--to': --to 2019-12-31 is before --from 2020-01-01",
        ),
        (["--series", "bridge"], "Invalid value for '--series': no series 'bridge' in "),
    ],
)
def test_bad_options_get_a_usage_error_on_stderr_and_exit_2(args: list[str], message: str) -> None:
    result = run(FIXTURE, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Usage: sinotime report [OPTIONS] [FILE]\n")
    assert message in result.stderr


def test_a_broken_events_file_is_an_error_on_stderr_and_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "events.yaml"
    bad.write_text("calendar: [\n")
    result = run(str(bad))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert str(bad) in result.stderr
    assert "Traceback" not in result.stderr


def test_output_file_is_written_without_colour_and_stdout_stays_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli.app, "stdout_is_terminal", lambda: True)
    target = tmp_path / "out" / "report.txt"
    target.parent.mkdir()
    result = run(FIXTURE, "--as-of", "2026-11-23", "-o", str(target), env={"NO_COLOR": ""})
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"wrote {target}\n")
    assert target.read_bytes() == (GOLDEN / "report.txt").read_bytes()
    assert [p.name for p in target.parent.iterdir()] == ["report.txt"]  # no temporary file left


@pytest.mark.parametrize("command", [["report", FIXTURE, "--as-of", "2026-11-23"], ["schema"]])
def test_output_into_a_missing_folder_is_an_error_that_creates_nothing(
    tmp_path: Path, command: list[str]
) -> None:
    target = tmp_path / "no" / "such" / "out.txt"
    result = CliRunner().invoke(cli.main, [*command, "-o", str(target)])
    assert result.exit_code == 1
    assert result.stderr == f"cannot write {target}: {target.parent} does not exist; nothing was written\n"
    assert list(tmp_path.iterdir()) == []


def test_colour_on_a_terminal_unless_no_color_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli.app, "stdout_is_terminal", lambda: True)
    assert "\x1b[" in run(FIXTURE, "--as-of", "2026-11-23", env={"NO_COLOR": ""}).stdout
    assert "\x1b" not in run(FIXTURE, "--as-of", "2026-11-23", env={"NO_COLOR": "1"}).stdout
    assert "\x1b" not in run(FIXTURE, "--as-of", "2026-11-23", "--format", "markdown").stdout


def test_no_colour_when_stdout_is_not_a_terminal() -> None:
    result = run(FIXTURE, "--as-of", "2026-11-23", env={"NO_COLOR": ""})
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout


def test_the_choices_offered_are_the_flags_of_the_model() -> None:
    assert tuple(flag.value for flag in Flag) == cli.FLAG_VALUES


def test_the_flag_help_names_the_words_the_outputs_show_for_each_flag() -> None:
    """The page's status filter says "Planned (upcoming)"; --help says the same mapping."""
    result = CliRunner().invoke(cli.main, ["report", "--help"], prog_name="sinotime", terminal_width=2000)
    renamed = [flag for flag in Flag if flag.choice_label != flag.label]
    assert renamed == [  # the others read as their value
        Flag.COMPLETED_PARTLY,
        Flag.UPCOMING,
        Flag.SLIPPING,
        Flag.UNVERIFIED,
        Flag.UNSCHEDULED,
    ]
    help_text = " ".join(result.stdout.split())
    for flag in renamed:
        assert f"{flag.value} '{flag.label}'" in help_text.replace(" is '", " '"), flag


def test_help_has_an_example_and_the_readme_documents_the_command() -> None:
    result = CliRunner().invoke(cli.main, ["report", "--help"], prog_name="sinotime")
    assert result.exit_code == 0
    assert "Example:\n    sinotime report events.yaml --as-of" in result.stdout
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    assert "sinotime report" in readme
    for option in ("--as-of", "--kind", "--flag", "--series", "--from", "--to", "--search", "--format", "-o"):
        assert f"`{option}" in readme, option
    for flag in Flag:
        assert f"`{flag.value}`" in readme, flag


def test_the_readmes_example_of_an_event_is_what_the_report_prints_for_it() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("\n16 November 2022: Tongjiang") + 1
    example = readme[start : readme.index("```", start)]
    bundled = str(Path(__file__).parent.parent / "events.yaml")
    result = CliRunner().invoke(cli.main, ["report", bundled, "--as-of", "2026-11-27"])
    printed = result.stdout[result.stdout.index("\n16 November 2022: Tongjiang") + 1 :]
    assert printed.split("\n\n")[0] + "\n" == example


@pytest.mark.parametrize("format_", ["text", "json"])  # both far longer than a pipe holds (64 KiB)
def test_a_reader_that_stops_reading_ends_the_report_quietly_as_any_tool(format_: str) -> None:
    bundled = str(Path(__file__).parent.parent / "events.yaml")
    command = [sys.executable, "-m", "sinotime", "report", bundled, "--format", format_]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as report:
        assert report.stdout is not None and report.stderr is not None
        report.stdout.read(10)  # as `| head -c 10` does
        report.stdout.close()
        assert report.wait() == -signal.SIGPIPE  # a shell says 141, as for `yes | head`
        assert report.stderr.read() == b""
