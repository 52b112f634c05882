"""What a feed reader shows of the sample timeline: every feed, entry, link, date and source.

The feeds are read back with feedparser (and the XML with ElementTree, where feedparser
hides the detail), never with the code that wrote them, and compared with the model and
with what a subscriber should see, written out here by hand.
"""

from __future__ import annotations

import calendar
import time
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser
import pytest
from click.testing import CliRunner
from feedgen.feed import FeedGenerator

from sinotime.build import build
from sinotime.cli import main
from sinotime.feeds import render_feeds, web_address
from sinotime.loading import load_events
from sinotime.models import EventsFile
from sinotime.site import Site
from sinotime.timeline import Timeline, build_timeline
from test_feeds_safety import ContentReader

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "feeds-sample.yaml"
GOLDEN = Path(__file__).parent / "golden" / "feeds"
TODAY = date(2026, 11, 23)
BASE = "https://example.org/sinotime/"
SITE = Site(BASE)
ATOM = "{http://www.w3.org/2005/Atom}"

# What a subscriber sees of each event: the title, and where the entry's link leads.
EXPECTED = {
    "expo-2027": (
        "Planned: 10th China–Russia Expo, June 2027",
        "http://www.xinhuanet.com/english/2019-06/18/c_138152672.htm",
    ),
    "rail-bridge-opening": (
        "Completed late, +3 y 10 m against the first target (2018): Tongjiang–Nizhneleninskoye railway"
        " bridge opens to traffic, 16 November 2022",
        # the report of the opening, not the planning article it cites first
        "https://seanews.ru/en/2022/11/18/en-first-train-crosses-amur-to-china-by-new-bridge/",
    ),
    "cultural-fair-2024": (
        "Cancelled: Harbin–Khabarovsk cultural fair, was due June 2024",
        BASE,  # no source of it has an address: the entry links to the site
    ),
    "heihe-cable-car": (
        "Overdue since 1 January 2024: Heihe–Blagoveshchensk cable car opens, due about 2023",
        "https://example.org/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/"
        "%D0%BA%D0%B0%D0%BD%D0%B0%D1%82%D0%BD%D0%B0%D1%8F-%D0%B4%D0%BE%D1%80%D0%BE%D0%B3%D0%B0"
        "?id=7&lang=ru",
    ),
    "investment-forum-2024": (
        "Postponed: Far East investment forum in Harbin, was due summer 2024",
        "https://example.org/tass/forum-september",  # the outcome's source has none: the next that has
    ),
    "ecommerce-hub": (
        "Planned, no date: Cross-border e-commerce hub in the Heilongjiang free trade zone",
        "http://www.chinadaily.com.cn/business/2017-02/16/content_28222545.htm",
    ),
    "expo-2019": (
        "Completed: 6th China–Russia Expo & Harbin trade fair, 15–19 June 2019",
        "http://www.xinhuanet.com/english/2019-06/18/c_138152672.htm",  # the outcome's source
    ),
    "border-checkpoint-opening": (
        "Completed in part, +10 m against the first target (2021): Tongjiang border checkpoint opens,"
        " 16 November 2022",
        "https://seanews.ru/en/2022/11/18/en-first-train-crosses-amur-to-china-by-new-bridge/",
    ),
    "harbin-river-port": (
        "Past due, no news since 1 March 2019: Harbin river port terminal for Russian cargo, due 2025",
        "https://example.org/harbin/expo-2019.html",
    ),
    "harbin-trade-centre": (
        "Planned, moved from 2025 to spring 2027: Russian trade centre in Harbin opens, spring 2027",
        "https://example.org/tass/forum-september",
    ),
}
# Newest change first, then id.
ORDER = [
    "expo-2027",
    "rail-bridge-opening",
    "cultural-fair-2024",
    "heihe-cable-car",
    "investment-forum-2024",
    "border-checkpoint-opening",
    "ecommerce-hub",
    "expo-2019",
    "harbin-river-port",
    "harbin-trade-centre",
]
KIND_FEEDS = {
    "kind-infrastructure": [
        "rail-bridge-opening",
        "heihe-cable-car",
        "border-checkpoint-opening",
        "harbin-river-port",
    ],
    "kind-expo": ["expo-2027", "expo-2019"],
    "kind-cultural-fair": ["cultural-fair-2024"],
    "kind-forum": ["investment-forum-2024"],
    "kind-business": ["harbin-trade-centre"],
    "kind-programme": ["ecommerce-hub"],
}
FEEDS = {"sinotime": ORDER, **KIND_FEEDS}
FILES = [f"{name}.{fmt}" for name in FEEDS for fmt in ("rss", "atom")]


