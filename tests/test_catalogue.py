"""The catalogue: every file `build` writes is one the catalogue names, and the page, the CLI and
the renderers read the same list of what is published."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from click.testing import CliRunner

from page_support import BASE_URL, fixture_timeline, published_catalogue
from sinotime.build import render_files
from sinotime.catalogue import CALENDAR, FORMATS, PAGE_NAME, Reach, everything, of_kind, published
from sinotime.cli import main
from sinotime.feeds import FORMATS as FEED_EXTENSIONS
from sinotime.feeds import documents, feeds_of
from sinotime.ledger import build_ledger
from sinotime.loading import load_events
from sinotime.site import Site
from sinotime.timeline import build_timeline

ROOT = Path(__file__).parent.parent
SITE = Site(BASE_URL)


def test_every_file_a_build_writes_is_named_by_the_catalogue() -> None:
    """The page, a feed's archive pages (reached from the feed), and the catalogue's files: nothing else."""
    data = load_events(ROOT / "events.yaml", today=date(2999, 1, 1))
    timeline = build_timeline(data, as_of=data.last_changed())
    written = set(dict(render_files(timeline, SITE)))
    catalogue = published(timeline, written)
    ledger = build_ledger(timeline.data, as_of=timeline.as_of)
    archive_pages = {
        document.name(fmt)
        for feed in feeds_of(ledger)
        for document in documents(feed)
        if document.number is not None
        for fmt in FEED_EXTENSIONS
    }
    assert archive_pages, "the bundled feeds have archive pages"
    assert written - archive_pages - {PAGE_NAME} == set(catalogue.names)


def test_it_offers_everything_then_each_kind_then_each_series_each_in_every_format_written() -> None:
    catalogue = published_catalogue(fixture_timeline(), SITE)
    reaches = [offer.scope.reach for offer in catalogue.offers]
    assert reaches == sorted(reaches)
    assert catalogue.offers[0].scope == everything("sinotime")
    assert [fmt for fmt, _ in catalogue.offers[0].files] == list(FORMATS)
    kinds = [offer.scope for offer in catalogue.offers if offer.scope.reach is Reach.KIND]
    stems = {scope.stem for scope in kinds}
    assert kinds == sorted(kinds, key=lambda scope: scope.order)
    declared = fixture_timeline().data.kinds
    assert [scope.stem for scope in kinds] == [f"kind-{k.id}" for k in declared if f"kind-{k.id}" in stems]
    expo = of_kind(declared[0], 0)  # the file's first kind
    assert expo in kinds
    assert expo.file(CALENDAR) == "kind-expo.ics"
    assert expo.title("sinotime") == "sinotime: Expos and trade fairs"


def test_without_an_address_the_catalogue_holds_calendars_only_and_the_cli_says_why(tmp_path: Path) -> None:
    catalogue = published_catalogue(fixture_timeline(), Site(None))
    assert catalogue.offers and not catalogue.has_feeds
    events = tmp_path / "events.yaml"
    text = (ROOT / "tests" / "data" / "page-fixture.yaml").read_text(encoding="utf-8")
    events.write_text(text.replace("base_url:", "#base_url:"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(events), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "no feeds written" in result.stderr
