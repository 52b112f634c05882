"""What feedgen writes before a document's entries, written once a format and shape and filled in.

A build of thousands of feeds (one per kind and per series) made a feedgen document for each
head: a large share of such a build's time. Every document of one shape (`shape_of`: a
subscription document or an archive page, with or without an archive page before it, and after
it) has the same head but for its values: the feed's name (in its id and links), its title, its
description, its time of update and the numbers of the archive pages it is and links to. So
feedgen writes that head once a format and shape with placeholders for them, and each
document's head is that one with its own values put in, written as feedgen writes them: text
escaped as lxml escapes it (`lean.xml_text`: XML escapes character by character), the time
formatted by feedgen's own formatter for the format, a number in digits. The name goes in as it
is, so only a name that no escaping or percent-encoding changes is put in this way.

To be sure nothing else in the head depends on the values, feedgen writes it twice, with two sets
of placeholders: the first filled in with the second's values must be the second. Any document
this does not hold for gets feedgen's own head; a test compares every document with feedgen's
whole document.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from feedgen.util import formatRFC2822

from sinotime.feeds.documents import ChangeFeed, Document
from sinotime.feeds.lean import xml_text

# feedgen's head of a document (without its entries), updated at the given time
HeadWriter = Callable[[Document, str, datetime], bytes]

SAFE_NAME = re.compile(r"[A-Za-z0-9._-]+")  # unchanged by XML escaping and percent-encoding


# What sets a head's form apart: a subscription document or an archive page, whether it links
# to an archive page before it, and (an archive) to one after it.
Shape = tuple[bool, bool, bool]


def shape_of(document: Document) -> Shape:
    later = document.number is not None and document.number < document.archives
    return (document.number is None, document.previous is None, later)


@dataclass(frozen=True, slots=True)
class Values:
    """What differs between the heads of documents of one shape."""

    name: str
    title: str
    description: str
    updated: datetime
    number: int | None = None  # an archive page's number
    archives: int = 0  # how many archive pages the feed has

    def document(self) -> Document:
        feed = ChangeFeed(self.name, self.title, self.description, ())
        return Document(feed, (), self.number, self.archives)

    def written(self, fmt: str) -> tuple[bytes, ...]:
        """Each value as feedgen writes it in the head: the name, title, description and time of
        update, then the numbers of archive pages it names that are not always the same."""
        when = formatRFC2822(self.updated) if fmt == "rss" else self.updated.isoformat()
        title, description = xml_text(self.title).encode(), xml_text(self.description).encode()
        numbers = [self.number, self.number - 1] if self.number is not None and self.number > 1 else []
        if self.number is None and self.archives:
            numbers.append(self.archives)  # the newest archive page, the one before
        elif self.number is not None and self.number > 1 and self.number < self.archives:
            numbers.append(self.number + 1)
        return (self.name.encode(), title, description, when.encode(), *(b"%d" % n for n in numbers))


def _placeholder_values(first: bool, shape: Shape) -> Values:
    """Placeholders for the values of a head of `shape`: numbers of nine digits, which
    nothing else in a head is."""
    subscription, no_previous, later = shape
    letter, number = ("a", 135_792_468) if first else ("b", 246_813_579)
    if subscription:
        number_of, archives = None, (0 if no_previous else number)
    else:
        number_of = 1 if no_previous else number
        archives = number_of + 1 if later else number_of
    updated = (
        datetime(1901, 2, 3, 4, 5, 6, tzinfo=UTC) if first else datetime(1902, 3, 4, 5, 6, 7, tzinfo=UTC)
    )
    return Values(
        f"sinotime-name-{letter}",
        f"sinotime-title-{letter}",
        f"sinotime-about-{letter}",
        updated,
        number_of,
        archives,
    )


@dataclass(frozen=True, slots=True)
class Template:
    """A head written with the first placeholders."""

    text: bytes
    fmt: str
    shape: Shape

    def filled(self, values: Values) -> bytes:
        """The head with each placeholder replaced by the value written in its place, in one
        pass (a value put in is never read again)."""
        written = dict(zip(_placeholders(self.fmt, self.shape), values.written(self.fmt), strict=True))
        return _pattern(self.fmt, self.shape).sub(lambda found: written[found.group()], self.text)


class Heads:
    """The heads of one build's documents, each format's written by feedgen (or json) once a shape."""

    def __init__(self, write: HeadWriter) -> None:
        self.write = write
        self.templates: dict[tuple[str, Shape], Template | None] = {}
        self.json_template: JsonTemplate | None = None
        self.json_tried = False

    def json_head(self, document: Document, feed: dict[str, Any]) -> bytes | None:
        """`json.dumps` of a JSON Feed document's fields (`feed`, without items), or None when
        json must write it. Its other fields are the same in every document without archive
        pages (the build's address, name and language), so json writes that head once with
        placeholders, and each string of the document is put in as json writes a string."""
        if document.number is not None or document.previous is not None:
            return None
        if not self.json_tried:
            self.json_template, self.json_tried = JsonTemplate.made(feed), True
        return None if self.json_template is None else self.json_template.filled(feed)

    def head(self, document: Document, fmt: str, updated: datetime) -> bytes | None:
        """The document's head, or None when feedgen must write it."""
        feed = document.feed
        if not (SAFE_NAME.fullmatch(feed.name) and feed.title and feed.description):
            return None  # (feedgen leaves out an empty subtitle)
        key = (fmt, shape_of(document))
        if key not in self.templates:
            self.templates[key] = self._template(*key)
        template = self.templates[key]
        if template is None:
            return None
        values = Values(feed.name, feed.title, feed.description, updated, document.number, document.archives)
        return template.filled(values)

    def _template(self, fmt: str, shape: Shape) -> Template | None:
        first, second = (
            Template(self.write(each.document(), fmt, each.updated), fmt, shape)
            for each in (_placeholder_values(True, shape), _placeholder_values(False, shape))
        )
        return first if first.filled(_placeholder_values(False, shape)) == second.text else None


JSON_VARYING = ("title", "feed_url", "description")


@dataclass(frozen=True, slots=True)
class JsonTemplate:
    """`json.dumps` of a document's fields with a placeholder for each of `JSON_VARYING`."""

    text: bytes
    pattern: re.Pattern[bytes]

    @classmethod
    def made(cls, feed: dict[str, Any]) -> JsonTemplate | None:
        """The template of documents like `feed`; None if a placeholder is not only in its place."""
        placeholders = {key: _json_string(f"sinotime-{key}-a") for key in JSON_VARYING}
        with_placeholders = {**feed, **{key: f"sinotime-{key}-a" for key in JSON_VARYING}}  # same order
        written = json.dumps(with_placeholders, ensure_ascii=False, indent=1).encode("utf-8")
        if any(written.count(each) != 1 for each in placeholders.values()):
            return None
        pattern = re.compile(b"|".join(re.escape(each) for each in placeholders.values()))
        return cls(written, pattern)

    def filled(self, feed: dict[str, Any]) -> bytes:
        """The head of `feed`, a document like the one the template was made of (json writes a
        string the same wherever it stands), in one pass."""
        values = {_json_string(f"sinotime-{key}-a"): _json_string(feed[key]) for key in JSON_VARYING}
        return self.pattern.sub(lambda found: values[found.group()], self.text)


_JSON = json.JSONEncoder(ensure_ascii=False)  # as json.dumps writes a string


def _json_string(text: str) -> bytes:
    return _JSON.encode(text).encode("utf-8")


@functools.cache
def _placeholders(fmt: str, shape: Shape) -> tuple[bytes, ...]:
    """The first placeholders as written in a head of `fmt` and `shape`."""
    return _placeholder_values(True, shape).written(fmt)


@functools.cache
def _pattern(fmt: str, shape: Shape) -> re.Pattern[bytes]:
    return re.compile(b"|".join(re.escape(each) for each in _placeholders(fmt, shape)))
