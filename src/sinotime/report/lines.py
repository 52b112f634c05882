"""Small pure helpers the report's renderers share: wrap, escape and colour text.

Every string that comes from the data is untrusted. For a terminal it loses its control
characters (an escape sequence in a title could otherwise recolour or rewrite the screen) and
bidirectional overrides; for Markdown its punctuation is escaped, so that it can neither open
an HTML tag, a link or emphasis nor add a table column; for a spreadsheet, a cell that starts
like a formula is prefixed with an apostrophe.
"""

from __future__ import annotations

import re

from wcwidth import wcswidth

from sinotime.text import terminal_line


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal (wide East Asian characters take two)."""
    width = wcswidth(text)
    return width if width >= 0 else len(text)


def wrap(text: str, width: int, *, indent: str = "", hang: str = "  ") -> list[str]:
    """Word-wrap one line of clean text to `width` columns.

    The first line starts with `indent`, the others with `hang`. A word longer than a line
    (a URL, a run of Chinese text) is broken between characters, so that no line is wider
    than `width` as long as `width` exceeds the indents by two columns.
    """
    lines: list[str] = []
    line, used, empty = indent, display_width(indent), True
    for word in text.split(" "):
        if not word:
            continue
        size = display_width(word)
        gap = 0 if empty else 1
        if used + gap + size <= width:
            line, used, empty = line + " " * gap + word, used + gap + size, False
            continue
        if not empty:
            lines.append(line)
            line, used, empty = hang, display_width(hang), True
        for ch in word:
            ch_width = max(display_width(ch), 0)
            if used + ch_width > width and not empty:
                lines.append(line)
                line, used = hang, display_width(hang)
            line, used, empty = line + ch, used + ch_width, False
    if not empty or not lines:
        lines.append(line)
    return lines


# ANSI SGR colour, for a terminal only.
_SGR = {
    "bold": "1",
    "dim": "2",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
}


def style(text: str, *names: str, colour: bool) -> str:
    """`text` in the given styles when `colour` is on, else unchanged."""
    if not colour or not names or not text:
        return text
    codes = ";".join(_SGR[name] for name in names)
    return f"\x1b[{codes}m{text}\x1b[0m"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&$])")
_MARKDOWN_BLOCK_START = re.compile(r"^(?:([-+=])|(\d+)([.)]))")


def markdown(text: str) -> str:
    """Untrusted text as literal Markdown (CommonMark and GitHub tables): one line, escaped.

    Inline syntax (emphasis, code, links, HTML, entities, table cells) is escaped anywhere;
    a leading list or heading marker ("- ", "+ ", "1. ") is escaped too, since the text may
    start a list item.
    """
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", terminal_line(text))
    return _MARKDOWN_BLOCK_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(text: str) -> str:
    """One line of text that a spreadsheet will not run as a formula."""
    text = terminal_line(text)
    return "'" + text if text.startswith(_FORMULA_START) else text
