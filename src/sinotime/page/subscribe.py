"""The subscribe links, from the catalogue: what each published calendar and feed holds, in the
header, the `<link rel="alternate">` tags and the Subscribe section."""

from __future__ import annotations

from sinotime.catalogue import Catalogue, Offer, Reach
from sinotime.page.markup import esc, href_for, webcal_for
from sinotime.site import Site

NO_CALENDAR = (
    "No calendar: none of its events has a day it can honestly be shown on (what happened is known"
    " only to a year or a long window, or the date is open or not announced); its feeds list them."
)


def alternate_links(catalogue: Catalogue, site: Site) -> list[str]:
    lines = []
    for offer in catalogue.offers:
        for fmt, name in offer.files:
            title = f"{offer.scope.holds} — {fmt.label}"
            lines.append(
                f'<link rel="alternate" type="{esc(fmt.mime)}" title="{esc(title)}"'
                f' href="{esc(href_for(site, name))}">'
            )
    return lines


def _subscribe_links(offer: Offer, site: Site) -> tuple[list[str], list[str]]:
    """The calendar links and the feed links of one scope, as HTML."""
    holds = offer.scope.holds
    calendars: list[str] = []
    feeds: list[str] = []
    for fmt, name in offer.files:
        href = esc(href_for(site, name))
        if fmt.calendar:
            webcal = webcal_for(site, name)
            if webcal is not None:
                calendars.append(
                    f'<a class="subscribe" href="{esc(webcal)}" type="text/calendar"'
                    f' title="{esc(f"Subscribe in your calendar app: {holds}")}">Subscribe</a>'
                )
            calendars.append(
                f'<a href="{href}" type="text/calendar"'
                f' title="{esc(f"The calendar file (iCalendar): {holds}")}">{esc(fmt.short)}</a>'
            )
        else:
            feeds.append(
                f'<a href="{href}" type="{esc(fmt.mime)}"'
                f' title="{esc(f"{fmt.label}: {holds}")}">{esc(fmt.short)}</a>'
            )
    return calendars, feeds


def quick_subscribe(catalogue: Catalogue, site: Site) -> str:
    """The everything calendar and feeds, in the header: one click without scrolling."""
    everything = next((o for o in catalogue.offers if o.scope.reach is Reach.EVERYTHING), None)
    if everything is None:
        return ""
    calendars, feeds = _subscribe_links(everything, site)
    more = ' <a class="more" href="#subscribe">By kind and series</a>' if len(catalogue.offers) > 1 else ""
    return (
        f'<p class="quick"><span>Subscribe to everything:</span> '
        f'<span class="links">{" ".join(calendars + feeds)}</span>{more}</p>'
    )


def subscribe_section(catalogue: Catalogue, site: Site) -> str:
    rows = []
    for offer in catalogue.offers:
        calendars, feeds = _subscribe_links(offer, site)
        holds = offer.scope.holds
        no_calendar = not calendars and offer.scope.reach is not Reach.ARCHIVE
        if no_calendar:
            calendars.append('<span class="no-calendar">No calendar</span>')
        note = f'<p class="note">{esc(NO_CALENDAR)}</p>' if no_calendar else ""
        rows.append(
            f'<li><span class="holds">{esc(holds)}</span>'
            f'<span class="links">{" ".join(calendars)}</span>'
            f'<span class="links">{" ".join(feeds)}</span>{note}</li>'
        )
    if not rows:
        body = "<p>No calendars or feeds were published with this page.</p>"
    else:
        body = '<ul class="subscriptions">\n' + "\n".join(rows) + "\n</ul>"
    how = (
        "<strong>Subscribe</strong> opens your calendar app, which then keeps the calendar up to date"
        " by itself; to add it by hand, copy the <strong>.ics</strong> address."
        if site.base_url
        else "Calendar apps subscribe to the <strong>.ics</strong> files by the address they are served from."
    )
    hint = (
        f'<p class="hint">{how} The Atom, RSS and JSON Feed links go into a feed reader: each entry is'
        " one change (a target announced or moved, an outcome, a deadline passing with nothing heard),"
        " dated by its source. Follow everything, or a kind or a series to hear only of it;"
        " Atom is the best choice where your reader takes it.</p>"
    )
    if any(offer.scope.reach is Reach.ARCHIVE for offer in catalogue.offers):  # calendars hold a window
        hint += (
            '\n<p class="hint">Each calendar stays under 1 MB, the most a calendar app reads: it holds'
            " the events around today (its description says which days), and the archive calendars"
            " below hold every event, a year (or a month) each.</p>"
        )
    return f'<section id="subscribe">\n<h2>Subscribe</h2>\n{hint}\n{body}\n</section>'