def sample_data() -> EventsFile:
    return load_events(SAMPLE, today=TODAY)


def sample_timeline(data: EventsFile | None = None) -> Timeline:
    data = data or sample_data()
    return build_timeline(data, as_of=data.last_changed())


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return render_feeds(sample_timeline(), SITE)


def day_of(parsed: time.struct_time) -> date:
    """A feedparser date (UTC) as a day; it must be midnight."""
    assert (parsed.tm_hour, parsed.tm_min, parsed.tm_sec) == (0, 0, 0)
    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)


def test_a_feed_of_everything_and_one_per_kind_with_events_in_both_formats(files: dict[str, bytes]) -> None:
    assert sorted(files) == sorted(FILES)
    assert "kind-state-visit.rss" not in files  # no state visit in the sample


@pytest.mark.parametrize("name", FILES)
def test_entries_are_the_events_newest_change_first_with_their_titles_links_and_dates(
    files: dict[str, bytes], name: str
) -> None:
    events = {event.id: event for event in sample_data().events}
    parsed = feedparser.parse(files[name])
    assert not parsed.bozo
    assert [entry.id for entry in parsed.entries] == [
        f"tag:sinotime,2026:event/{event_id}" for event_id in FEEDS[name.split(".")[0]]
    ]
    for entry in parsed.entries:
        event = events[entry.id.removeprefix("tag:sinotime,2026:event/")]
        title, link = EXPECTED[event.id]
        assert entry.title == title
        assert entry.link == link
        assert entry.tags[0].term == (event.kind.label if name.endswith(".rss") else event.kind.value)
        if name.endswith(".rss"):
            assert entry.guidislink is False
            assert day_of(entry.published_parsed) == event.changed  # RSS's one date: the news
        else:
            assert day_of(entry.updated_parsed) == event.changed
            assert day_of(entry.published_parsed) == event.added


