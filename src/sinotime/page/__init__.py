"""The timeline page, `feeds/index.html`: subscribe in one click, see plans against outcomes.

One self-contained HTML file: the subscribe links (with `<link rel="alternate">` tags so
browsers and readers discover the feeds), a timeline drawn here as inline SVG (no script is
needed to see it), and the full chronological list, which a small inline script can filter.

Everything from the data is escaped with `html.escape(..., quote=True)`; links come only from
http(s) addresses. A Content-Security-Policy allows nothing but the page's own style and
script (by their hashes), so even a slip in escaping could neither load nor run anything.
The page is pure: the same timeline and names give the same bytes, with no clock read.
"""

from __future__ import annotations

from sinotime.catalogue import PAGE_NAME, Catalogue
from sinotime.dates import day_words
from sinotime.kinds import kind_colours_css
from sinotime.ledger import build_ledger
from sinotime.page.chart import legend, timeline_svg
from sinotime.page.event_data import json_ld
from sinotime.page.first_screen import at_a_glance, tally
from sinotime.page.listing import add_to_calendar, entry_html, filters, names_glossary
from sinotime.page.markup import asset, csp_hash, esc
from sinotime.page.subscribe import alternate_links, quick_subscribe, subscribe_section
from sinotime.site import Site
from sinotime.timeline import Timeline

__all__ = ["PAGE_NAME", "render_html", "render_page"]


def _head(timeline: Timeline, site: Site, catalogue: Catalogue, style: str, script: str) -> list[str]:
    """The document's head: the CSP that allows only this style and script, and the feeds' links."""
    calendar = timeline.data.calendar
    csp = (
        f"default-src 'none'; style-src {csp_hash(style)}; script-src {csp_hash(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return [
        "<!DOCTYPE html>",
        f'<html lang="{esc(calendar.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{esc(calendar.name)}</title>",
        f'<meta name="description" content="{esc(calendar.description)}">',
        '<link rel="icon" href="data:,">',
        *alternate_links(catalogue, site),
        f"<style>{style}</style>",
        "</head>",
    ]


def _header(timeline: Timeline, site: Site, catalogue: Catalogue) -> list[str]:
    """The first screen: what the timeline is, how many events, as of when, and subscribe."""
    data = timeline.data
    count = len(timeline)
    return [
        "<header>",
        f"<h1>{esc(data.calendar.name)}</h1>",
        f'<p class="lede">{esc(data.calendar.description)}</p>',
        f'<p class="facts">{count} event{"" if count == 1 else "s"}; statuses as of'
        f" {esc(day_words(timeline.as_of))}; data last changed {esc(day_words(data.last_changed()))}.</p>",
        tally(timeline),
        quick_subscribe(catalogue, site),
        at_a_glance(timeline, build_ledger(data, as_of=timeline.as_of).changes),
        "</header>",
    ]


def render_html(timeline: Timeline, site: Site, published: Catalogue) -> str:
    style = asset("page.css") + kind_colours_css(timeline.data.kinds)
    script = asset("page.js")
    body = [
        "<body>",
        "<main>",
        *_header(timeline, site, published),
        '<section id="timeline">',
        "<h2>Plans and outcomes</h2>",
        '<p class="scroll-hint">Swipe the chart sideways to see every year.</p>',
        '<div class="chart-scroll">',
        timeline_svg(timeline),
        "</div>",
        legend(),
        "</section>",
        subscribe_section(published, site),
        '<section id="list">',
        "<h2>Every event, in order</h2>",
        filters(timeline),
        '<ol class="events" id="events">',
        *(entry_html(entry, timeline, add_to_calendar(entry, site, published)) for entry in timeline),
        "</ol>",
        "</section>",
        names_glossary(timeline),
        f"<footer>Made by sinotime from {esc(len(timeline))} events. Dates are as precise as their sources;"
        " a target is missed only after its last possible day.</footer>",
        "</main>",
        json_ld(timeline, site, timeline),
        f"<script>{script}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(_head(timeline, site, published, style, script) + body) + "\n"


def render_page(timeline: Timeline, site: Site, published: Catalogue) -> dict[str, bytes]:
    """The timeline page, linking to the `published` calendars and feeds."""
    return {PAGE_NAME: render_html(timeline, site, published).encode("utf-8")}
