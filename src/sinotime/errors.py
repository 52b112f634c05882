"""Errors a user can fix, kept as data until the command line prints them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Checking stops after this many problems: a file of millions of bad records would otherwise
# take minutes and gigabytes to list them all, and nobody reads past the first screenfuls.
MAX_PROBLEMS = 1_000


@dataclass(frozen=True, slots=True)
class Problem:
    """One mistake in an input file, at a position editors and CI understand."""

    file: str
    line: int  # 1-based; 0 when the problem is about the file as a whole
    column: int  # 1-based; 0 when unknown
    path: str  # e.g. "events[3].plans[0].target"; empty for the whole file
    message: str
    hint: str | None = None
    record: str = ""  # the id of the event (source, series, kind) the problem is in, when it has one

    def __str__(self) -> str:
        position = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        where = f" {self.named_path()}:" if self.path else ""
        text = f"{position}:{where} {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text

    def named_path(self) -> str:
        """ "events[6] (depot-opens).plans[0]": the path, the record named by the id a curator knows."""
        if not self.record:
            return self.path
        end = self.path.index("]") + 1
        return f"{self.path[:end]} ({self.record}){self.path[end:]}"

    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.line, self.column, self.path, self.message)


def too_large(name: str, what: str, max_bytes: int) -> Problem:
    """The problem of an input (`what`: "file", "article") over the size limit, with the limit
    in the unit it was given in and how to raise it."""
    limit = size_words(max_bytes)
    if not limit.endswith(" bytes"):
        limit += f" ({max_bytes:,} bytes)"
    return Problem(
        name,
        0,
        0,
        "",
        f"{what} is larger than the limit of {limit}",
        "raise the limit with `sinotime --max-input-mb N` or SINOTIME_MAX_INPUT_MB=N if the"
        f" {what} is meant to be this large",
    )


def size_words(size: int) -> str:
    """ "512 KiB", "32 MiB"; bytes where the limit is not a whole number of KiB."""
    if size and size % (1024 * 1024) == 0:
        return f"{size // (1024 * 1024)} MiB"
    if size and size % 1024 == 0:
        return f"{size // 1024:,} KiB"
    return f"{size:,} bytes"


class SinotimeError(Exception):
    """An error the user can fix; the CLI prints it without a traceback and exits `exit_code`."""

    exit_code = 1


class MissingSettingError(SinotimeError):
    """A command that lacks an option or setting it needs to do its job safely (exit 2, as for
    any other mistake in how a command was called)."""

    exit_code = 2


class InputError(SinotimeError):
    """An input file with one or more problems, all found in one run."""

    def __init__(self, problems: Iterable[Problem], *, stopped: bool = False) -> None:
        found = sorted(set(problems), key=Problem.sort_key)
        self.stopped = stopped or len(found) > MAX_PROBLEMS  # checking stopped at MAX_PROBLEMS
        self.problems: Sequence[Problem] = found[:MAX_PROBLEMS]
        super().__init__(self.summary())

    def summary(self) -> str:
        count = len(self.problems)
        files = ", ".join(sorted({p.file for p in self.problems}))
        if self.stopped:
            return (
                f"{count:,} problems in {files}, and more: checking stops after the first {MAX_PROBLEMS:,}"
                " (fix these and run again)"
            )
        return f"{count} problem{'s' if count != 1 else ''} in {files}"

    def __str__(self) -> str:
        return "\n".join([*(str(p) for p in self.problems), self.summary()])


class OutputError(SinotimeError):
    """The output folder cannot be written; nothing already published was changed."""


class OptionError(SinotimeError):
    """An option whose value does not fit the data (a series the file does not have): the CLI
    says it as click says a bad option value, and exits 2."""

    exit_code = 2

    def __init__(self, option: str, message: str) -> None:
        self.option = option
        super().__init__(message)
