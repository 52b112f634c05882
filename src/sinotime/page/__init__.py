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

from dataclasses import dataclass
from datetime import date

from sinotime.catalogue import PAGE_NAME, Catalogue, Reach
from sinotime.dates import day_words
from sinotime.kinds import kind_colours_css
from sinotime.ledger import ledger_of
from sinotime.page.chart import legend, timeline_svg
from sinotime.page.event_data import json_ld
from sinotime.page.first_screen import at_a_glance, tally
from sinotime.page.listing import SourceList, add_to_calendar, entry_html, filters, names_glossary
from sinotime.page.markup import asset, csp_hash, esc
from sinotime.page.overview import browse, summary_svg
from sinotime.page.split import MonthPage, homes, is_split, month_pages
from sinotime.page.subscribe import alternate_links, quick_subscribe, subscribe_section
from sinotime.site import Site
from sinotime.timeline import Timeline

__all__ = ["PAGE_NAME", "render_html", "render_page"]

SUMMARY_NOTE = (
    '<p class="hint">Too many events to draw one by one: each cell counts the events of a kind in a'
    " year (a red mark where any is past due) and leads to that year's months below, where each"
    " month's page draws its events.</p>"
)


@dataclass(frozen=True, slots=True)
class Shared:
    """What every page of one render has alike, made once: the inline style and script, the CSP
    that allows only them, the data's last-changed day, and each source's item in the lists."""

    style: str
    script: str
    csp: str
    last_changed: date
    sources: SourceList


