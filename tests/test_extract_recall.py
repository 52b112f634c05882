"""`sinotime extract` proposes at least 90% of the dates events.yaml takes from the seed articles.

The figure itself is printed by benchmarks/extract_recall.py and kept in docs/extract.md.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

from extract_recall import curated_dates, measure

from sinotime.loading import load_events

ROOT = Path(__file__).parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def seeds() -> Path:
    if not any(SEEDS.glob("*.txt")):
        if os.environ.get("CI"):
            pytest.fail("../shared/seeds must be beside the checkout under CI")
        pytest.skip("../shared/seeds is not beside this checkout")
    return SEEDS


def test_at_least_nine_in_ten_curated_dates_are_proposed_with_the_same_bounds(seeds: Path) -> None:
    data = load_events(ROOT / "events.yaml", today=date.max)
    recall = measure(data, seeds)
    assert len(recall.found) + len(recall.missed) == len(list(curated_dates(data))) >= 20
    assert recall.ratio >= 0.9, [(m.event, m.date.text, m.wording) for m in recall.missed]


def test_the_curated_dates_of_article_000_are_all_proposed(seeds: Path) -> None:
    data = load_events(ROOT / "events.yaml", today=date.max)
    missed = [m for m in measure(data, seeds).missed if m.seed.startswith("000")]
    assert missed == []
