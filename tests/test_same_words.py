"""One event reads the same in the calendar, the feeds, the page and the report, and links to
the same article: each output is read back with a parser that did not write it."""

from __future__ import annotations

import csv
import html
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import feedparser
import html5lib
import pytest

from calendar_support import read_with_ical
from sinotime.build import render_files
from sinotime.loading import load_events
from sinotime.names import names_words, other_names
from sinotime.report import Filters, make_report, render_csv, render_json, render_markdown, render_text
from sinotime.report.lines import markdown as markdown_escape
from sinotime.site import Site
from sinotime.text import ical_uri
from sinotime.timeline import Entry, Flag, Timeline, build_timeline, primary_link
from sinotime.words import (
    PARTICIPANTS,
    PLACE,
    history,
    participants_words,
    place_words,
    source_phrase,
    status_words,
    when_words,
)

SAMPLE = Path(__file__).parent / "data" / "feeds-sample.yaml"  # one event of every status
SITE = Site("https://example.org/sinotime/")


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    data = load_events(SAMPLE, today=date(2026, 11, 23))
    return build_timeline(data, as_of=data.last_changed())


@pytest.fixture(scope="module")
def files(timeline: Timeline) -> dict[str, bytes]:
    return dict(render_files(timeline, SITE))


def outcome_feed_entries(files: dict[str, bytes], name: str = "sinotime.atom") -> dict[str, Any]:
    """The feed's entry of each event's outcome, by event id."""
    return {
        entry.id.split(":change/")[1].split("/")[0]: entry
        for entry in feedparser.parse(files[name]).entries
        if "/outcome/" in entry.id
    }


def outcome_titles(files: dict[str, bytes]) -> dict[str, str]:
    return {event_id: entry.title for event_id, entry in outcome_feed_entries(files).items()}


def by_id(timeline: Timeline) -> dict[str, Entry]:
    return {entry.event.id: entry for entry in timeline}


def listed_spans(files: dict[str, bytes], css_class: str) -> dict[str, str]:
    """The text of the span of `css_class` in each event of the page's list, by event id."""
    page = html5lib.parse(files["index.html"], treebuilder="etree", namespaceHTMLElements=False)
    return {
        li.get("id", "").removeprefix("event-"): "".join(span.itertext())
        for li in page.iter("li")
        if li.get("id", "").startswith("event-")
        for span in li.iter("span")
        if css_class in span.get("class", "").split()
    }


def test_the_sample_has_every_status(timeline: Timeline) -> None:
    assert {entry.flag for entry in timeline} == set(Flag)
    assert len(Flag) == 10


def test_every_note_that_qualifies_a_status_is_in_every_output(
    timeline: Timeline, files: dict[str, bytes]
) -> None:
    """Why a plan is overdue or unverified, which part happened: the same words everywhere."""
    noted = {entry.event.id: entry.note for entry in timeline if entry.note}
    assert {by_id(timeline)[event_id].flag for event_id in noted} >= {
        Flag.OVERDUE,
        Flag.UNVERIFIED,
        Flag.COMPLETED_PARTLY,
    }
    report = make_report(timeline, Filters())
    text = " ".join(render_text(report, width=10_000).split())
    markdown = render_markdown(report)
    reported = {row["id"]: row["status_note"] for row in json.loads(render_json(report))["events"]}
    csv_rows = {row["id"]: row["status_note"] for row in csv.DictReader(render_csv(report).splitlines())}
    # The feeds tell a story of changes: the note of an outcome is in the entry of that outcome; a
    # plan's note as of today is the page's, the report's and the calendar's (its entries are dated news).
    feed_content = {
        event_id: entry.content[0].value for event_id, entry in outcome_feed_entries(files).items()
    }
    page = files["index.html"].decode()
    calendar = {
        str(e.uid).removesuffix("@sinotime"): e.description
        for e in read_with_ical(files["sinotime.ics"].decode()).events
    }
    for event_id, note in noted.items():
        assert note in text, event_id
        assert reported[event_id] == csv_rows[event_id] == note, event_id
        assert note.replace("“", "").split(":")[0] in markdown, event_id
        if by_id(timeline)[event_id].event.outcome is not None:
            content = feed_content[event_id]
            assert html.escape(note, quote=False) in content or note in content, event_id
        assert html.escape(note, quote=False) in page, event_id
        if event_id in calendar:
            assert note in " ".join((calendar[event_id] or "").split()), event_id


