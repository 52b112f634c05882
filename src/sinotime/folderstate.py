"""What an output folder remembers between builds, and the lock that keeps builds apart.

- `.sinotime-files` (the manifest): the names the last complete build published, one a line.
- `.sinotime-journal`: present only while a build runs (or after one was killed). It names
  the temporary files of each build that began (`temporaries TOKEN`: every such file is called
  `.sinotime-TOKEN-N.tmp`) and, written before the first rename, every name the build is about
  to publish (`publishing NAME`). The next build removes, by this record, whatever a killed one
  left: its temporary files and the files it published that the new build does not make.
- The lock: an exclusive `flock` on the output folder itself (no lock file is ever made), held
  for a whole build, so that two builds of one folder run one after the other.

Nothing here decides what to publish; `output` does.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sinotime.errors import OutputError
from sinotime.text import terminal_safe

MANIFEST = ".sinotime-files"
JOURNAL = ".sinotime-journal"
RESERVED = frozenset((MANIFEST, JOURNAL))
_TOKEN = re.compile(r"[0-9a-f]{16}")


def temporary_name(token: str, number: int) -> str:
    """The name of a build's `number`th temporary file: no user's file is named like it."""
    return f".sinotime-{token}-{number}.tmp"


def target_in(out: Path, name: str) -> Path:
    """The path of `name` inside `out`, its folders resolved but not its own name (a link
    there is replaced, never written through); refuse names that would leave `out`."""
    return Path(target_path(out, name, {}))


def target_path(out: Path, name: str, resolved: dict[str, str]) -> str:
    """`target_in` as a string, for a caller that asks for thousands of names while it holds
    the folder's lock: `resolved` keeps the folders resolved so far (by their unresolved path).

    A name of plain parts ("a.ics", "event/x.ics") is joined as a string; any other is read by
    pathlib, which drops empty and "." parts, so both give the path `Path(out) / name` would."""
    root = resolved.get(os.fspath(out)) or resolved.setdefault(os.fspath(out), os.path.realpath(out))
    folder, _, base = name.rpartition("/")
    if all(part not in ("", ".", "..") for part in name.split("/")):
        unresolved = f"{root}/{folder}" if folder else root
    else:
        path = Path(root) / name
        unresolved, base = str(path.parent), path.name
    parent = resolved.get(unresolved) or resolved.setdefault(unresolved, os.path.realpath(unresolved))
    inside = parent == root or parent.startswith(os.path.join(root, ""))
    if base in ("", ".", "..") or not inside or name in RESERVED:
        raise OutputError(
            f"refusing to write '{terminal_safe(name)}': it is outside {terminal_safe(str(out))}"
        )
    return os.path.join(parent, base)


def is_folder(path: Path | str) -> bool:
    """True for a real folder (not a link to one)."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


@dataclass
class Manifest:
    """The names the last build published, and the lines of the manifest that were ignored."""

    names: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_manifest(out: Path) -> Manifest:
    """The last build's names; a line that names something outside `out` or a folder is ignored
    with a warning (a build must not stop for ever on one bad line)."""
    try:
        text = (out / MANIFEST).read_text(encoding="utf-8")
    except FileNotFoundError:
        return Manifest()
    except (OSError, UnicodeDecodeError) as error:
        return Manifest(warnings=[f"warning: ignored {_shown(out / MANIFEST)}: cannot read it ({error})"])
    manifest = Manifest()
    for number, line in enumerate(text.splitlines(), 1):
        if not line or line == MANIFEST or line in manifest.names:
            continue
        try:
            target = target_in(out, line)
        except (OutputError, OSError):
            reason = "it is not a file in the folder"
        else:
            reason = "it is a folder" if is_folder(target) else ""
        if reason:
            shown = f"'{terminal_safe(line)}'"
            manifest.warnings.append(
                f"warning: ignored line {number} of {_shown(out / MANIFEST)} ({shown}): {reason}"
            )
        else:
            manifest.names.append(line)
    manifest.names.sort()
    return manifest


@dataclass
class Journal:
    """What builds that did not finish left a record of (see the module's doc)."""

    tokens: list[str] = field(default_factory=list)
    publishing: list[str] = field(default_factory=list)
    text: str | None = None  # the journal as read; None when there was none

    def lines(self) -> list[str]:
        return [*(f"temporaries {t}" for t in self.tokens), *(f"publishing {n}" for n in self.publishing)]


def read_journal(out: Path) -> Journal:
    try:
        text = (out / JOURNAL).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return Journal()
    journal = Journal(text=text)
    for line in text.splitlines():
        kind, _, value = line.partition(" ")
        if kind == "temporaries" and _TOKEN.fullmatch(value):
            journal.tokens.append(value)
        elif kind == "publishing" and value and value not in RESERVED:
            journal.publishing.append(value)
    return journal


def write_journal(out: Path, lines: list[str], token: str) -> None:
    """Replace the journal whole (a temporary file renamed over it), on disk before returning."""
    temporary = out / temporary_name(token, 0)
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write("".join(f"{line}\n" for line in lines))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, out / JOURNAL)


def leftover_temporaries(folder: Path, tokens: list[str]) -> list[Path]:
    """The temporary files of the given builds in `folder`."""
    prefixes = tuple(f".sinotime-{token}-" for token in tokens)
    if not prefixes:
        return []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    return [Path(e.path) for e in entries if e.name.startswith(prefixes) and e.name.endswith(".tmp")]


@contextmanager
def locked(
    out: Path, *, shared: bool = False, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold a lock on the folder `out` (which must exist): exclusive to build, shared to check.

    A second build waits for the first; `on_wait` is told so first.
    """
    try:
        descriptor = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as error:
        raise OutputError(f"cannot open {_shown(out)}: {error.strerror or error}") from None
    try:
        kind = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
        try:
            fcntl.flock(descriptor, kind | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
                raise OutputError(f"cannot lock {_shown(out)}: {error.strerror or error}") from None
            if on_wait is not None:
                on_wait(f"waiting for another build of {_shown(out)} to finish...")
            fcntl.flock(descriptor, kind)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _shown(path: Path) -> str:
    return terminal_safe(str(path))