def shared(timeline: Timeline) -> Shared:
    style = asset("page.css") + kind_colours_css(timeline.data.kinds)
    script = asset("page.js")
    csp = (
        f"default-src 'none'; style-src {csp_hash(style)}; script-src {csp_hash(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return Shared(style, script, csp, timeline.data.last_changed(), SourceList(timeline.sources))


def _head(timeline: Timeline, title: str, alternates: list[str], alike: Shared) -> list[str]:
    """The document's head: the CSP that allows only this style and script, and the feeds' links."""
    calendar = timeline.data.calendar
    return [
        "<!DOCTYPE html>",
        f'<html lang="{esc(calendar.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(alike.csp)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{esc(title)}</title>",
        f'<meta name="description" content="{esc(calendar.description)}">',
        '<link rel="icon" href="data:,">',
        *alternates,
        f"<style>{alike.style}</style>",
        "</head>",
    ]


def _facts(timeline: Timeline, last_changed: date) -> str:
    count = len(timeline)
    return (
        f'<p class="facts">{count:,} event{"" if count == 1 else "s"}; statuses as of'
        f" {esc(day_words(timeline.as_of))}; data last changed {esc(day_words(last_changed))}.</p>"
    )


def _header(
    timeline: Timeline, site: Site, catalogue: Catalogue, homes: dict[str, str] | None, alike: Shared
) -> list[str]:
    """The first screen: what the timeline is, how many events, as of when, subscribe, and what
    is past due, due next and changed last."""
    data = timeline.data
    return [
        "<header>",
        f"<h1>{esc(data.calendar.name)}</h1>",
        f'<p class="lede">{esc(data.calendar.description)}</p>',
        _facts(timeline, alike.last_changed),
        tally(timeline, linked=homes is None),
        quick_subscribe(catalogue, site),
        at_a_glance(timeline, ledger_of(timeline).changes, homes),
        "</header>",
    ]


def _chart_section(chart: str, below: str) -> list[str]:
    return [
        '<section id="timeline">',
        "<h2>Plans and outcomes</h2>",
        '<p class="scroll-hint">Swipe the chart sideways to see every year.</p>',
        '<div class="chart-scroll">',
        chart,
        "</div>",
        below,
        "</section>",
    ]


def _list_section(timeline: Timeline, site: Site, published: Catalogue, sources: SourceList) -> list[str]:
    return [
        '<section id="list">',
        "<h2>Every event, in order</h2>",
        filters(timeline),
        '<ol class="events" id="events">',
        *(
            entry_html(entry, timeline, add_to_calendar(entry, site, published), sources)
            for entry in timeline
        ),
        "</ol>",
        "</section>",
    ]


def _footer(timeline: Timeline) -> str:
    return (
        f"<footer>Made by sinotime from {len(timeline):,} events. Dates are as precise as their sources;"
        " a target is missed only after its last possible day.</footer>"
    )


def _document(head: list[str], body: list[str], data: str, alike: Shared) -> str:
    """The page: `data` is its JSON-LD block, after the main text."""
    tail = ["</main>", *([data] if data else []), f"<script>{alike.script}</script>", "</body>", "</html>"]
    return "\n".join([*head, "<body>", "<main>", *body, *tail]) + "\n"


def render_html(timeline: Timeline, site: Site, published: Catalogue) -> str:
    """The page of a timeline that fits on one: the first screen, the chart, every event."""
    alike = shared(timeline)
    body = [
        *_header(timeline, site, published, None, alike),
        *_chart_section(timeline_svg(timeline), legend()),
        subscribe_section(published, site),
        *_list_section(timeline, site, published, alike.sources),
        names_glossary(timeline),
        _footer(timeline),
    ]
    head = _head(timeline, timeline.data.calendar.name, alternate_links(published, site), alike)
    return _document(head, body, json_ld(timeline, site, timeline), alike)


def overview_html(
    timeline: Timeline, site: Site, published: Catalogue, pages: list[MonthPage], alike: Shared
) -> str:
    """The page of a timeline too large for one: the first screen, a summary chart, every month."""
    body = [
        *_header(timeline, site, published, homes(timeline, pages), alike),
        *_chart_section(summary_svg(timeline), SUMMARY_NOTE),
        browse(pages),
        subscribe_section(published, site),
        _footer(timeline),
    ]
    # Browsers and readers are told of the feeds of everything and of each kind; the series'
    # (hundreds at this size) are in the subscribe section.
    offered = Catalogue(tuple(o for o in published.offers if o.scope.reach is not Reach.SERIES), frozenset())
    head = _head(timeline, timeline.data.calendar.name, alternate_links(offered, site), alike)
    return _document(head, body, "", alike)


def month_html(
    page: MonthPage, site: Site, published: Catalogue, neighbours: list[str], alike: Shared
) -> str:
    """One month's page of a split timeline: its chart, its list, its event data."""
    timeline = page.timeline
    name = timeline.data.calendar.name
    up = Site(site.base_url or "../")  # links from pages/ to the files beside index.html
    body = [
        "<header>",
        f'<p class="crumbs"><a href="{esc(up.url(PAGE_NAME) or PAGE_NAME)}">{esc(name)}</a></p>',
        f"<h1>{esc(page.title)}</h1>",
        _facts(timeline, alike.last_changed),
        tally(timeline),
        f'<nav class="pager">{" ".join(neighbours)}</nav>',
        "</header>",
        *_chart_section(timeline_svg(timeline), legend()),
        *_list_section(timeline, up, published, alike.sources),
        _footer(timeline),
    ]
    head = _head(timeline, f"{name}: {page.title}", [], alike)
    return _document(head, body, json_ld(timeline, site, timeline, page.name), alike)


def _neighbours(pages: list[MonthPage], index: int) -> list[str]:
    """Links to the month before and after (file names relative to pages/)."""
    links = []
    if index > 0:
        before = pages[index - 1]
        links.append(f'<a rel="prev" href="{esc(before.name.rsplit("/", 1)[1])}">← {esc(before.title)}</a>')
    if index + 1 < len(pages):
        after = pages[index + 1]
        links.append(f'<a rel="next" href="{esc(after.name.rsplit("/", 1)[1])}">{esc(after.title)} →</a>')
    return links


def render_page(timeline: Timeline, site: Site, published: Catalogue) -> dict[str, bytes]:
    """The timeline page, linking to the `published` calendars and feeds; when the timeline is
    too large for one page, an overview and a page for each month (`split`)."""
    if not is_split(timeline):
        return {PAGE_NAME: render_html(timeline, site, published).encode("utf-8")}
    pages = month_pages(timeline)
    alike = shared(timeline)  # the month pages' timelines are of the same data
    files = {PAGE_NAME: overview_html(timeline, site, published, pages, alike).encode("utf-8")}
    for index, page in enumerate(pages):
        files[page.name] = month_html(page, site, published, _neighbours(pages, index), alike).encode("utf-8")
    return files
