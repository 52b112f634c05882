"""What a feed reader shows: one entry per change, dated by its source, in bounded documents.

The feeds are read back with feedparser, ElementTree and a JSON Feed 1.1 schema, never with the
code that wrote them.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import feedparser
import jsonschema
import pytest
from click.testing import CliRunner

from sinotime.cli import main
from sinotime.feeds import iter_feeds
from sinotime.ledger import build_ledger
from sinotime.loading import load_events, parse_events
from sinotime.models import EventsFile, Plan
from sinotime.paging import PAGE_SIZE, paged
from sinotime.site import Site
from sinotime.timeline import Timeline, build_timeline

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

from generate import make_timeline, sinotime_yaml

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "feeds-sample.yaml"
TODAY = date(2026, 11, 23)
BASE = "https://example.org/sinotime/"
SITE = Site(BASE)
ATOM = "{http://www.w3.org/2005/Atom}"
JSON_FEED_SCHEMA = json.loads((DATA / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))


def feed_files(timeline: Timeline, site: Site) -> dict[str, bytes]:
    """Every feed document, by file name."""
    return dict(iter_feeds(timeline, site))


def sample() -> EventsFile:
    return load_events(SAMPLE, today=TODAY)


def render(data: EventsFile) -> dict[str, bytes]:
    return feed_files(build_timeline(data, as_of=data.last_changed()), SITE)


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return render(sample())


def entries(document: bytes) -> dict[str, str]:
    """Each entry's id with its date, as a feed reader sees them."""
    parsed = feedparser.parse(document)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return {entry.id: entry.published for entry in parsed.entries}  # Atom's updated is the same moment


def test_a_feed_of_everything_one_per_kind_and_one_per_series_in_three_formats(
    files: dict[str, bytes],
) -> None:
    stems = {name.rsplit(".", 1)[0] for name in files}
    assert stems == {
        "sinotime",
        "kind-infrastructure",
        "kind-expo",
        "kind-cultural-fair",
        "kind-forum",
        "kind-programme",
        "kind-business",
        "series-tongjiang-rail-bridge",
        "series-china-russia-expo",
    }
    assert {name.rsplit(".", 1)[1] for name in files} == {"rss", "atom", "json"}
    assert len(files) == 3 * len(stems)


def test_the_rail_bridge_series_feed_tells_its_story_newest_first_in_the_shared_words(
    files: dict[str, bytes],
) -> None:
    feed = feedparser.parse(files["series-tongjiang-rail-bridge.atom"])
    assert [(e.title, e.updated[:10], e.link) for e in feed.entries] == [
        (
            "Completed late, +3 y 11 m against the first target (2018): Tongjiang–Nizhneleninskoye "
            "railway bridge opens to traffic, "
            "16 November 2022 (SeaNews)",
            "2022-11-18",
            "https://seanews.ru/en/2022/11/18/en-first-train-crosses-amur-to-china-by-new-bridge/",
        ),
        (
            "Deadline passed, nothing heard: Tongjiang–Nizhneleninskoye railway bridge opens to traffic, "
            "due between 18 June 2019 and 31 December 2019",
            "2020-01-01",
            f"{BASE}index.html#event-rail-bridge-opening",  # no source: the event on the page
        ),
        (
            "Target moved: Tongjiang–Nizhneleninskoye railway bridge opens to traffic, 2018 → between "
            "18 June 2019 and 31 December 2019, +1 y so far (Xinhua)",
            "2019-06-18",
            "http://www.xinhuanet.com/english/2019-06/18/c_138152672.htm",
        ),
        (
            "Deadline passed, nothing heard: Tongjiang–Nizhneleninskoye railway bridge opens to traffic, "
            "due 2018",
            "2019-01-01",
            f"{BASE}index.html#event-rail-bridge-opening",
        ),
        (
            "Target announced: Tongjiang–Nizhneleninskoye railway bridge opens to traffic, 2018 "
            "(China Daily)",
            "2017-02-16",
            "http://www.chinadaily.com.cn/business/2017-02/16/content_28222545.htm",
        ),
    ]


def test_an_entry_tells_the_story_up_to_its_change_with_links_to_the_source_and_the_page(
    files: dict[str, bytes],
) -> None:
    feed = feedparser.parse(files["sinotime.atom"])
    (moved,) = [e for e in feed.entries if e.title.startswith("Target moved: Tongjiang")]
    html = moved.content[0].value
    assert "in operation in 2018" in html and "completion later this year" in html
    assert "16 November 2022" not in html  # the outcome came later: not in this entry's story
    assert 'href="http://www.xinhuanet.com/english/2019-06/18/c_138152672.htm"' in html
    assert f'href="{BASE}index.html#event-rail-bridge-opening"' in html
    assert html.index("in operation in 2018") < html.index("completion later this year")


