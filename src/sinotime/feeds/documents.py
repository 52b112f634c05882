"""A feed's documents: which feeds there are (everything, each kind, each series) and how each
is cut into a subscription document and archive pages (RFC 5005)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time

from sinotime.catalogue import FEED_FORMATS, everything, of_kind, of_series
from sinotime.feed_content import clean_text
from sinotime.kinds import Kind
from sinotime.ledger import Change, Ledger
from sinotime.paging import PAGE_SIZE, paged

FORMATS = tuple(fmt.extension for fmt in FEED_FORMATS)  # "rss", "atom", "json"
MEDIA_TYPES = {fmt.extension: fmt.mime for fmt in FEED_FORMATS}


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


def updated(document: Document, ledger: Ledger) -> datetime:
    """The newest change in the document; noon of the as-of day when it has none."""
    if document.changes:
        return document.changes[-1].moment
    return datetime.combine(ledger.as_of, time(12), tzinfo=UTC)
