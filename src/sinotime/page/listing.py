"""The list of every event, with its story and sources, the filters, the tally and the names
glossary."""

from __future__ import annotations

from sinotime.catalogue import Catalogue, event_file
from sinotime.models import Event, Source
from sinotime.names import OTHER_NAMES, Name, names_html, other_names
from sinotime.page.markup import esc, href_for, web_href
from sinotime.site import Site
from sinotime.timeline import Entry, Flag, Timeline
from sinotime.words import date_words, status_words

# --- the list ----------------------------------------------------------------------------------


def _source_link(source: Source) -> str:
    href = web_href(source.url)
    name = esc(source.display_name)
    return f'<a href="{esc(href)}">{name}</a>' if href else name


def _quote(text: str | None) -> str:
    return f" <q>{esc(text)}</q>" if text else ""


def _note(text: str | None) -> str:
    """An outcome's note: what is uncertain about it. The curator's working notes on plans and
    other reports are left to `sinotime report --format json`, which keeps the page small."""
    return f' <span class="note">({esc(text)})</span>' if text else ""


def _story(entry: Entry, timeline: Timeline) -> str:
    """The target history and the outcome, in the order they were said."""
    event = entry.event
    lines = []
    for plan in event.plans:
        target = plan.target.words() if plan.target is not None else "no date"
        lines.append(
            f"<li>Target <strong>{esc(target)}</strong>: <q>{esc(plan.wording)}</q>, said"
            f" {esc(plan.announced.words())}"
            f" by {_source_link(timeline.sources[plan.source])}"
            f"{_quote(plan.quote)}</li>"
        )
    for news in event.news:
        lines.append(
            f"<li>News, {esc(news.date.words())}: <q>{esc(news.says)}</q>, said by"
            f" {_source_link(timeline.sources[news.source])}{_quote(news.quote)}</li>"
        )
    outcome = event.outcome
    if outcome is not None:
        verb = outcome.status.verb
        when = f" <strong>{esc(outcome.date.words())}</strong>" if outcome.date is not None else ""
        wording = f": <q>{esc(outcome.wording)}</q>," if outcome.wording else ","
        lines.append(
            f"<li>{verb}{when}{wording} reported by"
            f" {_source_link(timeline.sources[outcome.source])}"
            f"{_quote(outcome.quote)}{_note(outcome.note)}</li>"
        )
        for report in outcome.other_reports:
            said = f" <strong>{esc(report.date.words())}</strong>" if report.date is not None else ""
            wording = f": <q>{esc(report.wording)}</q>," if report.wording else ","
            lines.append(
                f"<li>Another report{said}{wording} by"
                f" {_source_link(timeline.sources[report.source])}"
                f"{_quote(report.quote)}</li>"
            )
        if entry.note:  # which part happened, the slip against the last target
            lines.append(f"<li>{esc(entry.note)}</li>")
    elif entry.flag.is_past_due:  # the status says since when, or since when no news
        if entry.note:
            lines.append(f"<li><strong>No outcome recorded</strong>: {esc(entry.note)}</li>")
        else:
            lines.append("<li><strong>No outcome recorded</strong>.</li>")
    elif entry.flag.is_plan:
        lines.append("<li>No outcome yet.</li>")
    return '<ol class="story">' + "".join(lines) + "</ol>"


def _story_source_ids(event: Event) -> set[str]:
    """Sources the story already links, by plan, outcome and other reports."""
    ids = {plan.source for plan in event.plans}
    if event.outcome is not None:
        ids.add(event.outcome.source)
        ids.update(report.source for report in event.outcome.other_reports)
    return ids


def _sources(event: Event, timeline: Timeline) -> str:
    """The sources in full, each with its copies; those the story links only by copies.

    A source the story already names and links is not repeated in full, which keeps the
    page small; its copies, if any, are still listed.
    """
    quotes = {c.source: c for c in event.cites}
    in_story = _story_source_ids(event)
    items = []
    for source_id in event.source_ids():
        source = timeline.sources[source_id]
        href = web_href(source.url)
        title = f"“{esc(source.title)}”"
        linked = f'<a href="{esc(href)}">{title}</a>' if href else title
        copies = "".join(
            f' <a href="{esc(copy)}">copy {number}</a>'
            for number, copy in enumerate((c for c in source.copies if web_href(c)), start=1)
        )
        citation = quotes.get(source_id)
        cited = _quote(citation.quote) if citation else ""
        if source_id in in_story and not copies and not cited:
            continue
        named = "" if source.display_name == source.title else f"{esc(source.display_name)}, "
        items.append(f"<li>{named}{linked}, {esc(source.published.words())}{copies}{cited}</li>")
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


def entry_html(entry: Entry, timeline: Timeline, added: str = "") -> str:
    event = entry.event
    when = date_words(entry) or "No date announced"
    meta = [timeline.data.kind(event.kind).label]
    if entry.series is not None:
        meta.append(entry.series.title)
    if event.place is not None:
        meta.append(event.place.words())
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
        parts.append(f"<p>With {esc(', '.join(event.participants))}.</p>")
    parts.append(_story(entry, timeline))
    parts.append(_sources(event, timeline))
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
