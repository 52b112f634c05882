"""Each entry's bytes written directly: what feedgen and lxml write of an entry (tests'
`library_reference.feedgen_entry`) within a pretty-printed document, and what
`json.dumps(..., indent=1)` writes of a JSON Feed item within a document's list of items.

The escaping is lxml's (libxml2's): in text `&`, `<`, `>` and CR; in an attribute also `"`,
tab and line feed. A test compares every document with the libraries' own on hostile events.
"""

from __future__ import annotations

import functools
import json
from datetime import UTC, datetime

from feedgen.util import formatRFC2822

from sinotime.feeds.entries import Pieces

# A string as json.dumps(..., ensure_ascii=False) writes it: json's own encoder of strings (what
# `JSONEncoder(ensure_ascii=False).encode` calls for a string)
_json_string = json.encoder.encode_basestring
# An item's first fields, each key as it stands on its line
_JSON_KEYS = tuple(
    f"   {_json_string(key)}: " for key in ("id", "url", "title", "content_html", "date_published", "tags")
)
_EXTERNAL_URL = f",\n   {_json_string('external_url')}: "


def xml_text(text: str) -> str:
    """Character data as lxml escapes it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def xml_content(html: bytes) -> bytes:
    """UTF-8 character data as lxml escapes it (no byte of a multi-byte character is ASCII)."""
    return html.replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(b">", b"&gt;").replace(b"\r", b"&#13;")


def xml_attribute(value: str) -> str:
    """An attribute value as lxml escapes it, between double quotes."""
    escaped = xml_text(value).replace('"', "&quot;")
    return escaped.replace("\t", "&#9;").replace("\n", "&#10;")


def atom_entry(pieces: Pieces) -> bytes:
    """The Atom entry, indented as it stands in a document."""
    moment = pieces.moment.isoformat()
    head = (
        f"  <entry>\n    <id>{xml_text(pieces.id)}</id>\n    <title>{xml_text(pieces.title)}</title>\n"
        f'    <updated>{moment}</updated>\n    <content type="html">'
    )
    related = (
        ""
        if pieces.related is None
        else f'    <link href="{xml_attribute(pieces.related)}" rel="related"/>\n'
    )
    tail = (
        f'</content>\n    <link href="{xml_attribute(pieces.link)}" rel="alternate"/>\n{related}'
        f"{_atom_categories(pieces.categories)}    <published>{moment}</published>\n  </entry>\n"
    )
    return b"".join([head.encode("utf-8"), xml_content(pieces.content), tail.encode("utf-8")])


def rss_item(pieces: Pieces) -> bytes:
    """The RSS item, indented as it stands in a document."""
    link = f"      <link>{xml_text(pieces.link)}</link>\n" if pieces.link else ""  # as feedgen
    head = f"    <item>\n      <title>{xml_text(pieces.title)}</title>\n{link}      <description>"
    tail = (
        f'</description>\n      <guid isPermaLink="false">{xml_text(pieces.id)}</guid>\n'
        f"{_rss_categories(pieces.categories)}"
        f"      <pubDate>{rfc2822(pieces.moment)}</pubDate>\n    </item>\n"
    )
    return b"".join([head.encode("utf-8"), xml_content(pieces.content), tail.encode("utf-8")])


# An entry's categories are a change's kind and an event's kind: a few pairs, written once each.


@functools.lru_cache(maxsize=1024)
def _atom_categories(categories: tuple[tuple[str, str], ...]) -> str:
    lines = []
    for term, label in categories:
        labelled = f' label="{xml_attribute(label)}"' if label else ""
        lines.append(f'    <category term="{xml_attribute(term)}"{labelled}/>\n')
    return "".join(lines)


@functools.lru_cache(maxsize=1024)
def _rss_categories(categories: tuple[tuple[str, str], ...]) -> str:
    return "".join(f"      <category>{xml_text(label)}</category>\n" for _, label in categories)


@functools.lru_cache(maxsize=1024)
def _json_tags(categories: tuple[tuple[str, str], ...]) -> str:
    tags = ",\n".join(f"    {_json_string(term)}" for term, _ in categories)
    return f"[\n{tags}\n   ]" if tags else "[]"


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def rfc2822(moment: datetime) -> str:
    """feedgen's `formatRFC2822` (strftime's "%a, %d %b %Y %H:%M:%S %z" in the C locale) of a
    time in UTC of a year of four digits, written directly: feedgen switches the process's
    locale there and back for every one (a third of an RSS item's time). Any other time is
    feedgen's. A test compares the two on random times."""
    if moment.tzinfo is not UTC or not 1000 <= moment.year <= 9999:
        return str(formatRFC2822(moment))
    clock = f"{moment.hour:02}:{moment.minute:02}:{moment.second:02}"
    return f"{_DAYS[moment.weekday()]}, {moment.day:02} {_MONTHS[moment.month]} {moment.year} {clock} +0000"


def json_item(pieces: Pieces) -> bytes:
    """The JSON Feed item, indented as it stands in a document's list of items, in UTF-8."""
    id_, url, title, content, published, tags = _JSON_KEYS
    external = pieces.related is not None and pieces.related != pieces.link
    text = (
        f"  {{\n{id_}{_json_string(pieces.id)},\n{url}{_json_string(pieces.link)},\n"
        f"{title}{_json_string(pieces.title)},\n"
        f"{content}{_json_string(pieces.content.decode('utf-8'))},\n"
        f"{published}{_json_string(pieces.moment.isoformat())},\n{tags}{_json_tags(pieces.categories)}"
    )
    if external and pieces.related is not None:
        text += _EXTERNAL_URL + _json_string(pieces.related)
    return (text + "\n  }").encode("utf-8")
