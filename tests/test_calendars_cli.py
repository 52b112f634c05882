"""`sinotime build` end to end: the calendars it writes, rewrites, checks, and never half-writes."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner, Result

from calendar_support import DATA
from sinotime.cli import main
from sinotime.dates import day_words

FIXTURE = DATA / "calendars.yaml"
GOLDEN = Path(__file__).parent / "golden" / "calendars"


def build(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["build", *(str(a) for a in args)], catch_exceptions=False)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in a folder with its bytes and modification time."""
    return {
        str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_build_writes_the_calendars_of_the_file(tmp_path: Path) -> None:
    result = build(FIXTURE, "--out", tmp_path / "feeds", "--as-of", "2026-11-20")  # the golden files' day
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{tmp_path / 'feeds'}: wrote 34 files, 0 unchanged\n"
    for golden in GOLDEN.rglob("*.ics"):
        name = golden.relative_to(GOLDEN)
        assert (tmp_path / "feeds" / name).read_bytes() == golden.read_bytes(), name


def test_base_url_option_sets_the_calendars_source(tmp_path: Path) -> None:
    result = build(FIXTURE, "--out", tmp_path, "--base-url", "https://cal.example.net/st")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "kind-expo.ics").read_bytes()
    assert b"\r\nSOURCE;VALUE=URI:https://cal.example.net/st/kind-expo.ics\r\n" in text


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    build(FIXTURE, "--out", tmp_path / "one")
    build(FIXTURE, "--out", tmp_path / "two")
    one = {name: content for name, (content, _) in snapshot(tmp_path / "one").items()}
    two = {name: content for name, (content, _) in snapshot(tmp_path / "two").items()}
    assert one == two
    assert len(one) == 35  # 8 calendars, 1 of one upcoming event, 8 feeds in 3 formats, the page, the list


def test_a_build_that_changes_nothing_rewrites_nothing(tmp_path: Path) -> None:
    build(FIXTURE, "--out", tmp_path)
    for path in tmp_path.rglob("*"):  # an old time, so that a rewrite could not go unseen
        if path.is_file():
            os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = snapshot(tmp_path)
    result = build(FIXTURE, "--out", tmp_path)
    assert result.stdout == f"{tmp_path}: wrote 0 files, 34 unchanged\n"
    assert snapshot(tmp_path) == before


def test_check_names_the_stale_files_and_fails(tmp_path: Path) -> None:
    build(FIXTURE, "--out", tmp_path)
    assert build(FIXTURE, "--out", tmp_path, "--check").stdout == f"{tmp_path}: all 34 files up to date\n"
    (tmp_path / "kind-forum.ics").write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    (tmp_path / "sinotime.ics").unlink()
    before = snapshot(tmp_path)
    result = build(FIXTURE, "--out", tmp_path, "--check")
    assert result.exit_code == 1
    assert result.stderr == f"2 stale files in {tmp_path}:\n  kind-forum.ics\n  sinotime.ics\n"
    assert snapshot(tmp_path) == before  # --check writes nothing


def test_a_build_of_a_bad_file_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    build(FIXTURE, "--out", out)
    before = snapshot(out)
    broken = tmp_path / "events.yaml"
    broken.write_text(
        FIXTURE.read_text(encoding="utf-8").replace("kind: forum", "kind: forun"), encoding="utf-8"
    )
    result = build(broken, "--out", out)
    assert result.exit_code == 1
    assert "unknown kind 'forun' (hint: did you mean 'forum'?)" in result.stderr
    assert result.stderr.endswith(f"1 problem in {broken}\n")
    assert snapshot(out) == before


def test_an_out_that_is_a_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    out.write_bytes(b"not a folder")
    result = build(FIXTURE, "--out", out)
    assert result.exit_code == 2  # click refuses the option before anything is read
    assert f"Invalid value for '--out': Directory '{out}' is a file." in result.stderr
    assert out.read_bytes() == b"not a folder"


def test_an_out_below_a_file_fails_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_bytes(b"x")
    result = build(FIXTURE, "--out", tmp_path / "blocker" / "feeds")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"cannot write to {tmp_path / 'blocker' / 'feeds'}: ")
    assert result.stderr.endswith("; no file was changed\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker"]


def test_a_changed_event_rewrites_only_the_files_it_is_in(tmp_path: Path) -> None:
    source = tmp_path / "events.yaml"
    shutil.copy(FIXTURE, source)
    build(source, "--out", tmp_path / "feeds")
    text = source.read_text(encoding="utf-8")
    source.write_text(
        text.replace("Eastern Economic Forum, opening plenary", "EEF opening"), encoding="utf-8"
    )
    result = build(source, "--out", tmp_path / "feeds")
    # sinotime.ics and kind-forum.ics, the feeds of everything and of forums in 3 formats, the page
    assert result.stdout == f"{tmp_path / 'feeds'}: wrote 9 files, 25 unchanged\n"
    assert b"SUMMARY:EEF opening\r\n" in (tmp_path / "feeds" / "kind-forum.ics").read_bytes()


def test_a_build_as_of_a_day_before_any_event_writes_no_calendar_and_empty_feeds(tmp_path: Path) -> None:
    result = build(FIXTURE, "--out", tmp_path, "--as-of", "1999-01-01")
    assert result.exit_code == 0, result.output
    assert not list(tmp_path.rglob("*.ics"))  # an empty calendar is refused by some servers
    assert "No calendar: none of its events has a day" in (tmp_path / "index.html").read_text("utf-8")
    assert b"<entry>" not in (tmp_path / "sinotime.atom").read_bytes()


def test_build_without_as_of_decides_statuses_as_of_today_in_utc(tmp_path: Path) -> None:
    before = datetime.now(UTC).date()
    result = build(FIXTURE, "--out", tmp_path)
    after = datetime.now(UTC).date()  # a build that runs across midnight may show either day
    assert result.exit_code == 0, result.output
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert any(f"statuses as of {day_words(day)};" in page for day in {before, after})
