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

The package: `documents` (which feeds there are and their archive pages), `entries` (each
change's entry, its pieces made once), `lean` (each entry's bytes, as the libraries write them)
and `formats` (RSS, Atom and JSON Feed documents).
"""

from __future__ import annotations

from collections.abc import Iterator

from sinotime.catalogue import event_pages
from sinotime.feed_content import Written, clean_text, web_address
from sinotime.feeds.documents import FORMATS, ChangeFeed, Document, documents, feeds_of
from sinotime.feeds.entries import Made, entry_pieces, make_all_pieces
from sinotime.feeds.formats import (
    document_head,
    feed_generator,
    json_document,
    render_document,
)
from sinotime.feeds.heads import Heads
from sinotime.ledger import ledger_of
from sinotime.site import Site
from sinotime.timeline import Timeline

__all__ = [
    "FORMATS",
    "ChangeFeed",
    "Document",
    "Made",
    "clean_text",
    "documents",
    "entry_pieces",
    "feed_generator",
    "feeds_of",
    "iter_feeds",
    "json_document",
    "render_document",
    "web_address",
]


def iter_feeds(timeline: Timeline, site: Site) -> Iterator[tuple[str, bytes]]:
    """Every feed document in every format, with its file name, one at a time (so that a build
    can write each away); nothing without a public address."""
    if site.base_url is None:
        return
    ledger = ledger_of(timeline)
    made = Made(pages=event_pages(timeline))
    feeds = feeds_of(ledger)
    heads = Heads(lambda document, fmt, when: document_head(document, fmt, ledger, site, when))
    make_all_pieces(ledger, site, made)
    for fmt in FORMATS:  # a format's entries are kept for all its feeds, then let go
        made.last_format = fmt == FORMATS[-1]
        for feed in feeds:
            for document in documents(feed):
                yield document.name(fmt), render_document(document, fmt, ledger, site, made, heads)
        made.entries.clear()
        made.written = Written()  # every content is made in the first format
