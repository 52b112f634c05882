"""Feeds of what changed: RSS 2.0, Atom 1.0 and JSON Feed 1.1, bounded and archived (RFC 5005).

Each entry is one change of the ledger (`ledger`): a target announced or moved, an outcome,
another report, a deadline passing with nothing heard; dated by its source (see `ledger` for the
time within the day). Its title says what changed in the shared words (`change_words`); its
content tells the event's story up to that change, with links to the source and to the event on
the page (`feed_content`); its link is the source (the event on the page when the source has no
address, and for a deadline).

`iter_feeds` gives a feed of everything (`sinotime`), one per kind and one per series that
have changes (`kind-expo`, `series-tongjiang-rail-bridge`), each in three formats (`.rss`,
`.atom`, `.json`). The file a reader subscribes to holds the newest `paging.PAGE_SIZE` changes,
newest first, and links to the newest full archive page (`NAME.archive-K.FMT`), which links to
the one before, back to the first change (RFC 5005: `prev-archive`, `current`, `fh:archive`;
JSON Feed: `next_url`, and `expired` on an archive). A full archive page never changes again.

What the W3C Feed Validation Service checks and sinotime relies on: a channel title, link to
the site, description, language and `atom:link rel="self"`; an Atom id, title, `updated`,
author, self and alternate links, subtitle and `xml:lang`; every date from the data, never the
clock, and no two entries of a document with the same `updated` (`ledger` gives each change a
distinct time); text with only the characters XML and the validator accept (`clean_text`);
addresses percent-encoded to what a URI allows (`web_address`).

Without a public address (no `--base-url`, no `calendar.base_url`) a feed can have neither its
self link nor the channel link RSS requires, so no feed is written and `sinotime build` says so.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Any

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from sinotime.catalogue import FEED_FORMATS, PAGE_NAME, event_pages, everything, of_kind, of_series
from sinotime.change_words import CHANGE_LABELS, change_title
from sinotime.feed_content import Markup, change_html, clean_text, web_address
from sinotime.ledger import Change, Ledger, build_ledger
from sinotime.models import Kind
from sinotime.names import other_names
from sinotime.paging import PAGE_SIZE, paged
from sinotime.site import Site
from sinotime.timeline import Timeline
from sinotime.words import Step

__all__ = ["clean_text", "iter_feeds", "web_address"]

FORMATS = tuple(fmt.extension for fmt in FEED_FORMATS)  # "rss", "atom", "json"
MEDIA_TYPES = {fmt.extension: fmt.mime for fmt in FEED_FORMATS}
GENERATOR = "sinotime"
HISTORY_NS = "http://purl.org/syndication/history/1.0"  # RFC 5005's fh:archive
ATOM_NS = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


@dataclass(frozen=True, slots=True)
class ChangeFeed:
    """One feed of changes: everything, a kind or a series."""

    name: str  # the file name of the subscription document without its extension
    title: str
    description: str
    changes: tuple[Change, ...]  # oldest first


@dataclass(frozen=True, slots=True)
class Document:
    """One file of a feed: the subscription document (number None) or archive page `number`."""

    feed: ChangeFeed
    changes: tuple[Change, ...]  # oldest first
    number: int | None
    archives: int  # how many archive pages the feed has

    def name(self, fmt: str) -> str:
        return archive_name(self.feed.name, self.number, fmt)

    @property
    def previous(self) -> int | None:
        """The archive page before this document, if any."""
        before = self.archives if self.number is None else self.number - 1
        return before or None


def archive_name(feed: str, number: int | None, fmt: str) -> str:
    """`sinotime.atom`, `sinotime.archive-3.atom`: a dot never appears in a slug, so names never clash."""
    return f"{feed}.{fmt}" if number is None else f"{feed}.archive-{number}.{fmt}"


def kind_heading(kind: Kind) -> str:
    """A kind's heading as the feeds write it: its id when nothing of it is left once cleaned."""
    return clean_text(kind.heading).strip() or kind.id


def feeds_of(ledger: Ledger) -> list[ChangeFeed]:
    """The feed of everything, then one per kind and one per series that has changes."""
    calendar = ledger.data.calendar
    name = clean_text(calendar.name).strip() or "sinotime"
    about = clean_text(calendar.description).strip() or name
    feeds = [ChangeFeed(everything(calendar.stem).stem, name, f"What changed: {about}", ledger.changes)]
    by_kind, by_series = ledger.grouped()
    for kind in ledger.data.kinds:
        if changes := by_kind.get(kind.id, ()):
            heading = kind_heading(kind)
            feeds.append(
                ChangeFeed(
                    of_kind(kind).stem,
                    f"{name}: {heading}",
                    f"What changed in {heading.lower()}.",
                    changes,
                )
            )
    for series in ledger.data.series:
        if changes := by_series.get(series.id, ()):
            title = clean_text(series.title).strip()
            feeds.append(
                ChangeFeed(of_series(series).stem, f"{name}: {title}", f"What changed in {title}.", changes)
            )
    return feeds


