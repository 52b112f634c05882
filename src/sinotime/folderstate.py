"""What an output folder remembers between builds, and the lock that keeps builds apart.

- `.sinotime-files` (the manifest): the names the last complete build published, one a line.
- `.sinotime-journal`: present only while a build runs (or after one was killed). It names
  the temporary files of each build that began (`temporaries TOKEN`: every such file is called
  `.sinotime-TOKEN-N.tmp`, in whichever folder of the output it was to be published), each
  folder the build made (`made NAME`, written before the folder is made) and, written before
  the first rename, every name the build is about to publish (`publishing NAME`). The next
  build removes, by this record, whatever a killed one left: its temporary files wherever they
  are, the files it published that the new build does not make, and the folders it made that
  are left empty. It is replaced whole by a draft (`.sinotime-journal.tmp`) renamed over it.

A name read back from either file is used only if it is spelled as sinotime writes a name
(`own_name`): `./a.ics` or `a.ics/` is the same file as `a.ics`, and must not make a build
remove the `a.ics` it has just published.
- The lock: an exclusive `flock` on the output folder itself (no lock file is ever made), held
  for a whole build, so that two builds of one folder run one after the other.

Nothing here decides what to publish; `output` does.
"""

from __future__ import annotations

import errno
import fcntl
import os
import posixpath
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
JOURNAL_DRAFT = ".sinotime-journal.tmp"  # the next journal, before it is renamed into place
RESERVED = frozenset((MANIFEST, JOURNAL, JOURNAL_DRAFT))
_TOKEN = re.compile(r"[0-9a-f]{16}")


def temporary_name(token: str, number: int) -> str:
    """The name of a build's `number`th temporary file: no user's file is named like it."""
    return f".sinotime-{token}-{number}.tmp"


def own_name(name: str) -> bool:
    """True for a name as sinotime writes one: relative and in normal form (`posixpath.normpath`:
    no `./`, no `..`, no empty part, no trailing `/`), without a NUL."""
    return (
        name not in ("", ".")
        and "\0" not in name
        and not name.startswith("/")
        and posixpath.normpath(name) == name
        and ".." not in name.split("/")
    )


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
        reason = _not_a_published_file(out, line)
        if reason:
            manifest.warnings.append(_ignored(out / MANIFEST, number, line, reason))
        else:
            manifest.names.append(line)
    manifest.names.sort()
    return manifest


def _not_a_published_file(out: Path, name: str) -> str:
    """Why `name`, read back from the folder's records, cannot be a file sinotime published in
    `out`; empty when it can be."""
    try:
        target = target_in(out, name)
    except (OutputError, OSError, ValueError):  # ValueError: a NUL
        return "it is not a file in the folder"
    if not own_name(name):
        return "it is not a name as sinotime writes one"
    return "it is a folder" if is_folder(target) else ""


def _ignored(record: Path, number: int, line: str, reason: str) -> str:
    return f"warning: ignored line {number} of {_shown(record)} ('{terminal_safe(line)}'): {reason}"


@dataclass
class Journal:
    """What builds that did not finish left a record of (see the module's doc)."""

    tokens: list[str] = field(default_factory=list)
    publishing: list[str] = field(default_factory=list)
    made: list[str] = field(default_factory=list)  # folders, relative to the real output folder
    text: str | None = None  # the journal as read; None when there was none
    warnings: list[str] = field(default_factory=list)  # about lines that were ignored

    def lines(self) -> list[str]:
        return [
            *(f"temporaries {t}" for t in self.tokens),
            *(f"made {n}" for n in self.made),
            *(f"publishing {n}" for n in self.publishing),
        ]


def read_journal(out: Path) -> Journal:
    try:
        text = (out / JOURNAL).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return Journal()
    journal = Journal(text=text)
    for number, line in enumerate(text.splitlines(), 1):
        kind, _, value = line.partition(" ")
        if kind == "temporaries" and _TOKEN.fullmatch(value):
            journal.tokens.append(value)
        elif kind == "made" and own_name(value):
            journal.made.append(value)
        elif kind == "publishing" and value not in RESERVED and not _not_a_published_file(out, value):
            journal.publishing.append(value)
        else:
            reason = _not_a_published_file(out, value) if kind == "publishing" else ""
            journal.warnings.append(
                _ignored(out / JOURNAL, number, line, reason or "it is not a record sinotime writes")
            )
    return journal