def test_the_feed_the_page_and_the_report_give_each_event_the_same_status(
    timeline: Timeline, files: dict[str, bytes]
) -> None:
    entries = by_id(timeline)
    feed_titles = outcome_titles(files)
    badges = listed_spans(files, "flag")
    report = render_text(make_report(timeline, Filters()), width=200)
    for event_id, entry in entries.items():
        words = status_words(entry)
        if entry.event.outcome is not None:  # the feed's entry of the outcome gives the status it made
            assert feed_titles[event_id].startswith(f"{words}: "), event_id
        assert badges[event_id] == words, event_id
        assert f"\n  {words} · " in report, event_id


def test_every_events_date_reads_the_same_on_the_page_and_in_the_reports(
    timeline: Timeline, files: dict[str, bytes]
) -> None:
    shown = listed_spans(files, "date-words")
    report = make_report(timeline, Filters())
    text = render_text(report, width=400)
    cells = [line.split(" | ")[:2] for line in render_markdown(report).splitlines() if line.startswith("| ")]
    announced = r"(?: \(announced [^)]+\))?"  # the report says when a plan with no date was announced
    for event_id, entry in by_id(timeline).items():
        when, title = when_words(entry), entry.event.title
        assert shown[event_id] == when, event_id
        assert re.search(rf"\n{re.escape(when)}{announced}: {re.escape(title)}\n", text), event_id
        assert any(
            re.fullmatch(rf"\| {re.escape(markdown_escape(when))}{announced}", date)
            and event_title.startswith(markdown_escape(title))
            for date, event_title in cells
        ), event_id


def test_the_calendar_gives_the_same_status_and_the_same_link_as_the_feed(
    timeline: Timeline, files: dict[str, bytes]
) -> None:
    entries = by_id(timeline)
    calendar = read_with_ical(files["sinotime.ics"].decode())
    feed_links = {event_id: entry.link for event_id, entry in outcome_feed_entries(files).items()}
    assert calendar.events, "the sample puts some events in the grid"
    for found in calendar.events:
        event_id = str(found.uid).removesuffix("@sinotime")
        entry = entries[event_id]
        assert found.description is not None
        status = next(line for line in found.description.split("\n") if line.startswith("Status"))
        assert status.endswith(f": {status_words(entry)}."), event_id
        link = primary_link(entry.event, timeline.sources)
        # the same address, written as a URI (non-ASCII %-encoded) in the calendar and the feed
        uri = ical_uri(link) if link else None
        assert found.url == uri, event_id
        outcome = entry.event.outcome
        if outcome is not None and link is not None and link == timeline.sources[outcome.source].url:
            assert feed_links[event_id] == uri, event_id  # the feed's outcome entry links to its source


def test_an_event_that_happened_links_to_the_report_of_it_everywhere(
    timeline: Timeline, files: dict[str, bytes]
) -> None:
    """The rail bridge cites a 2017 planning article first; its link is the report of the opening."""
    seanews = "https://seanews.ru/en/2022/11/18/en-first-train-crosses-amur-to-china-by-new-bridge/"
    bridge = by_id(timeline)["rail-bridge-opening"]
    assert bridge.event.cites[0].source == "chinadaily-2017-02-16"
    calendar = read_with_ical(files["sinotime.ics"].decode())
    assert calendar.event("rail-bridge-opening@sinotime").url == seanews
    for name in ("sinotime.atom", "sinotime.rss"):
        assert outcome_feed_entries(files, name)["rail-bridge-opening"].link == seanews, name
    assert '"id": "seanews-2022-11-18"' in render_json(make_report(timeline, Filters()))


def entry_html(entry: Any) -> str:
    """An entry's HTML content: Atom's content, RSS's description."""
    return str(entry.content[0].value if "content" in entry else entry.summary)


def names_in(element: Any) -> tuple[str, list[tuple[str | None, str]]]:
    """An element's text in one line, and the (lang, text) of each span in it."""
    return " ".join("".join(element.itertext()).split()), [
        (span.get("lang"), "".join(span.itertext())) for span in element.iter("span")
    ]


