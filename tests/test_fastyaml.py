"""The fast path (rapidyaml's JSON) reads exactly the data our reader reads, or leaves the file to
our reader: on random documents, friendly and hostile, and on every file we ship or generate."""

from __future__ import annotations

import sys
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sinotime import fastyaml
from sinotime.fastyaml import fast_read
from sinotime.yamlreader import MAX_DEPTH, MAX_SCALAR, YamlReader

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

from generate import make_timeline, sinotime_yaml

ROOT = Path(__file__).parent.parent
FIXTURES = sorted((ROOT / "tests" / "data").glob("*.yaml"))


def our_reading(text: str) -> tuple[Any, bool]:
    """What our reader reads, and whether it found no problem."""
    reader = YamlReader("test.yaml", budget=10_000_000)
    data = reader.read(text)
    return data, not reader.problems


def assert_same_or_left_to_our_reader(text: str) -> Any:
    """fast_read's data is our reader's whenever it answers; what it answered."""
    fast = fast_read(text)
    if fast is not None:
        data, clean = our_reading(text)
        assert clean, f"our reader has problems with a text the fast path read:\n{text}"
        assert fast == data
        assert _types(fast) == _types(data)
    return fast


def _types(value: Any) -> Any:
    """The value's shape with the type of every part (True == 1 would hide a boolean)."""
    if isinstance(value, dict):
        return {key: _types(each) for key, each in value.items()}
    if isinstance(value, list):
        return [_types(each) for each in value]
    return type(value).__name__


# -- random documents ------------------------------------------------------------------------

WORDS = [
    "plain", "two words", "Harbin", "哈尔滨", "Хабаровск", "café", "😀", "2014-06-01", "2014-06",
    "12:30", "2014-06-01T10:00:00Z", "0", "7", "-3", "+1", "007", "0x1F", "0o17", "1_000", "1.5",
    ".5", "5.", "-.5", "1e5", "1.e5", "1E+3", "0.0", "1.0", ".inf", "-.Inf", ".nan", "NaN",
    "Infinity", "true", "false", "True", "FALSE", "yes", "No", "on", "off", "y", "n", "null",
    "Null", "NULL", "~", "", " ", "a: b", "a #b", "a#b", "- x", "? x", "x,y", "[x]", "{x}", "'q'",
    '"dq"', "it's", "back\\slash", "tab\there", "line\nbreak", "two\n\nbreaks", "*star", "&amp",
    "!bang", "@at", "`tick", "%pct", "|bar", ">gt", "<<", "=", "---", "...", "trailing ",
    " leading", "a  b", "\u00a0nbsp", "\u2028ls", "\x85nel", "\x07bell", "\ufeffbom", "ü\u0308",
    ".Inf", ".INF", "+.inf", ".NaN", ".NAN", "0b101", "-0x1f", "1_0.5", "0.5e-3", "1e+5", "+.5",
    "-0", "00.5", "+0.5", "]", "}x", ",x", "%x", "#x", "x #", "|", ">",
    "https://example.org/a?b=c&d=e#f", "Ли Вэй: «цитата»", "x" * 30,
]  # fmt: skip

SAFE_WORDS = [w for w in WORDS if w.strip() == w and w and w[0].isalnum() and ": " not in w and " #" not in w]
SAFE_WORDS = [w for w in SAFE_WORDS if "\n" not in w and "\t" not in w and w.isprintable()]

scalar_texts = st.one_of(
    st.sampled_from(WORDS),
    st.lists(st.sampled_from(WORDS), min_size=2, max_size=4).map(" ".join),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12),
)
plain_texts = st.one_of(
    st.sampled_from(SAFE_WORDS),
    st.lists(st.sampled_from(SAFE_WORDS), min_size=2, max_size=4).map(" ".join),
    scalar_texts,
)


def double_quoted(text: str) -> str:
    escapes = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\x07": "\\a", "\x85": "\\N"}
    return '"' + "".join(escapes.get(c, c if c.isprintable() else f"\\u{ord(c):04x}") for c in text) + '"'


