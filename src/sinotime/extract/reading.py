"""Read an article for extraction: bounded in size, UTF-8 or a clear error naming the place."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from sinotime.errors import InputError, Problem, too_large


def read_article(article: Path | BinaryIO, name: str, *, max_bytes: int) -> str:
    """The text of a file or a stream; InputError when it cannot be read, is too big or not UTF-8."""
    try:
        if isinstance(article, Path):
            with article.open("rb") as handle:
                raw = handle.read(max_bytes + 1)
        else:
            raw = article.read(max_bytes + 1)
    except OSError as error:
        raise InputError([Problem(name, 0, 0, "", f"cannot read: {error.strerror or error}")]) from None
    if len(raw) > max_bytes:
        raise InputError([too_large(name, "article", max_bytes)])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        column = len(raw[line_start : error.start].decode("utf-8", errors="replace")) + 1
        message = f"not UTF-8 text: byte 0x{raw[error.start]:02x} cannot start or continue a character"
        raise InputError([Problem(name, line, column, "", message, "save the article as UTF-8")]) from None
