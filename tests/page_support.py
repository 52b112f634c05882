"""The page fixture, built the way `sinotime build` builds it, for the page's tests."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib

from sinotime.build import renderers
from sinotime.catalogue import PAGE_NAME, Catalogue, published
from sinotime.loading import parse_events
from sinotime.models import EventsFile
from sinotime.page import render_page
from sinotime.site import Site
from sinotime.timeline import Timeline, build_timeline

DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "page-fixture.yaml"
TODAY = date(2026, 11, 23)
BASE_URL = "https://example.org/sinotime/"
SVG = "{http://www.w3.org/2000/svg}"


def fixture_data() -> EventsFile:
    return parse_events(FIXTURE.read_bytes(), FIXTURE.name, today=TODAY)


def fixture_timeline(data: EventsFile | None = None) -> Timeline:
    data = data or fixture_data()
    return build_timeline(data, as_of=data.last_changed())


def published_catalogue(timeline: Timeline, site: Site) -> Catalogue:
    """What the calendar and feed renderers write for this data, as the catalogue offers it."""
    names: list[str] = []
    for render in renderers():
        rendered = render(timeline, site)
        names += rendered if isinstance(rendered, Mapping) else (name for name, _ in rendered)
    return published(timeline, names)


def render_fixture(base_url: str | None = BASE_URL) -> bytes:
    timeline = fixture_timeline()
    site = Site(base_url)
    return render_page(timeline, site, published_catalogue(timeline, site))[PAGE_NAME]


def parse_html(page: bytes) -> Element:
    """The page as a browser's parser sees it (html5lib follows the WHATWG algorithm)."""
    document: Element = html5lib.parse(page, treebuilder="etree", namespaceHTMLElements=False)
    return document


def text_of(element: Element) -> str:
    return "".join(element.itertext())
