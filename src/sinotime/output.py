"""The one module that writes files: atomically, only when changed, never outside `out`.

Each file is written to a temporary name in the output folder and renamed over the old one
(`os.replace` is atomic on POSIX), so a reader or a killed build sees the old file or the
new one, never half of either. Every file is rendered before the first is written, so a
build that fails on its input leaves the folder exactly as it was.
"""

from __future__ import annotations

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


def _manifest(files: Mapping[str, bytes]) -> bytes:
    return "".join(f"{name}\n" for name in sorted(files)).encode()


def safe_target(out: Path, name: str) -> Path:
    """The path of `name` inside `out`; refuse names that would escape it."""
    root = out.resolve()
    target = (root / name).resolve()
    if not target.is_relative_to(root) or target == root:
        raise OutputError(f"refusing to write {name!r}: it is outside {out}")
    return target


def stale_files(out: Path, files: Mapping[str, bytes], *, manifest: bool = False) -> list[str]:
    """Names whose file in `out` is missing or differs from the rendered bytes, and, with
    `manifest`, files an earlier build wrote that this one would remove."""
    differ = [name for name, content in files.items() if not _has_content(safe_target(out, name), content)]
    old = previous_names(out) if manifest else []
    leftover = [name for name in old if name not in files and safe_target(out, name).exists()]
    return sorted({*differ, *leftover})


def write_files(out: Path, files: Mapping[str, bytes], *, manifest: bool = False) -> WriteResult:
    """Write every changed file atomically; skip those whose bytes are already there.

    All new contents go to temporary files first; only when every one is on disk are they
    renamed into place. A full disk or a permission error part way leaves every old file as
    it was and removes the temporary files.

    With `manifest` (a build's whole output folder), the names written are kept in
    `.sinotime-files`, and files an earlier build wrote that this one does not are removed;
    no other file in `out` is ever touched.
    """
    old = previous_names(out) if manifest and out.is_dir() else []
    removable = {name: safe_target(out, name) for name in old if name not in files}
    if manifest:
        files = {**files, MANIFEST: _manifest(files)}
    targets = {name: safe_target(out, name) for name in sorted(files)}
    if out.exists() and not out.is_dir():
        raise OutputError(f"cannot write to {out}: it is a file, not a folder")
    result = WriteResult()
    staged: list[tuple[Path, Path]] = []
    replaced = 0
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, target in targets.items():
            _remove_leftovers(target)
            content = files[name]
            if _has_content(target, content):
                if name != MANIFEST:
                    result.unchanged.append(name)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            staged.append((_write_temporary(target, content), target))
            if name != MANIFEST:
                result.written.append(name)
        for temporary, target in staged:
            os.replace(temporary, target)
            replaced += 1
        for name, target in removable.items():
            if target.exists():
                target.unlink()
                result.removed.append(name)
    except OSError as error:
        for temporary, _ in staged[replaced:]:
            temporary.unlink(missing_ok=True)
        detail = error.strerror or str(error)
        where = f" ({error.filename})" if error.filename else ""
        changed = "no file was changed" if not replaced else f"{replaced} file(s) were replaced whole"
        raise OutputError(f"cannot write to {out}: {detail}{where}; {changed}") from None
    return result


def _remove_leftovers(target: Path) -> None:
    """Temporary files a killed build left behind for this target."""
    if target.parent.is_dir():
        for leftover in target.parent.glob(f".{target.name}.*.tmp"):
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
