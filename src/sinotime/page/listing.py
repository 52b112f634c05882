"""The list of every event, with its story and sources, the filters, the tally and the names
glossary."""

from __future__ import annotations

from collections.abc import Mapping

from sinotime.catalogue import Catalogue, event_file
from sinotime.models import Event, Source
from sinotime.names import OTHER_NAMES, Name, names_html, other_names
from sinotime.page.markup import esc, href_for, phrase_html, web_href
from sinotime.site import Site
from sinotime.timeline import Entry, Flag, Timeline
from sinotime.words import (
    PARTICIPANTS,
    history,
    participants_words,
    place_words,
    source_phrase,
    status_words,
    when_words,
)

# --- the list ----------------------------------------------------------------------------------


def _quote(text: str | None) -> str:
    return f" <q>{esc(text)}</q>" if text else ""


def _step_quote(text: str | None) -> str:
    """The source's words on a step, after a colon: "... reported 4 March 2025 by Herald: “...”"."""
    return f": <q>{esc(text)}</q>" if text else ""


def _note(text: str | None) -> str:
    """An outcome's note: what is uncertain about it. The curator's working notes on plans and
    other reports are left to `sinotime report --format json`, which keeps the page small."""
    return f' <span class="note">({esc(text)})</span>' if text else ""


def _story(entry: Entry, timeline: Timeline) -> str:
    """The event's history in the words of every output, each step with the source's quote;
    then what qualifies its status, said as a note on it, not as one more step."""
    lines = [
        f"<li>{phrase_html(step.phrase)}{_step_quote(step.quote)}{_note(step.note)}</li>"
        for step in history(entry.event, entry.flag, timeline.sources)
    ]
    story = '<ol class="story">' + "".join(lines) + "</ol>"
    if entry.note:  # which part happened, the slip against the last target, why it is past due
        story += f'\n<p class="status-note">{esc(entry.note)}</p>'
    return story


class SourceList:
    """Each source's item in an event's list of sources: its phrase and its copies, made once
    however many events cite it (at 10,000 events, 43,000 citations of 5,400 sources)."""

    def __init__(self, sources: Mapping[str, Source]) -> None:
        self._sources = sources
        self._items: dict[str, str] = {}

    def _item(self, source_id: str) -> str:
        item = self._items.get(source_id)
        if item is None:
            source = self._sources[source_id]
            copies = "".join(
                f' <a href="{esc(copy)}">copy {number}</a>'
                for number, copy in enumerate((c for c in source.copies if web_href(c)), start=1)
            )
            item = self._items[source_id] = phrase_html(source_phrase(source)) + copies
        return item

    def html(self, event: Event) -> str:
        """Every source the event cites, in full, each with its copies and the quote cited: the
        same list as the report and the calendars give."""
        quotes = {c.source: c.quote for c in event.cites}
        items = [
            f"<li>{self._item(source_id)}{_quote(quotes.get(source_id))}</li>"
            for source_id in event.source_ids()
        ]
        if not items:
            return ""
        return '<ul class="sources" aria-label="Sources">' + "".join(items) + "</ul>"


def add_to_calendar(entry: Entry, site: Site, published: Catalogue) -> str:
    """The link to an event's own calendar file, when it has one."""
    name = event_file(entry.event.id)
    if name not in published.event_files:
        return ""
    return (
        f'<p class="add"><a href="{esc(href_for(site, name))}" type="text/calendar" download'
        f' title="A calendar file of this one event, to add to your own calendar">Add to calendar</a></p>'
    )


def entry_html(entry: Entry, timeline: Timeline, added: str = "", sources: SourceList | None = None) -> str:
    """An event in the list; `sources` is the list of sources of the render, to share among events."""
    event = entry.event
    when = when_words(entry)
    meta = [timeline.data.kind(event.kind).label]
    if entry.series is not None:
        meta.append(entry.series.title)
    if event.place is not None:
        meta.append(place_words(event.place))
    parts = [
        f'<li id="event-{esc(event.id)}" data-kind="{esc(event.kind)}" data-flag="{esc(entry.flag.value)}">',
        f'<div class="when"><span class="date-words">{esc(when)}</span>'
        f' <span class="flag flag-{esc(entry.flag.value)}">{esc(status_words(entry))}</span></div>',
        f"<h3>{esc(event.title)}</h3>",
        f'<p class="meta">{" · ".join(esc(m) for m in meta)}</p>',
    ]
    names = [name for name in other_names(event, entry.series) if name.of == "title"]
    if names:  # the series' and the place's names are in the glossary, once (`names_glossary`)
        parts.append(f'<p class="names">{esc(OTHER_NAMES)}: {names_html(names)}</p>')
    if event.description:
        parts.append(f"<p>{esc(event.description)}</p>")
    if event.participants:
        parts.append(f"<p>{PARTICIPANTS}: {esc(participants_words(event.participants))}</p>")
    parts.append(_story(entry, timeline))
    parts.append((sources or SourceList(timeline.sources)).html(event))
    if added:
        parts.append(added)
    parts.append("</li>")
    return "\n".join(parts)


def names_glossary(timeline: Timeline) -> str:
    """Each series' and place's names in other languages, once, in the order of their English
    names: a reader finds Благовещенск here, and the list of events does not repeat it."""
    named: dict[str, dict[str, Name]] = {}
    for entry in timeline:
        series, place = entry.series, entry.event.place
        for english, translated in (
            (series.title if series else "", series.translations if series else {}),
            (place.name if place else "", place.translations if place else {}),
        ):
            for tag, translation in translated.items():
                name = Name("", tag, translation.text, translation.source)
                named.setdefault(english, {}).setdefault(name.words(), name)
    if not named:
        return ""
    items = "".join(
        f"<li>{esc(english)}: {names_html(named[english].values())}</li>"
        for english in sorted(named, key=str.casefold)
    )
    return f'<section id="names"><h2>{esc(OTHER_NAMES)}</h2><ul class="glossary">{items}</ul></section>'


def filters(timeline: Timeline) -> str:
    present = {e.event.kind for e in timeline}
    kinds = [k for k in timeline.data.kinds if k.id in present]
    flags = [f for f in Flag if any(e.flag is f for e in timeline)]
    kind_options = "".join(f'<option value="{esc(k.id)}">{esc(k.heading)}</option>' for k in kinds)
    # "Planned (upcoming)": the label as the page shows it, and the value `report --flag` takes.
    flag_options = "".join(f'<option value="{esc(f.value)}">{esc(f.choice_label)}</option>' for f in flags)
    return (
        '<div id="filters" hidden>'
        '<label>Kind <select id="filter-kind"><option value="">All kinds</option>'
        f"{kind_options}</select></label>"
        '<label>Status <select id="filter-flag"><option value="">Any status</option>'
        f"{flag_options}</select></label>"
        '<label>Order <select id="filter-order"><option value="oldest">Oldest first</option>'
        '<option value="newest">Newest first</option></select></label>'
        '<button type="button" id="filter-reset">Show all</button>'
        '<p id="filter-count" aria-live="polite"></p></div>'
    )