def test_adding_one_target_adds_exactly_one_entry_where_the_event_is_and_keeps_every_other(
    files: dict[str, bytes],
) -> None:
    data = sample()
    events = list(data.events)
    number = next(n for n, e in enumerate(events) if e.id == "expo-2027")
    slipped = Plan.model_validate(
        {"target": "2028-06", "wording": "June 2028", "announced": "2024-05-10", "source": "tass-2024-05-10"}
    )
    events[number] = events[number].model_copy(update={"plans": (*events[number].plans, slipped)})
    after = render(data.model_copy(update={"events": tuple(events)}))
    covering = {"sinotime", "kind-expo", "series-china-russia-expo"}
    assert set(after) == set(files)
    for name in sorted(files):
        if name.endswith(".json"):
            continue
        old, new = entries(files[name]), entries(after[name])
        added = set(new) - set(old)
        assert len(added) == (1 if name.rsplit(".", 1)[0] in covering else 0), name
        assert {key: new[key] for key in old} == old, name  # every other entry keeps its id and date


def test_two_builds_give_the_same_bytes(tmp_path: Path) -> None:
    runner = CliRunner()
    for out in ("one", "two"):
        args = [
            "build",
            str(SAMPLE),
            "--out",
            str(tmp_path / out),
            "--base-url",
            BASE,
            "--as-of",
            "2026-11-23",
        ]
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
    one = {
        p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*") if p.is_file()
    }
    two = {
        p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*") if p.is_file()
    }
    assert one == two


def test_no_two_entries_of_the_bundled_data_share_a_moment() -> None:
    """The validator's DuplicateUpdated: several changes on one day get distinct times."""
    data = load_events(Path(__file__).parent.parent / "events.yaml", today=date(2999, 1, 1))
    ledger = build_ledger(data, as_of=data.last_changed())
    moments = [change.moment for change in ledger]
    assert len(set(moments)) == len(moments)
    assert all(moment.hour == 12 for moment in moments)  # the same day from UTC-12 to UTC+11
    assert len({change.id for change in ledger}) == len(ledger)


def test_every_json_feed_is_a_valid_json_feed_1_1(files: dict[str, bytes]) -> None:
    for name, document in files.items():
        if name.endswith(".json"):
            feed = json.loads(document)
            jsonschema.validate(feed, JSON_FEED_SCHEMA)
            assert feed["feed_url"] == BASE + name
            atom = [e.id for e in feedparser.parse(files[name.replace(".json", ".atom")]).entries]
            assert [item["id"] for item in feed["items"]] == atom, name


def test_the_json_feed_schema_refuses_what_json_feed_1_1_forbids() -> None:
    good: dict[str, Any] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "t",
        "items": [{"id": "1", "content_text": "x"}],
    }
    jsonschema.validate(good, JSON_FEED_SCHEMA)
    for broken in (
        {**good, "version": "1.1"},
        {**good, "items": [{"url": "x"}]},
        {"title": "t", "items": []},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, JSON_FEED_SCHEMA)


# --- bounded feeds: RFC 5005 ---


def test_pages_are_full_archives_from_the_first_change_and_the_newest_in_the_subscription() -> None:
    changes = list(range(400_000))  # the changes of about 100,000 events (four each)
    pages = paged(changes)
    assert len(pages.current) == PAGE_SIZE and pages.current[-1] == changes[-1]
    assert all(len(page) == PAGE_SIZE for page in pages.archives)
    assert [item for page in pages.archives for item in page] == changes  # back to the first change
    grown = paged([*changes, 400_000])
    assert grown.archives == pages.archives  # a new change never touches a full archive
    assert paged(changes[:49]).archives == () and paged([]).current == ()


def follow_archives(files: dict[str, bytes], name: str) -> list[str]:
    """Every entry id, oldest first, following prev-archive from the subscription document."""
    documents: list[list[str]] = []
    while name:
        root = ET.fromstring(files[name])
        documents.insert(0, [e.findtext(f"{ATOM}id") or "" for e in reversed(root.findall(f"{ATOM}entry"))])
        link = [x.get("href", "") for x in root.findall(f"{ATOM}link") if x.get("rel") == "prev-archive"]
        name = link[0].removeprefix(BASE) if link else ""
    return list(dict.fromkeys(entry for document in documents for entry in document))