def documents(feed: ChangeFeed, size: int = PAGE_SIZE) -> Iterator[Document]:
    """The subscription document, then every archive page, newest first."""
    pages = paged(feed.changes, size)
    count = len(pages.archives)
    yield Document(feed, pages.current, None, count)
    for number in range(count, 0, -1):
        yield Document(feed, pages.archives[number - 1], number, count)


def iter_feeds(timeline: Timeline, site: Site) -> Iterator[tuple[str, bytes]]:
    """Every feed document in every format, with its file name, one at a time (so that a build
    can write each away); nothing without a public address."""
    if site.base_url is None:
        return
    ledger = build_ledger(timeline.data, as_of=timeline.as_of)
    made = Made(pages=event_pages(timeline))
    feeds = feeds_of(ledger)
    for fmt in FORMATS:  # a format's entries are kept for all its feeds, then let go
        made.last_format = fmt == FORMATS[-1]
        for feed in feeds:
            for document in documents(feed):
                yield document.name(fmt), render_document(document, fmt, ledger, site, made)
        made.entries.clear()
        made.steps.clear()  # every content is made in the first format


@dataclass
class Made:
    """What the documents of one ledger share: a change is in up to three feeds (everything, its
    kind, its series), each in three formats; its HTML is made once, its entry's text once a
    format."""

    # Kept as UTF-8 (a str with one character beyond Latin-1 takes 2 or 4 bytes a character).
    contents: dict[str, bytes] = field(default_factory=dict)
    steps: dict[Step, Markup] = field(default_factory=dict)  # each step of a story, written
    entries: dict[str, bytes] = field(default_factory=dict)  # of the format being written
    pages: dict[str, str] = field(default_factory=dict)  # the page of each event, when not index.html
    last_format: bool = False  # each content is asked for once more: let go of it then


def _content(change: Change, ledger: Ledger, site: Site, made: Made) -> str:
    kept = made.contents.pop(change.id, None) if made.last_format else made.contents.get(change.id)
    if kept is not None:
        return kept.decode("utf-8")
    series = ledger.series.get(change.event.series or "")
    names = other_names(change.event, series)
    label = ledger.data.kind(change.event.kind).label
    url = event_url(change, site, made)
    html = change_html(change, ledger.story(change), ledger.sources, url, label, names, made.steps)
    made.contents[change.id] = html.encode("utf-8")
    return html


def event_url(change: Change, site: Site, made: Made) -> str | None:
    """The event on the timeline page (on its month's page when the page is split)."""
    page = made.pages.get(change.event.id, PAGE_NAME)
    return site.url(f"{page}#event-{change.event.id}")


def entry_link(change: Change, site: Site, made: Made) -> str:
    """The source's address; the event on the page when it has none, and for a deadline."""
    if change.source is not None and change.source.url is not None:
        return web_address(change.source.url)
    return web_address(event_url(change, site, made) or site.base_url or "")


def updated(document: Document, ledger: Ledger) -> datetime:
    """The newest change in the document; noon of the as-of day when it has none."""
    if document.changes:
        return document.changes[-1].moment
    return datetime.combine(ledger.as_of, time(12), tzinfo=UTC)


def render_document(document: Document, fmt: str, ledger: Ledger, site: Site, made: Made) -> bytes:
    """One document of a feed in one format: "rss", "atom" or "json".

    feedgen writes the document without its entries, and each entry once a format (as it
    stands in a document: `entry_text`), joined in where the entries go; a test compares this
    with feedgen's whole document (`feed_generator` with the entries)."""
    if fmt == "json":
        return render_json(document, ledger, site, made)
    entries = made.entries
    for change in document.changes:
        if change.id not in entries:
            entries[change.id] = entry_text(new_entry(change, ledger, site, made), fmt)
    head = feed_generator(document, fmt, ledger, site, [])
    text: bytes = head.rss_str(pretty=True) if fmt == "rss" else head.atom_str(pretty=True)
    closing = _CLOSING[fmt]
    if not text.endswith(closing):
        raise AssertionError(f"feedgen wrote a {fmt} document that does not end as expected")
    newest_first = b"".join(entries[change.id] for change in reversed(document.changes))
    return text[: -len(closing)] + newest_first + closing


def feed_generator(
    document: Document, fmt: str, ledger: Ledger, site: Site, entries: list[FeedEntry]
) -> FeedGenerator:
    """feedgen's document of `document` in `fmt` ("rss" or "atom"), holding `entries` in that order."""
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
    generator.updated(updated(document, ledger))  # also RSS lastBuildDate; feedgen's default is the clock
    generator.link(href=web_address(self_url), rel="self", type=MEDIA_TYPES[fmt])
    # feedgen makes the link added last the RSS channel link: the site, not the feed.
    generator.link(href=web_address(base_url), rel="alternate")
    for entry in entries:
        generator.add_entry(entry, order="append")  # feedgen prepends by default
    return generator


