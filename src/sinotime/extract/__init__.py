"""`sinotime extract`: candidate plans and outcomes from an article, dated by curation rules.

The library call is `extract(text, published, source=...)`; `render_yaml` and `render_json`
print what it finds. The rules are those of docs/curation.md; docs/extract.md lists them.
"""

from __future__ import annotations

from sinotime.extract.find import candidates
from sinotime.extract.model import Candidate, Extraction, Kind
from sinotime.extract.render import check_source, parse_published, render_json, render_yaml

__all__ = ["Candidate", "Extraction", "Kind", "extract", "parse_published", "render_json", "render_yaml"]


def extract(text: str, published: str, *, source: str | None = None) -> Extraction:
    """The candidates of an article published on `published` (a day, a month, a window...)."""
    date = parse_published(published)
    return Extraction(date, check_source(source), tuple(candidates(text, date)))
