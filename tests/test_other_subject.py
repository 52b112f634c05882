"""A timeline on another subject (tests/data/city-works.yaml: a city's building programme,
written from `sinotime init` and the docs) shows its own kinds and its own namespace in every
output, and shares no UID with the bundled data."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from page_support import parse_html, text_of
from sinotime.build import build
from sinotime.cli import main
from sinotime.loading import load_events

ROOT = Path(__file__).parent.parent
CITY = ROOT / "tests" / "data" / "city-works.yaml"
AS_OF = date(2026, 11, 27)
NAMESPACE = "works.example.net-harbour-city"  # made from its base_url: the file names none
HEADINGS = {"tram": "Tram works", "housing": "Housing projects", "roads": "Roads and bridges"}
HEADINGS["public-building"] = "Public buildings"
LABELS = {"tram": "Tram works", "housing": "Housing project", "roads": "Road works"}
LABELS["public-building"] = "Public building"
BUNDLED_HEADINGS = ["Expos and trade fairs", "Bridges and infrastructure", "Cooperation programmes"]


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("city") / "feeds"
    build(CITY, out, today=AS_OF, as_of=AS_OF)
    return {
        str(p.relative_to(out)): p.read_text("utf-8") for p in out.rglob("*") if p.is_file()
    }  # \r\n read as \n


def uids(files: dict[str, str]) -> set[str]:
    return {
        uid
        for name, text in files.items()
        if name.endswith(".ics")
        for uid in re.findall(r"^UID:(.+)$", text, re.M)
    }


def test_its_files_are_named_by_its_stem_and_its_own_kinds(city: dict[str, str]) -> None:
    names = set(city)
    assert {"city-works.ics", "city-works.atom", "city-works.rss", "city-works.json", "index.html"} <= names
    for kind in HEADINGS:
        assert {f"kind-{kind}.{ext}" for ext in ("ics", "atom", "rss", "json")} <= names
    assert {name.split(".")[0] for name in names if name.startswith("kind-")} == {
        f"kind-{k}" for k in HEADINGS
    }
    assert not any(name.startswith("sinotime") for name in names)


def test_its_calendars_are_named_and_filed_under_its_kinds_and_its_namespace(city: dict[str, str]) -> None:
    for kind, heading in HEADINGS.items():
        assert f"X-WR-CALNAME:Harbour City works: {heading}\n" in city[f"kind-{kind}.ics"]
    everything = city["city-works.ics"]
    assert "CATEGORIES:Tram works,Tram line 4\n" in everything
    assert "CATEGORIES:Roads and bridges\n" in everything
    assert uids(city) and all(uid.endswith(f"@{NAMESPACE}") for uid in uids(city))


def test_it_shares_no_uid_with_the_bundled_data_though_both_may_use_an_id(city: dict[str, str]) -> None:
    bundled = {
        str(p.relative_to(ROOT / "feeds")): p.read_text("utf-8") for p in (ROOT / "feeds").rglob("*.ics")
    }
    assert uids(bundled) and not uids(city) & uids(bundled)
    assert f"opening@{NAMESPACE}" in uids(city)  # an event id another publisher may well have


def test_its_feeds_carry_its_kinds_and_its_namespace(city: dict[str, str]) -> None:
    for kind, heading in HEADINGS.items():
        atom = city[f"kind-{kind}.atom"]
        assert f"<title>Harbour City works: {heading}</title>" in atom
        assert f'<category term="{kind}" label="{heading}"/>' in atom
        assert f"</strong> — {LABELS[kind]}" in html.unescape(city[f"kind-{kind}.rss"])  # under each title
    ids = re.findall(r"<id>([^<]+)</id>", city["city-works.atom"])
    assert ids and all(i.startswith(f"tag:{NAMESPACE},2026:") for i in ids)
    feed = json.loads(city["kind-roads.json"])
    assert feed["title"] == "Harbour City works: Roads and bridges"
    assert all("roads" in item["tags"] for item in feed["items"])


def test_its_page_offers_lists_and_marks_its_kinds(city: dict[str, str]) -> None:
    page = parse_html(city["index.html"].encode())
    (select,) = [s for s in page.iter("select") if s.get("id") == "filter-kind"]
    options = [(o.get("value"), text_of(o)) for o in select.iter("option") if o.get("value")]
    assert options == list(HEADINGS.items())  # in the order the file declares them
    rows = [
        text_of(t) for t in page.iter("{http://www.w3.org/2000/svg}text") if t.get("class") == "row-label"
    ]
    assert rows == ["Tram line 4", "Housing projects", "Roads and bridges", "Public buildings"]
    items = {li.get("id"): li for li in page.iter("li") if (li.get("id") or "").startswith("event-")}
    (meta,) = [p for p in items["event-swing-bridge-repaired"].iter("p") if p.get("class") == "meta"]
    assert text_of(meta).startswith("Road works · ")
    (style,) = [s.text or "" for s in page.iter("style")]
    assert '.events > li[data-kind="tram"] { border-left-color: #0b6e4f; }' in style
    assert 'li[data-kind="roads"]' not in style  # declared without a colour
    for heading in BUNDLED_HEADINGS:
        assert heading not in city["index.html"]


def test_its_report_counts_and_filters_by_its_kinds() -> None:
    def report(*args: str) -> str:
        result = CliRunner().invoke(main, ["report", str(CITY), "--as-of", "2026-11-27", *args])
        assert result.exit_code == 0, result.output
        return result.stdout

    text = report()
    assert "kinds: 2 tram, 2 housing, 3 roads, 3 public-building\n" in text
    assert "\n  Completed, on target · Tram works · Station Square, Harbour City\n" in text
    assert "| Road works |" in report("--format", "markdown")
    summary = json.loads(report("--format", "json"))["summary"]["kinds"]
    assert summary == {"tram": 2, "housing": 2, "roads": 3, "public-building": 3}
    roads = json.loads(report("--kind", "roads", "--format", "json"))["events"]
    assert [event["id"] for event in roads] == [
        "swing-bridge-repaired",  # spring 2025
        "harbour-car-park",  # 2026, cancelled
        "ring-road-resurfaced",  # 2028
    ]


def test_it_loads_with_its_declared_kinds_only() -> None:
    data = load_events(CITY, today=AS_OF)
    assert [(k.id, k.label, k.heading) for k in data.kinds] == [(k, LABELS[k], HEADINGS[k]) for k in HEADINGS]


def test_a_kind_named_as_its_series_is_filed_under_that_name_once(tmp_path: Path) -> None:
    events = tmp_path / "events.yaml"
    events.write_text(
        CITY.read_text("utf-8").replace("heading: Tram works,", "heading: Tram line 4,"), "utf-8"
    )
    build(events, tmp_path / "feeds", today=AS_OF, as_of=AS_OF)
    calendar = (tmp_path / "feeds" / "city-works.ics").read_text("utf-8")
    assert "CATEGORIES:Tram line 4\n" in calendar
    assert "Tram line 4,Tram line 4" not in calendar