@st.composite
def scalars(draw: st.DrawFn, indent: int, friendly: bool) -> str:
    """A scalar in one of YAML's five styles (the text may not be valid in every style: fine)."""
    style = draw(st.sampled_from(["plain", "plain", "single", "double", "double", "literal", "folded"]))
    if style == "plain":
        return draw(safe_plain_texts if friendly else plain_texts)
    text = draw(scalar_texts)
    if style == "single" and (text.isprintable() or not friendly):
        return "'" + text.replace("'", "''") + "'"
    if style in ("single", "double"):
        return double_quoted(text)
    pad = " " * (indent + 2)
    header = draw(st.sampled_from(["", "-", "+", "2", "-2"]))
    lines = draw(st.lists(st.sampled_from([*WORDS[:40], "", "  indented"]), min_size=1, max_size=4))
    body = "".join(f"\n{pad}{line}" if line else "\n" for line in lines)
    return ("|" if style == "literal" else ">") + header + body


safe_plain_texts = st.one_of(
    st.sampled_from(SAFE_WORDS), st.lists(st.sampled_from(SAFE_WORDS), min_size=2, max_size=4).map(" ".join)
)
safe_keys = st.one_of(
    st.builds("{}{}".format, st.sampled_from(SAFE_WORDS), st.integers(0, 999)),
    st.sampled_from(["id", "title", "when", "kind", "a", "b", "1", "true", "date", "tags", "notes"]),
    st.builds("'{}{}'".format, st.sampled_from(["q", "it''s", "x: y", "~"]), st.integers(0, 999)),
)
hostile_keys = st.sampled_from(["null", "~", "<<", "*x", "? k", "", "&k k", "!!str k", "[k]", *WORDS])
decorations = st.sampled_from(["&a ", "*a", "!!str ", "!x ", "!!null ", "&b ", "!!map ", "!!int "])
spacing = st.sampled_from(["", "", "", " ", "  ", "   # note", " #"])


@st.composite
def flow_nodes(draw: st.DrawFn, depth: int, friendly: bool) -> str:
    """A node in flow style: `[a, b]`, `{a: b}` or a scalar."""
    choice = draw(st.integers(0, 4 if depth < 3 else 2))
    if choice <= 2:
        plain = draw(safe_plain_texts if friendly else plain_texts)
        text = draw(st.sampled_from([plain, double_quoted(draw(scalar_texts))]))
        return ("" if friendly or draw(st.integers(0, 5)) else draw(decorations)) + text
    items = draw(st.lists(flow_nodes(depth + 1, friendly), max_size=3))
    if choice == 3:
        return "[" + ", ".join(items) + "]"
    key_texts = safe_keys if friendly else st.one_of(safe_keys, hostile_keys)
    return "{" + ", ".join(f"{draw(key_texts)}: {item}" for item in items) + "}"


