"""A feed's entries: one a change, its pieces (title, links, HTML content...) made once for
every format and every feed that holds it; `lean` writes each format's bytes of them directly,
which tests hold to feedgen's entry of the same pieces (tests/library_reference.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sinotime.catalogue import PAGE_NAME
from sinotime.change_words import CHANGE_LABELS, change_title
from sinotime.feed_content import Written, change_html, clean_text, web_address
from sinotime.feeds.documents import kind_heading
from sinotime.ledger import Change, Ledger
from sinotime.site import Site


@dataclass(frozen=True, slots=True)
class Pieces:
    """What every format writes of one change's entry."""

    id: str  # the tag URI: Atom id, RSS guid (isPermaLink="false"), JSON Feed id
    title: str
    link: str  # the source's address; the event on the page when it has none, and for a deadline
    related: str | None  # the event on the page
    content: bytes  # the HTML content, in UTF-8 (a str beyond Latin-1 takes 2 or 4 bytes a character)
    moment: datetime  # Atom updated and published, RSS pubDate, JSON Feed date_published
    categories: tuple[tuple[str, str], ...]  # (term, label): the change's kind, the event's kind


@dataclass
class Made:
    """What the documents of one ledger share: a change is in up to three feeds (everything, its
    kind, its series), each in three formats; its pieces are made once, its entry's bytes once a
    format."""

    pieces: dict[str, Pieces] = field(default_factory=dict)
    written: Written = field(default_factory=Written)  # what entries' contents show again
    entries: dict[str, bytes] = field(default_factory=dict)  # of the format being written
    pages: dict[str, str] = field(default_factory=dict)  # the page of each event, when not index.html
    addresses: dict[str, str] = field(default_factory=dict)  # `web_address` of each, once
    last_format: bool = False  # each change's pieces are asked for once more: let go of them then


def entry_pieces(change: Change, ledger: Ledger, site: Site, made: Made) -> Pieces:
    """The pieces of `change`'s entry, made on the first asking."""
    kept = made.pieces.pop(change.id, None) if made.last_format else made.pieces.get(change.id)
    if kept is not None:
        return kept
    page = event_url(change, site, made)
    event_kind = ledger.data.kind(change.event.kind)
    pieces = Pieces(
        id=ledger.tag(change.id),
        title=feed_title(change),
        link=entry_link(change, page, site, made),
        related=None if page is None else encoded(page, made),
        content=entry_content(change, ledger, page, made).encode("utf-8"),
        moment=change.moment,
        categories=(
            (change.kind.value, CHANGE_LABELS[change.kind]),
            (change.event.kind, kind_heading(event_kind)),
        ),
    )
    if not made.last_format:
        made.pieces[change.id] = pieces
    return pieces


def make_all_pieces(ledger: Ledger, site: Site, made: Made) -> None:
    """Every change's pieces, one event's changes after another. An entry tells its event's
    story so far, so an event's entries share their steps, each worded and written once while
    `made.written` keeps it (the last few thousand); in the documents' order (by time, across
    thousands of events) a step was let go long before its event's next change, and written again."""
    for story in ledger.by_event.values():
        for change in story:
            entry_pieces(change, ledger, site, made)


def entry_content(change: Change, ledger: Ledger, page: str | None, made: Made) -> str:
    """The HTML content: the change, the status it left and the event's story (`change_html`)."""
    series = ledger.series.get(change.event.series or "")
    label = ledger.data.kind(change.event.kind).label
    return change_html(change, ledger.sources, page, label, series, made.written)


def event_url(change: Change, site: Site, made: Made) -> str | None:
    """The event on the timeline page (on its month's page when the page is split)."""
    page = made.pages.get(change.event.id, PAGE_NAME)
    return site.url(f"{page}#event-{change.event.id}")


def entry_link(change: Change, page: str | None, site: Site, made: Made) -> str:
    """The source's address; the event on the page when it has none, and for a deadline."""
    if change.source is not None and change.source.url is not None:
        return encoded(change.source.url, made)
    return encoded(page or site.base_url or "", made)


def encoded(url: str, made: Made) -> str:
    """`web_address(url)`, worked out once for a ledger's entries (an event's page and a
    source's address are in entry after entry)."""
    address = made.addresses.get(url)
    if address is None:
        address = made.addresses[url] = web_address(url)
    return address


def feed_title(change: Change) -> str:
    """The entry's title: the event's title trimmed of what is left at its ends once cleaned
    (a line break before a character a feed drops)."""
    return clean_text(change_title(change, clean_text(change.event.title).strip()))
