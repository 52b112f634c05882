"""The chart measures its labels with a glyph width table; it must be the fonts' own widths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from glyph_support import BLOCKS, fonts_present, measured, table_source
from sinotime.page.glyph_widths import BOLD, REGULAR
from sinotime.page.text_width import shorten, text_width, wrap

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
