"""What the lean writers must equal: each format built through its library (icalendar's
component, feedgen's entry, `json.dumps`) from the same pieces. Only the tests use these; they
hold the product's byte-writers (`calendars.events.vevent_bytes`, `feeds.lean`) to them."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from feedgen.entry import FeedEntry
from icalendar import Calendar, Component, Event

from sinotime.calendars.events import properties
from sinotime.calendars.files import Zone, build_properties
from sinotime.calendars.grid import Placement
from sinotime.calendars.lines import Property, to_ical
from sinotime.feeds.entries import Made, Pieces, entry_pieces
from sinotime.ledger import Change, Ledger
from sinotime.site import Site
from sinotime.timeline import Entry, Timeline

ComponentT = TypeVar("ComponentT", bound=Component)


def vevent(entry: Entry, where: Placement, timeline: Timeline) -> Event:
    """The event's VEVENT as icalendar's component."""
    return with_properties(Event(), properties(entry, where, timeline))


def whole_calendar(shared: Any, own: list[Property], zones: list[Zone], vevents: list[bytes]) -> bytes:
    """What `_Shared.calendar` writes, through icalendar's component: the properties added, each
    VTIMEZONE a component, and the VEVENTs' bytes put in before the END (where icalendar writes
    a component's subcomponents)."""
    calendar = with_properties(Calendar(), [*build_properties(), *own])
    for zone in zones:
        calendar.add_component(shared.zones.vtimezone(*zone))
    head, end = to_ical(calendar), b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    return b"".join([head[: -len(end)], *vevents, end])


def with_properties(component: ComponentT, added: list[Property]) -> ComponentT:
    """The component with each property added by `Component.add`."""
    for name, value, parameters in added:
        if parameters is None:
            component.add(name, value)
        else:
            component.add(name, value, parameters=parameters)
    return component


def new_entry(change: Change, ledger: Ledger, site: Site, made: Made) -> FeedEntry:
    """The feedgen entry of `change`."""
    return feedgen_entry(entry_pieces(change, ledger, site, made))


def feedgen_entry(pieces: Pieces) -> FeedEntry:
    """The feedgen entry of `pieces`: what `lean` writes directly, and a test compares."""
    entry = FixedFeedEntry()
    entry.id(pieces.id)  # also the RSS guid, isPermaLink="false"
    entry.title(pieces.title)
    entry.updated(pieces.moment)
    entry.published(pieces.moment)  # RSS pubDate
    entry.link(href=pieces.link, rel="alternate")
    if pieces.related is not None:
        entry.link(href=pieces.related, rel="related")
    entry.content(pieces.content.decode("utf-8"), type="html")  # RSS: the item description
    for term, label in pieces.categories:
        entry.category(term=term, label=label)
    return entry


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


def json_item_text(item: dict[str, Any]) -> bytes:
    """One item as it stands in a document's list of items, in UTF-8."""
    lines = json.dumps(item, ensure_ascii=False, indent=1).split("\n")
    return "\n".join(f"  {line}" for line in lines).encode("utf-8")


def json_item_fields(pieces: Pieces) -> dict[str, Any]:
    """A JSON Feed item, as `lean.json_item` writes it (a test compares them)."""
    item: dict[str, Any] = {
        "id": pieces.id,
        "url": pieces.link,
        "title": pieces.title,
        "content_html": pieces.content.decode("utf-8"),
        "date_published": pieces.moment.isoformat(),
        "tags": [term for term, _ in pieces.categories],
    }
    if pieces.related is not None and pieces.related != pieces.link:
        item["external_url"] = pieces.related
    return item
