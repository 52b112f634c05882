"""The page's first screen answers a reader's first questions: what is past due and for how long,
what is due next, what changed last; each names its event and links to it, and the counts filter
the list."""

from __future__ import annotations

from xml.etree.ElementTree import Element

import pytest

from page_support import fixture_timeline, parse_html, render_fixture, text_of
from sinotime.change_words import change_title
from sinotime.ledger import build_ledger
from sinotime.page.first_screen import CHANGES_SHOWN
from sinotime.statuses import Flag


@pytest.fixture(scope="module")
def page() -> Element:
    return parse_html(render_fixture())


def block(page: Element, block_id: str) -> Element:
    (found,) = [s for s in page.iter("section") if s.get("id") == block_id]
    return found


def linked(section: Element) -> list[tuple[str, str]]:
    """Each item's link: where it goes and its words."""
    return [
        (a.attrib["href"], " ".join(text_of(a).split())) for li in section.iter("li") for a in li.iter("a")
    ]


def test_the_past_due_plan_is_named_with_its_status_and_how_long(page: Element) -> None:
    section = block(page, "past-due")
    assert linked(section) == [
        ("#event-cableway-opening", "Blagoveshchensk–Heihe cableway carries its first passengers")
    ]
    (item,) = section.iter("li")
    words = " ".join(text_of(item).split())
    assert "Overdue since 1 September 2026" in words
    assert words.endswith("past due for 3 m")  # 1 September to 23 November 2026: 2 m 22 d
    assert text_of(item).endswith("3\u00a0m")  # a no-break space: the unit never wraps alone


def test_the_plans_due_next_are_named_soonest_first(page: Element) -> None:
    section = block(page, "due-next")
    due = [entry for entry in fixture_timeline() if entry.flag in (Flag.UPCOMING, Flag.SLIPPING)]
    assert [href for href, _ in linked(section)] == [f"#event-{entry.event.id}" for entry in due]
    assert "May 2027" in text_of(section)


def test_the_latest_changes_are_the_ledgers_newest_each_linking_to_its_event(page: Element) -> None:
    timeline = fixture_timeline()
    newest = list(reversed(build_ledger(timeline.data, as_of=timeline.as_of).changes))[:CHANGES_SHOWN]
    assert linked(block(page, "latest-changes")) == [
        (f"#event-{change.event.id}", change_title(change)) for change in newest
    ]
    days = [t.attrib["datetime"] for t in block(page, "latest-changes").iter("time")]
    assert days == sorted(days, reverse=True)


def test_each_count_links_to_the_list_filtered_by_its_status(page: Element) -> None:
    (tally,) = [ul for ul in page.iter("ul") if ul.get("class") == "tally"]
    counts = {a.attrib["href"]: " ".join(text_of(a).split()) for a in tally.iter("a")}
    assert counts == {
        "#flag=completed": "Completed 6",
        "#flag=completed-late": "Completed late 2",
        "#flag=upcoming": "Planned 1",
        "#flag=overdue": "Overdue 1",
    }
