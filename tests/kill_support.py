"""A program that dies by SIGKILL right after its Nth published rename (`sys.argv[1]`), for
tests of killed builds: prepend `DIE_AFTER_RENAMES` to the code that publishes."""

from __future__ import annotations

import textwrap

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
