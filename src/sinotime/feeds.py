"""RSS 2.0 and Atom 1.0 feeds for people who follow the timeline in a feed reader.

Each entry is one event, dated when it last changed for a reader: its record's `changed` day,
or the day its status last changed if that is later (`Timeline.modified`; Atom's `published`
is `added`), so that a reader shows news when a plan is added, a target slips, a plan falls
past due or a milestone is completed. `render_feeds` writes a feed of every event (`sinotime.rss`,
`sinotime.atom`) and one per kind that has events (`kind-expo.rss`, `kind-expo.atom`...).
Entries are ordered newest change first, then by id, and every feed keeps every event.

What the W3C Feed Validation Service checks and sinotime relies on (tests/test_feeds_safety.py
encodes each rule, since that service cannot be run offline):

- the RSS channel has a title, a `link` to the site (the base URL), a description, a
  `language`, and an `atom:link rel="self"` with the feed's own public address; Atom feeds
  have an id, a title, `updated`, a feed-level author, a self link, an alternate link to the
  site, a subtitle and `xml:lang`; metadata comes before the first entry;
- dates come from the data, never the clock: RFC 822 in RSS (`Mon, 23 Nov 2026 00:00:00
  +0000`), RFC 3339 in Atom, 00:00 UTC of the day;
- each entry has a stable id that never changes between builds, the tag URI
  `tag:sinotime,2026:event/<event id>` (RSS `guid isPermaLink="false"`);
- the entry's content is HTML built as an element tree (so every piece of data is escaped by
  the serializer), using only elements and attributes the validator deems safe, with
  absolute links; the XML around it is written by lxml through feedgen, which escapes again;
- addresses are written with only the characters the validator accepts in a URI: any other
  character is percent-encoded as UTF-8 (`é` becomes `%C3%A9`);
- XML 1.0 cannot carry most C0 control characters, lone surrogates, U+FFFE and U+FFFF, and
  the validator warns of C1 controls (U+0080-U+009F) and U+FFFD: `clean_text` removes all of
  them (and DEL) from every piece of text; a line break is kept, `\\r\\n` and `\\r` become `\\n`.

Without a public address (no `--base-url`, no `calendar.base_url`) a feed can have neither
its self link nor the channel link RSS requires, so no feed is written and `sinotime build`
says so (`missing_address_note`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree as ET

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

from sinotime.models import Event, Kind
from sinotime.site import Site
from sinotime.timeline import Entry, Timeline, date_words, primary_link, status_words

ALL_FEED = "sinotime"
FORMATS = ("rss", "atom")
MEDIA_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}
TAG_PREFIX = "tag:sinotime,2026:"  # a fixed authority and date: ids never change with the address
GENERATOR = "sinotime"

# Characters XML 1.0 cannot carry (most C0 controls, lone surrogates, U+FFFE, U+FFFF), and
# those the W3C validator warns of (DEL, C1 controls, U+FFFD).
_UNSAFE_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffd\ufffe\uffff]")
# What the validator accepts in a URI (its RFC 2396 pattern); everything else is %-encoded.
_URI_SAFE = ";/?:@&=+$-_.!~*'()%,#"


def clean_text(text: str) -> str:
    """`text` without the characters a feed must not carry; line endings become `\\n`."""
    return _UNSAFE_CHARACTERS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def web_address(url: str) -> str:
    """`url` with every character the validator does not accept in a URI percent-encoded."""
    return quote(url, safe=_URI_SAFE, encoding="utf-8", errors="surrogatepass")


def event_id(event: Event) -> str:
    """The entry's id (Atom) and guid (RSS): built from the event's declared id only."""
    return f"{TAG_PREFIX}event/{event.id}"


def feed_id(name: str) -> str:
    return f"{TAG_PREFIX}feed/{name}"


def entry_time(day: date) -> datetime:
    """A record's day as a feed date: 00:00 UTC of that day."""
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Feed:
    """One feed, written once as RSS and once as Atom."""

    name: str  # the file name without its extension
    title: str
    author: str
    description: str
    entries: tuple[Entry, ...]  # newest change first, then id
    newest_change: date  # of its events; of the whole file when it has none (an early --as-of)

    @property
    def updated(self) -> datetime:
        """The newest change of any of its events."""
        return entry_time(self.newest_change)


def newest_change_first(entries: Iterable[Entry], timeline: Timeline) -> tuple[Entry, ...]:
    return tuple(sorted(entries, key=lambda entry: (-timeline.modified(entry).toordinal(), entry.event.id)))


def feeds_of(timeline: Timeline) -> list[Feed]:
    """The feed of every event, then one per kind that has events, in the order of `Kind`."""
    calendar = timeline.data.calendar
    name = clean_text(calendar.name).strip() or "sinotime"
    description = clean_text(calendar.description).strip() or name
    everything = newest_change_first(timeline, timeline)
    newest = max((timeline.modified(entry) for entry in everything), default=timeline.data.last_changed())
    feeds = [Feed(ALL_FEED, name, name, description, everything, newest)]
    for kind in Kind:
        entries = newest_change_first((entry for entry in timeline if entry.event.kind is kind), timeline)
        if entries:
            feeds.append(
                Feed(
                    f"kind-{kind.value}",
                    f"{name}: {kind.label}",
                    name,
                    f"{description} This feed holds only {kind.label.lower()}.",
                    entries,
                    max(timeline.modified(entry) for entry in entries),
                )
            )
    return feeds


