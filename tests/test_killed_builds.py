"""A build killed (SIGKILL) at any point, in any folder of the output, leaves nothing for ever:
the next build leaves the folder exactly as a fresh build would, and `--check` names what the
killed build left, whatever the `--out` is spelled like.

The killed build is a real `sinotime build` of the bundled data as of a day with plans still
ahead, which publishes calendars in `event/`; the build before and after it publishes as of a
later day, with no `event/` folder at all.
"""

from __future__ import annotations

import filecmp
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from kill_support import BUILD_A, BUILD_B, listing
from sinotime.cli import main

# Dies by SIGKILL at the `count`th time the build passes `point` (sys.argv[1], sys.argv[2]).
DIE_AT = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from sinotime import output
    point, count = sys.argv[1], int(sys.argv[2])
    passed = 0

    def die_after(real, counts):
        def passing(*args, **kwargs):
            global passed
            result = real(*args, **kwargs)
            if counts(*args):
                passed += 1
                if passed == count:
                    os.kill(os.getpid(), signal.SIGKILL)
            return result
        return passing

    in_event = lambda path: Path(path).parent.name == "event"
    if point == "folder made":
        os.mkdir = die_after(os.mkdir, lambda path, *_: Path(path).name == "event")
    elif point == "staged in event/":
        output.write_new = die_after(output.write_new, lambda path, *_: in_event(path))
    elif point == "renamed":
        os.replace = die_after(os.replace, lambda _, target: not str(target).endswith("journal"))
    elif point == "journal drafted":  # its first journal, before it is renamed into place
        os.fsync = die_after(os.fsync, lambda *_: True)
    elif point == "renamed into event/":
        os.replace = die_after(os.replace, lambda _, target: in_event(target))
    from sinotime.cli import main
    main(sys.argv[3:], prog_name="sinotime")
    """
)


def assert_same_tree(one: Path, other: Path) -> None:
    compared = [filecmp.dircmp(one, other)]
    while compared:
        each = compared.pop()
        assert (each.left_only, each.right_only, each.diff_files) == ([], [], []), each.left
        compared += each.subdirs.values()
    assert listing(one) == listing(other)


def kill_build_b(out: str, point: str, count: int, cwd: Path) -> None:
    killed = subprocess.run(
        [sys.executable, "-c", DIE_AT, point, str(count), *BUILD_B, "--out", out],
        cwd=cwd,
        capture_output=True,
        check=False,
    )
    assert killed.returncode == -9, killed.stderr


@pytest.fixture(scope="module")
def fresh_a(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What a build of A into an empty folder leaves there."""
    folder = tmp_path_factory.mktemp("fresh") / "feeds"
    assert CliRunner().invoke(main, [*BUILD_A, "--out", str(folder)]).exit_code == 0
    assert not (folder / "event").exists()
    return folder


@pytest.mark.parametrize(
    ("point", "count"),
    [
        ("folder made", 1),  # event/ is made, nothing is in it yet
        ("staged in event/", 1),  # a temporary file in event/, none renamed
        ("staged in event/", 3),
        ("renamed", 5),  # published some files, event/ among them
        ("renamed into event/", 1),
    ],
)
def test_the_next_build_leaves_the_folder_as_a_fresh_build_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_a: Path, point: str, count: int
) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "feeds"
    assert CliRunner().invoke(main, [*BUILD_A, "--out", "feeds"]).exit_code == 0
    kill_build_b("feeds", point, count, tmp_path)
    assert (out / "event").is_dir(), "the killed build made event/"
    left = sorted(str(p.relative_to(out)) for p in out.rglob(".sinotime-*.tmp"))
    if point.startswith("staged"):
        assert sum(name.startswith("event/") for name in left) == count

    checked = CliRunner().invoke(main, [*BUILD_A, "--out", "feeds", "--check"])  # a relative --out
    assert checked.exception is None or isinstance(checked.exception, SystemExit), checked.exception
    assert checked.exit_code == 1
    stale = checked.stderr.splitlines()
    assert all(f"  {name}" in stale for name in left), "every temporary file is named"
    assert "  event/" in stale, "and the folder the killed build made"

    built = CliRunner().invoke(main, [*BUILD_A, "--out", "feeds"])
    assert built.exit_code == 0, built.stderr
    assert_same_tree(out, fresh_a)
    assert CliRunner().invoke(main, [*BUILD_A, "--out", "feeds", "--check"]).exit_code == 0


def test_a_folder_of_the_users_stays_though_a_killed_build_wrote_into_it(tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    assert CliRunner().invoke(main, [*BUILD_A, "--out", str(out)]).exit_code == 0
    (out / "event").mkdir()  # the user's, empty
    (out / "notes").mkdir()
    (out / "notes" / ".sinotime-0123456789abcdef-1.tmp").write_bytes(b"the user's")
    kill_build_b(str(out), "staged in event/", 2, tmp_path)
    assert len(list((out / "event").iterdir())) == 2

    assert CliRunner().invoke(main, [*BUILD_A, "--out", str(out)]).exit_code == 0
    assert list((out / "event").iterdir()) == [], "its temporary files are gone, the folder stays"
    assert (out / "notes" / ".sinotime-0123456789abcdef-1.tmp").read_bytes() == b"the user's"
    assert not (out / ".sinotime-journal").exists()


def test_a_folder_the_killed_build_made_stays_when_the_user_put_a_file_in_it(tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    assert CliRunner().invoke(main, [*BUILD_A, "--out", str(out)]).exit_code == 0
    kill_build_b(str(out), "staged in event/", 1, tmp_path)
    (out / "event" / "mine.txt").write_bytes(b"the user's")

    checked = CliRunner().invoke(main, [*BUILD_A, "--out", str(out), "--check"])
    assert checked.exit_code == 1
    assert "  event/\n" not in checked.stderr
    assert CliRunner().invoke(main, [*BUILD_A, "--out", str(out)]).exit_code == 0
    assert [p.name for p in (out / "event").iterdir()] == ["mine.txt"]


def test_a_build_killed_before_its_first_journal_is_in_place_leaves_nothing(
    tmp_path: Path, fresh_a: Path
) -> None:
    out = tmp_path / "feeds"
    assert CliRunner().invoke(main, [*BUILD_A, "--out", str(out)]).exit_code == 0
    kill_build_b(str(out), "journal drafted", 1, tmp_path)
    assert not (out / ".sinotime-journal").exists(), "nothing names the killed build's token"
    left = [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
    assert len(left) == 1, "the draft of its journal"

    checked = CliRunner().invoke(main, [*BUILD_A, "--out", str(out), "--check"])
    assert checked.exit_code == 1
    assert f"  {left[0]} (a build did not finish)\n" in checked.stderr
    assert CliRunner().invoke(main, [*BUILD_A, "--out", str(out)]).exit_code == 0
    assert_same_tree(out, fresh_a)
