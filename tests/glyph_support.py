"""The widths of the chart's glyphs, measured from the fonts a browser is likely to draw them in.

`python tests/glyph_support.py > src/sinotime/page/glyph_widths.py` writes the table the chart
measures its labels with: for each character of the blocks below, the widest advance among
DejaVu Sans and Liberation Sans (metric twin of Arial and Helvetica), regular and bold, in
thousandths of an em. The page's font stack (system-ui, Segoe UI, Roboto, Helvetica Neue, Arial)
sets text no wider than these, so a label measured with the table is never wider on screen.
"""

from __future__ import annotations

import functools
import math
from pathlib import Path

from PIL import ImageFont

FONTS = {
    "REGULAR": (
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
    ),
    "BOLD": (
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
        Path("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ),
}
BLOCKS = (
    (0x0020, 0x017F),  # Basic Latin, Latin-1, Latin Extended-A
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x04FF),  # Cyrillic
    (0x2000, 0x206F),  # General Punctuation
    (0x20A0, 0x20BF),  # Currency Symbols
    (0x2190, 0x21FF),  # Arrows
)
UNITS = 1000


def fonts_present() -> bool:
    return all(path.exists() for paths in FONTS.values() for path in paths)


@functools.cache
def _fonts(weight: str) -> list[ImageFont.FreeTypeFont]:
    return [
        ImageFont.truetype(str(path), UNITS, layout_engine=ImageFont.Layout.BASIC) for path in FONTS[weight]
    ]


def measured(code: int, weight: str) -> int:
    """The widest advance of a character among the fonts of a weight, in thousandths of an em,
    rounded up."""
    return math.ceil(max(font.getlength(chr(code)) for font in _fonts(weight)))


def table_source() -> str:
    lines = [
        '"""Glyph widths for the chart\'s labels, in thousandths of an em (made by tests/glyph_support.py;',
        'do not edit): the widest of DejaVu Sans and Liberation Sans, regular and bold."""',
    ]
    written: dict[tuple[str, ...], str] = {}  # a block's widths -> where they were written first
    for weight in FONTS:
        lines += ["", f"{weight}: dict[int, str] = {{"]
        for first, last in BLOCKS:
            words = tuple(str(measured(code, weight)) for code in range(first, last + 1))
            if words in written:  # the same widths in both weights (arrows): say so, once
                lines.append(f"    0x{first:04X}: {written[words]},")
                continue
            written[words] = f"{weight}[0x{first:04X}]"
            lines.append(f"    0x{first:04X}: (")
            for start in range(0, len(words), 20):
                lines.append(f'        "{" ".join(words[start : start + 20])} "')
            lines.append("    ),")
        lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(table_source(), end="")
