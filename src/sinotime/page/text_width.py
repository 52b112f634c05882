"""How wide a line of the chart is drawn, and how to wrap or shorten it at a word boundary.

Widths come from `glyph_widths` (the widest of the likely fonts, regular and bold), so a line
measured here is never wider in the browser. A character outside its blocks counts as a full em
(wide East Asian characters are one em; nothing else common is wider); a combining mark as none.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from sinotime.page.glyph_widths import BOLD, REGULAR

EM = 1000  # the table's unit: thousandths of an em
ELLIPSIS = "…"
# Where a line may break: after a space, or after a hyphen, dash or slash inside a word.
WORDS = re.compile(r"(?<=[ \-‐–—/])")
# Where a line of date and status may break: after " · " or ", " (never inside "+3 y 11 m").
PHRASES = re.compile(r"(?<=· |, )")


@functools.cache
def _widths(bold: bool) -> dict[str, int]:
    table: dict[str, int] = {}
    for first, widths in (BOLD if bold else REGULAR).items():
        for offset, width in enumerate(widths.split()):
            table[chr(first + offset)] = int(width)
    return table


def _glyph(char: str, bold: bool) -> int:
    width = _widths(bold).get(char)
    if width is not None:
        return width
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return EM


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width in pixels of `text` set at `size` pixels."""
    return sum(_glyph(char, bold) for char in text) * size / EM


def _pieces(text: str, breaks: re.Pattern[str]) -> list[str]:
    """`text` cut after every place a line may break; joined they give `text` again."""
    return [piece for piece in breaks.split(text) if piece]


def shorten(text: str, room: float, size: float, *, bold: bool = False) -> str:
    """`text` if it fits in `room`, else as many of its first words as fit with an ellipsis;
    "" when not even the first word fits."""
    if text_width(text, size, bold=bold) <= room:
        return text
    kept = ""
    for piece in _pieces(text, WORDS):
        if text_width((kept + piece).rstrip() + ELLIPSIS, size, bold=bold) > room:
            break
        kept += piece
    return kept.rstrip() + ELLIPSIS if kept.strip() else ""


def wrap(
    text: str, room: float, size: float, lines: int, breaks: re.Pattern[str] = WORDS, *, bold: bool = False
) -> list[str]:
    """`text` in at most `lines` lines each no wider than `room`, broken where `breaks` allows (at
    any word boundary where a piece is too long for a line); the last line shortened at a word
    boundary (`shorten`) when the text does not fit."""
    result: list[str] = []
    rest = text.strip()
    while rest and len(result) < lines - 1:
        line = _fill(rest, room, size, breaks, bold) or _fill(rest, room, size, WORDS, bold)
        if not line:
            break  # one word too long for a line: the last line shortens it
        result.append(line.rstrip())
        rest = rest[len(line) :].strip()
    if rest:
        result.append(shorten(rest, room, size, bold=bold) or _cut(rest, room, size, bold=bold))
    return result


def _fill(text: str, room: float, size: float, breaks: re.Pattern[str], bold: bool) -> str:
    """The longest run of `text`'s first pieces that fits in `room`; "" when the first does not."""
    line = ""
    for piece in _pieces(text, breaks):
        if text_width((line + piece).rstrip(), size, bold=bold) > room:
            break
        line += piece
    return line


def _cut(text: str, room: float, size: float, *, bold: bool) -> str:
    """A word wider than a whole line (a room of a few characters): as many letters as fit."""
    kept = ""
    for char in text:
        if text_width(kept + char + ELLIPSIS, size, bold=bold) > room:
            break
        kept += char
    return kept + ELLIPSIS
