"""The feeds' lean paths write exactly what the libraries would.

Each feed entry is written once a format and joined into every document that holds it, and
the HTML of an entry's content is built as strings: on hostile events and random text, the
bytes must be those of feedgen's whole document, of `json.dumps` of the whole feed, and of
ElementTree's HTML serializer.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from xml.etree import ElementTree as ET

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sinotime.feed_content import Markup, _tag, clean_text
from sinotime.feeds import (
    FORMATS,
    Made,
    documents,
    feed_generator,
    feeds_of,
    json_document,
    json_item_text,
    new_entry,
    render_document,
)
from sinotime.ledger import build_ledger
from sinotime.models import EventsFile
from test_feeds_safety import SITE, hostile_events


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_events())
def test_each_rss_and_atom_document_is_feedgens_whole_document_byte_for_byte(
    case: tuple[EventsFile, dict[str, str]],
) -> None:
    data, _ = case
    ledger = build_ledger(data, as_of=date(2026, 2, 1))
    for fmt in ("rss", "atom"):
        made = Made()
        for feed in feeds_of(ledger):
            for document in documents(feed, size=2):  # archive pages as well
                lean = render_document(document, fmt, ledger, SITE, made)
                entries = [new_entry(change, ledger, SITE, Made()) for change in reversed(document.changes)]
                whole = feed_generator(document, fmt, ledger, SITE, entries)
                assert lean == (whole.rss_str(pretty=True) if fmt == "rss" else whole.atom_str(pretty=True))
    assert "json" in FORMATS


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=12,
)
keys = st.text(max_size=8).filter(lambda key: key != "items")
json_objects = st.dictionaries(keys, json_values, max_size=5)


@given(json_objects.filter(bool), st.lists(json_objects, max_size=4))
def test_a_json_feed_joined_from_its_items_is_json_dumps_of_the_whole(
    feed: dict[str, Any], items: list[dict[str, Any]]
) -> None:
    whole = json.dumps({**feed, "items": items}, ensure_ascii=False, indent=1) + "\n"
    assert json_document(feed, [json_item_text(item) for item in items]) == whole.encode("utf-8")


def elementtree_html(tag: str, text: str, attribute: str, inner: str, tail: str) -> str:
    """The element as ElementTree's HTML serializer writes it: <tag title=...>text<b>inner</b>tail</tag>."""
    element = ET.Element(tag, {"title": attribute})
    element.text = clean_text(text)
    bold = ET.SubElement(element, "b")
    bold.text = clean_text(inner)
    bold.tail = clean_text(tail)
    return ET.tostring(element, encoding="unicode", method="html")


# Text rich in what markup escapes, what a feed drops, and line endings.
markup_text = st.text(st.one_of(st.sampled_from("&<>\"'\r\n\x01\x7f\ufffd"), st.characters()))


@given(st.sampled_from(["span", "strong", "a"]), markup_text, markup_text, markup_text, markup_text)
def test_entry_html_escapes_text_and_attributes_as_elementtree_does(
    tag: str, text: str, attribute: str, inner: str, tail: str
) -> None:
    made = _tag(tag, text, _tag("b", inner), tail, title=attribute)
    assert isinstance(made, Markup)
    assert made == elementtree_html(tag, text, attribute, inner, tail)
