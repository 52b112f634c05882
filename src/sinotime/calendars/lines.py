"""Content lines: text, addresses and numbers as RFC 5545 writes them, folded as icalendar folds.

`to_ical` writes a component's lines; `component_bytes` writes a component from its properties'
lines (`property_lines`) without building it, byte for byte as icalendar would; `Text`,
`Categories` and `PlainGeo` are the property values sinotime writes itself, because icalendar 7
escapes too much or too little in them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from icalendar import Component, vCategory, vGeo, vText, vUri
from icalendar.caselessdict import canonsort_keys
from icalendar.parser import Contentline
from icalendar.parser_tools import to_unicode
from icalendar.timezone import tzp

from sinotime.text import ical_text

# A property as `Component.add` takes it: name, value, parameters.
Property = tuple[str, Any, dict[str, str] | None]


def to_ical(component: Component) -> bytes:
    """`component.to_ical()`: icalendar's content lines, folded by `fold` (which is faster)."""
    return b"\r\n".join([fold(line) for line in component.content_lines() if line]) + b"\r\n"


def component_bytes(kind: type[Component], lines: Mapping[str, bytes], inside: Sequence[bytes] = ()) -> bytes:
    """`to_ical` of a component of `kind` with properties of these content lines (by name, as
    `property_lines` gives them) and these subcomponents (each written whole), without the
    component: its BEGIN, its lines in icalendar's order, its subcomponents, its END."""
    ordered = [lines[name] for name in _order(kind, tuple(lines))]
    begin, end = f"BEGIN:{kind.name}".encode(), f"END:{kind.name}\r\n".encode()
    return b"".join([b"\r\n".join([begin, *ordered]), b"\r\n", *inside, end])


@functools.lru_cache(maxsize=256)
def _order(kind: type[Component], names: tuple[str, ...]) -> tuple[str, ...]:
    """icalendar's order of a component's properties (`canonsort_keys`): a build has few sets."""
    return tuple(canonsort_keys(names, kind.canonical_order))


def property_lines(properties: Iterable[Property]) -> dict[str, bytes]:
    """Each property's folded content line, by its name in capitals (one value a name)."""
    return {name.upper(): content_line(name, value, parameters) for name, value, parameters in properties}


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
        return self.escaped().encode("utf-8")

    def escaped(self) -> str:
        return escape_text(ical_text(str(self)))


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


_UTC_PROPERTIES = ("dtstamp", "created", "last-modified")
# Values of these very types come again and again (days, revisions, a status, a source's
# address): their lines are written once. (Each event's UID is its own: never kept.)
_REPEATED_TYPES = (date, datetime, int, str, vUri)
_OURS = (Text, Categories, PlainGeo)  # icalendar types already: `add` keeps them as they are


def content_line(name: str, value: Any, parameters: dict[str, str] | None) -> bytes:
    """The property's folded content line, as `Component.add(name, value, parameters)` then
    `to_ical` write it."""
    if (line := _plain_line(name, value, parameters)) is not None:
        return line
    if type(value) not in _REPEATED_TYPES or name == "uid":
        return _written(name, value, parameters)
    # a datetime's zone and fold are in the key: equal instants in two zones are written apart
    zone, fold_ = getattr(value, "tzinfo", None), getattr(value, "fold", 0)
    return _kept_line(name, type(value).__name__, value, zone, fold_, tuple((parameters or {}).items()))


_TIMES = frozenset(("dtstart", "dtend", *_UTC_PROPERTIES))  # the days and times of a VEVENT
_ADDRESSES = frozenset(("url", "source"))  # given as `vUri` with VALUE=URI


def _plain_line(name: str, value: Any, parameters: dict[str, str] | None) -> bytes | None:
    """The line of a day (`vDate`, VALUE=DATE), of a time in UTC (`vDatetime`, with Z), of an
    address given as `vUri` with VALUE=URI or of a UID with nothing to escape, written directly:
    each is its digits or its text with no escaping (a VEVENT has several; typing each through
    icalendar took a third of the time to write it). None for any other property or value.
    Tests compare these lines with icalendar's on random values."""
    kind = type(value)
    if kind is date and parameters is None and name in _TIMES:
        return fold(f"{name.upper()};VALUE=DATE:{value.year:04}{value.month:02}{value.day:02}")
    if kind is datetime and value.tzinfo is UTC and parameters is None and name in _TIMES:
        day = f"{value.year:04}{value.month:02}{value.day:02}"
        return fold(f"{name.upper()}:{day}T{value.hour:02}{value.minute:02}{value.second:02}Z")
    if kind is vUri and parameters == _URI and name in _ADDRESSES:
        return fold(f"{name.upper()};VALUE=URI:{value}")
    if kind is str and name == "uid" and parameters is None and _NOTHING_TO_ESCAPE.fullmatch(value):
        return fold(f"UID:{value}")  # an id and a namespace: letters, digits, "-", ".", "@"
    return None


_URI = {"VALUE": "URI"}
_NOTHING_TO_ESCAPE = re.compile(r"[^\\;,\r\n]*")  # TEXT that icalendar writes as it is


@functools.lru_cache(maxsize=1 << 14)
def _kept_line(
    name: str, kind: str, value: Any, zone: object, fold_: int, parameters: tuple[tuple[str, str], ...]
) -> bytes:
    """`_written`, kept; `kind`, `zone` and `fold_` only tell apart values that are equal but
    written differently (a day and a time, one instant in two zones)."""
    return _written(name, value, dict(parameters) or None)


def _written(name: str, value: Any, parameters: dict[str, str] | None) -> bytes:
    """The content line of a property as icalendar writes it, folded."""
    if parameters is None and type(value) is Text:  # most lines: written as `to_ical` writes them
        return fold(f"{name.upper()}:{value.escaped()}")
    # `add` keeps a value of our own types as it is when no parameters are given
    typed = value if parameters is None and isinstance(value, _OURS) else _typed(name, value, parameters)
    params = getattr(typed, "params", None)
    if params:
        return fold(Contentline.from_parts(name.upper(), params, typed))
    return fold(f"{name.upper()}:{to_unicode(typed.to_ical())}")


def _typed(name: str, value: Any, parameters: dict[str, str] | None) -> Any:
    """The value as `Component.add` keeps it: in UTC where RFC 5545 says, as icalendar's type."""
    if isinstance(value, datetime) and name in _UTC_PROPERTIES:
        value = tzp.localize_utc(value)
    # `add` types a value by this (icalendar's own, if private, step); the component is skipped
    return Component._encode(name, value, dict(parameters) if parameters else None)  # type: ignore[no-untyped-call]
