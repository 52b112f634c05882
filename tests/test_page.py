"""The timeline page: subscribe links, the chart, the list, and nothing from the data ever runs.

The page is parsed with html5lib, which follows the browsers' parsing algorithm, so these
tests see the page the way a browser does (including the inline SVG).
"""

from __future__ import annotations

import base64
import hashlib
import random
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Golden
from page_support import (
    BASE_URL,
    FIXTURE,
    SVG,
    fixture_data,
    fixture_timeline,
    parse_html,
    published_catalogue,
    render_fixture,
    text_of,
)
from sinotime import build as build_module
from sinotime.build import build
from sinotime.catalogue import Catalogue, published
from sinotime.loading import parse_events
from sinotime.models import EventsFile
from sinotime.page import PAGE_NAME, render_page
from sinotime.site import Site
from sinotime.timeline import Flag, Timeline, build_timeline
from sinotime.words import date_words, status_words


@pytest.fixture(scope="module")
def page() -> Element:
    return parse_html(render_fixture())


def links(document: Element) -> dict[str, Element]:
    """Every <a> of the subscribe section and the header, by href."""
    return {a.attrib["href"]: a for a in document.iter("a") if "href" in a.attrib}


def event_items(document: Element) -> list[Element]:
    (events,) = [ol for ol in document.iter("ol") if ol.get("id") == "events"]
    return list(events)


def chart_entries(document: Element) -> dict[str, Element]:
    """The chart's group for each event, by the event it links to."""
    groups = {}
    for group in document.iter(f"{SVG}g"):
        if "data-flag" in group.attrib:
            (anchor,) = group.iter(f"{SVG}a")
            groups[anchor.attrib["href"].removeprefix("#event-")] = group
    return groups


SITE = Site(BASE_URL)


def render(timeline: Timeline, site: Site = SITE, catalogue: Catalogue | None = None) -> bytes:
    return render_page(timeline, site, catalogue or published_catalogue(timeline, site))[PAGE_NAME]


def with_titles(data: EventsFile, titles: dict[str, str]) -> EventsFile:
    events = tuple(e.model_copy(update={"title": titles.get(e.id, e.title)}) for e in data.events)
    return data.model_copy(update={"events": events})


# --- subscribing ---------------------------------------------------------------------------------


def test_every_calendar_subscribes_in_one_click_by_webcal_and_is_offered_over_https(page: Element) -> None:
    by_href = links(page)
    offers = published_catalogue(fixture_timeline(), SITE).offers
    calendars = [offer.calendar for offer in offers if offer.calendar]
    assert len(calendars) == 11
    for name in calendars:
        webcal = by_href[f"webcal://example.org/sinotime/{name}"]
        assert text_of(webcal) == "Subscribe"
        assert webcal.get("type") == "text/calendar"
        assert by_href[f"{BASE_URL}{name}"].get("type") == "text/calendar"


def test_every_feed_is_linked_and_announced_to_browsers_and_readers_with_its_type(page: Element) -> None:
    by_href = links(page)
    alternates = {
        link.attrib["href"]: link.attrib["type"]
        for link in page.iter("link")
        if link.get("rel") == "alternate"
    }
    files = [file for offer in published_catalogue(fixture_timeline(), SITE).offers for file in offer.files]
    for fmt, name in files:
        assert by_href[BASE_URL + name].get("type") == fmt.mime
        assert alternates[BASE_URL + name] == fmt.mime
    assert len(alternates) == len(files)


def test_the_header_subscribes_to_everything_without_scrolling(page: Element) -> None:
    (quick,) = [p for p in page.iter("p") if p.get("class") == "quick"]
    hrefs = [a.attrib["href"] for a in quick.iter("a")]
    assert hrefs == [
        "webcal://example.org/sinotime/sinotime.ics",
        f"{BASE_URL}sinotime.ics",
        f"{BASE_URL}sinotime.rss",
        f"{BASE_URL}sinotime.atom",
        f"{BASE_URL}sinotime.json",
        "#subscribe",
    ]


