"""A timeline too large for one page is split into a page per month.

Up to `catalogue.SPLIT_ABOVE` events, `index.html` holds the chart and the list of every event. Above it
(a page of 10,000 events is about 37 MB, which no reader opens), `index.html` is an overview (the
first screen, a summary chart, links to every month) and each month's events have a page of
their own, `pages/<year>-<month>.html`, with their chart, list and event data; a month of more
than `catalogue.PART_EVENTS` events goes on in further pages (`pages/2019-06-2.html`). Every event is on
exactly one page, by the day it sorts by, and reached from the overview by plain links.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sinotime import catalogue
from sinotime.catalogue import PAGE_NAME, SPLIT_ABOVE, month_page, month_parts
from sinotime.dates import MONTH_NAMES
from sinotime.timeline import Timeline

__all__ = ["SPLIT_ABOVE", "MonthPage", "homes", "is_split", "month_pages"]


@dataclass(frozen=True, slots=True)
class MonthPage:
    """One page of a split timeline: its file name, its title and its events in order."""

    name: str
    year: int
    month: int
    part: int
    timeline: Timeline  # the events of this page only

    @property
    def title(self) -> str:
        more = f" (part {self.part})" if self.part > 1 else ""
        return f"{MONTH_NAMES[self.month]} {self.year}{more}"


def is_split(timeline: Timeline) -> bool:
    return len(timeline) > catalogue.SPLIT_ABOVE


def month_pages(timeline: Timeline) -> list[MonthPage]:
    """The pages of a split timeline, oldest first (`catalogue.month_parts`)."""
    return [
        MonthPage(month_page(year, month, part), year, month, part, replace(timeline, entries=entries))
        for year, month, part, entries in month_parts(timeline)
    ]


def homes(timeline: Timeline, pages: list[MonthPage]) -> dict[str, str]:
    """The page each event is on, by event id: `index.html` when the timeline is not split."""
    if not pages:
        return {entry.event.id: PAGE_NAME for entry in timeline}
    return {entry.event.id: page.name for page in pages for entry in page.timeline}
