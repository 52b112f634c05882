"""How many of the dates curated from the five seed articles `sinotime extract` proposes.

    .venv/bin/python benchmarks/extract_recall.py [--events events.yaml] [--seeds ../shared/seeds]

For every source of the events file that names a seed article (`seed:`), extract is run on
that article with the source's `published` date (a day, or a window for 002 and 004). Each
plan target and outcome date (other_reports included) citing that source is then looked for
among the candidates: it is found when a candidate has the same earliest and the same latest
day. Plans without a target ("soon") are not counted. It prints Markdown: the recall, what
was missed, and the candidates that match no curated date. docs/extract.md keeps the results.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sinotime.dates import FuzzyDate
from sinotime.extract import Candidate, extract
from sinotime.loading import load_events
from sinotime.models import EventsFile

ROOT = Path(__file__).resolve().parent.parent
Bounds = tuple[date, date | None]


@dataclass(frozen=True, slots=True)
class Curated:
    """A date in events.yaml that a seed article is the source of."""

    seed: str
    event: str
    role: str  # plan, outcome or other report
    date: FuzzyDate
    wording: str


@dataclass(frozen=True, slots=True)
class Recall:
    found: list[Curated]
    missed: list[Curated]
    unmatched: list[tuple[str, Candidate]]  # (seed, candidate)

    @property
    def ratio(self) -> float:
        total = len(self.found) + len(self.missed)
        return len(self.found) / total if total else 0.0


def bounds(value: FuzzyDate) -> Bounds:
    return (value.earliest, value.latest)


def curated_dates(data: EventsFile) -> Iterator[Curated]:
    """Every dated plan, outcome and other report whose source is a seed article."""
    seeds = {source.id: source.seed for source in data.sources if source.seed}
    for event in data.events:
        for plan in event.plans:
            if plan.source in seeds and plan.target is not None:
                yield Curated(seeds[plan.source], event.id, "plan", plan.target, plan.wording)
        outcome = event.outcome
        if outcome is None:
            continue
        if outcome.source in seeds and outcome.date is not None:
            yield Curated(seeds[outcome.source], event.id, "outcome", outcome.date, outcome.wording or "")
        for report in outcome.other_reports:
            if report.source in seeds and report.date is not None:
                yield Curated(
                    seeds[report.source], event.id, "other report", report.date, report.wording or ""
                )


def measure(data: EventsFile, seeds_folder: Path) -> Recall:
    """Run extract on every seed article and compare its candidates with the curated dates."""
    curated = list(curated_dates(data))
    found: list[Curated] = []
    missed: list[Curated] = []
    unmatched: list[tuple[str, Candidate]] = []
    for source in sorted((s for s in data.sources if s.seed), key=lambda s: s.seed or ""):
        assert source.seed is not None
        text = (seeds_folder / source.seed).read_text(encoding="utf-8")
        candidates = extract(text, source.published.text, source=source.id).candidates
        proposed = {bounds(c.date) for c in candidates}
        mine = [c for c in curated if c.seed == source.seed]
        for item in mine:
            (found if bounds(item.date) in proposed else missed).append(item)
        wanted = {bounds(item.date) for item in mine}
        unmatched.extend((source.seed, c) for c in candidates if bounds(c.date) not in wanted)
    return Recall(found, missed, unmatched)


def render(recall: Recall) -> str:
    total = len(recall.found) + len(recall.missed)
    lines = [
        f"Recall of exact bounds: **{len(recall.found)} of {total}** article-sourced dates "
        f"({recall.ratio:.1%}).",
        "",
        "Missed:",
        "",
        *(f'- {m.seed[:3]} `{m.event}` ({m.role}) `{m.date.text}`, "{m.wording}"' for m in recall.missed),
        "",
        f"Candidates that match no curated date: {len(recall.unmatched)}",
        "",
        "| seed | phrase | rule | kind | date |",
        "|---|---|---|---|---|",
        *(
            f"| {seed[:3]} | {c.phrase} | {c.rule} | {c.kind} | `{c.date.text}` |"
            for seed, c in recall.unmatched
        ),
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=Path, default=ROOT / "events.yaml")
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    options = parser.parse_args(argv)
    data = load_events(options.events, today=date.max)
    sys.stdout.write(render(measure(data, options.seeds)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