@st.composite
def block_nodes(draw: st.DrawFn, indent: int, depth: int, friendly: bool) -> list[str]:
    """A node in block style, as the lines that follow its key or dash (first line: same line)."""
    choice = 4 if friendly and depth == 0 else draw(st.integers(0, 5 if depth < 4 else 2))
    decoration = "" if friendly or draw(st.integers(0, 5)) else draw(decorations)
    if choice == 0:
        return [" " + draw(flow_nodes(depth, friendly))]
    if choice <= 2:
        return [" " + decoration + draw(scalars(indent, friendly))]
    pad = " " * indent
    lines: list[str] = [decoration.rstrip() and " " + decoration.rstrip()]
    key_texts = safe_keys if friendly else st.one_of(safe_keys, hostile_keys)
    for _ in range(draw(st.integers(1, 4))):
        value = draw(block_nodes(indent + 2, depth + 1, friendly))
        lead = f"{pad}-" if choice == 3 else f"{pad}{draw(key_texts)}:"
        lines.append(lead + value[0] + draw(spacing))
        lines.extend(value[1:])
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", f"{pad}# a comment", "   "])))
    return lines


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A document: three in four a mapping of the kind we read, else with anything at all in it."""
    friendly = draw(st.integers(0, 3)) > 0
    lines = draw(block_nodes(0, 0, friendly))
    heads = ["", "# top\n", "\n\n", "---\n", "--- # doc\n"]
    tails = ["", "\n", "...\n", "# end"]
    head = draw(st.sampled_from(heads if friendly else [*heads, "%YAML 1.1\n---\n", "--- !!map\n"]))
    tail = draw(st.sampled_from(tails if friendly else [*tails, "---\n", "--- x\n"]))
    if lines[0].strip() and not lines[0].startswith(" &") and not lines[0].startswith(" !"):
        body = lines[0].lstrip() + "\n"  # a scalar or flow document
    else:
        body = "".join(line + "\n" for line in lines[1:])
    return head + body + tail


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_the_fast_path_reads_what_our_reader_reads_or_leaves_the_file_to_it(text: str) -> None:
    assert_same_or_left_to_our_reader(text)


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 :-#'\"\\[]{},&*!|>?\n.~é\t")), max_size=40))
def test_any_text_at_all_is_read_as_our_reader_reads_it_or_left_to_it(text: str) -> None:
    assert_same_or_left_to_our_reader(text)


# -- what our reader treats specially is left to it ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # an alias
        "a: 1\nb: 2\na: 3\n",  # a duplicate key
        "a: !!str 1\n",  # a tag, even an allowed one
        "a: !!null x\n",
        "a: ~\n",  # plain nulls: the JSON does not say how they were written
        "a: NULL\n",
        "a: null\n",
        "a:\n",
        "b: [x, null]\n",
        "~: a\n",
        "<<: {a: 1}\n",  # a merge key
        "a: .5\n",  # a float rapidyaml writes as 0.5
        "a: 1.\n",
        "a: 1\n---\nb: 2\n",  # two documents
        "%YAML 1.1\n---\na: 1\n",  # a directive
        "- a\n- b\n",  # not a mapping
        "a: b: c\n",  # a syntax error
        "a:\tb\n",  # a tab
        "a: 1\r\nb: 2\r\n",  # carriage returns
        "a: \x07\n",  # a character our reader refuses
        "a: x\u2028y\n",  # a line break in YAML 1.1 only
        "a: @x\n",  # libyaml refuses @ at the start of a plain value
        "k" * 1025 + ": v\n",  # a plain key longer than libyaml reads
        "{id: plain, line\nbreak: plain}\n",  # a key over two lines in a flow mapping
        "",
        "a: [" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n",  # nesting deeper than our limit
    ],
)
def test_what_our_reader_treats_specially_is_left_to_it(text: str) -> None:
    assert fast_read(text) is None


@pytest.mark.parametrize("depth", [MAX_DEPTH, MAX_DEPTH + 1, MAX_DEPTH + 2])
def test_nesting_is_read_fast_up_to_our_limit_and_left_to_our_reader_beyond(depth: int) -> None:
    block = "".join(" " * level + f"k{level}:\n" for level in range(depth)) + " " * depth + "v\n"
    flow = "a: " + "[" * (depth - 1) + "v" + "]" * (depth - 1) + "\n"
    dashes = "a:\n" + "- " * (depth - 1) + "v\n"
    empty = "a: " + "[" * (depth - 1) + "]" * (depth - 1) + "\n"  # rapidyaml's emitter lets this pass
    for text in (block, flow, dashes, empty):
        assert (assert_same_or_left_to_our_reader(text) is not None) == (depth <= MAX_DEPTH)


def test_a_value_longer_than_our_limit_is_left_to_our_reader() -> None:
    assert fast_read(f"a: {'x' * (MAX_SCALAR + 1)}\n") is None
    assert fast_read(f"a: {'x' * MAX_SCALAR}\n") is not None


def test_without_rapidyaml_our_reader_reads_every_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastyaml, "ryml", None)
    assert fast_read("a: 1\n") is None


def test_numbers_and_booleans_are_kept_as_the_text_they_were_written_as() -> None:
    text = "a: 1\nb: -1.5e3\nc: true\nd: false\ne: 'null'\nf: [1, true, ~x, '', 2018]\n"
    assert assert_same_or_left_to_our_reader(text) == {
        "a": "1",
        "b": "-1.5e3",
        "c": "true",
        "d": "false",
        "e": "null",
        "f": ["1", "true", "~x", "", "2018"],
    }


def test_short_values_are_kept_once_as_our_reader_keeps_them() -> None:
    fast = fast_read("a: [Harbin, Harbin]\nb: {c: Harbin}\n")
    assert fast is not None
    assert fast["a"][0] is fast["a"][1] is fast["b"]["c"]


# -- the files we ship and generate take the fast path ---------------------------------------


@pytest.mark.parametrize("path", [ROOT / "events.yaml", *FIXTURES], ids=lambda path: path.name)
def test_every_valid_file_we_ship_takes_the_fast_path(path: Path) -> None:
    assert find_spec("ryml"), "rapidyaml is not installed: pip install -c requirements/lock.txt -e ."
    assert assert_same_or_left_to_our_reader(path.read_text(encoding="utf-8")) is not None


def test_the_benchmarks_generated_timeline_takes_the_fast_path() -> None:
    text = sinotime_yaml(make_timeline(300))
    assert assert_same_or_left_to_our_reader(text) is not None
