"""A feed's entries: one a change, its content made once and its RSS or Atom text once a format."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from feedgen.entry import FeedEntry
from lxml import etree

from sinotime.catalogue import PAGE_NAME
from sinotime.change_words import CHANGE_LABELS, change_title
from sinotime.feed_content import Markup, change_html, clean_text, web_address
from sinotime.feeds.documents import kind_heading
from sinotime.ledger import Change, Ledger
from sinotime.names import other_names
from sinotime.site import Site
from sinotime.words import Step


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


def entry_content(change: Change, ledger: Ledger, site: Site, made: Made) -> str:
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


# How feedgen's pretty-printed documents end, after the last entry; and what an entry is
# wrapped in so that lxml writes it as it stands in a document (indented, and each of its
# lines ended): the same elements at the same depth, with only element children.
CLOSING = {"atom": b"</feed>\n", "rss": b"  </channel>\n</rss>\n"}
OPENING = {"atom": b"<feed>\n", "rss": b"<rss>\n  <channel>\n"}


def entry_text(entry: FeedEntry, fmt: str) -> bytes:
    """One entry (`rss` or `atom`) as lxml writes it within a pretty-printed feedgen document."""
    if fmt == "atom":
        root = etree.Element("feed")
        root.append(entry.atom_entry())
    else:
        root = etree.Element("rss")
        etree.SubElement(root, "channel").append(entry.rss_entry())
    text: bytes = etree.tostring(root, pretty_print=True, encoding="UTF-8", xml_declaration=False)
    opening, closing = OPENING[fmt], CLOSING[fmt]
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
    entry.content(entry_content(change, ledger, site, made), type="html")  # RSS: the item description
    entry.category(term=change.kind.value, label=CHANGE_LABELS[change.kind])
    entry.category(term=change.event.kind, label=kind_heading(ledger.data.kind(change.event.kind)))


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
