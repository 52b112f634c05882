"""The bundled events.yaml validates and tells each series' story with plans and outcomes."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from conftest import Golden
from sinotime.loading import load_events
from sinotime.models import EventsFile
from sinotime.timeline import Flag, build_timeline
from sinotime.words import status_words

ROOT = Path(__file__).parent.parent
AS_OF = date(2026, 11, 27)


@pytest.fixture(scope="module")
def data() -> EventsFile:
    return load_events(ROOT / "events.yaml", today=AS_OF)


def test_every_event_cites_a_source_that_exists(data: EventsFile) -> None:
    sources = {source.id for source in data.sources}
    for event in data.events:
        assert event.cites, event.id
        assert set(event.source_ids()) <= sources, event.id


def test_the_file_names_its_schema_on_its_first_line() -> None:
    first = (ROOT / "events.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./events.schema.json"


def test_the_five_seed_articles_are_sources() -> None:
    seeds = sorted(p.name for p in (ROOT.parent / "shared" / "seeds").glob("*.txt"))
    if not seeds:
        if os.environ.get("CI"):
            pytest.fail("../shared/seeds must be beside the checkout under CI")
        pytest.skip("../shared/seeds is not beside this checkout")
    data = load_events(ROOT / "events.yaml", today=AS_OF)
    assert sorted(source.seed for source in data.sources if source.seed) == seeds


@pytest.mark.parametrize(
    "series",
    [
        "tongjiang-rail-bridge",
        "blagoveshchensk-heihe-highway-bridge",
        "heihe-blagoveshchensk-cableway",
        "china-russia-expo",
        "china-russia-culture-fair",
    ],
)
def test_each_series_is_present_with_plans_and_outcomes(data: EventsFile, series: str) -> None:
    events = [event for event in data.events if event.series == series]
    assert len(events) >= 3
    assert any(event.plans for event in events), "no plan in the series"
    assert any(event.outcome for event in events), "no outcome in the series"


def test_the_stories_the_reference_tells(data: EventsFile) -> None:
    """Bridges opened years late (the highway bridge to freight only), the cableway is past due
    with no news since 2 March 2026, the trade target was met early."""
    by_id = {entry.event.id: entry for entry in build_timeline(data, as_of=AS_OF)}
    bridges = [e for e in by_id.values() if e.event.series and "bridge" in e.event.series and e.slip]
    assert {e.flag for e in bridges} == {Flag.COMPLETED_LATE, Flag.COMPLETED_PARTLY}
    assert by_id["highway-bridge-opening"].flag is Flag.COMPLETED_PARTLY  # freight first
    assert any(e.slip and e.slip.years >= 3 for e in bridges), "the rail bridge opened years late"
    opening = by_id["cableway-opening"]
    assert opening.flag is Flag.UNVERIFIED
    assert status_words(opening) == "Past due, no news since 2 March 2026"
    targets = [e for e in by_id.values() if e.event.kind == "target"]
    assert targets
    assert all(e.flag is Flag.COMPLETED for e in targets)


def test_as_of_27_november_2026_no_plan_is_called_overdue_on_no_news(data: EventsFile) -> None:
    """Overdue only where a source dated after the last day says it had not happened; the
    2023 'near future' delegations are no longer upcoming; every flag is one of the ten."""
    timeline = build_timeline(data, as_of=AS_OF)
    for entry in timeline:
        assert entry.flag in set(Flag)
        target = entry.event.plans[-1].target if entry.event.plans else None
        if entry.flag is Flag.OVERDUE:
            assert target is not None and target.latest is not None
            assert any(news.date.earliest > target.latest for news in entry.event.news), entry.event.id
    by_id = {entry.event.id: entry for entry in timeline}
    for delegation in ("yichun-delegation-far-east-2023", "heilongjiang-commerce-delegation-far-east-2023"):
        assert by_id[delegation].flag is not Flag.UPCOMING, delegation
    visit = by_id["expo-2014-russian-vice-premier-visit"]
    assert visit.flag is Flag.COMPLETED_PARTLY  # Rogozin at the opening; the 100 firms unverified


def test_builds_as_of_consecutive_days_give_the_same_calendars_and_feeds(tmp_path: Path) -> None:
    """Nothing in an event names the as-of day: only the page says which day it is."""
    from click.testing import CliRunner

    from sinotime.cli import main

    outputs = []
    for day in ("2026-11-27", "2026-11-28"):
        out = tmp_path / day
        result = CliRunner().invoke(
            main, ["build", str(ROOT / "events.yaml"), "--out", str(out), "--as-of", day]
        )
        assert result.exit_code == 0, result.output
        outputs.append(
            {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".ics", ".rss", ".atom")}
        )
    first, second = outputs
    assert len(first) > 20
    assert first == second


def test_the_committed_feeds_folder_is_built_from_the_bundled_data() -> None:
    """`sinotime build --check` names stale files; a stale feeds/ fails here before it ships.

    The committed feeds/ are built as of the data's newest change (a published copy is rebuilt
    daily as of today, README "Publishing every day"), so this check passes on any day."""
    from click.testing import CliRunner

    from sinotime.cli import main

    as_of = load_events(ROOT / "events.yaml", today=date(2999, 1, 1)).last_changed().isoformat()
    result = CliRunner().invoke(
        main, ["build", str(ROOT / "events.yaml"), "--out", str(ROOT / "feeds"), "--check", "--as-of", as_of]
    )
    assert result.exit_code == 0, result.output + f"\nrun `sinotime build --as-of {as_of}` and commit feeds/"


def test_the_page_of_the_bundled_data_is_under_300_kb() -> None:
    """200 KB until each kind and series had an RSS, an Atom and a JSON feed of changes (issue 16:
    about 10 KB of links and <link rel="alternate"> tags); 215 KB until every chart label named
    its event (issue 18: its title, in one or two lines) and the first screen named what is past
    due, due next and changed last; 240 KB until it carried every event as schema.org Event data
    (JSON-LD, about 40 KB); 280 KB until every event listed every source it cites in full, as the
    report and the calendars do, where it left out those its story linked (about 18 KB)."""
    page = ROOT / "feeds" / "index.html"
    assert page.stat().st_size < 300_000


def test_the_report_of_the_bundled_data_tells_the_stories(golden: Golden) -> None:
    """Bridges late with their slips, the cableway overdue, the trade target met early."""
    from click.testing import CliRunner

    from sinotime.cli import main

    result = CliRunner().invoke(main, ["report", str(ROOT / "events.yaml"), "--as-of", "2026-11-27"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert text.index("SUMMARY") < text.index("EVENTS")
    assert "Tongjiang–Nizhneleninskoye railway bridge opens to traffic (first freight train)" in text
    assert "Completed late, +3 y 11 m against the first target (2018)" in text
    assert "Completed in part, +2 y 5 m against the first target (2019)" in text  # the highway bridge
    assert "why: In part: Opened to freight only" in text
    assert "Heihe–Blagoveshchensk cableway opens to passengers" in text
    assert "past due, no news since 2 March 2026, for 3 m" in text
    assert "overdue: none" in text
    assert "Completed, ahead of target" in text  # the 200 bn trade target
    golden("report/bundled-2026-11-27.txt", result.stdout)
