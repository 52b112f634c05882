"""`sinotime extract`: candidate plans and outcomes from an article, dated by curation rules.

The library call is `extract(text, published, source=...)`; `render_yaml` and `render_json`
print what it finds. The rules are those of docs/curation.md; docs/extract.md lists them.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from sinotime.dates import FuzzyDate
from sinotime.extract.find import candidates
from sinotime.extract.model import Candidate, Extraction, Kind
from sinotime.extract.reading import read_article
from sinotime.extract.render import check_source, parse_published, render_json, render_yaml

__all__ = [
    "Candidate",
    "Extraction",
    "Kind",
    "check_source",
    "extract",
    "extract_article",
    "parse_published",
    "render_json",
    "render_yaml",
]


def extract(text: str, published: str, *, source: str | None = None) -> Extraction:
    """The candidates of an article published on `published` (a day, a month, a window...)."""
    date = parse_published(published)
    found, left_out = candidates(text, date)
    return Extraction(date, check_source(source), tuple(found), left_out)


def extract_article(
    article: Path | BinaryIO, name: str, published: FuzzyDate, *, source: str | None, max_bytes: int
) -> Extraction:
    """Read an article (a file, or standard input's bytes) and extract its candidates.

    Raises InputError when it cannot be read, is over `max_bytes` or is not UTF-8.
    """
    text = read_article(article, name, max_bytes=max_bytes)
    found, left_out = candidates(text, published)
    return Extraction(published, check_source(source), tuple(found), left_out)