def test_every_output_gives_an_events_other_names_in_the_same_words(
    timeline: Timeline, files: dict[str, bytes]
) -> None:
    """ "Харбин (ru) · 哈爾濱 (zh-Hant)" everywhere; where the output is HTML, each name in an
    element that says its language."""
    named = {entry.event.id: other_names(entry.event, entry.series) for entry in timeline}
    named = {event_id: names for event_id, names in named.items() if names}
    assert {name.language for names in named.values() for name in names} == {"ru", "zh-Hans", "zh-Hant"}
    assert {name.of for names in named.values() for name in names} == {"title", "series", "place"}
    report = make_report(timeline, Filters())
    text = " ".join(render_text(report, width=10_000).split())
    markdown = render_markdown(report)
    reported = {row["id"]: row["other_names"] for row in json.loads(render_json(report))["events"]}
    csv_rows = {row["id"]: row["other_names"] for row in csv.DictReader(render_csv(report).splitlines())}
    page = html5lib.parse(files["index.html"], treebuilder="etree", namespaceHTMLElements=False)
    listed = {li.get("id", "").removeprefix("event-"): li for li in page.iter("li")}
    (glossary,) = [section for section in page.iter("section") if section.get("id") == "names"]
    glossary_lines = [names_in(li) for li in glossary.iter("li")]
    entries = [
        entry for name in ("sinotime.atom", "sinotime.rss") for entry in feedparser.parse(files[name]).entries
    ]
    feeds = {
        event_id: [
            names_in(p)
            for entry in entries
            if f":change/{event_id}/" in entry.id
            for p in html5lib.parse(entry_html(entry), treebuilder="etree", namespaceHTMLElements=False).iter(
                "p"
            )
            if "".join(p.itertext()).startswith("Other names")
        ]
        for event_id in named
    }
    described = {
        str(e.uid).removesuffix("@sinotime"): " ".join((e.description or "").split())
        for name, data in files.items()
        if name.endswith(".ics")
        for e in read_with_ical(data.decode()).events
    }
    assert set(named) & set(described), "the sample puts some named events in a calendar"
    for event_id, names in named.items():
        words = names_words(names)
        if event_id in described:
            assert f"Other names: {words}" in described[event_id], event_id
        spans = [(name.language, name.text) for name in names]
        assert f"other names: {words}" in text, event_id
        assert markdown_escape(words) in markdown, event_id
        assert (
            [(n["language"], n["text"]) for n in reported[event_id]]
            == spans
            == [(n.language, n.text) for n in names]
        ), event_id
        assert csv_rows[event_id] == words, event_id
        assert feeds[event_id] and all(found == (f"Other names: {words}", spans) for found in feeds[event_id])
        own = [name for name in names if name.of == "title"]
        shown = [names_in(p) for p in listed[event_id].iter("p") if p.get("class") == "names"]
        assert shown == (
            [(f"Other names: {names_words(own)}", [(n.language, n.text) for n in own])] if own else []
        )
        for name in names:
            if name.of != "title":
                assert any(
                    name.words() in line and (name.language, name.text) in found
                    for line, found in glossary_lines
                )


# Every phrase: history, sources, place, participants ------------------------------------------


def plain(element: Any) -> str:
    """An element's text on one line, as a reader sees it: a <q> in quotation marks."""

    def text(node: Any) -> str:
        inner = (node.text or "") + "".join(text(child) + (child.tail or "") for child in node)
        return f"“{inner}”" if node.tag == "q" else inner

    return " ".join(text(element).split())


@pytest.fixture(scope="module")
def outputs(timeline: Timeline, files: dict[str, bytes]) -> dict[str, Any]:
    """Each output read back by a parser that did not write it, per event id."""
    report = make_report(timeline, Filters())
    page = html5lib.parse(files["index.html"], treebuilder="etree", namespaceHTMLElements=False)
    feed_entries = feedparser.parse(files["sinotime.atom"]).entries
    feed_html: dict[str, list[Any]] = {}
    for entry in feed_entries:
        if ":change/" in entry.id:
            content = html5lib.parse(entry_html(entry), treebuilder="etree", namespaceHTMLElements=False)
            feed_html.setdefault(entry.id.split(":change/")[1].split("/")[0], []).append(content)
    return {
        "calendar": {
            str(e.uid).removesuffix("@sinotime"): e.description or ""
            for e in read_with_ical(files["sinotime.ics"].decode()).events
        },
        "page": {
            li.get("id", "").removeprefix("event-"): li
            for li in page.iter("li")
            if li.get("id", "").startswith("event-")
        },
        "feed": feed_html,
        "text": " ".join(render_text(report, width=10_000).split()),
        "markdown": render_markdown(report),
        "json": {row["id"]: row for row in json.loads(render_json(report))["events"]},
        "csv": {row["id"]: row for row in csv.DictReader(render_csv(report).splitlines())},
    }


