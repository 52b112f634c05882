"""The feeds' lean paths write exactly what the libraries would.

Each feed entry is written directly once a format and joined into every document that holds
it, and the HTML of an entry's content is built as strings: on hostile events and random text,
the bytes must be those of feedgen's whole document, of `json.dumps` of the whole feed, and of
ElementTree's HTML serializer.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any
from xml.etree import ElementTree as ET

from feedgen.feed import FeedGenerator
from feedgen.util import formatRFC2822
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import event, events_file
from library_reference import feedgen_entry, json_item_fields, json_item_text, new_entry
from sinotime.feed_content import Markup, _tag, clean_text
from sinotime.feeds import (
    FORMATS,
    Made,
    documents,
    entry_pieces,
    feed_generator,
    feeds_of,
    json_document,
    render_document,
)
from sinotime.feeds.documents import ChangeFeed, Document
from sinotime.feeds.entries import Pieces
from sinotime.feeds.formats import CLOSING, document_head, render_json
from sinotime.feeds.heads import Heads
from sinotime.feeds.lean import atom_entry, json_item, rfc2822, rss_item
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
    heads = Heads(lambda document, fmt, when: document_head(document, fmt, ledger, SITE, when))
    for fmt in ("rss", "atom"):
        made = Made()
        for feed in feeds_of(ledger):
            for document in documents(feed, size=2):  # archive pages as well
                lean = render_document(document, fmt, ledger, SITE, made, heads)
                entries = [new_entry(change, ledger, SITE, Made()) for change in reversed(document.changes)]
                whole = feed_generator(document, fmt, ledger, SITE, entries)
                assert lean == (whole.rss_str(pretty=True) if fmt == "rss" else whole.atom_str(pretty=True))
    assert "json" in FORMATS


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_events())
def test_each_json_feed_document_is_json_dumps_of_the_whole_feed(
    case: tuple[EventsFile, dict[str, str]],
) -> None:
    data, _ = case
    ledger = build_ledger(data, as_of=date(2026, 2, 1))
    made = Made()
    heads = Heads(lambda document, fmt, when: document_head(document, fmt, ledger, SITE, when))
    for feed in feeds_of(ledger):
        for document in documents(feed, size=2):  # archive pages as well
            lean = render_document(document, "json", ledger, SITE, made, heads)
            whole = json.loads(lean)  # the feed's own fields, which json.dumps wrote
            whole["items"] = [
                json_item_fields(entry_pieces(change, ledger, SITE, Made()))
                for change in reversed(document.changes)
            ]
            assert lean == (json.dumps(whole, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


# Any text lxml accepts (XML 1.0 characters), rich in what XML escapes.
xml_chars = st.characters(exclude_categories=["Cs"], exclude_characters="\ufffe\uffff").filter(
    lambda c: c >= " " or c in "\t\n\r"
)
xml_text = st.text(st.one_of(st.sampled_from("&<>\"'\t\n\r]"), xml_chars))
pieces = st.builds(
    Pieces,
    id=xml_text.filter(bool),
    title=xml_text.filter(bool),
    link=xml_text,
    related=st.none() | xml_text,
    content=xml_text.filter(bool).map(lambda text: text.encode("utf-8")),
    moment=st.datetimes(timezones=st.just(UTC)),
    categories=st.lists(st.tuples(xml_text, xml_text), max_size=3).map(tuple),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=xml_text.filter(bool),
    description=xml_text.filter(bool),
    updated=st.datetimes(timezones=st.just(UTC)),
    number=st.none() | st.integers(1, 12),
    archives=st.integers(0, 12),
)
def test_a_head_filled_in_is_feedgens_head_of_that_document(
    title: str, description: str, updated: datetime, number: int | None, archives: int
) -> None:
    """Documents of one shape (a subscription document or an archive page, with archive pages
    before and after it or not) get feedgen's head written once, their values put in."""
    opened = event("bridge", outcome={"date": "2020-01-01", "source": "source-a"})
    ledger = build_ledger(events_file([opened], name="A & <B>"), as_of=date(2026, 2, 1))
    heads = Heads(lambda document, fmt, when: document_head(document, fmt, ledger, SITE, when))
    archives = archives if number is None else max(number, archives)
    document = Document(ChangeFeed("series-a_b.c", title, description, ()), (), number, archives)
    for fmt in ("rss", "atom"):
        filled = heads.head(document, fmt, updated)
        assert filled is not None, "written by feedgen: the placeholders did not hold"
        assert filled == document_head(document, fmt, ledger, SITE, updated)


@given(names=st.lists(st.text(min_size=1), min_size=2, max_size=4))
def test_a_json_head_filled_in_is_json_dumps_of_that_documents_fields(names: list[str]) -> None:
    """Documents without archive pages get json's head written once, their own strings put in."""
    opened = event("bridge", outcome={"date": "2020-01-01", "source": "source-a"})
    ledger = build_ledger(events_file([opened], name='"sinotime-title-a"'), as_of=date(2026, 2, 1))
    heads = Heads(lambda document, fmt, when: document_head(document, fmt, ledger, SITE, when))
    for number, name in enumerate(names):
        document = Document(ChangeFeed(f"series-{number}", name, name[::-1], ()), (), None, 0)
        filled = render_json(document, ledger, SITE, Made(), heads)
        assert filled == render_json(document, ledger, SITE, Made())  # json.dumps of the fields
    assert heads.json_template is not None, "json wrote every head: the placeholders did not hold"


def feedgen_document(fmt: str, entry: Any = None) -> bytes:
    """A small feedgen document in `fmt`, holding `entry` if given."""
    generator = FeedGenerator()
    generator.id("tag:example.org,2026:feed")
    generator.title("Feed")
    generator.subtitle("What changed.")
    generator.link(href="https://example.org/", rel="alternate")
    generator.updated(datetime(2026, 1, 1, tzinfo=UTC))
    if entry is not None:
        generator.add_entry(entry)
    written: bytes = generator.rss_str(pretty=True) if fmt == "rss" else generator.atom_str(pretty=True)
    return written


@given(pieces)
def test_each_entry_written_directly_is_what_feedgen_and_lxml_write_in_a_document(entry: Pieces) -> None:
    for fmt, lean in (("atom", atom_entry(entry)), ("rss", rss_item(entry))):
        head, closing = feedgen_document(fmt), CLOSING[fmt]
        assert head[: -len(closing)] + lean + closing == feedgen_document(fmt, feedgen_entry(entry))


@given(pieces)
def test_each_json_item_written_directly_is_what_json_dumps_writes(entry: Pieces) -> None:
    assert json_item(entry) == json_item_text(json_item_fields(entry))


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


@settings(max_examples=300)
@given(moment=st.datetimes(timezones=st.just(UTC)) | st.datetimes(timezones=st.timezones()))
def test_an_items_time_is_written_as_feedgen_formats_it(moment: datetime) -> None:
    assert rfc2822(moment) == formatRFC2822(moment)
