"""A timeline too large for one page: an overview and a page a month, each small, every event
reachable from the overview by plain links (no script) and carried in some page's event data."""

from __future__ import annotations

import html
import json
import re
import sys
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

import pytest

from page_support import fixture_timeline, parse_html, published_catalogue, text_of
from sinotime import catalogue
from sinotime.build import render_files
from sinotime.catalogue import PAGE_NAME, month_page, published
from sinotime.loading import parse_events
from sinotime.page import render_page
from sinotime.site import Site
from sinotime.timeline import build_timeline, sort_day

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

from generate import LAST_DAY, make_timeline, sinotime_yaml

MAX_HTML = 2_000_000
TODAY = date(2026, 11, 23)
TODAY = date(2026, 11, 23)
SITE = Site("https://example.org/s/")


def reachable(files: dict[str, bytes], start: str = PAGE_NAME) -> set[str]:
    """Every page reached from `start` by following plain <a href> links, as a browser without
    script would."""
    seen, todo = {start}, [start]
    while todo:
        name = todo.pop()
        for href in re.findall(rb'<a (?:[^>]* )?href="([^"]*)"', files[name]):  # the page's own markup
            target = urljoin(f"{SITE.base_url}{name}", html.unescape(href.decode())).split("#")[0]
            relative = target.removeprefix(SITE.base_url or "")
            if relative in files and relative not in seen:
                seen.add(relative)
                todo.append(relative)
    return seen


def listed(page: bytes) -> list[str]:
    return [
        li.attrib["id"].removeprefix("event-")
        for li in parse_html(page).iter("li")
        if "data-flag" in li.attrib
    ]


def event_data(page: bytes) -> list[str]:
    blocks = [s for s in parse_html(page).iter("script") if s.get("type") == "application/ld+json"]
    return [
        node["@id"].rsplit("#event-", 1)[1]
        for block in blocks
        for node in json.loads(text_of(block))["@graph"]
    ]


def test_a_small_timeline_is_one_page() -> None:
    timeline = fixture_timeline()
    assert list(render_page(timeline, SITE, published_catalogue(timeline, SITE))) == [PAGE_NAME]


def test_a_large_timeline_is_an_overview_and_a_page_a_month(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalogue, "SPLIT_ABOVE", 4)
    monkeypatch.setattr(catalogue, "PART_EVENTS", 1)
    timeline = fixture_timeline()
    files = render_page(timeline, SITE, published_catalogue(timeline, SITE))
    months = {(sort_day(e.event).year, sort_day(e.event).month) for e in timeline}
    assert len(files) == 1 + len(timeline)  # one event a page: the months with two have two parts
    assert {name for name in files if name != PAGE_NAME} >= {month_page(y, m) for y, m in months}
    assert reachable(files) == set(files)
    on_pages = [event for name, page in files.items() if name != PAGE_NAME for event in listed(page)]
    assert sorted(on_pages) == sorted(entry.event.id for entry in timeline)  # each exactly once
    assert listed(files[PAGE_NAME]) == []
    data = [event for page in files.values() for event in event_data(page)]
    assert sorted(data) == sorted(on_pages)
    overview = parse_html(files[PAGE_NAME])
    (late,) = [s for s in overview.iter("section") if s.get("id") == "past-due"]
    (link,) = late.iter("a")
    page, anchor = link.attrib["href"].split("#")
    assert anchor == "event-cableway-opening" and "cableway-opening" in listed(files[page])


def test_at_six_hundred_events_every_page_is_small_and_every_event_reachable_without_script() -> None:
    """10,000 events (benchmarks/generate.py) made 432 pages, none over 630 KB; 600 keep the
    test quick (and the calendars and feeds are left out: the pages are what is measured)."""
    text = sinotime_yaml(make_timeline(600))
    timeline = build_timeline(parse_events(text.encode(), "synthetic.yaml", today=TODAY), as_of=LAST_DAY)
    files = render_page(timeline, SITE, published(timeline, []))
    assert len(files) > 12
    assert max(len(page) for page in files.values()) < MAX_HTML
    assert reachable(files) == set(files)
    on_pages = [event for page in files.values() for event in listed(page)]
    assert sorted(on_pages) == sorted(entry.event.id for entry in timeline)
    assert re.search(rb'<svg id="chart" class="summary"', files[PAGE_NAME])


def test_the_feeds_link_each_event_on_the_page_that_lists_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalogue, "SPLIT_ABOVE", 4)
    files = dict(render_files(fixture_timeline(), SITE))
    related = re.findall(rb'<link href="([^"]+)" rel="related"', files["sinotime.atom"])
    assert related
    for href in {link.decode() for link in related}:
        page, anchor = href.removeprefix(SITE.base_url or "").split("#event-")
        assert page.startswith("pages/") and anchor in listed(files[page]), href