def test_the_rail_bridge_tells_its_story_in_the_same_words_everywhere(outputs: dict[str, Any]) -> None:
    """One plan's history, worded once: not "(announced …, China Daily)" in one output, "said … by
    China Daily" in another and "(China Daily, Feb 2017)" in a third."""
    first = "Target 2018: “in operation in 2018”, announced 16 February 2017 by China Daily"
    happened = "Happened 16 November 2022: “16 November”, reported 18 November 2022 by SeaNews"
    event_id = "rail-bridge-opening"
    assert f"- {first}\n" in outputs["calendar"][event_id]
    assert f"- {happened}\n" in outputs["calendar"][event_id]
    assert first in plain(outputs["page"][event_id]) and happened in plain(outputs["page"][event_id])
    assert f"history: {first} -> " in outputs["text"] and happened in outputs["text"]
    assert outputs["json"][event_id]["history"][0] == first
    assert outputs["csv"][event_id]["history"].startswith(f"{first} -> ")
    steps = [plain(li) for content in outputs["feed"][event_id] for li in content.iter("li")]
    assert first in steps and happened in steps


def test_every_step_of_every_history_reads_the_same_in_every_output(
    timeline: Timeline, outputs: dict[str, Any]
) -> None:
    """The calendar, the page, the report and the newest feed entry of an event tell each step
    of its story in the same words."""
    told = 0
    for entry in timeline:
        event_id, steps = entry.event.id, history(entry.event, entry.flag, timeline.sources)
        texts = [step.phrase.text for step in steps]
        if event_id in outputs["calendar"]:
            lines = outputs["calendar"][event_id].split("\n")
            assert lines[lines.index("History:") + 1 :][: len(texts)] == [f"- {t}" for t in texts], event_id
        story = outputs["page"][event_id].find(".//ol[@class='story']")
        assert [plain(li) for li in story.iter("li")][: len(texts)] == texts, event_id
        assert outputs["json"][event_id]["history"] == texts, event_id
        assert outputs["csv"][event_id]["history"] == " -> ".join(texts), event_id
        assert f"history: {' -> '.join(texts)}" in outputs["text"], event_id
        assert " → ".join(markdown_escape(t) for t in texts) in outputs["markdown"], event_id
        newest = newest_feed_entries(outputs)[event_id]  # the story of its latest change
        assert [plain(li) for li in newest.iter("li")] == texts, event_id
        told += len(texts)
    assert told >= 19  # every plan, news item, outcome and other report of the sample


def newest_feed_entries(outputs: dict[str, Any]) -> dict[str, Any]:
    """The content of each event's newest entry in the feed of everything (newest first)."""
    return {event_id: contents[0] for event_id, contents in outputs["feed"].items()}


def test_every_feed_entry_tells_the_history_as_it_stood_right_after_its_change(
    timeline: Timeline, outputs: dict[str, Any]
) -> None:
    """Each entry's story is the event's history, in the words of every other output, as the
    event stood after that change: no step said later, no step of the feeds' own."""
    for entry in timeline:
        event_id = entry.event.id
        texts = [step.phrase.text for step in history(entry.event, entry.flag, timeline.sources)]
        for content in outputs["feed"].get(event_id, []):
            steps = [plain(li) for li in content.iter("li")]
            assert steps, event_id
            said = [step for step in steps if not step.startswith("No outcome")]
            assert all(step in texts for step in said), (event_id, steps)
            assert said == [t for t in texts if t in said], (event_id, steps)  # in the same order
            assert not any("Deadline passed" in step or " — " in step for step in steps), steps


def test_the_newest_feed_entry_of_every_event_gives_the_status_the_other_outputs_give(
    timeline: Timeline, outputs: dict[str, Any]
) -> None:
    """What a feed reader last heard of an event is where it stands in the calendar, the page
    and the report: "Overdue since 1 July 2026" once news says a passed target was not met."""
    statuses = set()
    for entry in timeline:
        newest = newest_feed_entries(outputs)[entry.event.id]
        said = [plain(p) for p in newest.iter("p") if plain(p).startswith("Status: ")]
        note = f" {entry.note}" if entry.note else ""
        assert said == [f"Status: {status_words(entry)}.{note}"], entry.event.id
        assert status_words(entry) in plain(outputs["page"][entry.event.id]), entry.event.id
        statuses.add(entry.flag)
    assert Flag.OVERDUE in statuses and Flag.UNVERIFIED in statuses and Flag.COMPLETED_LATE in statuses