@pytest.mark.parametrize("name", FILES)
def test_the_feed_says_what_it_is_where_it_lives_and_when_it_last_changed(
    files: dict[str, bytes], name: str
) -> None:
    stem, fmt = name.split(".")
    events = {event.id: event for event in sample_data().events}
    newest = max(events[event_id].changed for event_id in FEEDS[stem])
    parsed = feedparser.parse(files[name])
    kind_label = {
        "kind-infrastructure": "Bridges and infrastructure",
        "kind-expo": "Expos and trade fairs",
        "kind-cultural-fair": "Cultural fairs",
        "kind-forum": "Forums",
        "kind-business": "Business ventures",
        "kind-programme": "Cooperation programmes",
    }.get(stem)
    assert parsed.feed.title == "sinotime feeds sample" + (f": {kind_label}" if kind_label else "")
    description = "Plans and outcomes of Heilongjiang–Russian Far East cooperation, for tests."
    if kind_label:
        description += f" This feed holds only {kind_label.lower()}."
    assert parsed.feed.subtitle == description
    assert parsed.feed.language == "en"
    assert day_of(parsed.feed.updated_parsed) == newest
    root = ET.fromstring(files[name])
    if fmt == "rss":
        channel = root.find("channel")
        assert channel is not None
        assert channel.findtext("link") == BASE  # the site, not the feed
        [self_link] = channel.findall(f"{ATOM}link")
        assert self_link.attrib == {"href": BASE + name, "rel": "self", "type": "application/rss+xml"}
        assert channel.findtext("lastBuildDate") == f"{newest:%a, %d %b %Y} 00:00:00 +0000"
        assert channel.findtext("generator") == "sinotime"
    else:
        assert root.findtext(f"{ATOM}id") == f"tag:sinotime,2026:feed/{stem}"
        links = [link.attrib for link in root.findall(f"{ATOM}link")]
        assert links == [
            {"href": BASE + name, "rel": "self", "type": "application/atom+xml"},
            {"href": BASE, "rel": "alternate"},
        ]
        assert root.findtext(f"{ATOM}author/{ATOM}name") == "sinotime feeds sample"
        assert root.findtext(f"{ATOM}updated") == f"{newest.isoformat()}T00:00:00+00:00"
        generator = root.find(f"{ATOM}generator")
        assert generator is not None
        assert (generator.text, generator.attrib) == ("sinotime", {})  # no feedgen version


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_content_gives_every_target_beside_the_outcome_the_place_and_the_sources(
    files: dict[str, bytes], fmt: str
) -> None:
    data = sample_data()
    sources = {source.id: source for source in data.sources}
    parsed = feedparser.parse(files[f"sinotime.{fmt}"])
    contents = {
        entry.id.removeprefix("tag:sinotime,2026:event/"): ContentReader(
            entry.content[0].value if fmt == "atom" else entry.description
        )
        for entry in parsed.entries
    }
    for event in data.events:
        content = contents[event.id]
        links = {href for href, _ in content.links}
        for number, plan in enumerate(event.plans):
            item = content.items[number]
            target = plan.target.words() if plan.target is not None else "no date given"
            source = sources[plan.source]
            assert item.startswith(f"Target: {target} — “{plan.wording}” — ")
            assert f"announced {plan.announced.words()} by {source.display_name}" in item
            if source.url is not None:
                assert web_address(source.url) in links
        outcome_item = content.items[len(event.plans)]
        if event.outcome is None:
            assert outcome_item == "Outcome: none recorded"
        else:
            assert outcome_item.startswith("Outcome: ")
            assert f"reported by {sources[event.outcome.source].display_name}" in outcome_item
            if event.outcome.date is not None:
                assert event.outcome.date.words() in outcome_item
            if event.outcome.wording is not None:
                assert f"“{event.outcome.wording}”" in outcome_item
        for source_id in event.source_ids():
            source = sources[source_id]
            listed = f"{source.title} — {source.display_name}, published {source.published.words()}"
            if source.copies:
                listed += f" (copies: {', '.join(str(n) for n in range(1, len(source.copies) + 1))})"
            assert listed in content.items
            if source.url is not None:
                assert (web_address(source.url), source.title) in content.links
    bridge = contents["rail-bridge-opening"]
    assert bridge.paragraphs[:2] == [
        "The first railway bridge across the Amur between China and Russia.\n\n"
        "Freight trains cross from Nizhneleninskoye (Russia) to Tongjiang (China).",
        "Status: Completed late, +3 y 10 m against the first target (2018)",
    ]
    assert (
        "Place: Tongjiang–Nizhneleninskoye, Heilongjiang; Jewish Autonomous Oblast (CN, RU)"
        in bridge.paragraphs
    )
    assert "Series: Tongjiang–Nizhneleninskoye railway bridge" in bridge.paragraphs
    # No status names the as-of day; an overdue plan says which news makes it so.
    assert contents["heihe-cable-car"].paragraphs[:2] == [
        "Status: Overdue since 1 January 2024",
        "Not done by about 2023: “not open yet” (Amurskaya Pravda, 1 February 2024).",
    ]
    assert "Date: 16 November 2022" in bridge.paragraphs
    assert contents["expo-2019"].paragraphs[0] == (
        "Exhibitors < 2018's count, by the organisers' own figures & estimates."
    )
    forum = contents["investment-forum-2024"]
    assert "Other report: September 2024 — “in September” — reported by TASS" in forum.items
    xinhua = [i for i in contents["expo-2027"].items if i.startswith("China Focus")]
    assert xinhua == [
        "China Focus: China-Russia Expo highlights local-level bilateral cooperation — Xinhua, "
        "published 18 June 2019 (copies: 1)"
    ]
    assert ("https://example.org/mirror/xinhua-2019-06-18.html", "1") in contents["expo-2027"].links


def test_a_cancelled_event_with_a_date_reads_was_due_not_as_if_it_happened() -> None:
    """A cancelled outcome's date is the date the event would have had (docs/file-format.md)."""
    data = sample_data()
    events = tuple(
        e.model_copy(update={"outcome": e.outcome.model_copy(update={"date": e.plans[0].target})})
        if e.id == "cultural-fair-2024" and e.outcome is not None
        else e
        for e in data.events
    )
    files = render_feeds(sample_timeline(data.model_copy(update={"events": events})), SITE)
    titles = [e.title for e in feedparser.parse(files["kind-cultural-fair.atom"]).entries]
    assert titles == ["Cancelled: Harbin–Khabarovsk cultural fair, was due June 2024"]


