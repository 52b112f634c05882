"""The report's JSON writer gives exactly the bytes of `json.dumps(indent=2, ensure_ascii=False)`
on random values, whole or in pieces, and makes the members of its outer levels as they are taken;
its lean path (orjson) gives the same bytes on every value without floats."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinotime.report.indented_json import dumps, iter_indented, lean_dumps

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()  # NaN and the infinities too, which json writes as NaN and Infinity
    | st.text()  # every character, controls and surrogates included
)
KEYS = st.text() | st.integers() | st.floats() | st.booleans() | st.none()
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(KEYS, inner, max_size=5)
    ),
    max_leaves=40,
)


def standard(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def written(value: Any, levels: int = 2) -> str:
    return "".join(iter_indented(value, stream_levels=levels))


@settings(max_examples=400, deadline=None)
@given(VALUES, st.integers(min_value=0, max_value=4))
def test_the_pieces_join_into_the_standard_librarys_text(value: Any, levels: int) -> None:
    assert written(value, levels) == standard(value)


# What the report holds: text, integers, booleans and None in lists and mappings, no float.
NO_FLOATS = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(st.text() | st.integers() | st.booleans() | st.none(), inner, max_size=5)
    ),
    max_leaves=40,
)


@settings(max_examples=400, deadline=None)
@given(NO_FLOATS, st.sampled_from(["", "  ", "    ", "      "]))
def test_the_lean_path_writes_the_same_text_as_the_standard_library(value: Any, indent: str) -> None:
    assert lean_dumps(value, indent) == dumps(value, indent)
    assert lean_dumps(value) == standard(value)
    assert "".join(iter_indented(value, write=lean_dumps)) == standard(value)


def test_what_orjson_refuses_the_lean_path_writes_as_the_standard_library_does() -> None:
    for value in ["\ud800 alone", 2**64, -(2**70), {1: "one", None: [True]}, {"a": {2.5: "b"}}]:
        assert lean_dumps(value, "  ") == dumps(value, "  ")
        assert lean_dumps(value) == standard(value)


class Colour(StrEnum):
    RED = "red"


def test_text_and_number_subclasses_are_written_as_their_values() -> None:
    value = {Colour.RED: [Colour.RED, True, 3], "nested": [{Colour.RED: [Colour.RED]}]}
    assert written(value, levels=4) == standard(value)
    assert lean_dumps(value) == standard(value)
    assert lean_dumps(value["nested"], "  ") == dumps(value["nested"], "  ")


class Lazy(list[int]):
    """A list that makes its items as they are asked for, as the report's events are."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size
        self.made = 0

    def __len__(self) -> int:
        return self.size

    def __iter__(self) -> Any:
        for number in range(self.size):
            self.made += 1
            yield number


def test_the_outer_levels_are_made_one_member_at_a_time() -> None:
    lazy = Lazy(3)
    pieces = iter_indented({"events": lazy})
    written = ""
    while "0" not in written:
        written += next(pieces)
    assert lazy.made == 1
    assert written + "".join(pieces) == standard({"events": [0, 1, 2]})


@pytest.mark.parametrize("value", [object(), {object(): 1}, [{1, 2}]])
def test_what_json_cannot_write_is_refused_as_json_refuses_it(value: Any) -> None:
    with pytest.raises(TypeError) as ours:
        written(value)
    with pytest.raises(TypeError) as theirs:
        standard(value)
    assert str(ours.value) == str(theirs.value)
