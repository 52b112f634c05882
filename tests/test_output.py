"""Writing is atomic: a failed or killed build never leaves a half-written or lost file."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from kill_support import DIE_AFTER_RENAMES
from sinotime.build import build, render_files, site_for
from sinotime.errors import OutputError
from sinotime.loading import load_events
from sinotime.output import leftover_files, stale_files, write_files
from sinotime.timeline import build_timeline

OLD = {"a.ics": b"old a\r\n", "b.rss": b"old b\n", "c.atom": b"old c\n"}
NEW = {"a.ics": b"new a\r\n" * 1000, "b.rss": b"new b\n" * 1000, "c.atom": b"new c\n" * 1000}


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_files_are_written_and_unchanged_ones_are_left_alone(tmp_path: Path) -> None:
    first = write_files(tmp_path, OLD)
    assert first.written == sorted(OLD)
    before = {name: (tmp_path / name).stat().st_mtime_ns for name in OLD}
    second = write_files(tmp_path, {**OLD, "b.rss": b"changed\n"})
    assert (second.written, second.unchanged) == (["b.rss"], ["a.ics", "c.atom"])
    assert (tmp_path / "a.ics").stat().st_mtime_ns == before["a.ics"]
    assert contents(tmp_path) == {**OLD, "b.rss": b"changed\n"}


def test_stale_files_names_missing_and_different_files(tmp_path: Path) -> None:
    write_files(tmp_path, OLD)
    assert stale_files(tmp_path, {**OLD, "b.rss": b"x", "d.ics": b"y"}) == ["b.rss", "d.ics"]


@pytest.mark.parametrize("name", ["../escape.ics", "/etc/escape.ics", "sub/../../escape.ics", "."])
def test_a_name_can_never_escape_the_output_folder(tmp_path: Path, name: str) -> None:
    out = tmp_path / "feeds"
    with pytest.raises(OutputError, match="outside"):
        write_files(out, {name: b"x"})
    assert not (tmp_path / "escape.ics").exists()


@pytest.mark.parametrize(
    ("name", "where"),
    [
        ("a//b.ics", "a/b.ics"),
        ("./c.ics", "c.ics"),
        ("sub/./d.ics", "sub/d.ics"),
        ("e.ics/", "e.ics"),
        ("sub/../f.ics", "f.ics"),
    ],
)
def test_a_name_is_read_as_a_path_in_the_output_folder(tmp_path: Path, name: str, where: str) -> None:
    write_files(tmp_path, {name: b"x"})
    assert (tmp_path / where).read_bytes() == b"x"


def test_a_name_through_a_link_to_a_folder_outside_is_refused(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "feeds", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "event").symlink_to(elsewhere)
    with pytest.raises(OutputError, match="outside"):
        write_files(out, {"event/a.ics": b"x"})
    assert list(elsewhere.iterdir()) == []


def test_an_output_folder_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    out.write_bytes(b"I am a file")
    with pytest.raises(OutputError, match="it is a file, not a folder"):
        write_files(out, NEW)
    assert out.read_bytes() == b"I am a file"


@pytest.mark.parametrize(
    ("code", "words"), [(errno.ENOSPC, "No space left on device"), (errno.EACCES, "Permission denied")]
)
def test_a_disk_that_fills_up_part_way_changes_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    write_files(tmp_path, OLD)
    real_write = os.write
    written = []

    def failing_write(fd: int, data: bytes) -> int:  # the second file does not fit
        written.append(fd)
        if len(written) == 2:
            raise OSError(code, os.strerror(code))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", failing_write)
    with pytest.raises(OutputError, match=f"{words}.*no file was changed"):
        write_files(tmp_path, NEW)
    assert contents(tmp_path) == OLD, "an old file changed, or a temporary file was left behind"


def test_every_new_file_is_on_disk_before_the_first_is_renamed_in_one_flush(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sinotime import output

    files = {f"file-{number}.ics": f"file {number}\n".encode() for number in range(50)}
    flushes: list[str] = []
    real_syncfs, real_replace = output._syncfs, os.replace

    def syncfs(folder: Path) -> bool:
        flushes.append("syncfs")
        return real_syncfs(folder)

    def fsync(descriptor: int) -> None:
        flushes.append("fsync")

    def replace(source: Path, target: Path) -> None:
        flushes.append("rename" if str(target).endswith(".ics") else "journal")
        real_replace(source, target)

    monkeypatch.setattr(output, "_syncfs", syncfs)
    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_files(tmp_path / "out", files)
    renames = flushes.index("rename")
    assert flushes[:renames].count("syncfs") == 1, flushes[:renames]  # one file system: one flush
    assert flushes.count("fsync") <= 3, "a flush for each file"  # the journal's own
    assert "syncfs" not in flushes[renames:]
    assert contents(tmp_path / "out") == files


def test_where_there_is_no_syncfs_each_new_file_is_put_on_disk_before_any_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sinotime import output

    files = {f"file-{number}.ics": f"file {number}\n".encode() for number in range(5)}
    flushes: list[str] = []
    real_replace = os.replace

    def replace(source: Path, target: Path) -> None:
        flushes.append("rename" if str(target).endswith(".ics") else "journal")
        real_replace(source, target)

    monkeypatch.setattr(output, "_syncfs", lambda folder: False)
    monkeypatch.setattr(os, "fsync", lambda descriptor: flushes.append("fsync"))
    monkeypatch.setattr(os, "replace", replace)
    write_files(tmp_path, files)
    renames = flushes.index("rename")
    assert flushes[:renames].count("fsync") >= len(files), flushes[:renames]
    assert contents(tmp_path) == files


KILL_AFTER_FIRST_RENAME = DIE_AFTER_RENAMES + textwrap.dedent(
    """
    from pathlib import Path
    from sinotime import output
    output.write_files(Path(sys.argv[2]), {name: (name + " new\\n").encode() * 1000 for name in sys.argv[3:]})
    """
)


def test_a_build_killed_between_two_files_leaves_each_file_old_or_new(tmp_path: Path) -> None:
    names = ["a.ics", "b.rss", "c.atom"]
    old = {name: f"{name} old\n".encode() for name in names}
    new = {name: f"{name} new\n".encode() * 1000 for name in names}
    write_files(tmp_path, old)
    killed = subprocess.run(
        [sys.executable, "-c", KILL_AFTER_FIRST_RENAME, "1", str(tmp_path), *names], check=False
    )
    assert killed.returncode == -9
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if not p.name.startswith(".")}
    assert set(after) == set(names)
    assert all(after[name] in (old[name], new[name]) for name in names)
    assert after != old, "the first rename should have happened"
    assert after != new, "the kill should have stopped the build part way"
    write_files(tmp_path, new)
    assert contents(tmp_path) == new, "the second build completes it and removes the temporary files"


def test_a_build_removes_the_files_it_no_longer_produces_and_nothing_else(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_bytes(b"the user's own file")
    write_files(tmp_path, OLD, manifest=True)
    assert leftover_files(tmp_path, {"a.ics"}) == ["b.rss", "c.atom"]
    result = write_files(tmp_path, {"a.ics": OLD["a.ics"]}, manifest=True)
    assert (result.written, result.unchanged, result.removed) == ([], ["a.ics"], ["b.rss", "c.atom"])
    assert contents(tmp_path) == {
        ".sinotime-files": b"a.ics\n",
        "a.ics": OLD["a.ics"],
        "notes.txt": b"the user's own file",
    }


def test_a_list_of_files_that_points_outside_the_folder_is_ignored_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / ".sinotime-files").write_bytes(b"../outside.txt\n")
    (tmp_path.parent / "outside.txt").write_bytes(b"keep me")
    result = write_files(tmp_path, OLD, manifest=True)
    manifest = tmp_path / ".sinotime-files"
    assert result.warnings == [
        f"warning: ignored line 1 of {manifest} ('../outside.txt'): it is not a file in the folder"
    ]
    assert (tmp_path.parent / "outside.txt").read_bytes() == b"keep me"
    assert contents(tmp_path) == {**OLD, ".sinotime-files": b"a.ics\nb.rss\nc.atom\n"}


# --- a build writes each renderer's files away as it goes, and puts them in place at the end ---

RAIL_BRIDGE = Path(__file__).parent / "data" / "rail-bridge.yaml"


def _failing_page(*args: object) -> dict[str, bytes]:
    raise RuntimeError("the page renderer broke")


def test_a_build_that_fails_after_some_files_are_rendered_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "feeds"
    write_files(out, OLD)
    monkeypatch.setattr("sinotime.page.render_page", _failing_page)
    with pytest.raises(RuntimeError, match="page renderer broke"):
        build(RAIL_BRIDGE, out, today=date(2026, 11, 23))
    assert contents(out) == OLD, "a file changed, or a temporary file was left behind"


def test_a_build_that_fails_into_a_new_folder_leaves_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site" / "feeds"
    monkeypatch.setattr("sinotime.page.render_page", _failing_page)
    with pytest.raises(RuntimeError):
        build(RAIL_BRIDGE, out, today=date(2026, 11, 23))
    assert list(tmp_path.iterdir()) == []


def test_a_build_writes_what_render_files_renders(tmp_path: Path) -> None:
    result = build(RAIL_BRIDGE, tmp_path, today=date(2026, 11, 23))
    data = load_events(RAIL_BRIDGE, today=date(2026, 11, 23))
    expected = dict(render_files(build_timeline(data, as_of=data.last_changed()), site_for(data, None)))
    assert result.files == tuple(sorted(expected))
    written = contents(tmp_path)
    assert written.pop(".sinotime-files").decode().split() == sorted(expected)
    assert written == expected
