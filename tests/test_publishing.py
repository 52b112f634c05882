"""Publishing into the output folder is all or nothing, one build at a time, and a killed
build's files do not stay: whatever is in the folder, it ends as a fresh build would leave it."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from kill_support import DIE_AFTER_RENAMES
from sinotime.cli import main
from sinotime.errors import OutputError
from sinotime.output import Staging, leftover_files, write_file, write_files

A = {"a.ics": b"a of A\n", "b.rss": b"b of A\n", "c.atom": b"c of A\n"}
B = {"a.ics": b"a of B\n", "d.ics": b"d of B\n", "e.rss": b"e of B\n", "f.atom": b"f of B\n"}
RAIL_BRIDGE = Path(__file__).parent / "data" / "rail-bridge.yaml"


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def fresh(files: dict[str, bytes], tmp_path: Path) -> dict[str, bytes]:
    """What a first build of `files` into an empty folder leaves there."""
    folder = tmp_path / "fresh"
    write_files(folder, files, manifest=True)
    return contents(folder)


def test_a_folder_in_the_place_of_a_file_stops_the_build_before_any_file_is_replaced(tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    write_files(out, A, manifest=True)
    (out / "b.rss").unlink()
    (out / "b.rss").mkdir()
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    with pytest.raises(OutputError, match=r"b\.rss: a folder is in its place; nothing was changed"):
        write_files(out, {name: b"new " + content for name, content in A.items()}, manifest=True)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert sorted(p.name for p in out.iterdir()) == [".sinotime-files", "a.ics", "b.rss", "c.atom"]


def test_a_manifest_line_naming_a_folder_is_ignored_with_a_warning(tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    write_files(out, A, manifest=True)
    (out / "photos").mkdir()
    (out / "photos" / "x.jpg").write_bytes(b"a user's photo")
    with (out / ".sinotime-files").open("a") as manifest:
        manifest.write("photos\n")
    result = write_files(out, {"a.ics": A["a.ics"]}, manifest=True)
    assert result.warnings == [
        f"warning: ignored line 4 of {out / '.sinotime-files'} ('photos'): it is a folder"
    ]
    assert result.removed == ["b.rss", "c.atom"]
    assert (out / "photos" / "x.jpg").read_bytes() == b"a user's photo"


def test_a_link_in_the_output_folder_is_replaced_never_written_through(tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    write_files(out, A, manifest=True)
    (out / "b.rss").unlink()
    (out / "b.rss").symlink_to("a.ics")
    new = {name: b"new " + content for name, content in A.items()}
    write_files(out, new, manifest=True)
    assert not (out / "b.rss").is_symlink()
    assert contents(out) == fresh(new, tmp_path)


PUBLISH_B = DIE_AFTER_RENAMES + textwrap.dedent(
    """
    from pathlib import Path
    from sinotime import output
    B = {"a.ics": b"a of B\\n", "d.ics": b"d of B\\n", "e.rss": b"e of B\\n", "f.atom": b"f of B\\n"}
    output.write_files(Path(sys.argv[2]), B, manifest=True)
    """
)


def test_after_a_killed_build_the_next_build_leaves_the_folder_as_a_fresh_build_would(tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    write_files(out, A, manifest=True)
    killed = subprocess.run([sys.executable, "-c", PUBLISH_B, "2", str(out)], check=False)
    assert killed.returncode == -9
    assert (out / "d.ics").read_bytes() == B["d.ics"], "the killed build published a file of its own"
    assert any(p.name.endswith(".tmp") for p in out.iterdir()), "and left temporary files"

    left = leftover_files(out, set(A))
    assert "d.ics" in left and ".sinotime-journal (a build did not finish)" in left
    assert any(name.endswith(".tmp") for name in left)

    write_files(out, A, manifest=True)
    assert contents(out) == fresh(A, tmp_path)
    assert leftover_files(out, set(A)) == []


def test_check_names_what_a_killed_build_left(tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    command = ["build", str(RAIL_BRIDGE), "--out", str(out), "--base-url", "https://example.org/t/"]
    assert CliRunner().invoke(main, command).exit_code == 0
    (out / ".sinotime-journal").write_text("temporaries 0123456789abcdef\npublishing extra.ics\n")
    (out / "extra.ics").write_bytes(b"from a killed build")
    (out / ".sinotime-0123456789abcdef-3.tmp").write_bytes(b"half")
    checked = CliRunner().invoke(main, [*command, "--check"])
    assert checked.exit_code == 1
    assert "  extra.ics\n" in checked.stderr
    assert "  .sinotime-0123456789abcdef-3.tmp\n" in checked.stderr
    assert CliRunner().invoke(main, command).exit_code == 0
    assert CliRunner().invoke(main, [*command, "--check"]).exit_code == 0
    assert not (out / "extra.ics").exists()


def test_a_users_file_named_like_a_temporary_file_survives(tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    write_files(out, A, manifest=True)
    for name in (".a.ics.x1y2.tmp", ".b.rss.tmp", ".sinotime-draft.tmp"):
        (out / name).write_bytes(b"mine")
    write_files(out, {name: b"new " + content for name, content in A.items()}, manifest=True)
    assert (out / ".a.ics.x1y2.tmp").read_bytes() == b"mine"
    assert (out / ".b.rss.tmp").read_bytes() == b"mine"
    assert (out / ".sinotime-draft.tmp").read_bytes() == b"mine"


def test_a_second_build_waits_for_the_first_and_says_so(tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    command = ["build", str(RAIL_BRIDGE), "--out", str(out), "--base-url", "https://example.org/t/"]
    assert CliRunner().invoke(main, command).exit_code == 0
    expected = contents(out)
    with Staging(out, manifest=True) as first:
        for name, content in A.items():
            first.add(name, content)
        second = subprocess.Popen(
            [sys.executable, "-m", "sinotime", *command],
            stderr=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert second.stderr is not None
        waiting = second.stderr.readline()  # blocks until the second build is waiting
        first.commit()
    output, errors = second.communicate()
    assert second.returncode == 0, errors
    assert waiting == f"waiting for another build of {out} to finish...\n"
    assert output.startswith(f"{out}: wrote ")
    assert contents(out) == expected, "the second build replaced what the first published, whole"


def test_a_report_written_onto_a_fifo_goes_into_it_and_the_fifo_stays(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_file(fifo, b"the report\n")
        assert os.read(reader, 100) == b"the report\n"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("option", ["--out", "-o", "-o in a folder"])
def test_a_name_too_long_for_the_file_system_is_a_clear_error(tmp_path: Path, option: str) -> None:
    long = str(tmp_path / ("x" * 300))
    if option == "-o in a folder":
        command = ["report", str(RAIL_BRIDGE), "-o", f"{long}/report.txt"]
    elif option == "--out":
        command = ["build", str(RAIL_BRIDGE), "--out", long]
    else:
        command = ["report", str(RAIL_BRIDGE), "-o", long]
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "File name too long" in result.stderr
    assert list(tmp_path.iterdir()) == []


# --- a line of the folder's records spelled otherwise than sinotime writes names is ignored ---

NOT_AS_WRITTEN = "it is not a name as sinotime writes one"


@pytest.mark.parametrize(
    "line", ["./a.ics", "a.ics/", "a.ics//", "b.rss/../a.ics", "archive/../a.ics", "./.sinotime-files"]
)
def test_a_manifest_line_spelling_a_published_file_otherwise_is_ignored_and_removes_nothing(
    tmp_path: Path, line: str
) -> None:
    out = tmp_path / "feeds"
    write_files(out, A, manifest=True)
    with (out / ".sinotime-files").open("a") as manifest:
        manifest.write(f"{line}\n")
    assert leftover_files(out, set(A)) == []
    result = write_files(out, A, manifest=True)
    assert result.warnings == [
        f"warning: ignored line 4 of {out / '.sinotime-files'} ('{line}'): {NOT_AS_WRITTEN}"
    ]
    assert (result.written, result.removed) == ([], [])
    assert contents(out) == fresh(A, tmp_path)


def test_a_manifest_line_reaching_a_published_file_through_a_link_removes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    write_files(out, A, manifest=True)
    (out / "here").symlink_to(".")  # a link to the output folder itself is followed as any folder
    with (out / ".sinotime-files").open("a") as manifest:
        manifest.write("here/a.ics\n")
    assert leftover_files(out, set(A)) == []
    assert write_files(out, A, manifest=True).removed == []
    assert (out / "a.ics").read_bytes() == A["a.ics"]


def test_a_journal_line_spelling_a_published_file_otherwise_removes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    write_files(out, A, manifest=True)
    (out / ".sinotime-journal").write_text(
        "temporaries 0123456789abcdef\npublishing ./a.ics\npublishing b.rss/\n"
    )
    assert leftover_files(out, set(A)) == [".sinotime-journal (a build did not finish)"]
    result = write_files(out, A, manifest=True)
    journal = out / ".sinotime-journal"
    assert result.warnings == [
        f"warning: ignored line 2 of {journal} ('publishing ./a.ics'): {NOT_AS_WRITTEN}",
        f"warning: ignored line 3 of {journal} ('publishing b.rss/'): {NOT_AS_WRITTEN}",
    ]
    assert contents(out) == fresh(A, tmp_path)


def test_a_build_warns_of_a_manifest_line_spelled_otherwise_and_keeps_every_file(tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    command = ["build", str(RAIL_BRIDGE), "--out", str(out), "--base-url", "https://example.org/t/"]
    assert CliRunner().invoke(main, command).exit_code == 0
    published = (out / ".sinotime-files").read_text().split()
    with (out / ".sinotime-files").open("a") as manifest:
        manifest.write(f"./{published[0]}\n")
    checked = CliRunner().invoke(main, [*command, "--check"])  # says it before a build does
    assert checked.exit_code == 0
    assert f"('./{published[0]}'): {NOT_AS_WRITTEN}" in checked.stderr
    built = CliRunner().invoke(main, command)
    assert built.exit_code == 0
    assert f"wrote 0 files, {len(published)} unchanged\n" in built.stdout
    assert f"('./{published[0]}'): {NOT_AS_WRITTEN}" in built.stderr
    assert (out / ".sinotime-files").read_text().split() == published
    assert all((out / name).is_file() for name in published)
    assert CliRunner().invoke(main, [*command, "--check"]).exit_code == 0
