"""A fast path to the plain data `YamlReader` reads: rapidyaml parses in C++ and writes JSON,
`json.loads` builds the data. It answers only when it is sure the answer is the reader's own.

What the JSON does not say is settled before or while it is read, and any doubt answers None so
that the caller reads the file with `YamlReader`, which also reports every problem at its line:
- the text: tags (`!x`), directives (`%`), tabs, carriage returns, the line breaks that only
  YAML 1.1 knows (U+0085, U+2028, U+2029), a byte-order mark, any character our reader refuses,
  and escapes of surrogates or of code points beyond the BMP;
- the parse: anything rapidyaml cannot parse or emit, nesting deeper than `MAX_DEPTH` included
  (we count the levels as we read; its emitter also stops near 64), more than one document,
  a top level that is not a mapping, and JSON that `json.loads` cannot read;
- the values: nulls (the JSON does not say whether `null` or nothing was written, nor `~` from
  `"~"`, and our reader may tell them apart); a value that starts with `*` (an alias comes out
  as its own name) or with an indicator libyaml refuses (`@`, a backquote, `%`, `,`, `]`, `}`);
  a float whose text rapidyaml may have changed (`.5` comes out as `0.5`, `1.` as `1.0`, `.Inf`
  as `.inf`); a value longer than `MAX_SCALAR`;
- the keys: a duplicate, a merge key (`<<`), an empty key (libyaml wants it quoted), a null, one
  that starts with `*` or an indicator, one longer than libyaml's 1024 characters, one with a
  space or a line break (it may span lines, which libyaml refuses).
Numbers and booleans are kept as the text they were written as (`true`, `2018`), as our reader
keeps them, and short values are kept once however often they occur, as the reader's `shared`.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sinotime.yamlreader import MAX_DEPTH, MAX_SCALAR, SHARED_LENGTH, collector_paused

try:
    import ryml
except ImportError:  # pragma: no cover - the dependency is declared; the reader still works without it
    ryml = None

TAG = re.compile(r"(?:^|[\s\[{,:])!", re.MULTILINE)  # where a tag may start, and more
# Escapes of code points libyaml refuses (surrogates, beyond U+10FFFF), and more
DOUBTFUL_ESCAPE = re.compile(r"\\(?:u[dD][89a-fA-F]|U)")
# Characters left to our reader: tabs, carriage returns and YAML 1.1's other line breaks (U+0085,
# U+2028, U+2029), a byte-order mark, and all that libyaml does not allow.
DOUBTFUL_CHARACTER = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
# JSON that may not say what our reader reads: plain `~`, `Null` and `NULL` (nothing to our
# reader) come out as the text a quoted "~" does; an alias as the text `*name`; a value that
# starts with `@` or a backquote, which libyaml refuses; a key that means nothing or merges.
DOUBTFUL_JSON = re.compile(r'"(?:~|Null|NULL|[-+]?\.(?:inf|nan))"')
DOUBTFUL_STARTS = frozenset("*@`%,]}")
# Keys that may not be what our reader reads: nothing, a merge key, and the empty key, which
# libyaml refuses unless quoted; and one longer than libyaml's 1024 characters for a plain key.
DOUBTFUL_KEYS = frozenset(("", "~", "null", "Null", "NULL", "<<"))
LONGEST_KEY = 1024
BOOLEANS = {True: "true", False: "false"}


class _Doubt(Exception):
    """The JSON may not say what our reader would read: leave the file to it."""


def fast_read(text: str) -> dict[str, Any] | None:
    """The mapping `YamlReader.read(text)` returns for a file it has no problem with, or None
    when not sure (the caller then reads `text` with `YamlReader`)."""
    if ryml is None or _doubtful_text(text):
        return None
    try:
        json_text = _json_of(text)
        if json_text is None:
            return None
        with collector_paused():
            data = _Builder().load(json_text)
    except Exception:  # any failure of the fast path is a doubt: our reader decides
        return None
    return data if isinstance(data, dict) else None


def _doubtful_text(text: str) -> bool:
    """Whether the text holds something the JSON would not show: see the module's docstring."""
    if "\t" in text or "\r" in text or text.startswith("%") or "\n%" in text:
        return True
    if "!" in text and TAG.search(text):
        return True
    if "\\" in text and DOUBTFUL_ESCAPE.search(text):
        return True
    return DOUBTFUL_CHARACTER.search(text) is not None


