"""Wrapping the text report to a terminal's width: the line-at-a-time paths for text whose
characters take one or two columns each wrap exactly as the word-at-a-time `wrap_any` does."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wcwidth import wcswidth, wcwidth

from sinotime.report import lines as report_lines
from sinotime.report.lines import ONE_COLUMN, TWO_COLUMNS, display_width, wrap, wrap_any, wrap_line
from sinotime.text import terminal_line

ONE_COLUMN_CHARACTERS = [chr(code) for code in range(0x3000) if ONE_COLUMN.fullmatch(chr(code))]
TWO_COLUMN_CHARACTERS = [chr(code) for code in range(0x10000) if TWO_COLUMNS.fullmatch(chr(code))]


def test_wrap_breaks_words_longer_than_a_line_and_counts_wide_characters() -> None:
    assert wrap("a " + "b" * 12, 10, indent="", hang="  ") == ["a", "  bbbbbbbb", "  bbbb"]
    chinese = "黑龙江省哈尔滨市中俄博览会"  # 13 characters, 26 columns
    lines = wrap(chinese, 12, hang="")
    assert [display_width(line) for line in lines] == [12, 12, 2]
    assert "".join(line.strip() for line in lines) == chinese


def test_a_wide_character_that_does_not_fit_starts_the_next_line() -> None:
    assert wrap("ab 黑龙江省", 6, hang="") == ["ab", "黑龙江", "省"]
    assert wrap("abcde黑龙", 6, hang="") == ["abcde", "黑龙"]
    assert wrap("a黑龙", 4, hang="") == ["a黑", "龙"]
    assert wrap("黑龙", 1, hang="") == ["黑", "龙"]  # too narrow for one: one a line, as wrap_any does


def test_the_one_column_characters_take_one_column_each() -> None:
    assert len(ONE_COLUMN_CHARACTERS) > 1000
    for character in ONE_COLUMN_CHARACTERS:
        assert wcwidth(character) == 1, f"U+{ord(character):04X}"
        assert character == " " or not character.isspace(), f"U+{ord(character):04X}"
    assert display_width("".join(ONE_COLUMN_CHARACTERS)) == len(ONE_COLUMN_CHARACTERS)
    assert not ONE_COLUMN.fullmatch("黑河") and not ONE_COLUMN.fullmatch("a\u00a0b")


def test_the_two_column_characters_take_two_columns_each_whatever_stands_beside_them() -> None:
    assert len(TWO_COLUMN_CHARACTERS) > 30_000
    for character in TWO_COLUMN_CHARACTERS:
        assert wcwidth(character) == 2, f"U+{ord(character):04X}"
        assert not character.isspace(), f"U+{ord(character):04X}"
        assert not unicodedata.category(character).startswith(("M", "C")), f"U+{ord(character):04X}"
    both = "".join(TWO_COLUMN_CHARACTERS) + "".join(ONE_COLUMN_CHARACTERS)
    assert wcswidth(both) == 2 * len(TWO_COLUMN_CHARACTERS) + len(ONE_COLUMN_CHARACTERS)
    assert not TWO_COLUMNS.fullmatch("\u3000") and not TWO_COLUMNS.fullmatch("\u302a")


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(" " * 10 + "ab-/:" + "".join(ONE_COLUMN_CHARACTERS)), max_size=120),
    st.integers(min_value=0, max_value=40),
    st.sampled_from(["", " ", "  ", "    ", "- "]),
    st.sampled_from(["", "  ", "    "]),
)
def test_one_column_text_wraps_a_line_at_a_time_as_it_wraps_a_word_at_a_time(
    text: str, width: int, indent: str, hang: str
) -> None:
    assert wrap(text, width, indent=indent, hang=hang) == wrap_any(text, width, indent=indent, hang=hang)


# Mixed scripts as the data has them, and what must not take the line-at-a-time path: combining
# marks (Latin, Cyrillic, kana sound marks, CJK tone marks), joiners, variation selectors, emoji,
# Hangul jamo, zero-width and ambiguous characters, the ideographic and other non-ASCII spaces.
LATIN_AND_CYRILLIC = "abcxyz-/:.,'()“”–éüßабвгдеёжзийЖЯ"
WIDE = "黑龙江省哈尔滨绥芬河中俄博览会，。、《》「」（）：；！？ひらがなカタカナー한국어ＡＢ１２￥"
NOT_SIMPLE = (
    "\u0301\u0483\u3099\u302a\u200d\u200b\ufe0f\ufe0e\u00ad\u00a0\u3000\u2003\u1100\u1161\u11a8"
    "🎉👍🏽🇨🇳\u0e31\u0915\u094d"
)
MIXED_TEXT = st.lists(
    st.one_of(
        st.text(alphabet=st.sampled_from(LATIN_AND_CYRILLIC), min_size=1, max_size=30),
        st.text(alphabet=st.sampled_from(WIDE), min_size=1, max_size=30),
        st.text(alphabet=st.sampled_from(LATIN_AND_CYRILLIC + WIDE), min_size=1, max_size=50),
        st.text(alphabet=st.sampled_from(LATIN_AND_CYRILLIC + WIDE + NOT_SIMPLE), max_size=8),
        st.sampled_from([" ", "  ", " " * 5]),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=1500, deadline=None)
@given(
    MIXED_TEXT,
    st.integers(min_value=0, max_value=40),
    st.sampled_from(["", " ", "  ", "    ", "- ", "黑", "\u3000"]),
    st.sampled_from(["", "  ", "    ", "\u0301"]),
)
def test_mixed_scripts_wrap_a_line_at_a_time_as_they_wrap_a_word_at_a_time(
    text: str, width: int, indent: str, hang: str
) -> None:
    assert wrap(text, width, indent=indent, hang=hang) == wrap_any(text, width, indent=indent, hang=hang)


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        MIXED_TEXT,
        st.text(max_size=200),
        st.lists(st.sampled_from(["\x1b[2J", "\u202e", "\t", "\n", "a 黑"])).map(" ".join),
    ),
    st.integers(min_value=0, max_value=40),
    st.sampled_from(["", "  ", "\u3000", "\x1b"]),
)
def test_untrusted_text_wraps_as_its_clean_line_does(text: str, width: int, indent: str) -> None:
    assert wrap_line(text, width, indent=indent) == wrap(terminal_line(text), width, indent=indent)


def test_chinese_among_english_is_wrapped_a_line_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    def word_at_a_time(*args: object, **kwargs: object) -> list[str]:
        raise AssertionError("measured a word at a time")

    text = "Forum on Far East cooperation held in 绥芬河 (黑龙江日报，“中俄博览会”): Благовещенск"
    word_by_word = wrap_any(text, 24, indent="  ", hang="    ")
    monkeypatch.setattr(report_lines, "wrap_any", word_at_a_time)
    assert wrap(text, 24, indent="  ", hang="    ") == word_by_word
    assert [display_width(line) for line in word_by_word] == [19, 23, 10, 24, 24]
