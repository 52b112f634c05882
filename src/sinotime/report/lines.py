"""Small pure helpers the report's renderers share: wrap, escape and colour text.

Every string that comes from the data is untrusted. For a terminal it loses its control
characters (an escape sequence in a title could otherwise recolour or rewrite the screen) and
bidirectional overrides; for Markdown its punctuation is escaped, so that it can neither open
an HTML tag, a link or emphasis nor add a table column; for a spreadsheet, a cell that starts
like a formula is prefixed with an apostrophe.
"""

from __future__ import annotations

import functools
import re

from wcwidth import wcswidth

from sinotime.text import terminal_line


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal (wide East Asian characters take two)."""
    width = wcswidth(text)
    return width if width >= 0 else len(text)


@functools.cache  # a text's characters are few and repeat: each measured once
def _character_width(character: str) -> int:
    return max(display_width(character), 0)


def wrap_line(text: str, width: int, *, indent: str = "", hang: str = "  ") -> list[str]:
    """`wrap(terminal_line(text), ...)`: untrusted text made one clean line, then wrapped; text
    of one- and two-column characters only (which are never controls) is wrapped as it is."""
    if not (_one_column_prefix(indent) and _one_column_prefix(hang)):
        return wrap_any(terminal_line(text), width, indent=indent, hang=hang)
    if _ONE_COLUMN_WORDS.fullmatch(text):  # most text: as it is, nothing to split and join
        return wrap_narrow(text, width, indent=indent, hang=hang)
    if _ONE_OR_TWO_COLUMN_WORDS.fullmatch(text):
        return wrap_wide(text, width, indent=indent, hang=hang)
    words = " ".join(text.split())
    if _one_column_each(words):
        return wrap_narrow(words, width, indent=indent, hang=hang)
    if _one_or_two_columns_each(words):
        return wrap_wide(words, width, indent=indent, hang=hang)
    return wrap_any(terminal_line(text), width, indent=indent, hang=hang)


def wrap(text: str, width: int, *, indent: str = "", hang: str = "  ") -> list[str]:
    """Word-wrap one line of clean text to `width` columns.

    The first line starts with `indent`, the others with `hang`. A word longer than a line
    (a URL, a run of Chinese text) is broken between characters, so that no line is wider
    than `width` as long as `width` exceeds the indents by two columns.
    """
    if not (_one_column_each(indent) and _one_column_each(hang)):
        return wrap_any(text, width, indent=indent, hang=hang)
    if _one_column_each(text):
        return wrap_narrow(text, width, indent=indent, hang=hang)
    if _one_or_two_columns_each(text):  # Chinese, Japanese, Korean among the one-column text
        return wrap_wide(text, width, indent=indent, hang=hang)
    return wrap_any(text, width, indent=indent, hang=hang)


# Characters that take one column each on a terminal (as wcwidth counts them), the space the
# only white space among them: tests/test_report_wrap.py checks each against wcwidth.
_ONE_COLUMN_BUT_SPACE = (
    "!-~"  # printable ASCII but the space
    "\u00a1-\u00ac\u00ae-\u02ff"  # Latin-1 but the soft hyphen, Latin Extended, IPA, modifiers
    "\u0384-\u038a\u038c\u038e-\u03a1\u03a3-\u0482\u048a-\u052f"  # Greek and Cyrillic letters
    "\u1e00-\u1eff"  # Latin Extended Additional (Vietnamese)
    "\u2010-\u2027\u2030-\u205e"  # dashes, quotes, bullets: punctuation but spaces and controls
    "\u20a0-\u20c0\u2190-\u21ff"  # currency signs, arrows
)
_ONE_COLUMN_RANGES = " " + _ONE_COLUMN_BUT_SPACE
# Characters that take two columns each, whatever stands beside them (no combining marks, no
# spaces, nothing that joins): tests/test_report_wrap.py checks each against wcwidth.
_TWO_COLUMN_RANGES = (
    "\u3001-\u3029\u3030-\u303e"  # CJK punctuation but the ideographic space and tone marks
    "\u3041-\u3096\u309b-\u30ff"  # kana but the combining sound marks
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9"  # CJK ideographs
    "\uac00-\ud7a3"  # Hangul syllables
    "\uff01-\uff60\uffe0-\uffe6"  # fullwidth forms
)
ONE_COLUMN = re.compile(f"[{_ONE_COLUMN_RANGES}]*")
TWO_COLUMNS = re.compile(f"[{_TWO_COLUMN_RANGES}]")
ONE_OR_TWO_COLUMNS = re.compile(f"[{_ONE_COLUMN_RANGES}{_TWO_COLUMN_RANGES}]*")
_AFTER_TWO_COLUMNS = re.compile(f"(?<=[{_TWO_COLUMN_RANGES}])")  # where a wide character ends
# Words of such characters one space apart, as `terminal_line` leaves them.
_ONE_COLUMN_WORDS = re.compile(f"(?:[{_ONE_COLUMN_BUT_SPACE}]+ )*[{_ONE_COLUMN_BUT_SPACE}]+")
_ONE_OR_TWO_COLUMN_WORDS = re.compile(
    f"(?:[{_ONE_COLUMN_BUT_SPACE}{_TWO_COLUMN_RANGES}]+ )*[{_ONE_COLUMN_BUT_SPACE}{_TWO_COLUMN_RANGES}]+"
)
_SECOND_COLUMN = "\0"  # stands for a wide character's second column in `wrap_wide`


def _one_column_each(text: str) -> bool:
    return ONE_COLUMN.fullmatch(text) is not None


@functools.lru_cache(maxsize=64)  # the few indents of a report, asked of every paragraph
def _one_column_prefix(indent: str) -> bool:
    return _one_column_each(indent)


def _one_or_two_columns_each(text: str) -> bool:
    return ONE_OR_TWO_COLUMNS.fullmatch(text) is not None


def wrap_wide(text: str, width: int, *, indent: str, hang: str) -> list[str]:
    """`wrap_any` for text whose every character takes one column or two, whatever stands
    beside it: `wrap_narrow` on the text with a stand-in after each wide character for its
    second column (so that a column is a character), which never parts the two."""
    spread = _AFTER_TWO_COLUMNS.sub(_SECOND_COLUMN, text)
    return [line.replace(_SECOND_COLUMN, "") for line in wrap_narrow(spread, width, indent=indent, hang=hang)]


def wrap_narrow(text: str, width: int, *, indent: str, hang: str) -> list[str]:
    """`wrap_any` for text whose every character takes one column, a line at a time:
    the longest run of whole words that fits, else as much of a long word as fits."""
    lines: list[str] = []
    rest = text if _single_spaced(text) else " ".join(text.split())
    start, end, prefix = 0, len(rest), indent  # what is left is rest[start:end]
    while start < end and end - start > width - len(prefix):
        room = width - len(prefix)
        cut = rest.rfind(" ", start, start + max(room + 1, 0))
        if cut > start:  # whole words
            lines.append(prefix + rest[start:cut])
            start = cut + 1
        else:  # the first word is longer than the line: as many of its characters as fit, one at least
            taken = max(room, 1)
            if rest.startswith(_SECOND_COLUMN, start + taken):  # never half a wide character (`wrap_wide`)
                taken += -1 if taken > 1 else 1
            lines.append(prefix + rest[start : start + taken])
            start += taken + rest.startswith(" ", start + taken)
        prefix = hang
    if start < end or not lines:
        lines.append(prefix + rest[start:])
    return lines


def _single_spaced(text: str) -> bool:
    """Whether `text` (of one-column characters, the space the only white space) is already its
    words one space apart, as `terminal_line` leaves it."""
    return "  " not in text and not text.startswith(" ") and not text.endswith(" ")


def wrap_any(text: str, width: int, *, indent: str = "", hang: str = "  ") -> list[str]:
    """`wrap` for any text, a word at a time, measuring each in terminal columns."""
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
            ch_width = _character_width(ch)
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


_MARKDOWN_CHARACTERS = r"\\`*_\[\]<>#|~&$"  # what Markdown reads as syntax anywhere in a line
_MARKDOWN_SPECIAL = re.compile(f"([{_MARKDOWN_CHARACTERS}])")
# Text that `markdown` leaves as it is: words one space apart, no other white space, no control
# (what `terminal_line` leaves as it is) and none of _MARKDOWN_CHARACTERS. The shortcut pays for
# Markdown (2.5 times as fast), not for `terminal_line` alone (a full match costs what it does).
# tests/test_report_lines.py holds it to the long way on random text.
_NOT_CLEAN = "\\s\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_PLAIN_MARKDOWN = re.compile(
    f"(?:[^{_NOT_CLEAN}{_MARKDOWN_CHARACTERS}]+ )*[^{_NOT_CLEAN}{_MARKDOWN_CHARACTERS}]+"
)
_MARKDOWN_BLOCK_START = re.compile(r"^(?:([-+=])|(\d+)([.)]))")


def markdown(text: str) -> str:
    """Untrusted text as literal Markdown (CommonMark and GitHub tables): one line, escaped.

    Inline syntax (emphasis, code, links, HTML, entities, table cells) is escaped anywhere;
    a leading list or heading marker ("- ", "+ ", "1. ") is escaped too, since the text may
    start a list item.
    """
    if _PLAIN_MARKDOWN.fullmatch(text) and not _MARKDOWN_BLOCK_START.match(text):
        return text  # most text: nothing to clean or escape
    return markdown_escaped(text)


def markdown_escaped(text: str) -> str:
    """`markdown(text)` the long way, for text that has something to clean or escape."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", terminal_line(text))
    return _MARKDOWN_BLOCK_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(text: str) -> str:
    """One line of text that a spreadsheet will not run as a formula."""
    text = terminal_line(text)
    return "'" + text if text.startswith(_FORMULA_START) else text
