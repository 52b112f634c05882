"""A build stopped by Ctrl-C, TERM or HUP stops cleanly: stopped while it renders, it leaves
the folder exactly as it was (no temporary file, no journal); stopped while it puts its files
in place, it finishes doing so first, so the folder is exactly what the build makes. Either
way it exits with 128 plus the signal's number, as a shell reports a signal (130 for Ctrl-C).

SIGKILL cannot be caught: tests/test_killed_builds.py is about that."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from kill_support import BUILD_A, BUILD_B, listing
from sinotime.cli import main

# Sends itself the signal sys.argv[1] the first time the build passes sys.argv[2].
SIGNAL_AT = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from sinotime import output
    number, point = getattr(signal, sys.argv[1]), sys.argv[2]
    sent = False
    # Ctrl-C as from a terminal: a suite run as a background job (`pytest &`) passes its
    # children SIGINT ignored, as shells do, and a stop that never comes would fail the test.
    signal.signal(signal.SIGINT, signal.default_int_handler)

    def signal_after(real, counts):
        def passing(*args, **kwargs):
            global sent
            result = real(*args, **kwargs)
            if counts(*args) and not sent:
                sent = True
                os.kill(os.getpid(), number)
            return result
        return passing

    if point == "staged in event/":  # rendering: a temporary file of event/ is written
        output.write_new = signal_after(output.write_new, lambda path, *_: Path(path).parent.name == "event")
    elif point == "journal drafted":  # its first journal, before it is renamed into place
        os.fsync = signal_after(os.fsync, lambda *_: True)
    elif point == "renamed":  # putting in place: a file is published, more are to come
        os.replace = signal_after(os.replace, lambda _, target: not str(target).endswith("journal"))
    from sinotime.cli import main
    main(sys.argv[3:], prog_name="sinotime")
    """
)


def fresh(folder: Path, build: list[str]) -> dict[str, bytes | None]:
    assert CliRunner().invoke(main, [*build, "--out", str(folder)]).exit_code == 0
    return listing(folder)


@pytest.fixture(scope="module")
def fresh_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes | None]]:
    """What builds A and B leave in an empty folder."""
    made = tmp_path_factory.mktemp("fresh")
    return {"A": fresh(made / "a", BUILD_A), "B": fresh(made / "b", BUILD_B)}


def stop_build_b(out: Path, name: str, point: str) -> subprocess.CompletedProcess[str]:
    """Build B over what build A left in `out`, sending itself signal `name` at `point`."""
    fresh(out, BUILD_A)
    stopped = subprocess.run(
        [sys.executable, "-c", SIGNAL_AT, name, point, *BUILD_B, "--out", str(out)],
        cwd=Path(__file__).parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert stopped.returncode == 128 + getattr(signal, name), stopped.stderr
    assert "Traceback" not in stopped.stderr
    return stopped


@pytest.mark.parametrize("point", ["journal drafted", "staged in event/"])
@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_build_stopped_while_rendering_leaves_the_folder_as_it_was(
    name: str, point: str, tmp_path: Path, fresh_builds: dict[str, dict[str, bytes | None]]
) -> None:
    stop_build_b(tmp_path / "feeds", name, point)
    assert listing(tmp_path / "feeds") == fresh_builds["A"]  # no temporary file, no journal, no event/


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM"])
def test_a_build_stopped_while_putting_files_in_place_finishes_that_first(
    name: str, tmp_path: Path, fresh_builds: dict[str, dict[str, bytes | None]]
) -> None:
    stop_build_b(tmp_path / "feeds", name, "renamed")
    assert listing(tmp_path / "feeds") == fresh_builds["B"]  # every file of B, nothing left of A's


def test_ctrl_c_is_said_as_interrupted(tmp_path: Path) -> None:
    stopped = stop_build_b(tmp_path / "feeds", "SIGINT", "staged in event/")
    assert stopped.stderr.strip().splitlines()[-1] == "interrupted"


def test_a_folder_whose_files_a_build_no_longer_makes_goes_with_them(
    tmp_path: Path, fresh_builds: dict[str, dict[str, bytes | None]]
) -> None:
    out = tmp_path / "feeds"
    fresh(out, BUILD_B)  # event/ holds a calendar per plan ahead
    assert listing(out) == fresh_builds["B"]
    fresh(out, BUILD_A)  # none is ahead: event/ is left empty, and goes
    assert listing(out) == fresh_builds["A"]
