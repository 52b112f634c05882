"""Names in other languages: tagged, sourced, checked like any text, found by --search."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from sinotime.cli import main
from sinotime.errors import InputError
from sinotime.loading import load_events, parse_events
from sinotime.models import Place
from sinotime.names import other_names, search_key
from sinotime.report import Filters, make_report, render_json, select
from sinotime.timeline import Timeline, build_timeline

ROOT = Path(__file__).parent.parent
BUNDLED = ROOT / "events.yaml"
SCHEMA = json.loads((ROOT / "events.schema.json").read_text(encoding="utf-8"))
TODAY = date(2026, 11, 27)

TEMPLATE = """\
calendar: {{name: Test, description: Test calendar.}}
sources:
  - {{id: s1, publisher: P, title: T, published: "2019-06-18"}}
events:
  - id: e1
    title: An event in Harbin
    kind: gathering
    place:
      name: Harbin
      translations:
        {tag}: {{text: Харбин, source: s1}}
    cites: [{{source: s1}}]
    outcome: {{date: "2019-06-15", source: s1}}
    added: "2026-11-01"
    changed: "2026-11-20"
"""


@pytest.fixture(scope="module")
def bundled_timeline() -> Timeline:
    data = load_events(BUNDLED, today=TODAY)
    return build_timeline(data, as_of=TODAY)


def found(timeline: Timeline, text: str) -> set[str]:
    return {entry.event.id for entry in select(timeline, Filters(search=text))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Благовещенск", "cableway-first-pile-russian-side"),
        ("благовещенск", "culture-fair-2016-7th"),  # any case
        ("Хэйхэ", "cableway-opening"),
        ("Нижнеленинское", "rail-bridge-russian-section-start"),
        ("ярмарка культуры", "culture-fair-2025-15th"),
        ("ЭКСПО", "expo-2024-8th"),
        ("哈爾濱", "expo-2019-6th"),  # traditional
        ("哈尔滨", "expo-2019-6th"),  # simplified
        ("Хэйлунцзян", "jao-delegation-heilongjiang-2023-04"),
        ("博览会", "expo-2023-7th"),  # simplified, from the series
        ("中俄博覽會", "expo-2025-9th"),  # traditional, from the series
        ("中俄美術聯盟", "china-russia-fine-arts-alliance-2023"),
        ("黑河", "culture-fair-2010-1st"),  # the place, simplified
        ("布拉戈维申斯克", "cableway-first-pile-russian-side"),
    ],
)
def test_the_bundled_data_answers_searches_in_russian_and_chinese(
    bundled_timeline: Timeline, text: str, expected: str
) -> None:
    assert expected in found(bundled_timeline, text)


def test_every_name_in_the_bundled_data_names_the_source_that_gives_it(bundled_timeline: Timeline) -> None:
    sources = bundled_timeline.sources
    names = [name for entry in bundled_timeline for name in other_names(entry.event, entry.series)]
    assert {name.language for name in names} >= {"ru", "zh-Hans", "zh-Hant"}
    assert all(name.source in sources for name in names)


def test_search_compares_after_unicode_normalisation_and_case_folding(bundled_timeline: Timeline) -> None:
    assert search_key("ＥＸＰＯ") == search_key("expo")  # full-width, as a CJK keyboard types
    assert found(bundled_timeline, "ＥＸＰＯ") == found(bundled_timeline, "Expo")
    assert found(bundled_timeline, "БЛАГОВЕЩЕНСК") == found(bundled_timeline, "Благовещенск")


def test_the_cli_search_finds_an_event_by_its_russian_name() -> None:
    result = CliRunner().invoke(
        main, ["report", str(BUNDLED), "--as-of", "2026-11-27", "--format", "csv", "--search", "Благовещенск"]
    )
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in csv.DictReader(result.output.splitlines())}
    assert "Благовещенск (ru)" in rows["cableway-first-pile-russian-side"]["other_names"]


def test_json_carries_each_name_with_its_language_and_source(bundled_timeline: Timeline) -> None:
    report = make_report(bundled_timeline, Filters())
    events = {event["id"]: event for event in json.loads(render_json(report))["events"]}
    assert {
        "of": "title",
        "language": "ru",
        "text": "Первое российско-китайское ЭКСПО",
        "source": "oko-planet-2014-rogozin-expo-1st",
    } in events["expo-2014-1st"]["other_names"]


def test_a_language_tag_is_kept_in_its_conventional_case() -> None:
    place = Place.model_validate(
        {"name": "Tongjiang", "translations": {"ZH-hans": {"text": "同江", "source": "s1"}}}
    )
    assert list(place.translations) == ["zh-Hans"]


@pytest.mark.parametrize("tag", ["ru", "zh-Hans", "zh-Hant-TW", "sr-Latn", "es-419", "de-CH-1996"])
def test_a_good_tag_passes_the_validator_and_the_schema(tag: str) -> None:
    text = TEMPLATE.format(tag=tag)
    parse_events(text.encode(), "good.yaml", today=TODAY)
    data = yaml.safe_load(text)
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("tag", ["russian", "zh_Hant", "r", "zh-", "'zh Hans'", "'123'"])
def test_a_bad_tag_fails_the_validator_and_the_schema(tag: str) -> None:
    text = TEMPLATE.format(tag=tag)
    with pytest.raises(InputError) as raised:
        parse_events(text.encode(), "bad.yaml", today=TODAY)
    assert "bad.yaml:11:9: events[0] (e1).place.translations" in str(raised.value)
    assert "is not a BCP 47 language tag" in str(raised.value)
    data = yaml.safe_load(text)
    assert list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))
