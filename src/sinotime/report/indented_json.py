"""`json.dumps(value, indent=2, ensure_ascii=False)` in a few large pieces, made as they are taken.

`JSONEncoder.iterencode` gives one piece per token: 6.4 million pieces for the report of
10,000 events (62 MB), and the cost of `sinotime report --format json` was in handling them
one by one (escaping each, collecting each into blocks), not in encoding. Here the outer
levels are walked by hand and each member below them is encoded whole by the standard library
and moved to its depth, so the bytes are the same (tests/test_indented_json.py compares them
on random values) and the events of a large report are still made one at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

INDENT = "  "


def dumps(value: Any, indent: str = "") -> str:
    """`value` as indented JSON, its nesting already at `indent`.

    JSON text holds no line break but those between members (a line break in a string is
    written `\\n`), so moving a member to its depth is adding `indent` after each of them.
    """
    text = json.dumps(value, indent=len(INDENT), ensure_ascii=False)
    return text.replace("\n", "\n" + indent) if indent else text


def iter_indented(value: Any, indent: str = "", *, stream_levels: int = 2) -> Iterator[str]:
    """`dumps(value)` in pieces: each member of the outer `stream_levels` levels of lists and
    mappings is made when the piece before it has been taken."""
    if stream_levels <= 0 or not isinstance(value, list | tuple | dict) or not value:
        yield dumps(value, indent)
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
        yield from iter_indented(item, inner, stream_levels=stream_levels - 1)
        separator = ",\n"
    yield f"\n{indent}{closing}"


def _key_text(key: Any) -> str:
    """A mapping's key as the standard library writes it (`1` as `"1"`; a bad key raises its TypeError)."""
    return json.dumps({key: None}, ensure_ascii=False)[1 : -len(": null}")]
