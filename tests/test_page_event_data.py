"""The page carries every event as schema.org Event data, read here with PyLD, an independent
JSON-LD processor: its status, its date at its true precision, the targets it moved from."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from pyld import jsonld

from page_support import fixture_timeline, parse_html, render_fixture, text_of
from sinotime.build import render_files
from sinotime.loading import load_events, parse_events
from sinotime.site import Site
from sinotime.timeline import build_timeline
from test_page import EDGE_CASES, event_items, render

ROOT = Path(__file__).parent.parent
SCHEMA = "https://schema.org/"


def schema_org(url: str, options: Any = None) -> dict[str, Any]:
    """schema.org's context, as far as these nodes need it: every term in the schema.org
    vocabulary (the tests have no network; the real context maps the same terms the same way)."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": SCHEMA}}}


def events_of(page: bytes) -> dict[str, dict[str, Any]]:
    """The page's JSON-LD, expanded by PyLD: each schema:Event node by its @id's event id."""
    document = parse_html(page)
    blocks = [s for s in document.iter("script") if s.get("type") == "application/ld+json"]
    assert len(blocks) == 1
    expanded = jsonld.expand(json.loads(text_of(blocks[0])), {"documentLoader": schema_org})
    events = {}
    for node in expanded:
        assert node["@type"] == [f"{SCHEMA}Event"]
        events[node["@id"].rsplit("#event-", 1)[1]] = node
    return events


def value(node: dict[str, Any], term: str) -> Any:
    values = [item.get("@value", item) for item in node.get(SCHEMA + term, [])]
    return values[0] if len(values) == 1 else values


def test_every_event_of_the_bundled_page_is_an_event_node_named_and_linked_to_its_entry() -> None:
    page = (ROOT / "feeds" / "index.html").read_bytes()
    events = events_of(page)
    data = load_events(ROOT / "events.yaml", today=date(2999, 1, 1))
    assert sorted(events) == sorted(event.id for event in data.events)
    listed = {li.attrib["id"].removeprefix("event-") for li in event_items(parse_html(page))}
    assert set(events) == listed
    for event in data.events:
        node = events[event.id]
        assert node["@id"] == f"https://sinotime.example.org/index.html#event-{event.id}"
        assert value(node, "name") == event.title
        assert value(node, "eventStatus").startswith(SCHEMA + "Event")


def test_a_moved_target_is_rescheduled_with_the_targets_it_moved_from() -> None:
    node = events_of(render_fixture())["rail-bridge-opening"]
    assert value(node, "eventStatus") == SCHEMA + "EventRescheduled"
    assert value(node, "startDate") == "2022-11-16"
    previous = value(node, "previousStartDate")
    assert "2018" in previous and "2022-11-16" not in previous


def test_dates_are_as_precise_as_iso_8601_allows() -> None:
    events = events_of(render_fixture())
    assert (value(events["expo-2014"], "startDate"), value(events["expo-2014"], "endDate")) == (
        "2014-06-30",
        "2014-07-04",
    )
    assert value(events["trade-200-billion"], "startDate") == "2023-11"
    assert value(events["investment-forum-2023"], "startDate") == "2023-05"  # a day in late May
    assert value(events["cableway-opening"], "startDate") == "2026"  # summer 2026: no ISO season
    assert value(events["cableway-opening"], "eventStatus") == SCHEMA + "EventRescheduled"


def test_cancelled_postponed_timed_and_open_ended_events() -> None:
    data = parse_events(EDGE_CASES, "edge.yaml", today=date(2026, 11, 23))
    events = events_of(render(build_timeline(data, as_of=date(2024, 1, 1)), site=Site(None)))
    assert value(events["called-off"], "eventStatus") == SCHEMA + "EventCancelled"
    assert value(events["put-off"], "eventStatus") == SCHEMA + "EventPostponed"
    assert value(events["signed"], "startDate") == "2023-06-15T10:00:00+10:00"  # Asia/Vladivostok
    assert value(events["open-ended"], "startDate") == []  # "on or after 1 May 2023": no one value
    assert value(events["no-date"], "eventStatus") == SCHEMA + "EventScheduled"


def test_a_title_that_tries_to_end_the_block_stays_inside_it() -> None:
    timeline = fixture_timeline()
    hostile = next(e for e in timeline.data.events if e.id == "hostile-title")
    attack = "</script><script>window.sinotimeInjected = 1</script><!--"
    events = tuple(
        e.model_copy(update={"title": attack}) if e is hostile else e for e in timeline.data.events
    )
    data = timeline.data.model_copy(update={"events": events})
    files = dict(render_files(build_timeline(data, as_of=timeline.as_of), Site("https://example.org/")))
    page = files["index.html"]
    assert value(events_of(page)["hostile-title"], "name") == attack
    scripts = [s for s in parse_html(page).iter("script") if s.get("type") != "application/ld+json"]
    assert len(scripts) == 1  # the page's own
