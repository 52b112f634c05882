"""The ledger: each step of a plan's story as a change, dated by its source, with a stable id."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from builders import build, event, events_file
from sinotime import ledger
from sinotime.build import render_files
from sinotime.change_words import change_title
from sinotime.ledger import ChangeKind, build_ledger
from sinotime.loading import load_events
from sinotime.models import Event, EventsFile
from sinotime.site import Site
from sinotime.timeline import as_known_on, build_timeline
from sinotime.words import status_words

SAMPLE = Path(__file__).parent / "data" / "feeds-sample.yaml"
AS_OF = date(2026, 11, 23)


def sample() -> EventsFile:
    return load_events(SAMPLE, today=AS_OF)


def with_event_copy(data: EventsFile, event_id: str, new_id: str) -> EventsFile:
    event = next(e for e in data.events if e.id == event_id)
    return data.model_copy(update={"events": (*data.events, event.model_copy(update={"id": new_id}))})


def test_another_event_on_the_same_days_moves_no_change_and_gets_times_of_its_own() -> None:
    data = sample()
    before = {c.id: c.moment for c in build_ledger(data, as_of=AS_OF)}
    grown = build_ledger(
        with_event_copy(data, "rail-bridge-opening", "rail-bridge-opening-copy"), as_of=AS_OF
    )
    after = {c.id: c.moment for c in grown}
    assert {key: after[key] for key in before} == before
    assert len(set(after.values())) == len(after)  # the copy's changes fall on the same days, at other times


def test_an_events_changes_on_one_day_read_in_story_order() -> None:
    changes = [c for c in build_ledger(sample(), as_of=AS_OF) if c.event.id == "cultural-fair-2024"]
    assert [c.kind for c in changes] == [ChangeKind.ANNOUNCED, ChangeKind.OUTCOME]
    assert changes[0].day == changes[1].day and changes[0].moment < changes[1].moment


def test_an_outcome_is_never_news_before_it_happened() -> None:
    for change in build_ledger(sample(), as_of=AS_OF):
        outcome = change.outcome if change.kind is ChangeKind.OUTCOME else None
        if outcome is not None and outcome.date is not None and outcome.status.value == "happened":
            assert change.day >= outcome.date.earliest, change.id


def test_a_target_brought_forward_and_a_report_read_so() -> None:
    data = sample()
    events = list(data.events)
    number = next(n for n, e in enumerate(events) if e.id == "expo-2027")
    earlier = events[number].plans[0].model_copy(update={"wording": "in 2026", "announced": "2024-05-10"})
    earlier = earlier.model_validate(
        {**earlier.model_dump(), "target": "2026-06", "source": "tass-2024-05-10"}
    )
    events[number] = events[number].model_copy(update={"plans": (*events[number].plans, earlier)})
    ledger = build_ledger(data.model_copy(update={"events": tuple(events)}), as_of=AS_OF)
    (forward,) = [c for c in ledger if c.kind is ChangeKind.BROUGHT_FORWARD]
    assert (
        change_title(forward)
        == "Target brought forward: 10th China–Russia Expo, June 2027 → June 2026 (TASS)"
    )
    (report,) = [c for c in ledger if c.kind is ChangeKind.REPORT]
    assert (
        change_title(report) == "Another report: Far East investment forum in Harbin, September 2024 (TASS)"
    )


def test_a_target_restated_in_other_words_is_confirmed_not_moved() -> None:
    """A later source says "in summer 2026" of a target first given as August 2026: the same
    latest day, so the plan stands; the feed says how it was put before and now."""
    data = sample()
    events = list(data.events)
    number = next(n for n, e in enumerate(events) if e.id == "expo-2027")
    first = (
        events[number]
        .plans[0]
        .model_validate(
            {**events[number].plans[0].model_dump(), "target": "2026-08", "wording": "in August 2026"}
        )
    )
    again = first.model_validate(
        {
            **first.model_dump(),
            "target": "2026-22",
            "wording": "this summer",
            "announced": "2024-05-10",
            "source": "tass-2024-05-10",
        }
    )
    events[number] = events[number].model_copy(update={"plans": (first, again)})
    ledger = build_ledger(data.model_copy(update={"events": tuple(events)}), as_of=date(2025, 1, 1))
    (confirmed,) = [c for c in ledger if c.kind is ChangeKind.CONFIRMED]
    assert change_title(confirmed) == (
        "Target confirmed: 10th China–Russia Expo, August 2026, restated as summer 2026 (TASS)"
    )


def test_news_on_an_open_plan_and_a_partial_outcome_are_changes_in_the_shared_words() -> None:
    titles = {
        c.kind: change_title(c)
        for c in build_ledger(sample(), as_of=AS_OF)
        if c.kind is not ChangeKind.OUTCOME
    }
    assert (
        titles[ChangeKind.NEWS]
        == "News: Heihe–Blagoveshchensk cable car opens, not open yet (Amurskaya Pravda)"
    )
    (partly,) = [
        c
        for c in build_ledger(sample(), as_of=AS_OF)
        if c.event.id == "border-checkpoint-opening" and c.outcome
    ]
    assert change_title(partly) == (
        "Completed in part, +11 m against the first target (2021): Tongjiang border checkpoint opens,"
        " 16 November 2022 (SeaNews)"
    )


def test_a_deadline_with_news_after_it_still_passed_with_nothing_heard_that_day() -> None:
    """The cable car's target (about 2023) passed on 1 January 2024; the news came a month later."""
    changes = [c for c in build_ledger(sample(), as_of=AS_OF) if c.event.id == "heihe-cable-car"]
    assert [(c.kind, c.day.isoformat()) for c in changes] == [
        (ChangeKind.ANNOUNCED, "2021-05-01"),
        (ChangeKind.DEADLINE, "2024-01-01"),
        (ChangeKind.NEWS, "2024-02-01"),
    ]


