"""Datelines: where and when a news agency filed a story, never a date of what it reports.

"HARBIN, June 18 (Xinhua) -- As bilateral trade ...", "VLADIVOSTOK, Russia, Sept 5 (Reuters) -",
"ХАБАРОВСК, 2 марта. /ТАСС/.", "新华社哈尔滨6月18日电": the day in them is the day the story
was sent, which `--published` already gives, so a date phrase inside one proposes nothing.
A dateline opens a line: a place in capitals, then the day, then the agency or a dash.
"""

from __future__ import annotations

import re

_LATIN_PLACE = r"[A-Z][A-Z.'’\- ]{1,40}(?:,[ \t]*[A-Z][A-Za-z.'’\- ]{1,40}){0,2}"
_CYRILLIC_PLACE = r"[А-ЯЁ][А-ЯЁ.\- ]{1,40}"
# "June 18", "Sept. 5, 2019", "2 марта", "5 Sep": a day and a month, and no other words
_DAY = (
    r"(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?|\d{1,2}[ \t]+[A-Za-zа-яё]{3,9}\.?(?:[ \t]+\d{4})?)"
)
_AGENCY = r"\([^()\n]{2,40}\)|/[^/\n]{2,40}/"  # (Xinhua), (Reuters), /ТАСС/
_DASH = r"--|[-–—]"

DATELINE = re.compile(
    rf"^[ \t]*(?:{_LATIN_PLACE}|{_CYRILLIC_PLACE}),[ \t]*{_DAY}[ \t.]*"
    rf"(?:(?:{_AGENCY})[ \t.]*(?:{_DASH})?|(?:{_DASH}))"
    r"|^[ \t]*(?:新华社|中新社|中新网|人民网|央视网)[\u4e00-\u9fff]{0,12}\d{1,2}月\d{1,2}日电",
    re.MULTILINE,
)


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """The start and end of every dateline in `text`, in order."""
    return [match.span() for match in DATELINE.finditer(text)]


def in_any(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of `spans` (few: an article has one dateline or so)."""
    return any(first <= start and end <= last for first, last in spans)
