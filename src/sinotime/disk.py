"""Bytes to a file and back, as the publishing code needs them: a new file written whole (and
put on disk), a file compared with the bytes it should hold, a file removed if it is there."""

from __future__ import annotations

import contextlib
import os
import signal
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

# What a user or a system sends to stop a program politely: Ctrl-C, `kill`, a closed terminal.
STOPPING_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM, signal.SIGHUP})


def has_content(target: Path | str, content: bytes) -> bool:
    """True when `target` is a regular file (not a link) holding exactly `content`."""
    info = lstat_or_none(target)
    return info is not None and holds(target, info, content)


def holds(target: Path | str, info: os.stat_result, content: bytes) -> bool:
    """`has_content`, given what `os.lstat` says of `target`."""
    if not stat.S_ISREG(info.st_mode) or info.st_size != len(content):
        return False
    try:
        with open(target, "rb") as handle:
            return handle.read() == content
    except OSError:
        return False


def lstat_or_none(path: Path | str) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except OSError:
        return None


def write_new(temporary: Path | str, content: bytes | Iterable[bytes], *, sync: bool = True) -> None:
    """Write a new file (never an existing one) and, with `sync`, put it on disk."""
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        try:
            if isinstance(content, bytes):  # in one piece: no file object needed
                write_all(descriptor, content)
            else:
                with open(descriptor, "wb", closefd=False) as handle:
                    handle.writelines(content)
            os.fchmod(descriptor, 0o644)  # whatever the umask
            if sync:
                os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except BaseException:
        remove(temporary)
        raise


def write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def remove(path: Path | str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C, TERM and HUP until the block is done: they take effect when it ends, so
    that a step that must not stop half way (renaming a build's files into place, or taking
    its temporary files away) is never stopped half way by them. SIGKILL cannot be held; the
    journal is for that. Where signals cannot be held (not POSIX), the block runs as it is."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