def test_without_a_base_url_links_are_relative_and_no_webcal_is_offered() -> None:
    document = parse_html(render_fixture(base_url=None))
    hrefs = [a.attrib["href"] for a in document.iter("a") if "href" in a.attrib]
    assert "sinotime.ics" in hrefs
    assert "kind-expo.ics" in hrefs
    assert not [h for h in hrefs if h.endswith((".rss", ".atom", ".json"))], "no address, no feed"
    assert not [h for h in hrefs if h.startswith("webcal:")]
    alternates = [link.attrib["href"] for link in document.iter("link") if link.get("rel") == "alternate"]
    assert "series-amur-cableway.ics" in alternates


def subscription_rows(document: Element) -> dict[str, list[str]]:
    """What each row of the subscribe section holds, and the hrefs of its links."""
    (section,) = [s for s in document.iter("section") if s.get("id") == "subscribe"]
    rows = {}
    for li in section.iter("li"):
        (holds,) = [span for span in li.iter("span") if span.get("class") == "holds"]
        rows[text_of(holds)] = [a.attrib["href"] for a in li.iter("a")]
    return rows


def test_each_row_says_in_one_line_what_its_calendar_and_feeds_hold(page: Element) -> None:
    rows = subscription_rows(page)
    assert list(rows) == [
        "Everything: every event of every kind",
        "Expos and trade fairs",
        "Bridges and infrastructure",
        "Cultural fairs",
        "Forums",
        "Trade and policy targets",
        "Business ventures",
        "Tongjiang–Nizhneleninskoye railway bridge: every milestone",
        "Blagoveshchensk–Heihe road bridge: every milestone",
        "Blagoveshchensk–Heihe cableway: every milestone",
        "China-Russia Expo: every milestone",
    ]
    assert rows["Expos and trade fairs"] == [
        "webcal://example.org/sinotime/kind-expo.ics",
        f"{BASE_URL}kind-expo.ics",
        f"{BASE_URL}kind-expo.rss",
        f"{BASE_URL}kind-expo.atom",
        f"{BASE_URL}kind-expo.json",
    ]


def test_a_page_with_nothing_published_says_so() -> None:
    timeline = fixture_timeline()
    document = parse_html(render(timeline, catalogue=published(timeline, [])))
    assert "No calendars or feeds were published with this page." in text_of(document)
    assert not [link for link in document.iter("link") if link.get("rel") == "alternate"]


# --- the list ------------------------------------------------------------------------------------


def test_every_event_is_listed_in_date_order_with_its_flag_and_its_date_in_words(page: Element) -> None:
    items = event_items(page)
    timeline = fixture_timeline()
    assert [li.attrib["id"] for li in items] == [f"event-{entry.event.id}" for entry in timeline]
    shown = {li.attrib["id"]: li for li in items}
    for entry in timeline:
        li = shown[f"event-{entry.event.id}"]
        assert li.attrib["data-flag"] == entry.flag.value
        assert li.attrib["data-kind"] == entry.event.kind
        (flag,) = [span for span in li.iter("span") if "flag" in span.get("class", "").split()]
        assert text_of(flag) == status_words(entry)  # the words of the calendars, feeds and report
        when = date_words(entry)
        assert when is not None
        assert text_of(li).strip().startswith(f"{when} {status_words(entry)}")


def test_the_rail_bridge_shows_its_targets_its_outcome_its_slip_and_its_sources(page: Element) -> None:
    (li,) = [li for li in event_items(page) if li.attrib["id"] == "event-rail-bridge-opening"]
    text = " ".join(text_of(li).split())
    assert "Completed late, +3 y 11 m" in text
    assert "Target 2018: in operation in 2018, announced 16 February 2017 by China Daily" in text
    assert (
        "Target between 18 June 2019 and 31 December 2019: completion later this year,"
        " announced 18 June 2019 by Xinhua"
    ) in text
    assert "Happened 16 November 2022: 16 November, reported 18 November 2022 by SeaNews" in text
    hrefs = [a.attrib["href"] for a in li.iter("a")]
    assert "http://www.chinadaily.com.cn/business/2017-02/16/content_28222545.htm" in hrefs
    assert "https://seanews.ru/en/2022/11/18/en-first-train-crosses-amur-to-china-by-new-bridge/" in hrefs


