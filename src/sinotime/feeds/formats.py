"""A feed's document in each format: RSS 2.0 and Atom 1.0 (feedgen, with RFC 5005's archive
links) and JSON Feed 1.1, each with its entries written once a format and joined in."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseExtension
from feedgen.feed import FeedGenerator

from sinotime.feed_content import clean_text, web_address
from sinotime.feeds.documents import MEDIA_TYPES, Document, archive_name, updated
from sinotime.feeds.entries import Made, entry_pieces
from sinotime.feeds.lean import atom_entry, json_item, rss_item
from sinotime.ledger import Ledger
from sinotime.site import Site

if TYPE_CHECKING:
    from sinotime.feeds.heads import Heads

GENERATOR = "sinotime"
HISTORY_NS = "http://purl.org/syndication/history/1.0"  # RFC 5005's fh:archive
ATOM_NS = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"

# How feedgen's pretty-printed documents end, after the last entry.
CLOSING = {"atom": b"</feed>\n", "rss": b"  </channel>\n</rss>\n"}
ENTRY_WRITERS = {"atom": atom_entry, "rss": rss_item}


def render_document(
    document: Document, fmt: str, ledger: Ledger, site: Site, made: Made, heads: Heads | None = None
) -> bytes:
    """One document of a feed in one format: "rss", "atom" or "json".

    feedgen writes the document without its entries (or `heads` fills in what it wrote for a
    document like it), and each entry is written once a format (as it stands in a document:
    `lean`), joined in where the entries go; a test compares this with feedgen's whole document
    (`feed_generator` with the entries)."""
    if fmt == "json":
        return render_json(document, ledger, site, made, heads)
    entries, write = made.entries, ENTRY_WRITERS[fmt]
    for change in document.changes:
        if change.id not in entries:
            entries[change.id] = write(entry_pieces(change, ledger, site, made))
    head = heads.head(document, fmt, updated(document, ledger)) if heads is not None else None
    if head is None:
        head = document_head(document, fmt, ledger, site)
    newest_first = [entries[change.id] for change in reversed(document.changes)]
    return b"".join([head, *newest_first, CLOSING[fmt]])  # one copy of a big document


def document_head(
    document: Document, fmt: str, ledger: Ledger, site: Site, when: datetime | None = None
) -> bytes:
    """feedgen's document without its entries and its closing tags: what comes before the entries.
    `when`: its time of update, if not that of its newest change."""
    generator = feed_generator(document, fmt, ledger, site, [], when)
    text: bytes = generator.rss_str(pretty=True) if fmt == "rss" else generator.atom_str(pretty=True)
    closing = CLOSING[fmt]
    if not text.endswith(closing):
        raise AssertionError(f"feedgen wrote a {fmt} document that does not end as expected")
    return text[: -len(closing)]


def feed_generator(
    document: Document,
    fmt: str,
    ledger: Ledger,
    site: Site,
    entries: list[FeedEntry],
    when: datetime | None = None,
) -> FeedGenerator:
    """feedgen's document of `document` in `fmt` ("rss" or "atom"), holding `entries` in that
    order; `when`: its time of update, if not that of its newest change."""
    base_url = site.base_url
    self_url = site.url(document.name(fmt))
    if base_url is None or self_url is None:
        raise ValueError("a feed needs the site's public address")
    generator = FeedGenerator()
    generator.register_extension("history", History, atom=True, rss=True)
    generator.history.set(document, fmt, site)
    title = (
        document.feed.title
        if document.number is None
        else f"{document.feed.title} (archive {document.number})"
    )
    generator.id(
        ledger.tag(f"feed/{document.feed.name}")
        + ("" if document.number is None else f"/archive-{document.number}")
    )
    generator.title(title)
    generator.subtitle(document.feed.description)  # also the RSS channel description
    generator.author(
        {"name": clean_text(ledger.data.calendar.name).strip() or "sinotime", "uri": web_address(base_url)}
    )
    generator.language(ledger.data.calendar.language)
    generator.generator(GENERATOR)
    generator.updated(
        when or updated(document, ledger)
    )  # also RSS lastBuildDate; feedgen's default is the clock
    generator.link(href=web_address(self_url), rel="self", type=MEDIA_TYPES[fmt])
    # feedgen makes the link added last the RSS channel link: the site, not the feed.
    generator.link(href=web_address(base_url), rel="alternate")
    for entry in entries:
        generator.add_entry(entry, order="append")  # feedgen prepends by default
    return generator


class History(BaseExtension):  # type: ignore[misc]
    """RFC 5005 in Atom and RSS: `prev-archive` and `current` links, and `fh:archive` on an archive."""

    def set(self, document: Document, fmt: str, site: Site) -> None:
        """The links of `document`: `prev-archive` to the page before; on an archive, `current`,
        and `next-archive` to the page after, or to the subscription document while it is the
        newest page (the validator wants an archive to link onwards; see the README)."""
        feed = document.feed.name
        self.links: list[tuple[str, str]] = []
        self.archive = document.number is not None
        if document.previous is not None:
            self.links.append(("prev-archive", archive_name(feed, document.previous, fmt)))
        if document.number is not None:
            self.links.append(("current", archive_name(feed, None, fmt)))
            later = document.number + 1 if document.number < document.archives else None
            self.links.append(("next-archive", archive_name(feed, later, fmt)))
        self.site = site
        self.media_type = MEDIA_TYPES[fmt]

    def extend_ns(self) -> dict[str, str]:
        return {"fh": HISTORY_NS} if self.archive else {}

    def _extend(self, parent: Any, link_tag: str) -> None:
        """Put fh:archive and the links after the last link of the metadata, before any entry."""
        index = max((n + 1 for n, child in enumerate(parent) if child.tag == link_tag), default=len(parent))
        elements = []  # made by the document, so that they take its namespace prefixes
        if self.archive:
            elements.append(parent.makeelement(f"{{{HISTORY_NS}}}archive", {}))
        for rel, name in self.links:
            href = web_address(self.site.url(name) or name)
            elements.append(parent.makeelement(link_tag, {"href": href, "rel": rel, "type": self.media_type}))
        for offset, element in enumerate(elements):
            parent.insert(index + offset, element)

    def extend_atom(self, feed: Any) -> Any:
        self._extend(feed, "link")  # feedgen writes Atom with a default namespace and bare tags
        return feed

    def extend_rss(self, rss: Any) -> Any:
        self._extend(rss.find("channel"), f"{{{ATOM_NS}}}link")
        return rss


# --- JSON Feed 1.1 (https://jsonfeed.org/version/1.1), plain JSON of the structure below ---


def render_json(
    document: Document, ledger: Ledger, site: Site, made: Made, heads: Heads | None = None
) -> bytes:
    """A JSON Feed 1.1 document: `next_url` leads to the older archive page, as `prev-archive` does;
    an archive page is `expired` (it never changes again). `heads`: see `render_document`."""
    base_url = site.base_url or ""
    feed: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": document.feed.title
        if document.number is None
        else f"{document.feed.title} (archive {document.number})",
        "home_page_url": web_address(base_url),
        "feed_url": web_address(site.url(document.name("json")) or ""),
        "description": document.feed.description,
        "authors": [
            {
                "name": clean_text(ledger.data.calendar.name).strip() or "sinotime",
                "url": web_address(base_url),
            }
        ],
        "language": ledger.data.calendar.language,
    }
    if document.previous is not None:
        feed["next_url"] = web_address(
            site.url(archive_name(document.feed.name, document.previous, "json")) or ""
        )
    if document.number is not None:
        feed["expired"] = True
    items = made.entries
    for change in document.changes:
        if change.id not in items:
            items[change.id] = json_item(entry_pieces(change, ledger, site, made))
    head = heads.json_head(document, feed) if heads is not None else None
    return json_document(feed, [items[change.id] for change in reversed(document.changes)], head)


# A document is `json.dumps(feed, ensure_ascii=False, indent=1)` with its items last, and a
# newline. Each item is written once, as it stands in that list (two levels in), and joined
# into every document that holds it: every line break json writes is its own (a string's are
# escaped), so indenting its lines is exact. A test compares the two on random feeds.


def json_document(feed: dict[str, Any], items: list[bytes], head: bytes | None = None) -> bytes:
    """The document of `feed` (without its items) with `items` (from `lean.json_item`) last;
    `head`: `feed` as json.dumps writes it, if known."""
    if head is None:
        head = json.dumps(feed, ensure_ascii=False, indent=1).encode("utf-8")  # "{ ... \n}"
    if not items:
        return head[:-2] + b',\n "items": []\n}\n'
    parts = [head[:-2] + b',\n "items": [\n']
    for item in items:
        parts += (item, b",\n")
    parts[-1] = b"\n ]\n}\n"
    return b"".join(parts)  # one copy of a big document
