"""How much the command line says on standard error, in colour or not, and progress.

The conventions of well-behaved command-line tools: `--quiet` leaves only errors, `--verbose`
adds detail; progress is shown only on a terminal (a log file or a pipe gets none); colour
follows `--color auto|always|never`, and in `auto` the NO_COLOR and FORCE_COLOR variables
(no-color.org, force-color.org), then whether the output is a terminal. Everything printed
that may hold text from input is made safe for a terminal first. No click here: the CLI
writes through a Console so the rules live in one place.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TextIO

COLOR_CHOICES = ("auto", "always", "never")
_CLEAR_LINE = "\r\x1b[K"


def wants_colour(choice: str, environ: Mapping[str, str], is_terminal: bool) -> bool:
    """Whether to colour output: `--color` first, then NO_COLOR, then FORCE_COLOR, then a terminal
    that can show colour (not one that says it is dumb: TERM=dumb, as Emacs's shell sets)."""
    if choice != "auto":
        return choice == "always"
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return is_terminal and environ.get("TERM") != "dumb"


class Console:
    """What `--quiet`, `--verbose` and `--color` asked for, and whether a progress line is shown.

    A plain class, not a dataclass: `sinotime --help` loads this module, and dataclasses with it
    would cost it a few milliseconds.
    """

    def __init__(self, quiet: bool = False, verbose: bool = False, color: str = "auto") -> None:
        self.quiet = quiet
        self.verbose = verbose
        self.color = color
        self._progress_shown = False

    def colour_for(self, stream: TextIO) -> bool:
        return wants_colour(self.color, os.environ, _is_terminal(stream))

    def error(self, text: str) -> None:
        """A problem: always said."""
        self._write(text)

    def info(self, text: str) -> None:
        """What a command did ("wrote 3 files"): not with --quiet."""
        if not self.quiet:
            self._write(text)

    def detail(self, text: str) -> None:
        """More than most people want: only with --verbose."""
        if self.verbose and not self.quiet:
            self._write(text)

    def progress(self, text: str) -> None:
        """A one-line, overwritten note of the stage a long command is at; only on a terminal
        that can overwrite a line (not TERM=dumb)."""
        from sinotime.text import terminal_safe

        if self.quiet or not _is_terminal(sys.stderr) or os.environ.get("TERM") == "dumb":
            return
        sys.stderr.write(f"{_CLEAR_LINE}{terminal_safe(text)}…")
        sys.stderr.flush()
        self._progress_shown = True

    def _write(self, text: str) -> None:
        from sinotime.text import terminal_safe

        if self._progress_shown:
            sys.stderr.write(_CLEAR_LINE)
            self._progress_shown = False
        sys.stderr.write("\n".join(terminal_safe(line) for line in text.split("\n")) + "\n")
        sys.stderr.flush()

    def done(self) -> None:
        """Clear a progress line, if one is shown."""
        if self._progress_shown:
            sys.stderr.write(_CLEAR_LINE)
            sys.stderr.flush()
            self._progress_shown = False


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