def test_a_steps_quote_follows_who_said_it_after_a_colon() -> None:
    """Not "reported 4 March 2025 by Herald “the council has scrapped it”", where the quote reads
    as part of the publisher's name."""
    page = parse_html((Path(__file__).parent.parent / "feeds" / PAGE_NAME).read_bytes())
    steps = [li for story in page.iter("ol") if story.get("class") == "story" for li in story]
    quoted = [li for li in steps if li.find("q") is not None]
    assert quoted
    for li in quoted:
        before_quote = li.text or ""
        for child in li:
            if child.tag == "q":
                break
            before_quote += text_of(child) + (child.tail or "")
        assert before_quote.endswith(": "), before_quote


def test_the_overdue_cableway_says_since_when_it_is_overdue(page: Element) -> None:
    (li,) = [li for li in event_items(page) if li.attrib["id"] == "event-cableway-opening"]
    text = " ".join(text_of(li).split())
    assert text.startswith("due summer 2026 Overdue since 1 September 2026 ")
    assert "News: not open yet; works continue, reported 5 October 2026 by Regional news" in text
    assert "No outcome recorded" in text
    assert "Not done by summer 2026: “not open yet; works continue”" in text
    assert text.count("Target ") == 5
    assert "https://example.net/mirror/cableway-summer-2026" in [a.attrib["href"] for a in li.iter("a")]


def test_the_filters_are_hidden_until_the_script_shows_them(page: Element) -> None:
    (filters,) = [div for div in page.iter("div") if div.get("id") == "filters"]
    assert "hidden" in filters.attrib
    (kind_select,) = [s for s in filters.iter("select") if s.get("id") == "filter-kind"]
    assert [o.attrib["value"] for o in kind_select] == [
        "",
        "expo",
        "infrastructure",
        "cultural-fair",
        "forum",
        "target",
        "business",
    ]
    (flag_select,) = [s for s in filters.iter("select") if s.get("id") == "filter-flag"]
    assert [o.attrib["value"] for o in flag_select] == [
        "",
        "completed",
        "completed-late",
        "upcoming",
        "overdue",
    ]
    # Each status reads as everywhere else, with the value `sinotime report --flag` takes where
    # the words differ.
    assert [text_of(o) for o in flag_select] == [
        "Any status",
        "Completed",
        "Completed late",
        "Planned (upcoming)",
        "Overdue",
    ]


# --- the chart -----------------------------------------------------------------------------------


def marks(group: Element) -> list[Element]:
    return [e for e in group.iter() if "mark" in e.get("class", "").split()]


def label_lines(group: Element) -> list[str]:
    """The lines of an event's label on the chart: its title, then its date and status."""
    (label,) = [t for t in group.iter(f"{SVG}text") if t.get("class") == "label"]
    return [text_of(line) for line in label.iter(f"{SVG}tspan")]


def test_plans_are_hollow_and_the_outcome_filled_joined_by_a_line(page: Element) -> None:
    rail = chart_entries(page)["rail-bridge-opening"]
    shapes = [(m.tag.removeprefix(SVG), m.attrib["class"]) for m in marks(rail)]
    assert shapes == [("rect", "mark hollow"), ("rect", "mark hollow"), ("circle", "mark filled")]
    connectors = [line for line in rail.iter(f"{SVG}line") if "connector" in line.get("class", "")]
    assert len(connectors) == 2
    first_target, second_target, opened = marks(rail)
    assert float(first_target.attrib["x"]) < float(second_target.attrib["x"]) < float(opened.attrib["cx"])
    assert label_lines(rail) == [
        "Tongjiang–Nizhneleninskoye railway bridge",
        "opens to traffic",
        "16 Nov 2022 · completed late, +3 y 11 m",
    ]


