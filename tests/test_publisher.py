"""A publisher's own identity: its namespace in every UID and feed id, its file names, its zone."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from sinotime.build import build
from sinotime.cli import main
from sinotime.fields import namespace_from
from sinotime.loading import load_events
from sinotime.models import CalendarInfo

ROOT = Path(__file__).parent.parent
TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("base_url", "name", "expected"),
    [
        ("https://example.org/library/", "x", "example.org-library"),
        ("https://sinotime.example.org/", "x", "sinotime.example.org"),
        ("https://News.Example.COM:8443/plans/2026/", "x", "news.example.com-plans-2026"),
        ("https://xn--bcher-kva.example/", "x", "xn--bcher-kva.example"),
        (None, "Riverside public library", "riverside-public-library"),
        (None, "長い", "timeline"),
    ],
)
def test_the_namespace_is_made_from_the_address_else_the_name(
    base_url: str | None, name: str, expected: str
) -> None:
    assert namespace_from(base_url, name) == expected
    info = CalendarInfo.model_validate({"name": name, "description": "d", "base_url": base_url})
    assert info.ids_namespace == expected


def test_a_namespace_that_is_not_a_dns_like_name_is_refused_clearly(tmp_path: Path) -> None:
    text = (ROOT / "tests" / "data" / "rail-bridge.yaml").read_text(encoding="utf-8")
    path = tmp_path / "events.yaml"
    path.write_text(
        text.replace("  timezone: Asia/Harbin\n", "  timezone: Asia/Harbin\n  namespace: My Site!\n"), "utf-8"
    )
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert re.search(r":6:14: calendar\.namespace: ", result.stderr), result.stderr


def built(tmp_path: Path, events: Path) -> dict[str, str]:
    out = tmp_path / events.parent.name
    build(events, out, today=TODAY, as_of=TODAY)
    return {str(p.relative_to(out)): p.read_text("utf-8") for p in out.rglob("*") if p.is_file()}


def test_a_timeline_of_another_publisher_has_its_own_names_and_shares_no_uid_with_the_bundled_data(
    tmp_path: Path,
) -> None:
    assert CliRunner().invoke(main, ["init", str(tmp_path / "library")]).exit_code == 0
    library = built(tmp_path, tmp_path / "library" / "events.yaml")
    bundled = built(tmp_path, ROOT / "events.yaml")

    assert {"library.ics", "library.atom", "library.rss", "library.json"} <= set(library)
    assert not any(name.startswith("sinotime.") for name in library)
    assert 'href="https://example.org/library/library.atom"' in library["index.html"]
    assert "Subscribe to everything" in library["index.html"]
    uids = set(re.findall(r"^UID:(.+)$", library["library.ics"], re.MULTILINE))
    assert uids and all(uid.endswith("@example.org-library") for uid in uids)
    assert re.findall(r"<id>(tag:[^<]+)</id>", library["library.atom"])
    assert all(
        i.startswith("tag:example.org-library,2026:")
        for i in re.findall(r"<id>([^<]+)</id>", library["library.atom"])
    )

    bundled_uids = set(re.findall(r"^UID:(.+)$", bundled["sinotime.ics"], re.MULTILINE))
    assert bundled_uids and all(
        uid.endswith("@sinotime") for uid in bundled_uids
    )  # subscribers depend on them
    assert not uids & bundled_uids


def test_timed_events_default_to_utc_not_to_any_region() -> None:
    data = load_events(ROOT / "src" / "sinotime" / "starter_files" / "events.yaml", today=TODAY)
    assert data.calendar.timezone == "Europe/London"  # the starter says its own
    assert CalendarInfo.model_validate({"name": "n", "description": "d"}).timezone == "UTC"
