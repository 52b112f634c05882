"""Which calendars a subscriber is offered: none empty, each under 1 MB at any size of timeline,
the whole history in archives, and one small calendar per upcoming plan."""

from __future__ import annotations

import functools
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import pytest

from builders import event, timeline_of
from calendar_support import NO_SITE, read_with_ical, read_with_vobject
from page_support import parse_html, text_of
from sinotime.build import render_files
from sinotime.calendars import GRID_NOTE, on_grid, render_calendars, sets
from sinotime.calendars.sets import EVENT_BUDGET, MAX_CALENDAR_BYTES, Held, calendar_sets, window
from sinotime.loading import parse_events
from sinotime.site import Site
from sinotime.timeline import Timeline, build_timeline

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

from generate import LAST_DAY, make_timeline, sinotime_yaml

TODAY = date(2026, 11, 23)
BASE = "https://example.org/s/"


def happened(event_id: str, on: str, **fields: Any) -> dict[str, Any]:
    return event(event_id, outcome={"date": on, "source": "source-a"}, **fields)


def planned(event_id: str, target: str | None, **fields: Any) -> dict[str, Any]:
    plan = {"wording": "soon", "announced": "2019-01-10", "source": "source-a"}
    if target is not None:
        plan["target"] = target
    return event(event_id, plans=[plan], **fields)


@functools.cache
def synthetic(count: int) -> Timeline:
    """The benchmark's synthetic timeline (every precision, zone, outcome and language)."""
    data = parse_events(sinotime_yaml(make_timeline(count)).encode(), "synthetic.yaml", today=TODAY)
    return build_timeline(data, as_of=LAST_DAY)


@functools.cache
def synthetic_held(count: int) -> tuple[Held, ...]:
    return tuple(on_grid(synthetic(count)))


# --- nothing empty ------------------------------------------------------------------------------


def test_a_kind_or_series_with_nothing_on_the_grid_gets_no_calendar() -> None:
    files = render_calendars(
        timeline_of(
            [
                happened("a", "2019-06-15", kind="forum"),
                happened("b", "2016", kind="sports", series="bridge"),  # known only to a year
                planned("c", None, kind="institution"),  # no date
            ]
        ),
        NO_SITE,
    )
    assert sorted(files) == ["kind-forum.ics", "sinotime.ics"]
    for content in files.values():
        assert [e.uid for e in read_with_ical(content.decode()).events] == ["a@sinotime"]


# --- one event, to add to a calendar of one's own -----------------------------------------------


def test_each_upcoming_plan_on_the_grid_has_a_calendar_of_its_own_with_the_same_uid() -> None:
    files = render_calendars(
        timeline_of(
            [
                planned("ahead", "2027-06-15"),
                planned("vague", "2027-22"),  # a deadline: on 31 August 2027
                planned("late", "2025-06-15"),  # overdue: nothing to add
                planned("undated", None),  # no day to put it on
                happened("done", "2019-06-15"),
            ]
        ),
        NO_SITE,
    )
    assert sorted(name for name in files if name.startswith("event/")) == [
        "event/ahead.ics",
        "event/vague.ics",
    ]
    (alone,) = read_with_ical(files["event/vague.ics"].decode()).events
    everything = {e.uid: e for e in read_with_ical(files["sinotime.ics"].decode()).events}
    assert alone == everything["vague@sinotime"]
    assert alone.summary == "Due by the end of summer 2027: Event vague"


# --- under 1 MB at any size ---------------------------------------------------------------------


def test_a_timeline_that_fits_is_held_whole_with_no_archive() -> None:
    timeline = synthetic(400)
    held = synthetic_held(400)
    chosen = calendar_sets(timeline, held, GRID_NOTE)
    assert not any(each.name.startswith("archive/") for each in chosen)
    assert len(next(each for each in chosen if each.name == "sinotime.ics").entries) == len(held)