def test_a_year_is_a_band_a_year_wide_and_a_day_is_a_point(page: Element) -> None:
    entries = chart_entries(page)
    road = entries["road-bridge-opening"]
    target_2019, opened = marks(road)
    rail_2018 = marks(entries["rail-bridge-opening"])[0]
    # 2018 and 2019 bands are each a year wide and meet where one year ends and the next begins.
    width = float(target_2019.attrib["width"])
    assert width == pytest.approx(float(rail_2018.attrib["width"]), abs=0.2)
    assert float(rail_2018.attrib["x"]) + width == pytest.approx(float(target_2019.attrib["x"]), abs=0.2)
    assert opened.tag == f"{SVG}circle"
    month = marks(entries["trade-200-billion"])[1]  # November 2023
    assert float(month.attrib["width"]) == pytest.approx(width * 30 / 365, abs=0.3)


def test_an_overdue_plan_stands_out_with_a_line_to_the_as_of_date_and_a_word(page: Element) -> None:
    cableway = chart_entries(page)["cableway-opening"]
    assert cableway.attrib["data-flag"] == "overdue"
    assert [m.attrib["class"] for m in marks(cableway)] == ["mark hollow"] * 5
    (tail,) = [line for line in cableway.iter(f"{SVG}line") if "overdue-tail" in line.get("class", "")]
    (as_of,) = [line for line in page.iter(f"{SVG}line") if line.get("class") == "as-of"]
    assert tail.attrib["x2"] == as_of.attrib["x1"]
    lines = label_lines(cableway)  # narrowed to the room left of its marks
    assert lines[0].startswith("Blagoveshchensk–Heihe cableway")
    assert " ".join(lines).endswith("due summer 2026 · overdue since 1 Sep 2026")


def test_one_row_per_series_then_one_per_kind_for_events_without_a_series(page: Element) -> None:
    rows = [text_of(t) for t in page.iter(f"{SVG}text") if t.get("class") == "row-label"]
    assert rows == [
        "China-Russia Expo",
        "Tongjiang–Nizhneleninskoye railway bridge",
        "Blagoveshchensk–Heihe road bridge",
        "Blagoveshchensk–Heihe cableway",
        "Cultural fairs",
        "Forums",
        "Trade and policy targets",
        "Business ventures",
    ]
    assert sorted(chart_entries(page)) == sorted(entry.event.id for entry in fixture_timeline())


def centre(mark: Element) -> tuple[float, float]:
    if mark.tag == f"{SVG}circle":
        return float(mark.attrib["cx"]), float(mark.attrib["cy"])
    return (
        float(mark.attrib["x"]) + float(mark.attrib["width"]) / 2,
        float(mark.attrib["y"]) + float(mark.attrib["height"]) / 2,
    )


def test_the_expo_editions_read_left_to_right_in_their_own_row(page: Element) -> None:
    row_tops = {
        text_of(t): float(t.attrib["y"]) for t in page.iter(f"{SVG}text") if t.get("class") == "row-label"
    }
    top, bottom = row_tops["China-Russia Expo"], row_tops["Tongjiang–Nizhneleninskoye railway bridge"]
    entries = chart_entries(page)
    editions = [[centre(m) for m in marks(entries[i])] for i in ("expo-2014", "expo-2024", "expo-2027")]
    assert all(top < y < bottom for edition in editions for _, y in edition)
    assert max(x for x, _ in editions[0]) < editions[1][0][0] < editions[2][0][0]
    assert [m.attrib["class"] for m in marks(entries["expo-2027"])] == ["mark hollow"]
    assert [m.attrib["class"] for m in marks(entries["expo-2014"])] == ["mark hollow", "mark filled"]


# --- nothing from the data runs, nothing is loaded ----------------------------------------------


def scripts(document: Element) -> list[Element]:
    """The scripts a browser would run: every <script> but the one JSON-LD data block."""
    found = [e for e in document.iter() if isinstance(e.tag, str) and e.tag.split("}")[-1] == "script"]
    data = [e for e in found if e.get("type") == "application/ld+json"]
    assert len(data) == 1, "one block of event data, whatever the titles hold"
    return [e for e in found if e not in data]


def event_handlers(document: Element) -> list[str]:
    return [
        f"{e.tag} {name}"
        for e in document.iter()
        for name in e.attrib
        if isinstance(name, str) and name.lower().startswith("on")
    ]