def test_a_target_known_only_from_a_later_article_has_no_deadline_before_that_article() -> None:
    """An article of 2025 tells that a target of June 2024 had been set in 2023: no reader could
    have seen that deadline pass in July 2024, so the ledger says nothing then; the story reads
    from the article's day. A report as of a day before the article does not know the target."""
    raw = sample().model_dump(mode="json")
    raw["sources"].append(
        {"id": "late-article", "publisher": "Late Daily", "title": "T", "published": "2025-03-01"}
    )
    cable_car = next(e for e in raw["events"] if e["id"] == "heihe-cable-car")
    cable_car["plans"].append(
        {
            "target": "2024-06",
            "wording": "had been set for June 2024",
            "announced": "[2023-01-01..2024-01-01]",
            "source": "late-article",
        }
    )
    data = build(raw)
    changes = [c for c in build_ledger(data, as_of=AS_OF) if c.event.id == "heihe-cable-car"]
    days = [(c.kind, c.day.isoformat()) for c in changes]
    assert (ChangeKind.DEADLINE, "2024-07-01") not in days
    assert (ChangeKind.MOVED, "2025-03-01") in days
    assert all(
        c.day >= date(2025, 3, 1) for c in changes if c.plan is not None and c.plan.source == "late-article"
    )

    known = as_known_on(
        next(e for e in data.events if e.id == "heihe-cable-car"),
        date(2024, 12, 31),
        {s.id: s for s in data.sources},
    )
    assert known is not None and [p.source for p in known.plans] == [
        p["source"] for p in cable_car["plans"][:-1]
    ]


def test_every_events_last_change_leaves_the_status_it_has_on_the_as_of_day() -> None:
    """A subscriber who reads an event's newest change knows where it stands: the status that
    change left is the one the calendars, the page and the report give on the as-of day."""
    bundled = Path(__file__).parent.parent / "events.yaml"
    for path, as_of in ((SAMPLE, AS_OF), (bundled, date(2026, 11, 27))):
        data = load_events(path, today=as_of)
        ledger = build_ledger(data, as_of=as_of)
        entries = list(build_timeline(data, as_of=as_of))
        for entry in entries:
            last = ledger.by_event[entry.event.id][-1].status
            assert last is not None, entry.event.id
            assert (status_words(last), last.note) == (status_words(entry), entry.note), entry.event.id
        assert len(entries) >= 10


def test_news_that_a_passed_target_was_not_met_leaves_the_plan_overdue() -> None:
    """The change that made a plan overdue says so, in the words every output uses."""
    ledger = build_ledger(sample(), as_of=AS_OF)
    news = [
        c for c in ledger if c.kind is ChangeKind.NEWS and c.status is not None and c.status.flag.is_past_due
    ]
    assert any(status_words(c.status).startswith("Overdue since ") for c in news if c.status is not None)
    before = [c for c in ledger if c.kind is ChangeKind.ANNOUNCED]
    assert before and all(
        c.status is not None and status_words(c.status).startswith("Planned") for c in before
    )


def test_a_builds_feeds_and_page_work_out_each_events_story_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The feeds and the page's first screen both read the ledger of the build's timeline: it
    is worked out once; another timeline (another day) gets a ledger of its own."""
    data = sample()
    counted: list[str] = []
    real = ledger.event_changes

    def counting(event: Event, *args: Any) -> list[ledger.Change]:
        counted.append(event.id)
        return real(event, *args)

    monkeypatch.setattr(ledger, "event_changes", counting)
    timeline = build_timeline(data, as_of=AS_OF)
    files = dict(render_files(timeline, Site("https://example.org/t/")))
    assert any(name.endswith(".atom") for name in files) and "index.html" in files
    assert sorted(counted) == sorted(event.id for event in data.events)
    assert ledger.ledger_of(timeline).changes == build_ledger(sample(), as_of=AS_OF).changes
    assert ledger.ledger_of(build_timeline(data, as_of=date(2020, 1, 1))).as_of == date(2020, 1, 1)
    assert len(counted) == 3 * len(data.events)


@pytest.mark.parametrize("as_of", [AS_OF, date(2020, 1, 1)])
def test_the_ledger_finds_the_days_each_events_words_changed_as_the_timeline_alone_does(as_of: date) -> None:
    """A build's ledger walks each event's days once for its changes and for the days its words
    changed (a calendar's SEQUENCE and LAST-MODIFIED): the same days the timeline finds alone."""
    data = sample()
    alone, walked = build_timeline(data, as_of=as_of), build_timeline(data, as_of=as_of)
    ledger.ledger_of(walked)
    assert [walked.changes(entry) for entry in walked] == [alone.changes(entry) for entry in alone]
    assert sum(len(alone.changes(entry)) for entry in alone) >= 2


def test_a_source_saying_the_same_approximate_target_twice_gives_two_changes_with_their_own_ids() -> None:
    said_twice = {
        "target": "2018~",
        "wording": "around 2018",
        "announced": "2016-05-01",
        "source": "source-a",
    }
    data = events_file([event("bridge", plans=[said_twice, said_twice, {**said_twice, "target": "2018"}])])
    ids = [c.id for c in build_ledger(data, as_of=AS_OF) if "/target/" in c.id]
    assert len(ids) == 3
    assert len(set(ids)) == 3, ids