def write_journal(out: Path, lines: list[str]) -> None:
    """Replace the journal whole, on disk before returning: by a draft renamed over it, whose
    name is always the same, so that the draft of a build killed before its first journal was
    in place (when nothing yet named its token) is replaced by the next build's."""
    draft = out / JOURNAL_DRAFT
    draft.unlink(missing_ok=True)  # never written through, should it be a link
    try:
        with draft.open("x", encoding="utf-8") as handle:
            handle.write("".join(f"{line}\n" for line in lines))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(draft, out / JOURNAL)
    except BaseException:
        draft.unlink(missing_ok=True)  # a full disk, say: no draft is left behind
        raise


def leftover_temporaries(out: Path, tokens: list[str]) -> list[str]:
    """The temporary files of the given builds anywhere in `out` (a killed build may have left
    some in any folder it wrote into), as names relative to the real output folder. Links to
    folders are not followed: every folder a build writes into is inside the real `out`."""
    prefixes = tuple(f".sinotime-{token}-" for token in tokens)
    if not prefixes:
        return []
    root = os.path.realpath(out)
    found = []
    for folder, _, files in os.walk(root):
        found += [
            os.path.relpath(os.path.join(folder, name), root)
            for name in files
            if name.startswith(prefixes) and name.endswith(".tmp")
        ]
    return sorted(found)


def emptied_folders(out: Path, made: list[str], removed: set[str], produced: set[str]) -> list[str]:
    """The folders among `made` (by a build that did not finish, or that held files a build
    published) that hold nothing once the `removed` paths are gone, and that no `produced` name
    is in: a fresh build would not have them. Deepest first, so that each can be removed in
    turn; never a folder outside `out`."""
    gone = set(removed)
    emptied = []
    for name in sorted(set(made), key=lambda n: (-n.count("/"), n)):
        if name in produced:
            continue
        try:
            folder = os.fspath(target_in(out, name))
            entries = os.listdir(folder) if is_folder(folder) else None
        except (OutputError, OSError):
            continue
        if entries is not None and all(os.path.join(folder, entry) in gone for entry in entries):
            gone.add(folder)
            emptied.append(name)
    return emptied


def folders_of(names: set[str] | list[str]) -> set[str]:
    """Every folder the given names are in, their parents included."""
    folders = set()
    for name in names:
        while "/" in name:
            name = name.rpartition("/")[0]
            folders.add(name)
    return folders


def leftover_files(out: Path, names: set[str]) -> list[str]:
    """What a build making `names` would remove: files an earlier build published that are not
    among them, and what a killed build left (its temporary files in any folder, the folders
    it made that would be left empty, shown with a trailing `/`, and its journal)."""
    journal = read_journal(out)
    resolved: dict[str, str] = {}
    ours = {*read_manifest(out).names, *journal.publishing}
    gone = {n: t for n in sorted(ours - names) if (t := target_or_none(out, n, resolved)) and is_file(t)}
    if gone:  # a name spelled otherwise, or reached through a link, may be a file this build makes
        produced = {target_or_none(out, name, resolved) for name in names}
        gone = {n: t for n, t in gone.items() if t not in produced}
    temporaries = leftover_temporaries(out, journal.tokens)
    root = os.path.realpath(out)
    removed = {*gone.values(), *(os.path.join(root, t) for t in temporaries)}
    folders = emptied_folders(out, journal.made, removed, folders_of(names))
    found = [*gone, *temporaries, *(f"{folder}/" for folder in folders)]
    if journal.text is not None:
        found.append(f"{JOURNAL} (a build did not finish)")
    if os.path.lexists(out / JOURNAL_DRAFT):
        found.append(f"{JOURNAL_DRAFT} (a build did not finish)")
    return found


def record_warnings(out: Path) -> list[str]:
    """What a build in `out` would warn of its own records: the lines of its journal and its
    manifest that it would ignore (`--check` says them as a build does)."""
    return [*read_journal(out).warnings, *read_manifest(out).warnings]


def target_or_none(out: Path, name: str, resolved: dict[str, str]) -> str | None:
    """`target_path`, or None for a name that is not in `out` (any more)."""
    try:
        return target_path(out, name, resolved)
    except (OutputError, OSError):
        return None


def is_file(path: str) -> bool:
    """True when something other than a real folder is at `path` (a link is a file here)."""
    return os.path.lexists(path) and not is_folder(path)


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