def test_a_script_in_a_title_shows_as_text_and_adds_no_element(page: Element) -> None:
    (only_script,) = scripts(page)
    assert "sinotimeInjected" not in text_of(only_script)
    assert event_handlers(page) == []
    assert not [e for e in page.iter() if e.tag in ("img", "iframe", "b")]
    (li,) = [li for li in event_items(page) if li.attrib["id"] == "event-hostile-title"]
    (h3,) = li.iter("h3")
    assert text_of(h3) == fixture_data().events[-1].title
    assert text_of(h3).startswith('<script>window.sinotimeInjected = "title"</script><img src="x"')


def test_an_unsafe_source_url_stays_inside_its_href(page: Element) -> None:
    hostile = 'https://example.org/x?a=1&b="><script>window.sinotimeInjected="url"</script>'
    assert hostile in [a.get("href") for a in page.iter("a")]


@settings(max_examples=40, deadline=None)
@given(
    title=st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=60).filter(
        lambda t: t.strip() == t and t != ""
    ),
)
def test_any_title_reaches_the_reader_as_the_same_text(title: str) -> None:
    data = with_titles(fixture_data(), {"trade-200-billion": title, "hostile-title": "<script>x()</script>"})
    document = parse_html(render(fixture_timeline(data)))
    (li,) = [li for li in event_items(document) if li.attrib["id"] == "event-trade-200-billion"]
    (h3,) = li.iter("h3")
    assert text_of(h3) == title
    assert len(scripts(document)) == 1
    assert event_handlers(document) == []