def test_every_feed_entry_states_the_status_its_change_left(
    timeline: Timeline, outputs: dict[str, Any]
) -> None:
    """A target announced leaves "Planned", news that a passed target was not met leaves
    "Overdue since …": each entry says the status right after it, once."""
    for event_id, contents in outputs["feed"].items():
        for content in contents:
            said = [plain(p) for p in content.iter("p") if plain(p).startswith("Status: ")]
            assert len(said) == 1, (event_id, said)
    overdue = [e for e in timeline if e.flag is Flag.OVERDUE]
    assert overdue
    for entry in overdue:
        news_entries = [
            c
            for c in outputs["feed"][entry.event.id]
            if any(plain(li).startswith("News: ") for li in c.iter("strong"))
        ]
        assert news_entries and f"Status: {status_words(entry)}." in plain(news_entries[0]), entry.event.id


def test_every_feed_entry_gives_the_events_description_once(
    timeline: Timeline, outputs: dict[str, Any]
) -> None:
    """The curator's description, on the page and in the calendar, is in each entry of the event."""
    described = 0
    for entry in timeline:
        description = entry.event.description
        if not description:
            continue
        words = " ".join(description.split())
        assert words in plain(outputs["page"][entry.event.id]), entry.event.id
        for content in outputs["feed"].get(entry.event.id, []):
            assert [plain(p) for p in content.iter("p")].count(words) == 1, entry.event.id
            described += 1
    assert described >= 2


def test_every_source_is_cited_in_the_same_words_in_every_output(
    timeline: Timeline, outputs: dict[str, Any]
) -> None:
    """ "China Daily: “Heilongjiang sets sights on …”, 16 February 2017" in the calendar's and the
    page's list of sources, the report's sources and the feed's "Source:" line."""
    for entry in timeline:
        event_id, event = entry.event.id, entry.event
        cited = [source_phrase(timeline.sources[s]).text for s in event.source_ids()]
        if event_id in outputs["calendar"]:
            lines = outputs["calendar"][event_id].split("\n")
            for source_id, words in zip(event.source_ids(), cited, strict=True):
                url = timeline.sources[source_id].url
                assert f"- {words}" + (f" {url}" if url else "") in lines, event_id
        listed = outputs["page"][event_id].find(".//ul[@class='sources']")
        shown = [plain(li) for li in listed.iter("li")] if listed is not None else []
        # the page lists every source cited, as the calendar and the report do, in the same order
        assert len(shown) == len(cited), event_id
        assert all(line.startswith(words) for line, words in zip(shown, cited, strict=True)), event_id
        assert f"sources: {'; '.join(cited)}" in outputs["text"], event_id
        feed_sources = {
            plain(p) for content in outputs["feed"].get(event_id, []) for p in content.iter("p")
        } & {f"Source: {words}" for words in cited}
        assert feed_sources or event_id not in outputs["feed"], event_id


def test_the_page_says_what_qualifies_a_status_beside_the_story_not_as_a_step_of_it(
    timeline: Timeline, outputs: dict[str, Any]
) -> None:
    for entry in timeline:
        page = outputs["page"][entry.event.id]
        steps = [plain(li) for li in page.find(".//ol[@class='story']").iter("li")]
        assert len(steps) == len(history(entry.event, entry.flag, timeline.sources)), entry.event.id
        notes = [plain(p) for p in page.iter("p") if p.get("class") == "status-note"]
        assert notes == ([entry.note] if entry.note else []), entry.event.id


def test_every_place_and_every_list_of_participants_reads_the_same_everywhere(
    timeline: Timeline, outputs: dict[str, Any]
) -> None:
    placed = [entry for entry in timeline if entry.event.place is not None]
    assert placed and any(entry.event.participants for entry in timeline)
    for entry in timeline:
        event_id, event = entry.event.id, entry.event
        page = plain(outputs["page"][event_id])
        if event.place is not None:
            where = place_words(event.place)
            if event_id in outputs["calendar"]:
                assert f"\n{PLACE}: {where}\n" in outputs["calendar"][event_id], event_id
            assert f" · {where}" in page, event_id
            kind = timeline.data.kind(event.kind).label  # one event's kind, as every output names it
            assert f"{kind} · " in page, event_id
            assert f"{status_words(entry)} · {kind} · {where}" in outputs["text"], event_id
            for content in outputs["feed"].get(event_id, []):
                assert f" · {where}" in plain(content.find(".//p")), event_id
        if event.participants:
            who = f"{PARTICIPANTS}: {participants_words(event.participants)}"
            if event_id in outputs["calendar"]:
                assert who in outputs["calendar"][event_id].split("\n"), event_id
            assert who in page, event_id
            assert f"{PARTICIPANTS.lower()}: {participants_words(event.participants)}" in outputs["text"]
