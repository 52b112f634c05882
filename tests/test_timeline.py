"""Flags say where a plan stands on a given day; fuzzy targets compare by their bounds."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from builders import BUNDLED_KINDS, build
from sinotime.loading import parse_events
from sinotime.models import EventsFile
from sinotime.timeline import (
    Entry,
    Flag,
    build_timeline,
    primary_link,
    slip_between,
    status_changes,
)
from sinotime.words import date_words, duration_words, status_words

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
    assert entry.slip.words() == "+3 y 11 m"
    assert entry.slip.days == (date(2022, 11, 16) - date(2018, 12, 31)).days


@pytest.mark.parametrize(
    ("as_of", "flag"),
    [(date(2019, 12, 31), Flag.SLIPPING), (date(2020, 1, 1), Flag.UNVERIFIED)],
)
def test_a_plan_is_past_due_only_after_the_last_day_of_its_latest_target(as_of: date, flag: Flag) -> None:
    """Moved from 2018 to late 2019, it is slipping until 31 December 2019; then, with no news
    dated after that day, unverified."""
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
    assert entry.flag is Flag.UNVERIFIED
    assert [plan.wording for plan in entry.event.plans] == ["in operation in 2018"]
    assert entry.slip is None


def test_an_event_not_yet_announced_on_the_as_of_day_is_not_on_the_timeline() -> None:
    data = parse_events(FIXTURE, "x", today=date(2026, 11, 23))
    assert build_timeline(data, as_of=date(2017, 2, 15)).entries == ()


# --- what every output says of an event: one set of words, one link ------------------------------


def events_file(*events: dict[str, Any], sources: list[dict[str, Any]] | None = None) -> EventsFile:
    return build(
        {
            "kinds": BUNDLED_KINDS,
            "calendar": {"name": "t", "description": "d"},
            "sources": sources
            or [
                {
                    "id": "old",
                    "publisher": "P",
                    "title": "Plans",
                    "url": "https://a.example/",
                    "published": "2017",
                },
                {
                    "id": "new",
                    "publisher": "Q",
                    "title": "News",
                    "url": "https://b.example/",
                    "published": "2024-05-10",
                },
                {"id": "bare", "publisher": "unknown", "title": "A headline", "published": "2024-05-10"},
            ],
            "events": list(events),
        }
    )


def event(**fields: Any) -> dict[str, Any]:
    return {
        "id": "e",
        "title": "An event",
        "kind": "expo",
        "cites": ["old"],
        "plans": [{"target": "2018", "wording": "in 2018", "announced": "2017-02-16", "source": "old"}],
        "added": "2026-11-20",
        "changed": "2026-11-20",
    } | fields


def entry_of(as_of: date = date(2026, 11, 23), **fields: Any) -> Entry:
    (entry,) = build_timeline(events_file(event(**fields)), as_of=as_of).entries
    return entry


def test_the_rail_bridge_links_to_the_report_of_its_opening_not_to_its_first_plan() -> None:
    data = parse_events(FIXTURE, "x", today=date(2026, 11, 23))
    (event_,) = data.events
    sources = {source.id: source for source in data.sources}
    assert primary_link(event_, sources) == sources["seanews-2022-11-18"].url
    as_planned = event_.model_copy(update={"outcome": None})
    assert primary_link(as_planned, sources) == sources["xinhua-2019-06-18"].url  # the current plan's


def test_a_source_without_an_address_gives_way_to_the_next_that_has_one() -> None:
    data = events_file(event(outcome={"date": "2024-05", "source": "bare"}))
    sources = {source.id: source for source in data.sources}
    (event_,) = data.events
    assert sources["bare"].url is None  # the outcome's source
    assert primary_link(event_, sources) == "https://a.example/"  # the current plan's source
    nothing = events_file(
        event(cites=["bare"], plans=[], outcome={"date": "2024-05", "source": "bare"}),
        sources=[{"id": "bare", "publisher": "unknown", "title": "A headline", "published": "2024-05-10"}],
    )
    assert primary_link(nothing.events[0], {s.id: s for s in nothing.sources}) is None


def test_a_source_of_unknown_publisher_is_named_by_its_headline() -> None:
    named = {source.id: source.display_name for source in events_file(event()).sources}
    assert named == {"old": "P", "new": "Q", "bare": "A headline"}


@pytest.mark.parametrize(
    ("fields", "as_of", "status", "when"),
    [
        (
            {"outcome": {"date": "2022-11-16", "source": "new"}},
            None,
            "Completed late, +3 y 11 m against the first target (2018)",
            "16 November 2022",
        ),
        ({"outcome": {"date": "2016-05", "source": "old"}}, None, "Completed, ahead of target", "May 2016"),
        (
            {"outcome": {"date": "2018-12-31", "source": "old"}},
            None,
            "Completed, on target",
            "31 December 2018",
        ),
        ({}, date(2018, 12, 31), "Planned", "2018"),
        ({}, None, "Past due, no news since 16 February 2017", "due 2018"),
        (
            {"news": [{"date": "2024-05-10", "says": "not done yet", "source": "new"}]},
            None,
            "Overdue since 1 January 2019",
            "due 2018",
        ),
        (
            {"outcome": {"date": "2018", "source": "new", "scope": "half of it"}},
            None,
            "Completed in part",
            "2018",
        ),
        (
            {"outcome": {"date": "2018-06-01/2019-02-01", "source": "new"}},
            None,
            "Completed, on target",  # it began within the target
            "1 June 2018 – 1 February 2019",
        ),
        (
            {"outcome": {"date": "2010/2018", "source": "new"}},
            None,
            "Completed, ahead of target",
            "2010–2018",
        ),
        (
            {"outcome": {"status": "cancelled", "date": "2018", "source": "new"}},
            None,
            "Cancelled",
            "was due 2018",
        ),
        ({"outcome": {"status": "postponed", "source": "new"}}, None, "Postponed", "was due 2018"),
        (
            {"plans": [{"wording": "soon", "announced": "2017-02-16", "source": "old"}]},
            None,
            "Planned, no date",
            None,
        ),
    ],
)
def test_each_status_reads_the_same_in_every_output(
    fields: dict[str, Any], as_of: date | None, status: str, when: str | None
) -> None:
    entry = entry_of(as_of or date(2026, 11, 23), **fields)
    assert (status_words(entry), date_words(entry)) == (status, when)


def test_short_words_abbreviate_the_months() -> None:
    entry = entry_of(
        plans=[{"target": "2018-06", "wording": "in June", "announced": "2017", "source": "old"}]
    )
    assert (status_words(entry, short=True), date_words(entry, short=True)) == (
        "Past due, no news since 2017",
        "due Jun 2018",
    )


def test_the_status_filter_shows_each_flag_with_the_value_report_flag_takes() -> None:
    assert [flag.choice_label for flag in Flag] == [
        "Completed",
        "Completed late",
        "Completed in part (completed-partly)",
        "Planned (upcoming)",
        "Planned, moved (slipping)",
        "Overdue",
        "Past due, no news (unverified)",
        "Planned, no date (unscheduled)",
        "Cancelled",
        "Postponed",
    ]


def test_an_undated_postponement_is_known_only_from_the_day_its_source_was_published() -> None:
    postponed = {"outcome": {"status": "postponed", "source": "new"}}  # published 10 May 2024
    assert entry_of(date(2024, 5, 9), **postponed).flag is Flag.UNVERIFIED
    assert entry_of(date(2024, 5, 10), **postponed).flag is Flag.POSTPONED


def test_a_cancellation_dated_when_it_would_have_been_is_known_from_its_source_not_that_date() -> None:
    cancelled = {"plans": [], "outcome": {"status": "cancelled", "date": "2018", "source": "new"}}
    assert build_timeline(events_file(event(**cancelled)), as_of=date(2019, 1, 1)).entries == ()
    assert entry_of(date(2024, 5, 10), **cancelled).flag is Flag.CANCELLED


# --- the rules of issue 15: slipping, overdue against unverified, open ends, fits ------------------

TWO_TARGETS = [
    {"target": "2018", "wording": "in 2018", "announced": "2017-02-16", "source": "old"},
    {"target": "2027-21", "wording": "spring 2027", "announced": "2024-05-10", "source": "new"},
]


def test_a_plan_moved_later_but_not_yet_due_is_slipping_and_says_from_what_to_what() -> None:
    entry = entry_of(date(2026, 11, 23), plans=TWO_TARGETS, cites=["old", "new"])
    assert entry.flag is Flag.SLIPPING
    assert status_words(entry) == "Planned, moved from 2018 to spring 2027"


def test_past_due_is_overdue_only_with_news_dated_after_the_last_day() -> None:
    before = {"news": [{"date": "2018-06-01", "says": "half built", "source": "old"}]}
    after = {"news": [{"date": "2019-01-01", "says": "not open yet", "source": "new"}]}
    unverified = entry_of(date(2026, 11, 23), **before)
    assert unverified.flag is Flag.UNVERIFIED
    assert status_words(unverified) == "Past due, no news since 1 June 2018"  # the newest source
    overdue = entry_of(date(2026, 11, 23), **after)
    assert overdue.flag is Flag.OVERDUE
    assert overdue.note == "Not done by 2018: “not open yet” (Q, 1 January 2019)."


def test_news_counts_only_from_its_date_in_a_report_of_a_past_day() -> None:
    news = {"news": [{"date": "2024-05-10", "says": "not open yet", "source": "new"}]}
    assert entry_of(date(2024, 5, 9), **news).flag is Flag.UNVERIFIED
    assert entry_of(date(2024, 5, 10), **news).flag is Flag.OVERDUE


def test_an_open_ended_target_stays_due_for_six_months_after_its_newest_source() -> None:
    open_ended = {
        "plans": [{"target": "[2023-04-13..]", "wording": "soon", "announced": "2023-04-13", "source": "old"}]
    }
    assert entry_of(date(2023, 10, 13), **open_ended).flag is Flag.UPCOMING
    lapsed = entry_of(date(2023, 10, 14), **open_ended)
    assert lapsed.flag is Flag.UNVERIFIED
    assert status_words(lapsed) == "Past due, no news since 13 April 2023"
    news = {"news": [{"date": "2023-09-01", "says": "still planned", "source": "old"}]}
    assert entry_of(date(2023, 10, 14), **open_ended, **news).flag is Flag.UPCOMING  # news renews it


def test_on_target_only_when_the_outcome_lies_within_the_target() -> None:
    fair = {
        "plans": [
            {
                "target": "2010-08-18/2010-08-22",
                "wording": "18-22 Aug",
                "announced": "2010-08-10",
                "source": "old",
            }
        ]
    }
    coarse = entry_of(date(2026, 11, 23), outcome={"date": "2010", "source": "old"}, **fair)
    assert status_words(coarse) == "Completed, target unclear"
    assert (
        coarse.note
        == "Known only as 2010, which does not tell whether it kept the target of 18–22 August 2010."
    )
    exact = entry_of(date(2026, 11, 23), outcome={"date": "2010-08-18", "source": "old"}, **fair)
    assert (status_words(exact), exact.note) == ("Completed, on target", None)
    unplanned = entry_of(date(2026, 11, 23), plans=[], outcome={"date": "2010-08-18", "source": "old"})
    assert status_words(unplanned) == "Completed"  # no plan, so no target to be on


def test_a_late_outcome_names_its_slip_against_the_last_target_too() -> None:
    late = entry_of(
        date(2027, 8, 1),
        plans=TWO_TARGETS,
        cites=["old", "new"],
        outcome={"date": "2027-07-01", "source": "new"},
    )
    assert status_words(late) == "Completed late, +8 y 6 m against the first target (2018)"
    assert late.note == "Against the last target (spring 2027): +1 m."


def test_durations_read_in_years_and_months() -> None:
    assert duration_words(date(2014, 7, 1), date(2026, 11, 28)) == "12 y 5 m"
    assert duration_words(date(2026, 11, 1), date(2026, 11, 13)) == "12 d"


def test_the_days_an_events_words_changed_come_from_the_data_not_the_build_day() -> None:
    data = events_file(event(plans=TWO_TARGETS, cites=["old", "new"]))
    sources = {source.id: source for source in data.sources}
    (event_,) = data.events
    changes = status_changes(event_, date(2026, 11, 23), sources)
    # 1 Jan 2019: past due (unverified); 10 May 2024: moved to spring 2027 (slipping)
    assert changes == (date(2019, 1, 1), date(2024, 5, 10))
    assert status_changes(event_, date(2027, 6, 1), sources) == (*changes, date(2027, 6, 1))
    assert status_changes(event_, date(2027, 5, 31), sources) == changes


@pytest.mark.parametrize(
    ("announced", "since"),
    [
        ("[2023-04-13..2023-05-24]", "April–May 2023"),
        ("[2023-05-02..2023-05-24]", "May 2023"),
        ("[2022-12-20..2023-01-10]", "December 2022 – January 2023"),
    ],
)
def test_no_news_since_an_undated_source_names_the_months_it_may_be_from(announced: str, since: str) -> None:
    undated: dict[str, Any] = {
        "plans": [{"target": "2024", "wording": "in 2024", "announced": announced, "source": "old"}]
    }
    assert status_words(entry_of(**undated)) == f"Past due, no news since {since}"


def test_a_plan_called_off_by_a_source_older_than_the_plan_is_known_from_the_plan() -> None:
    """Data where the postponement's source predates the plan's: before the plan was said, the
    event had no day to stand on (a build as of then fell over on it)."""
    called_off = event(
        plans=[{"target": "2025", "wording": "in 2025", "announced": "2024-05-10", "source": "new"}],
        cites=["old", "new"],
        outcome={"status": "postponed", "source": "old"},
    )
    assert build_timeline(events_file(called_off), as_of=date(2020, 1, 1)).entries == ()
    (later,) = build_timeline(events_file(called_off), as_of=date(2024, 6, 1)).entries
    assert later.flag is Flag.POSTPONED
