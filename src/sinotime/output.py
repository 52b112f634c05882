"""The one module that writes files: atomically, only when changed, never outside `out`.

Each file is written to a temporary file in its folder and renamed over the old one
(`os.replace` is atomic on POSIX), so a reader or a killed build sees the old file or the
new one, never half of either. Every file is rendered (and waits in its temporary file), and
every target is checked, before the first is renamed, so a build that fails on its input or
on a target it cannot replace leaves the folder exactly as it was. A build holds a lock on
the folder and keeps a journal while it publishes: see `folderstate`.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sinotime.disk import has_content, holds, lstat_or_none, remove, signals_held, write_new
from sinotime.errors import OutputError
from sinotime.folderstate import (
    JOURNAL,
    MANIFEST,
    Journal,
    emptied_folders,
    folders_of,
    is_file,
    leftover_files,
    leftover_temporaries,
    locked,
    read_journal,
    read_manifest,
    target_in,
    target_or_none,
    target_path,
    temporary_name,
    write_journal,
)
from sinotime.text import terminal_safe

__all__ = ["MANIFEST", "Staging", "WriteResult", "leftover_files", "stale_files", "write_file", "write_files"]


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def previous_names(out: Path) -> list[str]:
    """The files the last build wrote into `out`, from its manifest; none if there is none."""
    return read_manifest(out).names


def stale_files(out: Path, files: Mapping[str, bytes]) -> list[str]:
    """Names whose file in `out` is missing or differs from the rendered bytes."""
    return [name for name, content in sorted(files.items()) if not has_content(target_in(out, name), content)]


def write_files(out: Path, files: Mapping[str, bytes], *, manifest: bool = False) -> WriteResult:
    """Write every changed file atomically; skip those whose bytes are already there.

    All new contents go to temporary files first; only when every one is on disk are they
    renamed into place. A full disk or a permission error part way leaves every old file as
    it was and removes the temporary files. `manifest`: see `Staging`.
    """
    for name in files:
        target_in(out, name)  # refuse an escaping name before anything is written
    with Staging(out, manifest=manifest) as staging:
        for name in sorted(files):
            staging.add(name, files[name])
        return staging.commit()


def write_file(path: Path, content: bytes | Iterable[bytes]) -> None:
    """Write the one file a user named (`-o FILE`), as a shell redirect would but atomically.

    Its folder must exist already: a mistyped folder is an error, not a new folder. A regular
    file (or a new name) is replaced whole by a rename; anything else (a device such as
    /dev/null, a FIFO) is opened and written into, never replaced. A link is followed.
    `content` may come in pieces, each written as it comes.
    """
    pieces = [content] if isinstance(content, bytes) else content
    try:
        real = path.resolve()
        folder = real.parent
        if not folder.is_dir():
            what = "is not a folder" if folder.exists() else "does not exist"
            raise OutputError(
                f"cannot write {_shown(path)}: {_shown(path.parent)} {what}; nothing was written"
            )
        mode = os.stat(real).st_mode if os.path.lexists(real) else None
        if mode is not None and stat.S_ISDIR(mode):
            raise OutputError(f"cannot write {_shown(path)}: it is a folder; nothing was written")
        if mode is not None and not stat.S_ISREG(mode):
            with real.open("wb") as handle:
                handle.writelines(pieces)
            return
        temporary = folder / temporary_name(secrets.token_hex(8), 1)
        try:
            write_new(temporary, pieces)
            os.replace(temporary, real)
        finally:
            temporary.unlink(missing_ok=True)
    except OSError as error:
        detail = error.strerror or str(error)
        raise OutputError(f"cannot write {_shown(path)}: {detail}; nothing was written") from None


class Staging:
    """Files given one at a time, each written to a temporary file straight away, and all
    renamed into place by `commit`: a build need not hold every file in memory at once.

    The folder is locked from `with` to its end (a second build waits, telling `on_wait`).
    Leaving the `with` block without `commit` (an error while rendering or writing) removes the
    temporary files and the folders it made, so the output folder is left as it was. `commit`
    first checks that every target can be replaced, then records in the journal what it is
    about to publish, renames, removes what earlier builds (finished or killed) published that
    this one does not, and removes the journal.

    With `manifest` (a build's whole output folder), the names written are kept in
    `.sinotime-files`, and files an earlier build wrote that this one does not are removed;
    no other file in `out` is ever touched.
    """

    def __init__(
        self, out: Path, *, manifest: bool = False, on_wait: Callable[[str], None] | None = None
    ) -> None:
        self.out = out
        self.manifest = manifest
        self.on_wait = on_wait
        self.token = secrets.token_hex(8)
        self.names: list[str] = []
        self.targets: set[str] = set()  # the path of each name: none of them is ever removed
        self.previous: list[str] = []
        self.journal = Journal()
        self.result = WriteResult()
        # paths as strings: thousands of files are staged, and pathlib would cost more than the writing
        self.staged: list[tuple[str, str, str]] = []  # temporary, target, name
        self.made: list[Path] = []  # folders made, parents first
        self.made_names: list[str] = []  # those inside the output folder, as the journal names them
        self.folders: set[str] = set()  # every folder a file was staged in (each made once)
        self.committed = False
        self._lock: contextlib.ExitStack | None = None
        self._resolved: dict[str, str] = {}  # folders resolved while the lock is held

    def __enter__(self) -> Staging:
        try:
            if os.path.lexists(self.out) and not self.out.is_dir():
                raise OutputError(f"cannot write to {_shown(self.out)}: it is a file, not a folder")
            self._make_folder(self.out)
            stack = contextlib.ExitStack()
            stack.enter_context(locked(self.out, on_wait=self.on_wait))
            self._lock = stack
            self.journal = read_journal(self.out)
            self.result.warnings += self.journal.warnings
            self._write_journal()
        except OSError as error:
            self.abort()
            raise self._error(error, replaced=0) from None
        except BaseException:
            self.abort()
            raise
        manifest = read_manifest(self.out) if self.manifest else None
        if manifest is not None:
            self.previous = manifest.names
            self.result.warnings += manifest.warnings
        return self

    def __exit__(self, *exc_info: object) -> None:
        if not self.committed:
            self.abort()
        if self._lock is not None:
            self._lock.close()

    def add(self, name: str, content: bytes) -> None:
        """Stage one file (or note that its bytes are already there)."""
        target = target_path(self.out, name, self._resolved)
        self.names.append(name)
        self.targets.add(target)
        try:
            there = lstat_or_none(target)
            if there is not None and stat.S_ISDIR(there.st_mode):
                raise OutputError(
                    f"cannot write {_shown(self.out / name)}: a folder is in its place; nothing was changed"
                )
            folder = os.path.dirname(target)
            if folder not in self.folders:
                self._make_folder(Path(folder), record=True)
                self.folders.add(folder)
            if there is not None and holds(target, there, content):
                self.result.unchanged.append(name)
                return
            temporary = os.path.join(folder, temporary_name(self.token, len(self.staged) + 1))
            self.staged.append((temporary, target, name))
            write_new(temporary, content, sync=False)  # put on disk together by `commit`
            self.result.written.append(name)
        except OSError as error:
            self.abort()
            raise self._error(error, replaced=0) from None

    def commit(self) -> WriteResult:
        """Check every target, record them, rename every staged file into place, clean up."""
        if self.manifest:
            listed = "".join(f"{name}\n" for name in sorted(self.names)).encode()
            self._add_manifest(listed)
        ours = set(self.previous) | set(self.journal.publishing)
        publishing = []  # what this build makes its own: new names, and those it made before
        for _, target, name in self.staged:  # nothing is renamed while a target is in the way
            there = lstat_or_none(target)
            if there is not None and stat.S_ISDIR(there.st_mode):
                self.abort()
                raise OutputError(
                    f"cannot write {_shown(self.out / name)}: a folder is in its place; nothing was changed"
                )
            if there is None or name in ours:
                publishing.append(name)
        replaced = 0
        self.committed = True
        with signals_held():  # Ctrl-C waits until every file is in place: never half a build
            try:
                put_on_disk([temporary for temporary, _, _ in self.staged])
                self._write_journal(publishing)
                for temporary, target, _ in self.staged:
                    os.replace(temporary, target)
                    replaced += 1
                self._remove_what_is_gone()
                (self.out / JOURNAL).unlink()
            except OSError as error:
                for temporary, _, _ in self.staged[replaced:]:
                    remove(temporary)
                raise self._error(error, replaced) from None
        self.result.written.sort()
        self.result.unchanged.sort()
        return self.result

    def abort(self) -> None:
        """Remove the temporary files and the folders made for them; restore the journal.
        A second Ctrl-C waits until that is done."""
        with signals_held():
            self._take_back()

    def _take_back(self) -> None:
        for temporary, _, _ in self.staged:
            remove(temporary)
        self.staged.clear()
        with contextlib.suppress(OSError):
            if self.journal.text is None:
                (self.out / JOURNAL).unlink(missing_ok=True)
            else:
                write_journal(self.out, self.journal.text.splitlines())
        for folder in reversed(self.made):
            with contextlib.suppress(OSError):  # not empty: something else is in it
                folder.rmdir()
        self.made.clear()

    def _write_journal(self, publishing: list[str] | None = None) -> None:
        """Record this build in the journal, with what builds that did not finish recorded; a
        Ctrl-C waits until it is in place, so that no draft of it is left."""
        journal = Journal(
            [*self.journal.tokens, self.token],
            sorted({*self.journal.publishing, *(publishing or [])}),
            [*self.journal.made, *self.made_names],
        )
        with signals_held():
            write_journal(self.out, journal.lines())

    def _add_manifest(self, listed: bytes) -> None:
        target = os.path.join(self.out, MANIFEST)
        self.targets.add(os.path.join(os.path.realpath(self.out), MANIFEST))
        if not has_content(target, listed):
            temporary = os.path.join(self.out, temporary_name(self.token, len(self.staged) + 1))
            self.staged.append((temporary, target, MANIFEST))
            try:
                write_new(temporary, listed, sync=False)
            except OSError as error:
                self.abort()
                raise self._error(error, replaced=0) from None

    def _remove_what_is_gone(self) -> None:
        """Files earlier builds published (finished: the manifest; killed: the journal) that this
        one does not, and what killed builds left: their temporary files wherever they are, and
        the folders they made that are left empty. Never a path this build has just published,
        however a record spells it."""
        produced = set(self.names)
        gone = (set(self.previous) | set(self.journal.publishing)) - produced
        root = os.path.realpath(self.out)
        kept = {*self.targets, os.path.join(root, MANIFEST), os.path.join(root, JOURNAL)}
        for name in sorted(gone):
            target = target_or_none(self.out, name, self._resolved)
            if target is not None and target not in kept and is_file(target):
                os.unlink(target)
                if name in self.previous:
                    self.result.removed.append(name)
        for leftover in leftover_temporaries(self.out, self.journal.tokens):
            remove(os.path.join(root, leftover))
        # folders a killed build made, and folders of files published before, left empty
        published_in = [*self.journal.made, *folders_of(self.previous)]
        for folder in emptied_folders(self.out, published_in, set(), folders_of(produced)):
            with contextlib.suppress(OSError):  # something came into it meanwhile: it stays
                os.rmdir(target_in(self.out, folder))

    def _error(self, error: OSError, replaced: int) -> OutputError:
        detail = error.strerror or str(error)
        where = f" ({_shown(str(error.filename))})" if error.filename else ""
        changed = "no file was changed" if not replaced else f"{replaced} file(s) were replaced whole"
        return OutputError(f"cannot write to {_shown(self.out)}: {detail}{where}; {changed}")

    def _make_folder(self, folder: Path, *, record: bool = False) -> None:
        """Make `folder` and its missing parents; with `record` (a folder inside the locked
        output folder), name each in the journal first, so that a killed build's are found."""
        missing = [each for each in (folder, *folder.parents) if not each.is_dir()]
        if record and missing:
            root = os.path.realpath(self.out)
            self.made_names += [os.path.relpath(each, root) for each in reversed(missing)]
            self._write_journal()
        for each in reversed(missing):
            try:
                each.mkdir()
            except FileExistsError:
                if each.is_dir():
                    continue  # another build made it a moment ago: it is not ours to remove
                raise
            self.made.append(each)


def put_on_disk(files: list[str]) -> None:
    """Every file on disk, before any is renamed into place: one flush of each file system
    that holds them (Linux's syncfs), rather than an fsync of each of thousands of files (5 ms
    apiece on a shared disk); an fsync of each where syncfs is not to be had."""
    folders: dict[int, Path] = {}
    for folder in sorted({os.path.dirname(path) for path in files}):  # each folder once
        folders.setdefault(os.stat(folder).st_dev, Path(folder))
    if all(_syncfs(folder) for folder in folders.values()):
        return
    for path in files:
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _syncfs(folder: Path) -> bool:
    """syncfs(2) on the file system of `folder`; False where the C library has no syncfs."""
    import ctypes  # only when committing a build

    try:
        syncfs = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return False
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        if syncfs(descriptor) != 0:
            number = ctypes.get_errno()
            raise OSError(number, os.strerror(number), str(folder))
    finally:
        os.close(descriptor)
    return True


def _shown(path: Path | str) -> str:
    return terminal_safe(str(path))