def test_a_source_of_unknown_publisher_is_named_by_its_headline() -> None:
    data = sample_data()
    sources = tuple(
        s.model_copy(update={"publisher": "unknown"}) if s.id == "chinadaily-2017-02-16" else s
        for s in data.sources
    )
    files = render_feeds(sample_timeline(data.model_copy(update={"sources": sources})), SITE)
    entry = next(
        e for e in feedparser.parse(files["sinotime.atom"]).entries if e.id.endswith("/ecommerce-hub")
    )
    content = ContentReader(entry.content[0].value)
    headline = "Heilongjiang sets sights on major boost to economic ties with Russia"
    assert f"Target: no date given — “soon” — announced 16 February 2017 by {headline}" in content.items
    assert f"{headline}, published 16 February 2017" in content.items  # not "— unknown"
    assert "unknown" not in entry.content[0].value


def test_atom_entry_links_keep_their_relation_despite_feedgen_issue_135(files: dict[str, bytes]) -> None:
    root = ET.fromstring(files["sinotime.atom"])
    bridge = next(
        entry
        for entry in root.findall(f"{ATOM}entry")
        if entry.findtext(f"{ATOM}id") == "tag:sinotime,2026:event/rail-bridge-opening"
    )
    assert [link.attrib for link in bridge.findall(f"{ATOM}link")] == [
        {
            "href": "https://seanews.ru/en/2022/11/18/en-first-train-crosses-amur-to-china-by-new-bridge/",
            "rel": "alternate",
        },
        {"href": "http://www.chinadaily.com.cn/business/2017-02/16/content_28222545.htm", "rel": "via"},
        {"href": "http://www.xinhuanet.com/english/2019-06/18/c_138152672.htm", "rel": "via"},
    ]
    parsed = feedparser.parse(files["sinotime.atom"])
    entry = next(e for e in parsed.entries if e.id.endswith("/rail-bridge-opening"))
    assert [link.rel for link in entry.links] == ["alternate", "via", "via"]


def test_feedgen_still_drops_entry_link_relations_so_the_workaround_is_needed() -> None:
    """When this fails, feedgen has fixed its issue 135 and FixedFeedEntry can go."""
    generator = FeedGenerator()
    generator.id("tag:example.org,2026:f")
    generator.title("t")
    entry = generator.add_entry()
    entry.id("tag:example.org,2026:e")
    entry.title("e")
    entry.content("c")
    entry.link(href="https://example.org/via", rel="via")
    root = ET.fromstring(generator.atom_str())
    link = root.find(f"{ATOM}entry/{ATOM}link")
    assert link is not None
    assert "rel" not in link.attrib


def test_two_builds_are_byte_identical_and_every_date_comes_from_the_data(files: dict[str, bytes]) -> None:
    assert render_feeds(sample_timeline(), SITE) == files
    data = sample_data()
    record_days = {event.added for event in data.events} | {event.changed for event in data.events}
    assert TODAY not in record_days  # so a date from the clock would show
    for name, document in files.items():
        root = ET.fromstring(document)
        stamps = [
            element.text or ""
            for element in root.iter()
            if element.tag in ("lastBuildDate", "pubDate", f"{ATOM}updated", f"{ATOM}published")
        ]
        assert stamps, name
        days = {
            date(*time.strptime(stamp, "%a, %d %b %Y %H:%M:%S %z")[:3])
            if name.endswith(".rss")
            else date.fromisoformat(stamp[:10])
            for stamp in stamps
        }
        assert days <= record_days, name
        assert b"feedgen" not in document  # no generator version that changes with the library


def test_the_order_of_events_in_the_file_does_not_change_the_feeds(files: dict[str, bytes]) -> None:
    data = sample_data()
    shuffled = data.model_copy(update={"events": tuple(reversed(data.events))})
    assert render_feeds(sample_timeline(shuffled), SITE) == files


