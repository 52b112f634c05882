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


class _Widths(dict[str, int]):
    """Glyph widths by character; one outside the table is worked out when first met, then kept
    (at most one entry per character the data uses)."""

    def __missing__(self, char: str) -> int:
        combining = unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf")
        width = self[char] = 0 if combining else EM
        return width


@functools.cache
def _widths(bold: bool) -> _Widths:
    table = _Widths()
    for first, widths in (BOLD if bold else REGULAR).items():
        for offset, width in enumerate(widths.split()):
            table[chr(first + offset)] = int(width)
    return table


def units(text: str, *, bold: bool = False) -> int:
    """The width of `text` in thousandths of an em: the sum of its glyphs' widths."""
    return sum(map(_widths(bold).__getitem__, text))


def pixels(thousandths: int, size: float) -> float:
    """A width in thousandths of an em (`units`) in pixels at `size` pixels."""
    return thousandths * size / EM


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width in pixels of `text` set at `size` pixels."""
    return pixels(units(text, bold=bold), size)


def _pieces(text: str, breaks: re.Pattern[str]) -> list[str]:
    """`text` cut after every place a line may break; joined they give `text` again."""
    return [piece for piece in breaks.split(text) if piece]


def shorten(text: str, room: float, size: float, *, bold: bool = False) -> str:
    """`text` if it fits in `room`, else as many of its first words as fit with an ellipsis;
    "" when not even the first word fits."""
    if text_width(text, size, bold=bold) <= room:
        return text
    kept = _longest(_pieces(text, WORDS), room, size, bold, ELLIPSIS)
    return kept.rstrip() + ELLIPSIS if kept.strip() else ""


def wrap(
    text: str, room: float, size: float, lines: int, breaks: re.Pattern[str] = WORDS, *, bold: bool = False
) -> list[str]:
    """`text` in at most `lines` lines each no wider than `room`, broken where `breaks` allows (at
    any word boundary where a piece is too long for a line); the last line shortened at a word
    boundary (`shorten`) when the text does not fit."""
    rest = text.strip()
    if rest and text_width(rest, size, bold=bold) <= room:
        return [rest]  # what the loop below gives when the whole text fits: no piece can be wider
    result: list[str] = []
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
    return _longest(_pieces(text, breaks), room, size, bold, "")


def _longest(pieces: list[str], room: float, size: float, bold: bool, tail: str) -> str:
    """The longest run of the first `pieces` that fits in `room`, its trailing spaces dropped and
    `tail` added. Each piece is measured once: the run's width grows by the piece's."""
    kept, kept_units, tail_units = "", 0, units(tail, bold=bold)
    for piece in pieces:
        shown = piece.rstrip()
        width = kept_units + units(shown, bold=bold) if shown else units(kept.rstrip(), bold=bold)
        if pixels(width + tail_units, size) > room:
            break
        kept += piece
        kept_units += units(piece, bold=bold)
    return kept


def _cut(text: str, room: float, size: float, *, bold: bool) -> str:
    """A word wider than a whole line (a room of a few characters): as many letters as fit."""
    kept_units, tail_units = 0, units(ELLIPSIS, bold=bold)
    for index, char in enumerate(text):
        kept_units += units(char, bold=bold)
        if pixels(kept_units + tail_units, size) > room:
            return text[:index] + ELLIPSIS
    return text + ELLIPSIS