def missing_address_note(files: Iterable[str]) -> str | None:
    """What to tell the user when a build wrote no feed for want of an address; else None."""
    if any(name.endswith(tuple(f".{fmt}" for fmt in FORMATS)) for name in files):
        return None
    return (
        "note: no feeds written: a feed needs the public address it is served from "
        "(give --base-url or calendar.base_url)"
    )


def render_feeds(timeline: Timeline, site: Site) -> dict[str, bytes]:
    """Every feed as RSS 2.0 and Atom 1.0, by file name; nothing without a public address."""
    return dict(iter_feeds(timeline, site))


def iter_feeds(timeline: Timeline, site: Site) -> Iterator[tuple[str, bytes]]:
    """The feeds of `render_feeds` one at a time, so that a build can write each away."""
    if site.base_url is None:
        return
    made = Made()
    feeds = feeds_of(timeline)
    for fmt in FORMATS:  # a format's entries are kept for all its feeds, then let go
        for feed in feeds:
            yield f"{feed.name}.{fmt}", render_feed(feed, fmt, timeline, site, made)
        made.entries.clear()


@dataclass
class Made:
    """What the feeds of one timeline share: an event is in two feeds (every event, its kind),
    each written in two formats; its entry is filled once a format, its HTML content once."""

    entries: dict[tuple[str, str], FixedFeedEntry] = field(default_factory=dict)
    contents: dict[str, str] = field(default_factory=dict)

    def content(self, entry: Entry, timeline: Timeline) -> str:
        html = self.contents.get(entry.event.id)
        if html is None:
            html = self.contents[entry.event.id] = entry_html(entry, timeline)
        return html


def render_feed(feed: Feed, fmt: str, timeline: Timeline, site: Site, made: Made | None = None) -> bytes:
    """One feed in one format ("rss" or "atom"); `made` keeps entries for the other feeds."""
    base_url = site.base_url
    self_url = site.url(f"{feed.name}.{fmt}")
    if base_url is None or self_url is None:
        raise ValueError("a feed needs the site's public address")
    generator = FeedGenerator()
    generator.id(feed_id(feed.name))
    generator.title(feed.title)
    generator.subtitle(feed.description)  # also the RSS channel description
    generator.author({"name": feed.author, "uri": web_address(base_url)})
    generator.language(timeline.data.calendar.language)
    generator.generator(GENERATOR)
    generator.updated(feed.updated)  # also RSS lastBuildDate; feedgen's default is the clock
    generator.link(href=web_address(self_url), rel="self", type=MEDIA_TYPES[fmt])
    # feedgen makes the link added last the RSS channel link: the site, not the feed.
    generator.link(href=web_address(base_url), rel="alternate")
    made = Made() if made is None else made
    for entry in feed.entries:
        feed_entry = made.entries.get((entry.event.id, fmt))
        if feed_entry is None:
            feed_entry = made.entries[(entry.event.id, fmt)] = FixedFeedEntry()
            _fill_entry(feed_entry, entry, fmt, timeline, site, made.content(entry, timeline))
        generator.add_entry(feed_entry, order="append")  # feedgen prepends by default
    text: bytes = generator.rss_str(pretty=True) if fmt == "rss" else generator.atom_str(pretty=True)
    return text


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


def _fill_entry(feed_entry: Any, entry: Entry, fmt: str, timeline: Timeline, site: Site, html: str) -> None:
    event = entry.event
    feed_entry.id(event_id(event))  # also the RSS guid, isPermaLink="false"
    feed_entry.title(entry_title(entry))
    modified = timeline.modified(entry)  # the record's last change, or its status's
    feed_entry.updated(entry_time(modified))
    # RSS has one date, which tells readers what is new: the last change. Atom has both.
    feed_entry.published(entry_time(event.added if fmt == "atom" else modified))
    links = entry_links(event, timeline, site)
    feed_entry.link(href=links[0], rel="alternate")
    for href in links[1:]:
        feed_entry.link(href=href, rel="via")
    feed_entry.content(html, type="html")  # RSS: the item description
    feed_entry.category(term=event.kind.value, label=event.kind.label)


def entry_links(event: Event, timeline: Timeline, site: Site) -> list[str]:
    """The entry's link (`timeline.primary_link`, else the site), then its other sources' addresses."""
    primary = primary_link(event, timeline.sources)
    addresses = [web_address(primary if primary is not None else site.base_url or "")]
    addresses += [
        web_address(source.url)
        for source in (timeline.sources[source_id] for source_id in event.source_ids())
        if source.url is not None
    ]
    return list(dict.fromkeys(addresses))


