"""For tests of builds killed or stopped part way: two builds of the bundled data that write
different files, a folder's whole listing to compare, and a program that dies by SIGKILL right
after its Nth published rename (`sys.argv[1]`): prepend `DIE_AFTER_RENAMES` to the code that
publishes."""

from __future__ import annotations

import textwrap
from pathlib import Path

BUNDLED = Path(__file__).parents[1] / "events.yaml"
BUILD_A = ["build", str(BUNDLED), "--as-of", "2024-01-01"]  # no plan ahead with a day: no event/
BUILD_B = ["build", str(BUNDLED), "--as-of", "2019-06-01"]  # event/ holds a calendar per plan ahead


def listing(folder: Path) -> dict[str, bytes | None]:
    """Every path under `folder` (folders as None), so that two folders compare whole."""
    return {
        str(path.relative_to(folder)): None if path.is_dir() else path.read_bytes()
        for path in sorted(folder.rglob("*"))
    }


DIE_AFTER_RENAMES = textwrap.dedent(
    """
    import os, signal, sys
    renames = 0
    real_replace = os.replace
    def replace_then_die(source, target):
        global renames
        real_replace(source, target)
        renames += not str(target).endswith(".sinotime-journal")  # the journal is no published file
        if renames == int(sys.argv[1]):
            os.kill(os.getpid(), signal.SIGKILL)
    os.replace = replace_then_die
    """
)