# How feedgen's pretty-printed documents end, after the last entry; and what an entry is
# wrapped in so that lxml writes it as it stands in a document (indented, and each of its
# lines ended): the same elements at the same depth, with only element children.
_CLOSING = {"atom": b"</feed>\n", "rss": b"  </channel>\n</rss>\n"}
_OPENING = {"atom": b"<feed>\n", "rss": b"<rss>\n  <channel>\n"}


def entry_text(entry: FeedEntry, fmt: str) -> bytes:
    """One entry (`rss` or `atom`) as lxml writes it within a pretty-printed feedgen document."""
    if fmt == "atom":
        root = etree.Element("feed")
        root.append(entry.atom_entry())
    else:
        root = etree.Element("rss")
        etree.SubElement(root, "channel").append(entry.rss_entry())
    text: bytes = etree.tostring(root, pretty_print=True, encoding="UTF-8", xml_declaration=False)
    opening, closing = _OPENING[fmt], _CLOSING[fmt]
    if not (text.startswith(opening) and text.endswith(closing)):
        raise AssertionError(f"lxml wrote a {fmt} entry that does not stand as expected")
    return text[len(opening) : -len(closing)]


def new_entry(change: Change, ledger: Ledger, site: Site, made: Made) -> FeedEntry:
    """The feedgen entry of `change`."""
    entry = FixedFeedEntry()
    _fill_entry(entry, change, ledger, site, made)
    return entry


def feed_title(change: Change) -> str:
    """The entry's title: the event's title trimmed of what is left at its ends once cleaned
    (a line break before a character a feed drops)."""
    return clean_text(change_title(change, clean_text(change.event.title).strip()))


def _fill_entry(entry: Any, change: Change, ledger: Ledger, site: Site, made: Made) -> None:
    entry.id(ledger.tag(change.id))  # also the RSS guid, isPermaLink="false"
    entry.title(feed_title(change))
    entry.updated(change.moment)
    entry.published(change.moment)  # RSS pubDate
    entry.link(href=entry_link(change, site, made), rel="alternate")
    page = event_url(change, site, made)
    if page is not None:
        entry.link(href=web_address(page), rel="related")
    entry.content(_content(change, ledger, site, made), type="html")  # RSS: the item description
    entry.category(term=change.kind.value, label=CHANGE_LABELS[change.kind])
    entry.category(term=change.event.kind, label=kind_heading(ledger.data.kind(change.event.kind)))


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


class FixedFeedEntry(FeedEntry):  # type: ignore[misc]
    """A FeedEntry whose Atom links keep their `rel` and `type`.

    feedgen 1.0.0 writes an entry's links without rel, type, hreflang, title and length (its
    issue 135: the loop variable is rebound to the new element). `link()` still returns the
    link data, in the order the elements were written, so put the attributes back.
    """

    def atom_entry(self, extensions: bool = True) -> Any:
        element = super().atom_entry(extensions=extensions)
        links = self.link() or []
        written = element.findall("link")
        for link_element, data in zip(written, links, strict=True):
            for key in ("rel", "type", "hreflang", "title", "length"):
                if data.get(key):
                    link_element.set(key, str(data[key]))
        return element


# --- JSON Feed 1.1 (https://jsonfeed.org/version/1.1), plain JSON of the structure below ---


def render_json(document: Document, ledger: Ledger, site: Site, made: Made) -> bytes:
    """A JSON Feed 1.1 document: `next_url` leads to the older archive page, as `prev-archive` does;
    an archive page is `expired` (it never changes again)."""
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
            items[change.id] = json_item_text(_json_item(change, ledger, site, made))
    return json_document(feed, [items[change.id] for change in reversed(document.changes)])


# A document is `json.dumps(feed, ensure_ascii=False, indent=1)` with its items last, and a
# newline. Each item is written once, as it stands in that list (two levels in), and joined
# into every document that holds it: every line break json writes is its own (a string's are
# escaped), so indenting its lines is exact. A test compares the two on random feeds.


def json_item_text(item: dict[str, Any]) -> bytes:
    """One item as it stands in a document's list of items, in UTF-8."""
    lines = json.dumps(item, ensure_ascii=False, indent=1).split("\n")
    return "\n".join(f"  {line}" for line in lines).encode("utf-8")


def json_document(feed: dict[str, Any], items: list[bytes]) -> bytes:
    """The document of `feed` (without its items) with `items` (from `json_item_text`) last."""
    head = json.dumps(feed, ensure_ascii=False, indent=1).encode("utf-8")  # "{ ... \n}"
    listed = b"[\n" + b",\n".join(items) + b"\n ]" if items else b"[]"
    return head[:-2] + b',\n "items": ' + listed + b"\n}\n"


def _json_item(change: Change, ledger: Ledger, site: Site, made: Made) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": ledger.tag(change.id),
        "url": entry_link(change, site, made),
        "title": feed_title(change),
        "content_html": _content(change, ledger, site, made),
        "date_published": change.moment.isoformat(),
        "tags": [change.kind.value, change.event.kind],
    }
    page = event_url(change, site, made)
    if page is not None and item["url"] != web_address(page):
        item["external_url"] = web_address(page)
    return item
