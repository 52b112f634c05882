"""The calendars of tests/data/calendars.yaml, read back by four parsers that did not write them.

Every field a subscriber's client shows is compared with the events file: UID, SUMMARY,
DTSTART/DTEND (and the instant a timed one stands for), STATUS, SEQUENCE, LOCATION, GEO, URL,
CATEGORIES and the DESCRIPTION's text.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

import pytest

from calendar_support import DATA, ReadCalendar, Reader, icaljs, libical, read_with_ical, read_with_vobject
from sinotime.calendars import render_calendars
from sinotime.loading import load_events
from sinotime.site import Site
from sinotime.timeline import Entry, Timeline, build_timeline
from sinotime.words import status_words

FIXTURE = DATA / "calendars.yaml"
SITE = Site(base_url="https://example.org/sinotime/")

# Where each event of the fixture must land: (type, start, end), wall clock for timed ones.
GRID = {
    "expo-2019": ("date", "2019-06-15", "2019-06-20"),  # a span: DTEND is the day after
    "eef-2019-opening": ("date-time", "2019-09-05T10:00:00", "2019-09-05T13:30:00"),
    "khabarovsk-visit-2020": ("date", "2020-02-10", "2020-02-11"),  # about a day: that day
    "twinning-signing-2021": ("date-time", "2021-05-12T10:00:00", None),
    "cultural-fair-2023": ("date", "2023-05-21", "2023-06-01"),  # "end of May": the window
    "expo-2027": ("date", "2027-06-01", "2027-07-01"),  # a month: all of it
    "trade-target-2020": ("date", "2020-12-31", "2021-01-01"),  # a plan for a year: its last day
}
OUT_OF_GRID: set[str] = set()

SUMMARIES = {
    "expo-2019": "6th China-Russia Expo",
    "eef-2019-opening": "Eastern Economic Forum, opening plenary",
    "khabarovsk-visit-2020": "Cancelled: Heilongjiang delegation visits Khabarovsk (about 10 February 2020)",
    "twinning-signing-2021": "Harbin, Khabarovsk sign; twinning \\ agreement\nBEGIN:VEVENT",
    "cultural-fair-2023": "Past due, no news: Amur cultural fair (sometime between 21 and 31 May 2023)",
    "expo-2027": "Planned: 10th China-Russia Expo (sometime in June 2027)",
    "trade-target-2020": (
        "Past due, no news: Heilongjiang–Russia trade reaches $20 billion (due by the end of 2020)"
    ),
}
STATUSES = {
    "expo-2019": "CONFIRMED",
    "eef-2019-opening": "CONFIRMED",
    "khabarovsk-visit-2020": "CANCELLED",
    "twinning-signing-2021": "CONFIRMED",
    "cultural-fair-2023": "TENTATIVE",
    "expo-2027": "TENTATIVE",
    "trade-target-2020": "TENTATIVE",
}


@cache
def timeline() -> Timeline:
    data = load_events(FIXTURE, today=date(2026, 11, 23))
    return build_timeline(data, as_of=data.last_changed())


@cache
def files() -> dict[str, bytes]:
    return render_calendars(timeline(), SITE)


READERS = {
    "ical": lambda: read_with_ical,
    "vobject": lambda: read_with_vobject,
    "ical.js": icaljs,
    "libical": libical,
}


@pytest.fixture(params=sorted(READERS))
def reader(request: pytest.FixtureRequest) -> Reader:
    return READERS[request.param]()


def read(reader: Reader, name: str) -> ReadCalendar:
    return reader(files()[name].decode("utf-8"))


def entries_in(name: str) -> list[Entry]:
    chosen = list(timeline())
    if name.startswith("kind-"):
        chosen = [e for e in chosen if f"kind-{e.event.kind}.ics" == name]
    elif name.startswith("series-"):
        chosen = [e for e in chosen if f"series-{e.event.series}.ics" == name]
    elif name.startswith("event/"):
        chosen = [e for e in chosen if f"event/{e.event.id}.ics" == name]
    # in grid order: by the first day each stands on (a deadline stands on its target's last)
    return sorted(
        (e for e in chosen if e.event.id in GRID), key=lambda e: (GRID[e.event.id][1][:10], e.event.id)
    )


def test_the_fixture_gives_these_calendars() -> None:
    assert sorted(files()) == [
        "event/expo-2027.ics",  # the one upcoming plan
        "kind-agreement.ics",
        "kind-cultural-fair.ics",
        "kind-delegation-visit.ics",
        "kind-expo.ics",
        "kind-forum.ics",
        "kind-target.ics",
        "series-china-russia-expo.ics",
        "sinotime.ics",
    ]
    assert set(GRID) | OUT_OF_GRID == {e.event.id for e in timeline()}


@pytest.mark.parametrize("name", sorted(files()))
def test_every_calendar_reads_cleanly_with_the_events_it_should_hold(reader: Reader, name: str) -> None:
    calendar = read(reader, name)
    assert calendar.errors == ()  # libical: no parse error and no RFC 5545 restriction broken
    expected = entries_in(name)
    assert [e.uid for e in calendar.events] == [f"{e.event.id}@sinotime" for e in expected]
    assert calendar.components.count("vevent") == len(expected)
    timed_zones = {e.event.timezone or "Asia/Harbin" for e in expected if "T" in GRID[e.event.id][1]}
    assert calendar.components.count("vtimezone") == (len(timed_zones) if expected else 1)


@pytest.mark.parametrize("name", sorted(files()))
def test_calendar_properties_read_back(reader: Reader, name: str) -> None:
    calendar = read(reader, name)
    info = timeline().data.calendar
    title = calendar.value("name")
    assert title.startswith(info.name)
    if name.startswith("kind-"):
        (kind,) = {e.event.kind for e in timeline() if f"kind-{e.event.kind}.ics" == name}
        assert title == f"{info.name}: {timeline().data.kind(kind).heading}"
    if name.startswith("series-"):
        series = timeline().series[name.removeprefix("series-").removesuffix(".ics")]
        assert title == f"{info.name}: {series.title}"
        assert f"{series.description}" in calendar.value("description")
    elif name.startswith("event/"):
        (entry,) = entries_in(name)
        assert title == f"{info.name}: {entry.event.title}"
        assert calendar.value("description").startswith(f"One event from {info.name}, to add to your own")
    else:
        assert info.description in calendar.value("description")
    assert calendar.value("refresh-interval") == "PT12H"
    assert calendar.value("source") == f"https://example.org/sinotime/{name}"
    assert calendar.value("url") == "https://example.org/sinotime/"
    if "x-wr-calname" in calendar.properties:  # Home Assistant's ical does not model X- properties
        assert calendar.value("x-wr-calname") == title
        assert calendar.value("x-wr-caldesc") == calendar.value("description")
        assert calendar.value("x-published-ttl") == "PT12H"


def test_every_event_field_matches_the_model(reader: Reader) -> None:
    calendar = read(reader, "sinotime.ics")
    sources = timeline().sources
    for entry in timeline():
        event = entry.event
        if event.id in OUT_OF_GRID:
            continue
        found = calendar.event(f"{event.id}@sinotime")
        assert found.summary == SUMMARIES[event.id]
        assert found.status == STATUSES[event.id]
        kind, start, end = GRID[event.id]
        assert found.start is not None
        assert (found.start.type, found.start.value) == (kind, start)
        assert (found.end.value if found.end else None) == end
        if kind == "date-time":
            zone = event.timezone or "Asia/Harbin"
            assert found.start.tzid in (zone, None), reader  # ical keeps the zone in its tzinfo
            if found.start.utc is not None:
                expected = datetime.fromisoformat(start).replace(tzinfo=ZoneInfo(zone)).timestamp()
                assert found.start.utc == expected
        assert found.sequence == timeline().revision(entry)  # the days its words changed
        place = event.place
        if place is None:
            assert found.location is None
        else:
            assert found.location == ", ".join([place.name] + ([place.region] if place.region else []))
        assert found.geo == (None if place is None or place.lat is None else (place.lat, place.lon))
        first_url = next((sources[s].url for s in event.source_ids() if sources[s].url), None)
        assert found.url == first_url
        heading = timeline().data.kind(event.kind).heading
        categories = [heading] + ([entry.series.title] if entry.series else [])
        if calendar.reader == "ical":
            # Home Assistant's ical splits CATEGORIES on every comma, escaped or not.
            assert ",".join(found.categories).replace("\\,", ",") == ",".join(categories)
        else:
            assert list(found.categories) == categories
        stamp = found.stamp
        assert stamp is not None
        assert stamp.value == f"{event.changed.isoformat()}T00:00:00"
        assert found.last_modified is not None
        assert found.last_modified.value == stamp.value


def test_descriptions_hold_the_story(reader: Reader) -> None:
    calendar = read(reader, "sinotime.ics")
    sources = timeline().sources
    for entry in timeline():
        event = entry.event
        if event.id in OUT_OF_GRID:
            continue
        text = calendar.event(f"{event.id}@sinotime").description
        assert text is not None
        if event.description:
            assert text.startswith(event.description)
        assert f"Status: {status_words(entry)}." in text  # never the as-of day
        lines = text.split("\n")
        for plan in event.plans:
            target = plan.target.words() if plan.target else "no date"
            said = (
                f"“{plan.wording}”, announced {plan.announced.words()} by {sources[plan.source].display_name}"
            )
            assert f"- Target {target}: {said}" in lines
        if event.outcome is not None and event.outcome.wording:
            assert f"“{event.outcome.wording}”, reported " in text
        for source_id in event.source_ids():
            source = sources[source_id]
            named = "" if source.display_name == source.title else f"{source.display_name}: "
            line = f"- {named}“{source.title}”, {source.published.words()}"
            assert line + (f" {source.url}" if source.url else "") in lines


def test_a_past_due_plan_says_since_when_there_is_no_news_and_why(reader: Reader) -> None:
    text = read(reader, "sinotime.ics").event("cultural-fair-2023@sinotime").description
    assert text is not None
    assert (
        "Status: Past due, no news since 10 April 2023.\nThe last target, between 21 May 2023 and 31 May"
        " 2023, has passed and no source dated after it says whether it happened; the newest is"
        " Example Herald (10 April 2023)." in text
    )
    assert "20 November 2026" not in text


def test_all_readers_read_the_same_text() -> None:
    readers = [read_with_ical, read_with_vobject, icaljs(), libical()]
    texts = files()["sinotime.ics"].decode()
    seen = {
        r(texts).reader: [(e.summary, e.description, e.location) for e in r(texts).events] for r in readers
    }
    assert len({repr(value) for value in seen.values()}) == 1, seen
