"""`json.dumps(value, indent=2, ensure_ascii=False)` in a few large pieces, made as they are taken.

`JSONEncoder.iterencode` gives one piece per token: 6.4 million pieces for the report of
10,000 events (62 MB), and the cost of `sinotime report --format json` was in handling them
one by one (escaping each, collecting each into blocks). With an indent, the standard library
also encodes in pure Python, a generator a level; here each value is written by one recursive
function, each string by the standard library's own escaper, so the bytes are the same
(tests/test_indented_json.py compares the two on random values), in 0.6 of the time.

`lean_dumps` writes the same bytes by orjson, in Rust, four times as fast again, for values
without floats (orjson writes 1e-07 as 1e-7 and NaN as null), which the report never holds; what
orjson refuses (a lone surrogate, an integer past 64 bits, a key that is not text) is written by
`dumps`. tests/test_indented_json.py holds it to `dumps` on random values without floats.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from json.encoder import encode_basestring  # the C escaper, when the interpreter has it
from typing import Any

import orjson

INDENT = "  "
_INFINITY = float("inf")


def dumps(value: Any, indent: str = "") -> str:
    """`value` as indented JSON, its nesting already at `indent`."""
    kind = value.__class__  # the common exact types first; the rest in the standard library's order
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if kind is dict:
        return _mapping(value, indent)
    if kind is list:
        return _sequence(value, indent)
    return _other(value, indent)


def lean_dumps(value: Any, indent: str = "") -> str:
    """`dumps(value, indent)` for a value of text, integers, booleans, None, lists, tuples and
    mappings, no float (nor any type json would refuse): orjson's text, nested at `indent`."""
    try:
        text = orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()
    except TypeError:  # orjson.JSONEncodeError is one
        return dumps(value, indent)
    return text.replace("\n", "\n" + indent) if indent else text  # a newline in JSON text is always escaped


def _mapping(value: dict[Any, Any], indent: str) -> str:
    if not value:
        return "{}"
    inner = indent + INDENT
    members = [
        f"{encode_basestring(key) if key.__class__ is str else _key_text(key)}: {dumps(item, inner)}"
        for key, item in value.items()
    ]
    return f"{{\n{inner}" + f",\n{inner}".join(members) + f"\n{indent}}}"


def _sequence(value: list[Any] | tuple[Any, ...], indent: str) -> str:
    if not value:
        return "[]"
    inner = indent + INDENT
    return f"[\n{inner}" + f",\n{inner}".join([dumps(item, inner) for item in value]) + f"\n{indent}]"


def _other(value: Any, indent: str) -> str:
    """A value of any other type, checked in the standard library's order (str and int subclasses...)."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, list | tuple):
        return _sequence(value, indent)
    if isinstance(value, dict):
        return _mapping(value, indent)
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def _float_text(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (_INFINITY, -_INFINITY):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def iter_indented(
    value: Any, indent: str = "", *, stream_levels: int = 2, write: Callable[[Any, str], str] = dumps
) -> Iterator[str]:
    """`dumps(value)` in pieces: each member of the outer `stream_levels` levels of lists and
    mappings is made when the piece before it has been taken, and written by `write` (`dumps`,
    or `lean_dumps` for a value without floats)."""
    if stream_levels <= 0 or not isinstance(value, list | tuple | dict) or not value:
        yield write(value, indent)
        return
    inner = indent + INDENT
    if isinstance(value, dict):
        opening, closing = "{", "}"
        members = ((f"{_key_text(key)}: ", item) for key, item in value.items())
    else:
        opening, closing = "[", "]"
        members = (("", item) for item in value)
    yield opening
    separator = "\n"
    for key, item in members:
        yield f"{separator}{inner}{key}"
        yield from iter_indented(item, inner, stream_levels=stream_levels - 1, write=write)
        separator = ",\n"
    yield f"\n{indent}{closing}"


def _key_text(key: Any) -> str:
    """A mapping's key as the standard library writes it (`1` as `"1"`; a bad key raises its TypeError)."""
    if isinstance(key, str):
        return encode_basestring(key)
    if isinstance(key, float):
        return encode_basestring(_float_text(key))
    if key is True or key is False or key is None:
        return f'"{dumps(key)}"'
    if isinstance(key, int):
        return encode_basestring(int.__repr__(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")
