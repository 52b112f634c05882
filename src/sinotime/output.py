"""The one module that writes files: atomically, only when changed, never outside `out`.

Each file is written to a temporary name in the output folder and renamed over the old one
(`os.replace` is atomic on POSIX), so a reader or a killed build sees the old file or the
new one, never half of either. Every file is rendered (and waits in its temporary file)
before the first is renamed, so a build that fails on its input leaves the folder exactly as
it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sinotime.errors import OutputError

MANIFEST = ".sinotime-files"  # the names the last build wrote, one a line


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def previous_names(out: Path) -> list[str]:
    """The files the last build wrote into `out`, from its manifest; none if there is none."""
    try:
        text = (out / MANIFEST).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    return sorted({line for line in text.splitlines() if line and line != MANIFEST})


def leftover_files(out: Path, names: set[str]) -> list[str]:
    """Files an earlier build wrote (its manifest says so) that are not among `names`."""
    return [n for n in previous_names(out) if n not in names and safe_target(out, n).exists()]


def safe_target(out: Path, name: str) -> Path:
    """The path of `name` inside `out`; refuse names that would escape it."""
    root = out.resolve()
    target = (root / name).resolve()
    if not target.is_relative_to(root) or target == root:
        raise OutputError(f"refusing to write {name!r}: it is outside {out}")
    return target


def stale_files(out: Path, files: Mapping[str, bytes]) -> list[str]:
    """Names whose file in `out` is missing or differs from the rendered bytes."""
    return [
        name for name, content in sorted(files.items()) if not _has_content(safe_target(out, name), content)
    ]


def write_files(out: Path, files: Mapping[str, bytes], *, manifest: bool = False) -> WriteResult:
    """Write every changed file atomically; skip those whose bytes are already there.

    All new contents go to temporary files first; only when every one is on disk are they
    renamed into place. A full disk or a permission error part way leaves every old file as
    it was and removes the temporary files. `manifest`: see `Staging`.
    """
    for name in files:
        safe_target(out, name)  # refuse an escaping name before anything is written
    with Staging(out, manifest=manifest) as staging:
        for name in sorted(files):
            staging.add(name, files[name])
        return staging.commit()


def write_file(path: Path, content: bytes) -> None:
    """Write the one file a user named (`-o FILE`) atomically. Its folder must exist already,
    as for a shell redirect: a mistyped folder is an error, not a new folder."""
    folder = path.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise OutputError(f"cannot write {path}: {folder} {what}; nothing was written")
    write_files(folder, {path.name: content})


class Staging:
    """Files given one at a time, each written to a temporary file in `out` straight away, and
    all renamed into place by `commit`: a build need not hold every file in memory at once.

    Leaving the `with` block without `commit` (an error while rendering or writing) removes the
    temporary files and the folders it made, so the output folder is left as it was.

    With `manifest` (a build's whole output folder), the names written are kept in
    `.sinotime-files`, and files an earlier build wrote that this one does not are removed;
    no other file in `out` is ever touched.
    """

    def __init__(self, out: Path, *, manifest: bool = False) -> None:
        self.out = out
        self.manifest = manifest
        self.names: list[str] = []
        self.removable: dict[str, Path] = {}
        self.result = WriteResult()
        self.staged: list[tuple[Path, Path]] = []
        self.made: list[Path] = []  # folders made, parents first
        self.leftovers: dict[Path, dict[str, list[Path]]] = {}  # folder -> target name -> files
        self.committed = False

    def __enter__(self) -> Staging:
        if self.out.exists() and not self.out.is_dir():
            raise OutputError(f"cannot write to {self.out}: it is a file, not a folder")
        old = previous_names(self.out) if self.manifest and self.out.is_dir() else []
        self.removable = {name: safe_target(self.out, name) for name in old}  # refuse escaping names now
        return self

    def __exit__(self, *exc_info: object) -> None:
        if not self.committed:
            self.abort()

    def add(self, name: str, content: bytes) -> None:
        """Stage one file (or note that its bytes are already there)."""
        target = safe_target(self.out, name)
        self.names.append(name)
        self.removable.pop(name, None)
        try:
            self._make_folder(target.parent)
            self._remove_leftovers(target)
            if _has_content(target, content):
                self.result.unchanged.append(name)
                return
            self.staged.append((_write_temporary(target, content), target))
            self.result.written.append(name)
        except OSError as error:
            self.abort()
            raise self._error(error, replaced=0) from None

    def commit(self) -> WriteResult:
        """Rename every staged file into place (and, with a manifest, remove what is gone)."""
        if self.manifest:
            names = "".join(f"{name}\n" for name in sorted(self.names)).encode()
            self.add(MANIFEST, names)
            self.result.written = [n for n in self.result.written if n != MANIFEST]
            self.result.unchanged = [n for n in self.result.unchanged if n != MANIFEST]
        replaced = 0
        self.committed = True
        try:
            for temporary, target in self.staged:
                os.replace(temporary, target)
                replaced += 1
        except OSError as error:
            for temporary, _ in self.staged[replaced:]:
                temporary.unlink(missing_ok=True)
            raise self._error(error, replaced) from None
        for name, target in self.removable.items():
            if target.exists():
                target.unlink()
                self.result.removed.append(name)
        self.result.written.sort()
        self.result.unchanged.sort()
        return self.result

    def abort(self) -> None:
        """Remove the temporary files and the folders made for them."""
        for temporary, _ in self.staged:
            temporary.unlink(missing_ok=True)
        self.staged.clear()
        for folder in reversed(self.made):
            with contextlib.suppress(OSError):  # not empty: something else is in it
                folder.rmdir()
        self.made.clear()

    def _error(self, error: OSError, replaced: int) -> OutputError:
        detail = error.strerror or str(error)
        where = f" ({error.filename})" if error.filename else ""
        changed = "no file was changed" if not replaced else f"{replaced} file(s) were replaced whole"
        return OutputError(f"cannot write to {self.out}: {detail}{where}; {changed}")

    def _make_folder(self, folder: Path) -> None:
        missing = [each for each in (folder, *folder.parents) if not each.is_dir()]
        for each in reversed(missing):
            each.mkdir()
            self.made.append(each)

    def _remove_leftovers(self, target: Path) -> None:
        """Temporary files a killed build left behind for this target (each folder read once)."""
        folder = target.parent
        if folder not in self.leftovers:
            found: dict[str, list[Path]] = {}
            for entry in os.scandir(folder):
                if entry.name.startswith(".") and entry.name.endswith(".tmp"):
                    # ".NAME.RANDOM.tmp", as _write_temporary names them
                    owner = entry.name[1 : entry.name.rfind(".", 0, len(entry.name) - len(".tmp"))]
                    found.setdefault(owner, []).append(Path(entry.path))
            self.leftovers[folder] = found
        for leftover in self.leftovers[folder].pop(target.name, []):
            leftover.unlink(missing_ok=True)


def _has_content(target: Path, content: bytes) -> bool:
    try:
        return target.stat().st_size == len(content) and target.read_bytes() == content
    except OSError:
        return False


def _write_temporary(target: Path, content: bytes) -> Path:
    descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.chmod(0o644)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary
