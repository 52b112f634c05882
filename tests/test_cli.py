"""The command line: a one-line summary when valid, every problem and exit 1 when not."""

from __future__ import annotations

import gc
import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from sinotime import __version__, loading
from sinotime.cli import main
from sinotime.models import EventsFile
from sinotime.schema import schema_json

DATA = Path(__file__).parent / "data"
README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_validate_prints_a_one_line_summary_for_a_valid_file() -> None:
    code, out, err = run("validate", str(DATA / "calendars.yaml"))
    assert (code, err) == (0, "")
    assert (
        out == f"{DATA / 'calendars.yaml'}: valid: 7 events, 8 sources, 1 series; last changed 2026-11-20\n"
    )


def test_validate_lists_every_problem_on_stderr_and_exits_1() -> None:
    code, out, err = run("validate", str(DATA / "invalid" / "ten-mistakes.yaml"))
    assert code == 1
    assert out == ""
    assert err.endswith("10 problems in " + str(DATA / "invalid" / "ten-mistakes.yaml") + "\n")
    assert "Traceback" not in err


@pytest.mark.parametrize("path", sorted((DATA / "invalid").glob("*.yaml")), ids=lambda p: p.stem)
def test_no_invalid_file_gets_a_traceback(path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert re.search(r"^\d+ problems? in ", result.stderr.splitlines()[-1])


def test_a_missing_file_is_a_clear_error() -> None:
    code, _, err = run("validate", "no/such/events.yaml")
    assert code == 1
    assert (
        err
        == "no/such/events.yaml: cannot read: No such file or directory\n1 problem in no/such/events.yaml\n"
    )


def test_version() -> None:
    code, out, _ = run("--version")
    assert (code, out) == (0, f"sinotime, version {__version__}\n")


def test_schema_prints_the_committed_schema() -> None:
    code, out, _ = run("schema")
    assert code == 0
    committed = (Path(__file__).parent.parent / "events.schema.json").read_text(encoding="utf-8")
    assert out == committed, "events.schema.json is stale: run `sinotime schema -o events.schema.json`"


def test_every_command_has_help_with_an_example_and_is_in_the_readme() -> None:
    for name, command in main.commands.items():
        code, out, _ = run(name, "--help")
        assert code == 0
        assert "Example:" in out, f"{name} --help has no example"
        assert command.help and command.help.split("\n")[0].strip(), f"{name} has no help line"
        assert f"sinotime {name}" in README, f"the README does not mention `sinotime {name}`"


def test_data_changed_today_in_harbin_is_not_in_the_future_in_california() -> None:
    """The 'in the future' check uses the latest date on Earth, not this machine's zone."""
    import os
    import subprocess
    import sys

    root = Path(__file__).parent.parent
    for zone in ("Etc/GMT+12", "America/Los_Angeles", "Pacific/Kiritimati"):
        result = subprocess.run(
            [sys.executable, "-m", "sinotime", "validate", str(root / "events.yaml")],
            env={**os.environ, "TZ": zone},
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, f"TZ={zone}: {result.stderr}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--as-of", "2030-02-30"],
            "Invalid value for '--as-of': '2030-02-30' is not a day: February 2030 has 28 days",
        ),
        (
            ["--as-of", "2030-2-3"],
            "Invalid value for '--as-of': '2030-2-3' is not a day: write it YYYY-MM-DD",
        ),
        (
            ["--base-url", "ftp://x"],
            "Invalid value for '--base-url': 'ftp://x': must be an http:// or https:// address with a host",
        ),
    ],
)
def test_bad_build_options_are_usage_errors(args: list[str], message: str) -> None:
    code, _, err = run("build", str(DATA / "rail-bridge.yaml"), "--out", "/nonexistent/never", *args)
    assert code == 2
    assert message in err


@pytest.mark.parametrize("name", ["rail-bridge.yaml", "invalid/ten-mistakes.yaml"])
def test_a_command_pauses_the_garbage_collector_only_while_it_runs(name: str) -> None:
    seen: list[bool] = []
    real_load = loading.load_events

    def load_and_look(path: Path, *, today: date, max_bytes: int) -> EventsFile:
        seen.append(gc.isenabled())
        return real_load(path, today=today, max_bytes=max_bytes)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sinotime.loading.load_events", load_and_look)
        run("validate", str(DATA / name))
    assert seen == [False]
    assert gc.isenabled()