def entry_title(entry: Entry) -> str:
    """'Completed late, +3 y 10 m: Railway bridge opens, 16 November 2022'."""
    title = f"{status_words(entry)}: {clean_text(entry.event.title).strip()}"
    when = date_words(entry)
    return f"{title}, {when}" if when else title


# --- the entry's HTML content, built as a tree so that the serializer escapes every text ---


class _Html:
    """A small builder of mixed content: strings become text, never markup."""

    def __init__(self, tag: str, attributes: dict[str, str] | None = None) -> None:
        self.element = ET.Element(tag, attributes or {})

    def add(self, *parts: str | _Html | None) -> _Html:
        for part in parts:
            if part is None:
                continue
            if isinstance(part, _Html):
                self.element.append(part.element)
                continue
            text = clean_text(part)
            if len(self.element):
                last = self.element[-1]
                last.tail = (last.tail or "") + text
            else:
                self.element.text = (self.element.text or "") + text

        return self

    def lines(self, text: str) -> _Html:
        """Text whose line breaks are kept as <br>."""
        for number, line in enumerate(clean_text(text).split("\n")):
            if number:
                self.add(_Html("br"))
            self.add(line)
        return self


def _tag(tag: str, *parts: str | _Html | None, **attributes: str) -> _Html:
    return _Html(tag, attributes).add(*parts)


def _link(text: str, url: str | None) -> str | _Html:
    return text if url is None else _tag("a", text, href=web_address(url))


def _source_ref(source_id: str, timeline: Timeline) -> str | _Html:
    source = timeline.sources[source_id]
    return _link(source.display_name, source.url)


def _quoted(wording: str | None) -> str | None:
    return None if wording is None else f"“{wording}”"


def entry_html(entry: Entry, timeline: Timeline) -> str:
    """The content of an entry: what, when, where, every plan beside the outcome, the sources."""
    event = entry.event
    body = _Html("div")
    if event.description:
        body.add(_Html("p").lines(event.description))
    body.add(_tag("p", _tag("strong", "Status"), ": ", status_words(entry)))
    if entry.note:
        body.add(_tag("p", entry.note))
    when = date_words(entry)
    if when is not None:
        body.add(_tag("p", _tag("strong", "Date"), ": ", when))
    body.add(_tag("p", _tag("strong", "Kind"), ": ", event.kind.label))
    if entry.series is not None:
        body.add(_tag("p", _tag("strong", "Series"), ": ", entry.series.title))
    if event.place is not None:
        body.add(_tag("p", _tag("strong", "Place"), ": ", event.place.words()))
    if event.participants:
        body.add(_tag("p", _tag("strong", "Participants"), ": ", "; ".join(event.participants)))
    body.add(_tag("p", _tag("strong", "Plans and outcome")))
    body.add(_tag("ul", *_plan_items(event, timeline)))
    body.add(_tag("p", _tag("strong", "Sources")))
    body.add(_tag("ul", *(_source_item(source_id, timeline) for source_id in event.source_ids())))
    _break_lines(body.element)
    return ET.tostring(body.element, encoding="unicode", method="html")


def _break_lines(root: ET.Element) -> None:
    """Start each block on a line of its own, so that the feeds read well and diff well."""
    for element in root.iter():
        if element.tag in ("div", "ul"):
            element.text = "\n" + (element.text or "")
        if element.tag in ("p", "ul", "li"):
            element.tail = "\n" + (element.tail or "")


def _plan_items(event: Event, timeline: Timeline) -> Iterable[_Html]:
    for plan in event.plans:
        target = plan.target.words() if plan.target is not None else "no date given"
        yield _tag(
            "li",
            _tag("strong", "Target"),
            f": {target} — {_quoted(plan.wording)} — announced {plan.announced.words()} by ",
            _source_ref(plan.source, timeline),
        )
    outcome = event.outcome
    if outcome is None:
        yield _tag("li", _tag("strong", "Outcome"), ": none recorded")
        return
    what = outcome.status.verb.lower()
    if outcome.date is not None:
        what += f" {outcome.date.words()}"
    parts: list[str | _Html] = [_tag("strong", "Outcome"), f": {what}"]
    if outcome.wording is not None:
        parts.append(f" — {_quoted(outcome.wording)}")
    yield _tag("li", *parts, " — reported by ", _source_ref(outcome.source, timeline))
    for report in outcome.other_reports:
        said = report.date.words() if report.date is not None else "no date"
        wording = f" — {_quoted(report.wording)}" if report.wording is not None else ""
        yield _tag(
            "li",
            _tag("strong", "Other report"),
            f": {said}{wording} — reported by ",
            _source_ref(report.source, timeline),
        )


def _source_item(source_id: str, timeline: Timeline) -> _Html:
    source = timeline.sources[source_id]
    item = _tag("li", _link(source.title, source.url))
    if source.display_name != source.title:
        item.add(f" — {source.display_name}")
    if source.author:
        item.add(f", {source.author}")
    item.add(f", published {source.published.words()}")
    if source.copies:
        item.add(" (copies: ")
        for number, copy in enumerate(source.copies, start=1):
            item.add(", " if number > 1 else None, _link(str(number), copy))
        item.add(")")
    return item