def test_the_security_policy_allows_only_the_pages_own_style_and_script(page: Element) -> None:
    (policy,) = [m for m in page.iter("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    rules = dict(rule.strip().split(" ", 1) for rule in policy.attrib["content"].split(";"))
    (style,) = page.iter("style")
    (script,) = scripts(page)

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert rules == {
        "default-src": "'none'",
        "style-src": digest(style.text or ""),
        "script-src": digest(script.text or ""),
        "img-src": "data:",
        "base-uri": "'none'",
        "form-action": "'none'",
    }


def test_nothing_on_the_page_can_load_from_another_host(page: Element) -> None:
    sources = [e.tag for e in page.iter() if "src" in e.attrib or "srcset" in e.attrib]
    assert sources == []
    fetched = [
        link.attrib["href"] for link in page.iter("link") if link.get("rel") not in ("alternate",)
    ]  # alternates are announced, never fetched
    assert fetched == ["data:,"]
    styles = "".join(s.text or "" for s in page.iter("style"))
    assert "url(" not in styles
    assert "@import" not in styles
    assert "@font-face" not in styles


# --- determinism, size, build ------------------------------------------------------------------


def test_the_same_data_gives_the_same_bytes_whatever_the_order_of_its_events() -> None:
    data = fixture_data()
    shuffled = list(data.events)
    random.Random(7).shuffle(shuffled)
    reordered = data.model_copy(update={"events": tuple(shuffled)})
    assert render(fixture_timeline(reordered)) == render(fixture_timeline(data)) == render_fixture()


def test_sixty_events_make_a_page_well_under_200_kb() -> None:
    data = fixture_data()
    many = tuple(
        event.model_copy(update={"id": f"{event.id}-{n}"}) for n in range(6) for event in data.events
    )
    timeline = build_timeline(data.model_copy(update={"events": many}), as_of=date(2026, 11, 23))
    assert len(timeline) == 60
    assert len(render(timeline)) < 200_000


def test_the_page_matches_its_golden_file(golden: Golden) -> None:
    golden("page/fixture.html", render_fixture())


def test_build_writes_the_page_linking_to_the_files_the_other_renderers_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def calendar(timeline: Timeline, site: Site) -> dict[str, bytes]:
        return {"sinotime.ics": b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "kind-expo.rss": b"<rss/>"}

    monkeypatch.setattr(build_module, "renderers", lambda: [calendar])
    result = build(FIXTURE, tmp_path, today=date(2026, 11, 23))
    assert sorted(result.written) == ["index.html", "kind-expo.rss", "sinotime.ics"]
    document = parse_html((tmp_path / "index.html").read_bytes())
    assert subscription_rows(document) == {
        "Everything: every event of every kind": [
            "webcal://example.org/sinotime/sinotime.ics",
            f"{BASE_URL}sinotime.ics",
        ],
        "Expos and trade fairs": [f"{BASE_URL}kind-expo.rss"],
    }
    assert "statuses as of 23 November 2026" in " ".join(text_of(document).split())


def test_every_flag_of_the_fixture_is_one_a_reader_can_tell_apart_without_colour(page: Element) -> None:
    labels = {li.attrib["data-flag"]: text_of(li) for li in event_items(page)}
    assert set(labels) == {Flag.COMPLETED, Flag.COMPLETED_LATE, Flag.OVERDUE, Flag.UPCOMING}
    for flag, text in labels.items():
        assert Flag(flag).label in text


EDGE_CASES = b"""
calendar: {name: edge cases, description: Every status the chart can draw.}
sources:
  - {id: s, publisher: P, title: T, url: "https://example.org/s", published: "2023-05-01"}
  - {id: r, publisher: P, title: R, url: "https://example.org/r", published: "2023-06-16"}
events:
  - id: open-ended
    title: Works to start in the near future
    kind: policy
    cites: [s]
    plans: [{target: "[2023-05-01..]", wording: in the near future, announced: "2023-05-01", source: s}]
    added: "2024-01-01"
    changed: "2024-01-01"
  - id: no-date
    title: A visit, some day
    kind: meeting
    cites: [s]
    plans: [{wording: soon, announced: "2023-05-01", source: s}]
    added: "2024-01-01"
    changed: "2024-01-01"
  - id: called-off
    title: A fair that was called off
    kind: gathering
    cites: [s]
    plans: [{target: "2023-09", wording: in September, announced: "2023-05-01", source: s}]
    outcome: {status: cancelled, source: s}
    added: "2024-01-01"
    changed: "2024-01-01"
  - id: put-off
    title: A forum put off
    kind: gathering
    cites: [s]
    plans: [{target: "2023-36", wording: in the fourth quarter, announced: "2023-05-01", source: s}]
    outcome: {status: postponed, source: s, note: no new date}
    added: "2024-01-01"
    changed: "2024-01-01"
  - id: signed
    title: A contract signed at ten
    kind: agreement
    timezone: Asia/Vladivostok
    cites: [s]
    outcome: {date: "2023-06-15T10:00:00", source: r}
    added: "2024-01-01"
    changed: "2024-01-01"
"""


def test_every_status_and_precision_has_a_mark_and_words_on_the_chart_and_in_the_list() -> None:
    data = parse_events(EDGE_CASES, "edge.yaml", today=date(2026, 11, 23))
    timeline = build_timeline(data, as_of=date(2024, 1, 1))
    document = parse_html(render(timeline, site=Site(None)))
    entries = chart_entries(document)
    flags = {entry.event.id: entry.flag for entry in timeline}
    assert flags == {
        "open-ended": Flag.UNVERIFIED,  # six months without news after "in the near future"
        "no-date": Flag.UNSCHEDULED,
        "called-off": Flag.CANCELLED,
        "put-off": Flag.POSTPONED,
        "signed": Flag.COMPLETED,
    }
    labels = {event_id: label_lines(group) for event_id, group in entries.items()}
    assert labels == {
        "open-ended": [
            "Works to start in the near future",
            "due on or after 1 May 2023 · past due,",
            "no news since 1 May 2023",
        ],
        "no-date": ["A visit, some day", "planned, no date"],
        "called-off": ["A fair that was called off", "was due Sep 2023 · cancelled"],
        "put-off": ["A forum put off", "was due Q4 2023 · postponed"],
        "signed": ["A contract signed at ten", "15 Jun 2023, 10:00"],
    }
    assert [m.attrib["class"] for m in marks(entries["open-ended"])] == ["mark open hollow"]
    assert [m.attrib["class"] for m in marks(entries["no-date"])] == ["mark hollow"]
    assert [m.tag for m in marks(entries["signed"])] == [f"{SVG}circle"]
    assert [p.attrib["class"] for p in entries["called-off"].iter(f"{SVG}path")] == ["cross"]
    listed = {li.attrib["id"]: " ".join(text_of(li).split()) for li in event_items(document)}
    assert listed["event-no-date"].startswith("no date given Planned, no date")
    assert "Cancelled, reported 1 May 2023 by P" in listed["event-called-off"]
    assert "Postponed, no new date, reported" in listed["event-put-off"]
    assert "Happened 15 June 2023, 10:00, reported" in listed["event-signed"]


def test_the_bundled_page_announces_each_feed_of_changes_in_three_formats_and_no_archive_page() -> None:
    """Archive pages are reached from the feeds (prev-archive), not offered for subscription."""
    bundled = Path(__file__).parent.parent / "feeds"
    document = parse_html((bundled / "index.html").read_bytes())
    alternates = {
        link.attrib["href"].removeprefix("https://sinotime.example.org/"): link.attrib["type"]
        for link in document.iter("link")
        if link.get("rel") == "alternate"
    }
    feeds = {
        p.name
        for p in bundled.iterdir()
        if p.suffix in (".rss", ".atom", ".json") and ".archive-" not in p.name
    }
    assert any(".archive-" in p.name for p in bundled.iterdir())
    assert {name for name in alternates if not name.endswith(".ics")} == feeds
    for stem in ("sinotime", "series-tongjiang-rail-bridge", "kind-expo"):
        assert alternates[f"{stem}.atom"] == "application/atom+xml"
        assert alternates[f"{stem}.rss"] == "application/rss+xml"
        assert alternates[f"{stem}.json"] == "application/feed+json"
    (hint,) = [p for p in document.iter("p") if p.get("class") == "hint"]
    assert "each entry is one change" in "".join(hint.itertext())


def test_names_in_other_languages_are_listed_once_each_in_an_element_that_says_its_language(
    page: Element,
) -> None:
    (glossary,) = [section for section in page.iter("section") if section.get("id") == "names"]
    (item,) = [li for li in glossary.iter("li") if text_of(li).startswith("Blagoveshchensk–Heihe cableway:")]
    spans = {span.get("lang"): span.text for span in item.iter("span")}
    assert spans == {"ru": "Канатная дорога Благовещенск – Хэйхэ", "zh-Hans": "黑河—布拉戈维申斯克索道"}
    assert " ".join(text_of(item).split()) == (
        "Blagoveshchensk–Heihe cableway: Канатная дорога Благовещенск – Хэйхэ (ru)"
        " · 黑河—布拉戈维申斯克索道 (zh-Hans)"
    )
    (cableway,) = [li for li in event_items(page) if li.attrib["id"] == "event-cableway-opening"]
    assert "Благовещенск" not in text_of(cableway), "a series' names are not repeated on each event"
    (own,) = [p for p in cableway.iter("p") if p.get("class") == "names"]
    assert [(span.get("lang"), span.text) for span in own.iter("span")] == [
        ("ru", "Первые пассажиры канатной дороги")
    ]
    assert " ".join(text_of(own).split()) == "Other names: Первые пассажиры канатной дороги (ru)"


def test_a_chart_over_a_thousand_years_names_a_few_centuries_not_every_year() -> None:
    """One event in the year 1000 seen from 2026: a line and a name a century (a page of such
    a month held 1,026 year lines, 54 KB of its 70), and as many as ever for a span of decades."""
    from sinotime.page.chart import axis
    from sinotime.page.marks import Scale

    def drawn(first: int, last: int) -> tuple[int, list[str]]:
        lines = "".join(axis(Scale.around([date(first, 1, 1), date(last, 6, 1)]), 100.0))
        names = [part.split("<")[0] for part in lines.split('text-anchor="middle">')[1:]]
        return lines.count('class="grid"'), names

    grid, names = drawn(1000, 2026)
    assert grid <= 25 and names == [str(year) for year in range(1000, 2027, 100)]
    assert drawn(2014, 2026) == (14, [str(year) for year in range(2014, 2027)])