def test_at_100000_events_every_subscription_calendar_stays_under_the_budget() -> None:
    """100,000 events with the sizes real VEVENTs have (the synthetic timeline's, repeated over
    thirty-five years): each subscription calendar holds a window around the as-of day that fits,
    and the archives hold every event once."""
    sample = synthetic_held(400)
    held = [
        Held(each.entry, each.day + timedelta(days=copy * 53 % 12_800 - 6_400), each.size)
        for copy in range(100_000 // len(sample) + 1)
        for each in sample
    ][:100_000]
    held.sort(key=lambda each: (each.day, each.entry.event.id))
    timeline = synthetic(400)
    chosen = calendar_sets(timeline, held, GRID_NOTE)
    subscriptions = [each for each in chosen if not each.name.startswith(("archive/", "event/"))]
    assert subscriptions[0].name == "sinotime.ics"
    for calendar in subscriptions:
        assert calendar.held
        assert calendar.size <= EVENT_BUDGET
        assert "To stay under 1 MB" in calendar.description
    everything = next(each for each in chosen if each.name == "sinotime.ics")
    assert everything.entries  # days ahead and before the as-of day
    archives = [each for each in chosen if each.name.startswith("archive/")]
    assert sum(len(each.held) for each in archives) == len(held)
    assert all(each.size <= EVENT_BUDGET for each in archives)  # a month a calendar where a year is too big


def test_a_window_takes_whole_days_ahead_first_then_the_newest_before() -> None:
    as_of = date(2026, 6, 30)
    held = [Held(None, as_of + timedelta(days=offset), 100) for offset in range(-30, 30)]  # type: ignore[arg-type]
    kept = window(held, as_of, budget=2_000)  # 20 days: 15 ahead (three quarters), then 5 before
    assert [each.day for each in kept] == [as_of + timedelta(days=offset) for offset in range(-5, 15)]


def test_a_window_with_nothing_ahead_takes_the_newest_days_before() -> None:
    as_of = date(2026, 6, 30)
    held = [Held(None, as_of - timedelta(days=offset), 100) for offset in range(30, 0, -1)]  # type: ignore[arg-type]
    kept = window(held, as_of, budget=1_000)
    assert [each.day for each in kept] == [as_of - timedelta(days=offset) for offset in range(10, 0, -1)]


def test_a_day_too_big_for_the_budget_gives_as_many_of_its_events_as_fit() -> None:
    as_of = date(2026, 6, 30)
    held = [Held(None, as_of, 100) for _ in range(50)]  # type: ignore[arg-type]
    assert len(window(held, as_of, budget=2_000)) == 20


def test_a_month_too_big_for_one_archive_is_cut_into_runs_of_whole_days(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sets, "EVENT_BUDGET", 3_000)
    timeline = timeline_of([happened(f"e{day:02d}", f"2019-06-{day:02d}") for day in range(1, 31)])
    files = dict(render_files(timeline, Site(BASE)))
    archives = sorted(name for name in files if name.startswith("archive/"))
    assert len(archives) > 2 and archives[0] == "archive/sinotime-2019-06-01.ics"
    uids = [e.uid for name in archives for e in read_with_ical(files[name].decode()).events]
    assert uids == [f"e{day:02d}@sinotime" for day in range(1, 31)]  # each once, in order
    second = archives[1].removeprefix("archive/sinotime-").removesuffix(".ics")
    label = f"Archive: every event of June 2019 from {int(second[-2:])} June 2019 on"
    assert row_of(page_of(files), label).iter("a")


def test_rendered_calendars_stay_under_their_budget_and_archives_hold_every_event(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same rule at a small budget, through the rendered files themselves."""
    monkeypatch.setattr(sets, "EVENT_BUDGET", 40_000)
    timeline = synthetic(400)
    files = render_calendars(timeline, NO_SITE)
    subscriptions = [name for name in files if not name.startswith(("archive/", "event/"))]
    for name in subscriptions:
        content = files[name]
        assert len(content) < 40_000 + 10_000, name  # the budget, and the header and zones
        assert read_with_ical(content.decode()).events, name
    archived = [
        str(e.uid)
        for name in files
        if name.startswith("archive/")
        for e in read_with_ical(files[name].decode()).events
    ]
    namespace = timeline.data.calendar.ids_namespace  # made from the synthetic data's address
    assert namespace == "example.org-sinotime"
    assert sorted(archived) == sorted(f"{each.entry.event.id}@{namespace}" for each in synthetic_held(400))
    assert all(len(content) < MAX_CALENDAR_BYTES for content in files.values())


# --- what the page offers -----------------------------------------------------------------------


def page_of(files: dict[str, bytes]) -> Element:
    return parse_html(files["index.html"])


def row_of(page: Element, holds: str) -> Element:
    (row,) = [
        li for li in page.iter("li") if any(s.get("class") == "holds" and text_of(s) == holds for s in li)
    ]
    return row


def test_the_page_says_why_a_kind_has_no_calendar_and_still_links_its_feeds() -> None:
    timeline = timeline_of([happened("a", "2019-06-15", kind="forum"), happened("b", "2016", kind="sports")])
    files = dict(render_files(timeline, Site(BASE)))
    assert "kind-sports.ics" not in files and "kind-sports.atom" in files
    row = row_of(page_of(files), "Sports events")
    assert "No calendar: none of its events has a day" in text_of(row)
    hrefs = [a.get("href") for a in row.iter("a")]
    assert hrefs == [f"{BASE}kind-sports.{ext}" for ext in ("rss", "atom", "json")]
    assert "No calendar" not in text_of(row_of(page_of(files), "Forums"))


def test_an_upcoming_plan_on_the_page_links_to_its_own_calendar() -> None:
    timeline = timeline_of([planned("ahead", "2027-22"), happened("done", "2019-06-15")])
    files = dict(render_files(timeline, Site(BASE)))
    page = page_of(files)
    added = {a.get("href"): a for a in page.iter("a") if text_of(a) == "Add to calendar"}
    assert list(added) == [f"{BASE}event/ahead.ics"]
    assert "event/ahead.ics" in files
    assert not any("event/" in (link.get("href") or "") for link in page.iter("link"))  # not a feed


def test_the_page_offers_every_archive_calendar_when_the_subscriptions_cannot_hold_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sets, "EVENT_BUDGET", 3_000)
    timeline = timeline_of([happened(f"e{year}", f"{year}-06-15") for year in range(2010, 2020)])
    files = dict(render_files(timeline, Site(BASE)))
    archives = sorted(name for name in files if name.startswith("archive/"))
    assert archives == [f"archive/sinotime-{year}.ics" for year in range(2010, 2020)]
    page = page_of(files)
    for year in range(2010, 2020):
        row = row_of(page, f"Archive: every event of {year}")
        hrefs = [a.get("href") for a in row.iter("a")]
        assert hrefs == [
            f"webcal://example.org/s/archive/sinotime-{year}.ics",
            f"{BASE}archive/sinotime-{year}.ics",
        ]
    assert "the archive calendars below hold every event" in text_of(page)
    held = read_with_vobject(files["sinotime.ics"].decode())
    assert 0 < len(held.events) < 10
    assert "the archive calendars on the page hold every one" in held.value("x-wr-caldesc")
