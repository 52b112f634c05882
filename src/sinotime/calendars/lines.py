"""Content lines: text, addresses and numbers as RFC 5545 writes them, folded as icalendar folds.

`to_ical` writes a component's lines; `Text`, `Categories` and `PlainGeo` are the property
values sinotime writes itself, because icalendar 7 escapes too much or too little in them.
"""

from __future__ import annotations

from icalendar import Component, vCategory, vGeo, vText

from sinotime.text import ical_text


def to_ical(component: Component) -> bytes:
    """`component.to_ical()`: icalendar's content lines, folded by `fold` (which is faster)."""
    return b"\r\n".join([fold(line) for line in component.content_lines() if line]) + b"\r\n"


FOLD_AT = 75  # icalendar starts a new line before the octet that would make one 75 long


def fold(line: str) -> bytes:
    """A content line folded exactly as icalendar folds it, as UTF-8.

    icalendar (7.x) looks at every character in Python to fold a line (most of the time it
    takes to write a calendar). The same rule on the UTF-8 bytes: each line holds as many
    whole characters as fit in 74 octets, and a backslash or caret that would end a line goes
    to the next, so an escape is never split (icalendar's issue 1501). tests/test_calendars_shared.py
    checks it against icalendar's own folding.
    """
    assert "\n" not in line  # escaped in every value
    data = line.encode("utf-8")
    if len(data) < FOLD_AT:
        return data
    pieces: list[bytes] = []
    start, size = 0, len(data)
    while size - start >= FOLD_AT:
        end = start + FOLD_AT - 1
        while data[end] & 0xC0 == 0x80:  # not the first byte of a character
            end -= 1
        if data[end - 1] in b"\\^" and len(data[start:end].decode("utf-8")) > 1:
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)


class Text(vText):
    """TEXT escaped as RFC 5545 says and no more: icalendar 7 also turns a literal backslash-N
    in the text into a line break (so "Harbin\\North" would lose its backslash and gain a line)."""

    def to_ical(self) -> bytes:
        return escape_text(ical_text(str(self))).encode("utf-8")


class Categories(vCategory):
    """CATEGORIES, each value escaped as `Text` is: a comma inside a value stays in it."""

    def to_ical(self) -> bytes:
        return ",".join(escape_text(ical_text(str(value))) for value in self.cats).encode("utf-8")


def escape_text(text: str) -> str:
    """RFC 5545 3.3.11: backslash first, then semicolon, comma and line feed."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


class PlainGeo(vGeo):
    """GEO as RFC 5545 reads it: plain decimals (icalendar writes 0.00005 as 5e-05, no FLOAT),
    to the six places receivers must accept (about 0.1 m; libical rejects much longer ones)."""

    def to_ical(self) -> str:
        return f"{_six_places(self.latitude)};{_six_places(self.longitude)}"


def _six_places(number: float) -> str:
    text = f"{number:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