@contextmanager
def _stderr_silenced() -> Iterator[None]:
    """Silence file descriptor 2: rapidyaml prints each error it raises there, and its errors
    are doubts to us, not messages for the user (our reader words the user's)."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as nothing:
            os.dup2(nothing.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _json_of(text: str) -> str | None:
    """The one document's mapping as JSON, written by rapidyaml; None for anything else."""
    with _stderr_silenced():
        tree = ryml.parse_in_arena(text.encode("utf-8"))
        node = tree.root_id()
        if tree.is_stream(node):
            if tree.num_children(node) != 1:
                return None
            node = tree.first_child(node)
        if not tree.is_map(node):
            return None
        json_text: str = ryml.emit_json(tree, node)
    if DOUBTFUL_JSON.search(json_text):
        return None
    return json_text


class _Builder:
    """`json.loads` with the checks and the sharing of short values that make its data ours."""

    def __init__(self) -> None:
        self.shared: dict[str, str] = {}
        self.keys: set[str] = set()
        self.heights: dict[int, int] = {}  # of each mapping read and not yet placed, by id

    def load(self, json_text: str) -> Any:
        data = json.loads(
            json_text,
            object_pairs_hook=self.mapping,
            parse_int=str,
            parse_float=_float_text,
            parse_constant=_refuse,
            strict=False,  # control characters, written by escapes, come out as they are
        )
        if any(_doubtful_key(key) for key in self.keys):
            raise _Doubt("a key")
        return data

    def mapping(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        """A mapping of the JSON once its values are made ours (see `settle`)."""
        mapping = dict(pairs)
        if len(mapping) != len(pairs):
            raise _Doubt("a duplicate key")
        self.keys.update(mapping)
        self.heights[id(mapping)] = self.settle(mapping, pairs)
        return mapping

    def settle(self, container: dict[str, Any] | list[Any], entries: Iterable[tuple[Any, Any]]) -> int:
        """Make the values of a mapping or a list (`entries`: (key or index, value)) ours:
        booleans as text, short values shared; check them, and that the nesting is within our
        reader's limit; how many levels deep they are. (Their mappings are done already:
        `json.loads` builds from the inside out.)"""
        shared = self.shared
        height = 1
        for slot, value in entries:
            kind = value.__class__
            if kind is str:
                if value[:1] in DOUBTFUL_STARTS or len(value) > MAX_SCALAR:
                    raise _Doubt(value[:20])
                if len(value) <= SHARED_LENGTH:
                    container[slot] = shared.setdefault(value, value)
            elif kind is dict:
                height = max(height, self.heights.pop(id(value)) + 1)
            elif kind is list:
                height = max(height, self.settle(value, enumerate(value)) + 1)
            elif kind is bool:
                container[slot] = BOOLEANS[value]
            elif value is None:
                raise _Doubt("null")
        if height > MAX_DEPTH:
            raise _Doubt("nesting")
        return height


def _doubtful_key(key: str) -> bool:
    """A key may not be what our reader reads: see DOUBTFUL_KEYS; and a key with a space or a
    line break in it may have been written over two lines, which rapidyaml reads in a flow
    mapping (`{a: b, long\n key: c}`) and libyaml refuses."""
    return (
        key in DOUBTFUL_KEYS
        or key[:1] in DOUBTFUL_STARTS
        or len(key) > LONGEST_KEY
        or " " in key
        or "\n" in key
    )


def _float_text(text: str) -> str:
    """A float's text, unless rapidyaml may have added its leading or trailing zero."""
    mantissa = text.lstrip("+-").partition("e")[0].partition("E")[0]
    if mantissa.startswith("0.") or mantissa.endswith(".0"):
        raise _Doubt(text)
    return text


def _refuse(text: str) -> Any:
    raise _Doubt(text)