@pytest.fixture(scope="module")
def synthetic() -> tuple[EventsFile, dict[str, bytes]]:
    """400 synthetic events (the benchmark's): over 1,000 changes, many archive pages of every feed."""
    data = parse_events(sinotime_yaml(make_timeline(400)).encode(), "synthetic.yaml", today=TODAY)
    return data, render(data)


def test_archives_chain_back_to_the_first_change_and_documents_stay_small(
    synthetic: tuple[EventsFile, dict[str, bytes]],
) -> None:
    """A document holds at most 50 changes and an entry's story at most 20 steps, so its size does
    not grow with the timeline: what holds at 400 events holds at 100,000."""
    data, files = synthetic
    ledger = build_ledger(data, as_of=data.last_changed())
    assert len(ledger) > 20 * PAGE_SIZE
    assert follow_archives(files, "sinotime.atom") == [ledger.tag(change.id) for change in ledger]
    assert max(len(document) for document in files.values()) < 1_000_000
    archive = ET.fromstring(files["sinotime.archive-1.atom"])
    assert archive.find("{http://purl.org/syndication/history/1.0}archive") is not None
    rels = {x.get("rel"): x.get("href") for x in archive.findall(f"{ATOM}link")}
    assert rels["current"] == BASE + "sinotime.atom"
    assert rels["next-archive"] == BASE + "sinotime.archive-2.atom"
    json_feed = json.loads(files["sinotime.archive-2.json"])
    assert json_feed["expired"] is True and json_feed["next_url"] == BASE + "sinotime.archive-1.json"


def test_without_a_public_address_no_feed_is_written_and_build_says_why(tmp_path: Path) -> None:
    unaddressed = tmp_path / "events.yaml"
    unaddressed.write_text(
        SAMPLE.read_text(encoding="utf-8").replace("base_url:", "# base_url:"), encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["build", str(unaddressed), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "no feeds written" in result.stderr
    assert not [p for p in (tmp_path / "out").iterdir() if p.suffix in (".rss", ".atom", ".json")]


def test_build_writes_the_feeds_at_the_address_given_on_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    named = tmp_path / "events.yaml"  # with its namespace: nothing to say on stderr
    text = (DATA / "rail-bridge.yaml").read_text(encoding="utf-8")
    named.write_text(
        text.replace("calendar:\n", "calendar:\n  namespace: sinotime-test\n", 1), encoding="utf-8"
    )
    arguments = [
        "build",
        str(named),
        "--out",
        str(out),
        "--base-url",
        "https://example.net/st",
    ]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    names = {path.name for path in out.iterdir()}
    assert {"sinotime.rss", "sinotime.atom", "sinotime.json", "kind-infrastructure.atom"} <= names
    parsed = feedparser.parse((out / "sinotime.atom").read_bytes())
    assert [link.href for link in parsed.feed.links] == [
        "https://example.net/st/sinotime.atom",
        "https://example.net/st/",
    ]
    assert (
        json.loads((out / "sinotime.json").read_bytes())["feed_url"] == "https://example.net/st/sinotime.json"
    )
    check = CliRunner().invoke(main, [*arguments, "--check"])
    assert check.exit_code == 0, check.output


def test_a_build_without_an_address_over_published_feeds_removes_nothing_and_exits_2(tmp_path: Path) -> None:
    out = tmp_path / "out"
    published = ["build", str(DATA / "rail-bridge.yaml"), "--out", str(out)]
    assert CliRunner().invoke(main, [*published, "--base-url", "https://example.net/st"]).exit_code == 0
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    count = sum(1 for name in before if name.rsplit(".", 1)[-1] in ("rss", "atom", "json"))
    for extra in ([], ["--check"]):
        result = CliRunner().invoke(main, [*published, *extra])
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith(f"{out} holds {count} published feeds (")
        assert "give --base-url URL or set calendar.base_url" in result.stderr
        assert "Traceback" not in result.output
        assert {path.name: path.read_bytes() for path in out.iterdir()} == before


def test_ids_and_dates_never_change_with_the_address_or_the_order_of_events_in_the_file(
    files: dict[str, bytes],
) -> None:
    data = sample()
    elsewhere = feed_files(build_timeline(data, as_of=data.last_changed()), Site("https://other.example/x/"))
    shuffled = data.model_copy(update={"events": tuple(reversed(data.events))})
    for name in files:
        if not name.endswith(".json"):
            assert entries(elsewhere[name]) == entries(files[name]), name
    assert render(shuffled) == files
