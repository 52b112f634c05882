"""The benchmark's synthetic timelines are valid input, as varied as the format allows, and the
same events in yaml2ics's format; the costliest files under the size limit are valid. (The
benchmarks themselves are run by hand: benchmarks/run.py, benchmarks/limit.py.)"""

from __future__ import annotations

import sys
from collections import Counter
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

import limit
from generate import (
    CHANGED_EVENT_TITLE_SUFFIX,
    LAST_DAY,
    changed_copy,
    make_timeline,
    sinotime_yaml,
    yaml2ics_yaml,
)

from sinotime.calendars import placement
from sinotime.dates import Precision
from sinotime.loading import parse_events
from sinotime.models import EventsFile, OutcomeStatus
from sinotime.timeline import build_timeline

TODAY = date(2026, 11, 23)
COUNT = 400


def load(text: str) -> EventsFile:
    return parse_events(text.encode(), "synthetic.yaml", today=TODAY)


def test_the_synthetic_timeline_is_valid_and_as_varied_as_the_format() -> None:
    timeline = make_timeline(COUNT)
    data = load(sinotime_yaml(timeline))
    assert len(data.events) == COUNT
    assert data.last_changed() == LAST_DAY
    dates = [
        when
        for event in data.events
        for when in (
            *(plan.target for plan in event.plans),
            *(plan.announced for plan in event.plans),
            event.outcome.date if event.outcome else None,
        )
        if when is not None
    ]
    assert {when.precision for when in dates} == set(Precision)
    assert any(when.approximate for when in dates) and any(when.uncertain for when in dates)
    assert {event.outcome.status for event in data.events if event.outcome} == set(OutcomeStatus)
    assert max(len(event.plans) for event in data.events) >= 3
    assert any(event.outcome and event.outcome.other_reports for event in data.events)
    assert min(Counter(len(event.source_ids()) for event in data.events)) >= 1
    assert sum(len(event.source_ids()) for event in data.events) / COUNT > 2
    text = " ".join(event.title for event in data.events)
    assert "哈尔滨" in text or "黑河" in text
    assert any("\u0400" <= ch <= "\u04ff" for ch in text)  # Cyrillic
    assert any(event.timezone for event in data.events)


def test_the_same_seed_gives_the_same_bytes() -> None:
    assert sinotime_yaml(make_timeline(50)) == sinotime_yaml(make_timeline(50))
    assert sinotime_yaml(make_timeline(50)) != sinotime_yaml(make_timeline(50, seed=10))


def test_the_changed_copy_differs_in_one_title_and_keeps_the_as_of_day() -> None:
    timeline = make_timeline(COUNT)
    before, after = load(sinotime_yaml(timeline)), load(changed_copy(sinotime_yaml(timeline), timeline))
    differing = [(a, b) for a, b in zip(before.events, after.events, strict=True) if a != b]
    assert len(differing) == 1
    old, new = differing[0]
    assert new.title == old.title + CHANGED_EVENT_TITLE_SUFFIX
    assert after.last_changed() == before.last_changed()


def test_yaml2ics_gets_every_event_in_the_calendar_grid_once() -> None:
    timeline = make_timeline(COUNT)
    data = load(sinotime_yaml(timeline))
    on_grid = {
        entry.event.id
        for entry in build_timeline(data, as_of=data.last_changed())
        if placement(entry.date, _zone(entry.event.timezone)) is not None
    }
    loaded = yaml.load(yaml2ics_yaml(timeline), Loader=yaml.FullLoader)
    uids = [event["uid"].removesuffix("@sinotime") for event in loaded["events"]]
    assert sorted(uids) == sorted(on_grid)
    allowed = {"summary", "uid", "begin", "end", "duration", "timezone", "description", "location", "url"}
    assert all(set(event) <= allowed for event in loaded["events"])


def _zone(name: str | None) -> ZoneInfo:
    return ZoneInfo(name or "Asia/Harbin")


@pytest.mark.parametrize("shape", sorted(limit.SHAPES))
def test_each_costly_shape_fills_its_limit_with_valid_events(shape: str, tmp_path: Path) -> None:
    """benchmarks/limit.py measures valid files (a refused one would look cheap) under the limit."""
    path = tmp_path / f"{shape}.yaml"
    count = limit.write_file(path, shape, 128 * 1024)
    raw = path.read_bytes()
    assert len(raw) <= 128 * 1024
    data = parse_events(raw, path.name, today=date(2026, 11, 27))
    assert len(data.events) == count >= 3
