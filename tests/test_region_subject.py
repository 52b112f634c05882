"""What a new user found adopting sinotime for their own subject (tests/data/region-projects.yaml:
a region's hospital and metro projects): the report shows every description, its sentences end
properly, a slip is said one way and rounded honestly."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest

from sinotime.loading import load_events
from sinotime.report import (
    Filters,
    Report,
    make_report,
    render_csv,
    render_json,
    render_markdown,
    render_text,
)
from sinotime.statuses import slip_between
from sinotime.timeline import build_timeline

REGION = Path(__file__).parent / "data" / "region-projects.yaml"
AS_OF = date(2026, 11, 27)


@pytest.fixture(scope="module")
def report() -> Report:
    return make_report(build_timeline(load_events(REGION, today=AS_OF), as_of=AS_OF), Filters())


def test_the_text_and_markdown_reports_show_an_events_description(report: Report) -> None:
    description = "All wards and the emergency department in use."
    assert "about: All wards and the emergency department in use." in render_text(report, width=200)
    assert "About: All wards and the emergency department in use." in render_markdown(report)
    events = {e["id"]: e for e in json.loads(render_json(report))["events"]}
    assert events["hospital-opens"]["description"] == description
    rows = {row["id"]: row for row in csv.DictReader(render_csv(report).splitlines())}
    assert rows["hospital-opens"]["description"] == description


def test_what_part_happened_ends_its_sentence_before_the_next_one(report: Report) -> None:
    markdown = render_markdown(report)
    assert "Why: In part: the emergency department only; wards follow later. Date:" in markdown
    assert "In part: the emergency department only; wards follow later." in render_text(report, width=300)


def test_a_slip_names_its_target_month_as_the_list_of_events_does(report: Report) -> None:
    for text in (render_markdown(report), render_text(report, width=300)):
        assert "against the first target (June 2025)" in text
        assert "(Jun 2025)" not in text


def test_a_slip_of_two_months_and_29_days_reads_three_months() -> None:
    slip = slip_between(date(2025, 6, 30), date(2025, 9, 29))
    assert slip is not None and (slip.days, slip.words()) == (91, "+3 m")


@pytest.mark.parametrize(
    ("promised", "happened", "words"),
    [
        ((2025, 6, 30), (2025, 7, 12), "+12 d"),  # under a month: days
        ((2025, 6, 30), (2025, 7, 29), "+29 d"),
        ((2025, 6, 30), (2025, 9, 10), "+2 m"),  # 2 months 11 days: the nearest is 2
        ((2025, 6, 30), (2025, 9, 13), "+2 m"),  # 2 months 14 days
        ((2025, 6, 30), (2025, 9, 14), "+3 m"),  # 2 months 15 days: 15 days over count as a month
        ((2024, 1, 1), (2024, 12, 20), "+1 y"),  # 11 months 19 days: a year
        ((2018, 12, 31), (2022, 11, 16), "+3 y 11 m"),
    ],
)
def test_a_slip_is_rounded_to_the_nearest_month(
    promised: tuple[int, int, int], happened: tuple[int, int, int], words: str
) -> None:
    slip = slip_between(date(*promised), date(*happened))
    assert slip is not None and slip.words() == words
