"""Candidates as YAML stubs to paste into events.yaml, or as JSON for programs.

Both are written by their libraries (PyYAML's safe dumper, json), never by joining strings:
the article's text is untrusted. Every text field was already made one clean line (control
characters and bidirectional overrides replaced), so the output is safe on a terminal.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from sinotime.dates import HINT, DateSyntaxError, FuzzyDate, parse_date
from sinotime.extract.model import Candidate, Extraction, Kind
from sinotime.fields import SLUG_PATTERN

PUBLISHED_HINT = "write a day 2019-06-18, a month 2014-06, a year 2018 or a window [2023-04-13..2023-05-24]"


def parse_published(text: str) -> FuzzyDate:
    """The publication date: any sinotime date with a latest day (not an open window)."""
    try:
        published = parse_date(text.strip())
    except DateSyntaxError as error:
        hint = PUBLISHED_HINT if error.hint == HINT else error.hint
        raise DateSyntaxError(error.message, hint) from None
    if published.latest is None:
        raise DateSyntaxError(
            f"{text.strip()!r} is an open window: a publication date needs a latest day",
            "give a window such as [2023-04-13..2023-05-24]",
        )
    return published


def check_source(source: str | None) -> str | None:
    """A source id must be a slug, as in events.yaml."""
    if source is not None and not re.fullmatch(SLUG_PATTERN, source):
        raise ValueError(f"{source!r} is not a source id: use lowercase letters, digits and single hyphens")
    return source


def _note(candidate: Candidate, published: FuzzyDate) -> str:
    return (
        f'Proposed by sinotime extract (rule {candidate.rule}) from "{candidate.phrase}", published '
        f"{published.text.strip()}; check it against the article."
    )


def _with_source(entry: dict[str, Any], source: str | None) -> dict[str, Any]:
    return entry | ({"source": source} if source else {})


def event_stub(candidate: Candidate, extraction: Extraction) -> dict[str, Any]:
    """One event in the shape of events.yaml, with the candidate as a plan or an outcome."""
    source, published = extraction.source, extraction.published
    stub: dict[str, Any] = {"cites": [_with_source({}, source) | {"quote": candidate.sentence}]}
    if candidate.kind is Kind.PLAN:
        plan = {
            "target": candidate.date.text,
            "wording": candidate.wording,
            "announced": published.text.strip(),
        }
        stub["plans"] = [_with_source(plan, source) | {"note": _note(candidate, published)}]
    else:
        outcome = {"date": candidate.date.text, "wording": candidate.wording}
        stub["outcome"] = _with_source(outcome, source) | {"note": _note(candidate, published)}
    return stub


def render_yaml(extraction: Extraction) -> str:
    """`events:` with one stub per candidate; ids, titles and kinds are the curator's to add."""
    events = [event_stub(candidate, extraction) for candidate in extraction.candidates]
    # libyaml's emitter where PyYAML has it, 30 times faster than PyYAML's Python one (1,000 stubs
    # took 3 s); the same stubs (tests/test_extract), though it writes characters beyond the BMP
    # as they are where the Python emitter escapes them.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump({"events": events}, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)


def candidate_json(candidate: Candidate) -> dict[str, Any]:
    latest = candidate.date.latest
    return {
        "kind": str(candidate.kind),
        "edtf": candidate.date.text,
        "earliest": candidate.date.earliest.isoformat(),
        "latest": latest.isoformat() if latest else None,
        "phrase": candidate.phrase,
        "start": candidate.start,
        "end": candidate.end,
        "rule": candidate.rule,
        "wording": candidate.wording,
        "sentence": candidate.sentence,
    }


def render_json(extraction: Extraction) -> str:
    """The publication date, the source and every candidate with its bounds and offsets."""
    document = {
        "published": extraction.published.text.strip(),
        "source": extraction.source,
        "candidates": [candidate_json(c) for c in extraction.candidates],
        "left_out": extraction.left_out,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
