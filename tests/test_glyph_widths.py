"""The chart measures its labels with a glyph width table; it must be the fonts' own widths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glyph_support import BLOCKS, fonts_present, measured, table_source
from sinotime.page.glyph_widths import BOLD, REGULAR
from sinotime.page.text_width import ELLIPSIS, WORDS, shorten, text_width, wrap

needs_fonts = pytest.mark.skipif(
    not fonts_present() and not os.environ.get("CI"),
    reason="the DejaVu and Liberation fonts are not installed (.ci/run installs them)",
)


@needs_fonts
def test_the_table_is_the_widest_of_the_fonts_for_every_character_it_lists() -> None:
    committed = Path(__file__).parent.parent / "src" / "sinotime" / "page" / "glyph_widths.py"
    assert committed.read_text(encoding="utf-8") == table_source(), (
        "regenerate: python tests/glyph_support.py > src/sinotime/page/glyph_widths.py"
    )


def test_every_listed_block_is_in_both_weights() -> None:
    assert [first for first, _ in BLOCKS] == list(REGULAR) == list(BOLD)


@needs_fonts
def test_a_line_measures_as_the_sum_of_its_glyphs_and_bold_is_wider() -> None:
    text = "Construction of the Heihe–Blagoveshchensk cableway"
    expected = sum(measured(ord(char), "REGULAR") for char in text) * 11.5 / 1000
    assert text_width(text, 11.5) == pytest.approx(expected)
    assert text_width(text, 11.5, bold=True) > text_width(text, 11.5)


def test_unknown_characters_count_as_a_full_em_and_combining_marks_as_none() -> None:
    assert text_width("黑河", 10) == 20
    assert text_width("e\u0301", 10) == text_width("e", 10)


def test_text_is_shortened_only_at_a_word_boundary() -> None:
    title = "Construction of the Heihe–Blagoveshchensk cableway begins"
    room = text_width("Construction of the Heihe–Blago", 11.5)
    assert shorten(title, room, 11.5) == "Construction of the Heihe–…"
    assert shorten(title, 1000, 11.5) == title
    assert shorten(title, 5, 11.5) == ""


def test_wrapped_lines_fit_their_room_and_keep_every_word_until_the_last_line() -> None:
    title = "Tongjiang–Nizhneleninskoye railway bridge opens to traffic (first freight train)"
    room = 200.0
    lines = wrap(title, room, 11.5, 2)
    assert len(lines) == 2
    assert all(text_width(line, 11.5) <= room for line in lines)
    assert lines[1].endswith("…")
    assert title.startswith((lines[0] + " " + lines[1].removesuffix("…")).replace("– ", "–"))
    assert wrap("short", room, 11.5, 2) == ["short"]


# --- measuring each candidate line once gives the lines that measuring it whole gives -----------


def _plain_width(text: str, size: float, bold: bool) -> float:
    """A line measured whole, glyph by glyph, as the chart measured every candidate before."""
    return sum(text_width(char, 1000, bold=bold) for char in text) * size / 1000


def _plain_run(pieces: list[str], room: float, size: float, bold: bool, tail: str) -> str:
    kept = ""
    for piece in pieces:
        if _plain_width((kept + piece).rstrip() + tail, size, bold) > room:
            break
        kept += piece
    return kept


def _plain_wrap(text: str, room: float, size: float, lines: int, bold: bool) -> list[str]:
    result: list[str] = []
    rest = text.strip()
    while rest and len(result) < lines - 1:
        line = _plain_run([p for p in WORDS.split(rest) if p], room, size, bold, "")
        if not line:
            break
        result.append(line.rstrip())
        rest = rest[len(line) :].strip()
    if rest:
        result.append(_plain_shorten(rest, room, size, bold) or _plain_cut(rest, room, size, bold))
    return result


def _plain_shorten(text: str, room: float, size: float, bold: bool) -> str:
    if _plain_width(text, size, bold) <= room:
        return text
    kept = _plain_run([p for p in WORDS.split(text) if p], room, size, bold, ELLIPSIS)
    return kept.rstrip() + ELLIPSIS if kept.strip() else ""


def _plain_cut(text: str, room: float, size: float, bold: bool) -> str:
    kept = ""
    for char in text:
        if _plain_width(kept + char + ELLIPSIS, size, bold) > room:
            break
        kept += char
    return kept + ELLIPSIS


LINE_TEXT = st.text(alphabet=st.sampled_from(list("aW iI-–/.,é\u0301黑\u3000\t\xa0")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(LINE_TEXT, st.data(), st.sampled_from([11.5, 13]), st.booleans())
def test_wrapping_measures_each_piece_once_and_breaks_where_measuring_each_line_whole_does(
    text: str, data: st.DataObject, size: float, bold: bool
) -> None:
    # Rooms at the edges that matter: just as wide as some start of the text, with and without
    # the ellipsis, a hair either side.
    start = text[: data.draw(st.integers(0, len(text)))] + data.draw(st.sampled_from(["", ELLIPSIS]))
    room = _plain_width(start, size, bold) + data.draw(st.sampled_from([-0.01, 0.0, 0.01]))
    assert wrap(text, room, size, 3, bold=bold) == _plain_wrap(text, room, size, 3, bold)
    assert shorten(text, room, size, bold=bold) == _plain_shorten(text, room, size, bold)
