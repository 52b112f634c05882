"""The report's Markdown takes a shortcut for text with nothing to clean or escape (most text):
on random text, with every kind of white space, control, bidirectional override and Markdown
character among ordinary words, the shortcut gives what the long way gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sinotime.report.lines import markdown, markdown_escaped, spreadsheet_cell

ORDINARY = "abcXYZ019.,:;'()“”–-+=@é黑龙江Благ"
TROUBLE = (
    " \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000"  # white space
    "\x00\x07\x1b\x7f\x80\x9b\x9f\u202a\u202e\u2066\u2069\u200b\ufeff"  # controls, overrides, zero width
    "\\`*_[]<>#|~&$!"  # Markdown
)
TEXT = st.text(alphabet=st.sampled_from(ORDINARY + " " * 8 + TROUBLE), max_size=40) | st.text(max_size=20)


@settings(max_examples=1000, deadline=None)
@given(TEXT)
def test_markdown_escapes_as_the_long_way_does(text: str) -> None:
    assert markdown(text) == markdown_escaped(text)


def test_the_shortcuts_leave_plain_text_as_it_is_and_the_rest_to_the_long_way() -> None:
    assert markdown("Rail bridge “opens” in 2018, 16 Nov") == "Rail bridge “opens” in 2018, 16 Nov"
    assert markdown("1. a*b") == "1\\. a\\*b"
    assert markdown("- two  spaces") == "\\- two spaces"
    assert spreadsheet_cell("=1+2") == "'=1+2"
    assert spreadsheet_cell(" a\u202eb ") == "a\ufffdb"