def test_a_change_to_a_record_moves_its_entry_to_the_top_and_dates_the_feed() -> None:
    data = sample_data()
    events = tuple(
        event.model_copy(update={"changed": date(2026, 11, 22)}) if event.id == "expo-2019" else event
        for event in data.events
    )
    changed = data.model_copy(update={"events": events})
    parsed = feedparser.parse(render_feeds(sample_timeline(changed), SITE)["sinotime.rss"])
    assert parsed.entries[0].id == "tag:sinotime,2026:event/expo-2019"
    assert day_of(parsed.feed.updated_parsed) == date(2026, 11, 22)
    assert calendar.day_abbr[date(2026, 11, 22).weekday()] == "Sun"
    assert parsed.entries[0].published == "Sun, 22 Nov 2026 00:00:00 +0000"


def test_ids_never_change_with_the_address_the_feeds_are_served_from(files: dict[str, bytes]) -> None:
    elsewhere = render_feeds(sample_timeline(), Site("https://mirror.example.net/feeds/"))
    for name in files:
        ids = [entry.id for entry in feedparser.parse(files[name]).entries]
        assert ids == [entry.id for entry in feedparser.parse(elsewhere[name]).entries]
        assert feedparser.parse(elsewhere[name]).feed.link == "https://mirror.example.net/feeds/"


@pytest.mark.parametrize("name", FILES)
def test_golden_files(files: dict[str, bytes], name: str, update_golden: bool) -> None:
    """The feeds, byte for byte; `pytest --update-golden` rewrites them on purpose."""
    golden = GOLDEN / name
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(files[name])
    assert golden.read_bytes() == files[name], f"{name} differs from {golden}; see pytest --update-golden"


def test_no_golden_file_is_left_over() -> None:
    assert sorted(path.name for path in GOLDEN.iterdir()) == sorted(FILES)


def test_without_a_public_address_no_feed_is_written_and_build_says_why(tmp_path: Path) -> None:
    data = load_events(DATA / "rail-bridge.yaml", today=TODAY)
    assert data.calendar.base_url is None
    assert render_feeds(sample_timeline(data), Site(None)) == {}
    result = CliRunner().invoke(
        main, ["build", str(DATA / "rail-bridge.yaml"), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "note: no feeds written: a feed needs the public address it is served from "
        "(give --base-url or calendar.base_url)\n"
    )
    assert not list((tmp_path / "out").glob("*.rss"))


def test_build_writes_the_feeds_at_the_address_given_on_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    arguments = [
        "build",
        str(DATA / "rail-bridge.yaml"),
        "--out",
        str(out),
        "--base-url",
        "https://example.net/st",
    ]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    names = sorted(path.name for path in out.iterdir())
    assert {"sinotime.rss", "sinotime.atom", "kind-infrastructure.rss", "kind-infrastructure.atom"} <= set(
        names
    )
    parsed = feedparser.parse((out / "sinotime.atom").read_bytes())
    assert [link.href for link in parsed.feed.links] == [
        "https://example.net/st/sinotime.atom",
        "https://example.net/st/",
    ]
    check = CliRunner().invoke(main, [*arguments, "--check"])
    assert check.exit_code == 0, check.output


def test_a_build_without_an_address_over_published_feeds_removes_nothing_and_exits_2(tmp_path: Path) -> None:
    out = tmp_path / "out"
    published = ["build", str(DATA / "rail-bridge.yaml"), "--out", str(out)]
    assert CliRunner().invoke(main, [*published, "--base-url", "https://example.net/st"]).exit_code == 0
    before = {path.name: path.read_bytes() for path in out.iterdir()}

    for extra in ([], ["--check"]):
        result = CliRunner().invoke(main, [*published, *extra])
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith(f"{out} holds 4 published feeds (")
        assert "give --base-url URL or set calendar.base_url" in result.stderr
        assert "Traceback" not in result.output
        assert {path.name: path.read_bytes() for path in out.iterdir()} == before


def test_build_writes_the_sample_feeds_exactly(tmp_path: Path, files: dict[str, bytes]) -> None:
    result = build(SAMPLE, tmp_path, today=TODAY)
    for name, document in files.items():
        assert (tmp_path / name).read_bytes() == document
    assert set(files) <= set(result.files)


def test_the_readme_lists_each_feed_and_what_it_holds() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Following the feeds", 1)[1].split("\n## ", 1)[0]
    assert "| `sinotime.rss`, `sinotime.atom` | every event |" in section
    assert "| `kind-KIND.rss`, `kind-KIND.atom` | the events of one kind" in section
    for title, _ in EXPECTED.values():
        status = title.split(":")[0].split(" (")[0]
        assert f"`{status}" in section, status
