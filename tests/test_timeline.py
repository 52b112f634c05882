"""Flags say where a plan stands on a given day; fuzzy targets compare by their bounds."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sinotime.loading import parse_events
from sinotime.timeline import Flag, build_timeline, slip_between

FIXTURE = (Path(__file__).parent / "data" / "rail-bridge.yaml").read_bytes()


def with_outcome_removed(raw: bytes) -> bytes:
    text = raw.decode()
    return (
        text[: text.index("    outcome:")].encode() + b'    added: "2026-11-23"\n    changed: "2026-11-23"\n'
    )


def test_the_rail_bridge_opened_late_by_3_years_10_months() -> None:
    timeline = build_timeline(parse_events(FIXTURE, "x", today=date(2026, 11, 23)), as_of=date(2026, 11, 23))
    (entry,) = timeline.entries
    assert entry.flag is Flag.COMPLETED_LATE
    assert entry.slip is not None
    assert entry.slip.words() == "+3 y 10 m"
    assert entry.slip.days == (date(2022, 11, 16) - date(2018, 12, 31)).days


@pytest.mark.parametrize(
    ("as_of", "flag"),
    [(date(2019, 12, 31), Flag.UPCOMING), (date(2020, 1, 1), Flag.OVERDUE)],
)
def test_a_plan_is_overdue_only_after_the_last_day_of_its_latest_target(as_of: date, flag: Flag) -> None:
    data = parse_events(with_outcome_removed(FIXTURE), "x", today=date(2026, 11, 23))
    assert build_timeline(data, as_of=as_of).entries[0].flag is flag


def test_no_slip_when_it_happened_within_the_target() -> None:
    assert slip_between(date(2018, 12, 31), date(2018, 12, 31)) is None
    slip = slip_between(date(2018, 12, 31), date(2019, 1, 13))
    assert slip is not None
    assert slip.words() == "+13 d"


def test_a_report_as_of_a_past_day_shows_what_was_known_then() -> None:
    """As of mid-2019 the bridge had not opened and only the first target had been announced."""
    data = parse_events(FIXTURE, "x", today=date(2026, 11, 23))
    (entry,) = build_timeline(data, as_of=date(2019, 6, 1)).entries
    assert entry.flag is Flag.OVERDUE
    assert [plan.wording for plan in entry.event.plans] == ["in operation in 2018"]
    assert entry.slip is None


def test_an_event_not_yet_announced_on_the_as_of_day_is_not_on_the_timeline() -> None:
    data = parse_events(FIXTURE, "x", today=date(2026, 11, 23))
    assert build_timeline(data, as_of=date(2017, 2, 15)).entries == ()