@pytest.mark.parametrize("command", ["validate", "report", "build"])
def test_with_no_events_file_here_a_command_says_how_to_start_one(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(command)
    assert code == 1
    assert err.startswith(
        "events.yaml: cannot read: No such file or directory (hint: name the events file to read,"
        " or start a timeline here with `sinotime init`)\n"
    )


def test_the_readme_shows_what_validate_says_of_three_mistakes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's example: ten-mistakes.yaml with all but three mistakes mended."""
    whole = (DATA / "invalid" / "ten-mistakes.yaml").read_text(encoding="utf-8")
    text = whole.split("  - id: Bad_Id")[0] + "kinds:" + whole.split("kinds:")[1]  # the second event gone
    for wrong, right in [
        ("Asia/Harbinn", "Asia/Harbin"),
        ('"2019-13"', '"2019-06"'),
        ("  - id: s1\n    publisher: TASS", "  - id: s2\n    publisher: TASS"),
        ("id: e1", "id: expo-2019"),
        ('"2019-06-19/2019-06-15"', '"2019-06-15/2019-06-19"'),
        ('    changed: "2026-11-21"\n', ""),
    ]:
        assert wrong in text
        text = text.replace(wrong, right)
    monkeypatch.chdir(tmp_path)
    Path("events.yaml").write_text(text, encoding="utf-8")
    code, _, err = run("validate")
    shown = README.split("sorted by line, then a summary")[1].split("```\n")[1]
    assert (code, err) == (1, shown)


def test_validate_as_json_gives_every_problem_with_its_position_on_stdout() -> None:
    path = str(DATA / "invalid" / "ten-mistakes.yaml")
    code, out, err = run("validate", "--format", "json", path)
    document = json.loads(out)
    assert (code, document["file"], document["valid"]) == (1, path, False)
    assert len(document["problems"]) == 10
    assert document["problems"][0] == {
        "file": path,
        "line": 4,
        "column": 13,
        "path": "calendar.timezone",
        "id": None,
        "message": "unknown time zone 'Asia/Harbinn'",
        "hint": "did you mean 'Asia/Harbin'?",
    }
    in_an_event = next(p for p in document["problems"] if p["path"].startswith("events["))
    assert in_an_event["id"] == "e1"  # the event, by the id the curator knows
    assert err == f"10 problems in {path}\n"


def test_validate_as_json_says_valid_for_a_good_file() -> None:
    path = str(DATA / "rail-bridge.yaml")
    code, out, _ = run("validate", "--format", "json", path)
    assert (code, json.loads(out)) == (0, {"file": path, "valid": True, "problems": []})


def test_validate_for_github_writes_one_annotation_a_problem_escaped_as_the_runner_reads_it() -> None:
    path = str(DATA / "invalid" / "ten-mistakes.yaml")
    code, out, _ = run("validate", "--format", "github", path)
    lines = out.splitlines()
    assert code == 1 and len(lines) == 10
    assert lines[0] == (
        f"::error file={path},line=4,col=13,title=calendar.timezone::"
        "unknown time zone 'Asia/Harbinn' (hint: did you mean 'Asia/Harbin'?)"
    )
    assert all(
        re.fullmatch(r"::error file=[^,:]+,line=\d+,col=\d+(,title=[^:]+)?::.+", line) for line in lines
    )


def test_github_annotations_escape_what_would_end_a_property_or_a_line() -> None:
    from sinotime.errors import Problem
    from sinotime.problem_formats import problems_github

    problem = Problem("a,b:c.yaml", 3, 1, "events[0]", "50% done\nnext line", None)
    assert (
        problems_github([problem])
        == "::error file=a%2Cb%3Ac.yaml,line=3,col=1,title=events[0]::50%25 done%0Anext line\n"
    )


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("https://example.net/metro?x=1", "cannot hold a query (?...) or a fragment (#...)"),
        ("https://example.net/metro/#top", "cannot hold a query (?...) or a fragment (#...)"),
        ("https://user:secret@example.net/metro/", "holds a user name or password (before @)"),
    ],
)
def test_a_folder_address_with_a_query_a_fragment_or_a_password_is_refused(
    address: str, why: str, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    built = CliRunner().invoke(
        main, ["build", str(DATA / "rail-bridge.yaml"), "--out", str(out), "--base-url", address]
    )
    assert built.exit_code == 2 and why in built.stderr
    assert not out.exists()  # it would have published https://example.net/metro?x=1/sinotime.atom
    text = (DATA / "rail-bridge.yaml").read_text(encoding="utf-8")
    named = tmp_path / "events.yaml"
    named.write_text(
        text.replace("calendar:\n", f'calendar:\n  base_url: "{address}"\n', 1), encoding="utf-8"
    )
    code, _, err = run("validate", str(named))
    assert code == 1 and ":3:13: calendar.base_url: " in err and why in err


def test_the_program_ends_with_everything_said_and_the_status_of_the_command() -> None:
    """`sinotime` leaves its heap to the system at exit (`cli.app.run`): nothing said is lost."""

    def program(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "sinotime", *args]
        return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=False)

    schema = program("schema")  # written without a flush of its own
    assert (schema.returncode, schema.stdout) == (0, schema_json())
    report = program("report", str(DATA / "calendars.yaml"), "--as-of", "2026-11-27", "--format", "json")
    direct = CliRunner().invoke(
        main, ["report", str(DATA / "calendars.yaml"), "--as-of", "2026-11-27", "--format", "json"]
    )
    assert (report.returncode, report.stdout) == (0, direct.stdout)
    invalid = program("validate", str(DATA / "invalid" / "unknown-kind.yaml"))
    assert invalid.returncode == 1 and "unknown kind 'expoo'" in invalid.stderr
    assert program("report", "--bogus").returncode == 2


def test_a_profile_of_the_program_is_written(tmp_path: Path) -> None:
    """Under a profiler the program exits as Python does, so the profiler writes its findings."""
    profile = tmp_path / "sinotime.prof"
    command = [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "sinotime", "--version"]
    assert subprocess.run(command, capture_output=True, check=False).returncode == 0
    assert profile.stat().st_size > 0
