"""`sinotime schema` describes every field, and files that validate also pass the JSON Schema."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from schema_support import schema_errors
from sinotime.errors import InputError
from sinotime.loading import parse_events

ROOT = Path(__file__).parent.parent
DATA = ROOT / "tests" / "data"
SCHEMA = json.loads((ROOT / "events.schema.json").read_text(encoding="utf-8"))
TODAY = date(2026, 11, 27)
VALID = [ROOT / "events.yaml", *sorted(DATA.glob("*.yaml"))]
# Invalid files whose mistake a JSON Schema can say (a shape, a key, a choice); the others are
# mistakes only the validator can see (a day that does not exist, a citation of no source or of
# a kind the file does not declare, rules across records, YAML itself).
SHAPE_MISTAKES = {
    "unquoted-window",  # YAML reads [a..b] without quotes as a list
    "alias-bomb",  # its top-level keys are unknown; the validator stops at the bomb first
    "empty-file",
    "kinds",  # a bad colour (and, for the validator only, a duplicate id and an undeclared kind)
    "list-instead-of-mapping",
    "mapping-instead-of-list",
    "missing-title",
    "news-and-scope",
    "ten-mistakes",
    "translations",  # a bad language tag, a translation without a source, an empty name
    "unknown-key-typo",
}
# What only the validator can see, each file said once: every invalid file is in one of the sets.
VALIDATOR_MISTAKES = {
    "colon-in-a-plain-value",
    "comment-in-a-flow-mapping",  # YAML syntax errors: an editor cannot read these files either
    "key-indented-too-deep",
    "key-indented-too-little",
    "plan-key-indented-too-little",
    "list-item-indented-too-deep",
    "dash-without-a-space",
    "quote-closed-lines-later",
    "quote-never-closed",
    "text-after-a-quoted-value",
    "colon-after-a-value-quoted-across-lines",
    "apostrophe-in-single-quotes",
    "comment-after-a-closed-flow-mapping",
    "duplicate-event-id",
    "duplicate-key",
    "impossible-day",
    "language-tags",  # well-formed tags that no registry knows (`dk` is a country): a pattern cannot tell
    "news-dates",
    "not-utf8",
    "outcome-after-last-change",
    "outcome-in-the-future",
    "own-series",
    "plan-announced-after-outcome",
    "python-object-tag",
    "said-after-its-source",
    "span-ends-before-start",
    "target-over-before-announced",
    "tab-indentation",
    "unknown-kind",  # a schema sees a well-formed id; only the validator knows the file's kinds
    "unknown-source",
    "unknown-time-zone",
}


def validator_accepts(path: Path) -> bool:
    try:
        parse_events(path.read_bytes(), path.name, today=TODAY)
    except InputError:
        return False
    return True


def properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = [(f"top.{name}", value) for name, value in schema["properties"].items()]
    for model, definition in schema["$defs"].items():
        found += [(f"{model}.{name}", value) for name, value in definition.get("properties", {}).items()]
    return found


def test_every_field_is_described_for_editors() -> None:
    undescribed = [name for name, value in properties(SCHEMA) if "description" not in value]
    assert undescribed == []


def test_a_valid_file_passes_the_json_schema_too() -> None:
    data = yaml.safe_load((ROOT / "tests" / "data" / "rail-bridge.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)


def test_the_json_schema_refuses_a_misspelt_key_a_malformed_kind_and_a_bad_colour() -> None:
    data = yaml.safe_load((ROOT / "tests" / "data" / "rail-bridge.yaml").read_text(encoding="utf-8"))
    assert not list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))
    mistakes: list[Callable[[dict[str, Any]], object]] = [
        lambda d: d["events"][0].update(titel=d["events"][0].pop("title")),
        lambda d: d["events"][0].update(kind="Bridge works"),
        lambda d: d["kinds"][0].update(colour="red"),
        lambda d: d["kinds"][0].update(label=None),
        lambda d: d.update(kinds=[]),
        lambda d: d["events"][0]["plans"][0].update(target="2025-13-01"),  # no month 13
        lambda d: d["events"][0]["plans"][0].update(target="2025-25"),  # seasons are 21-24
        lambda d: d["events"][0]["plans"][0].update(target="2025-06-32/2025-07-02"),  # no day 32
    ]
    for mistake in mistakes:
        broken = copy.deepcopy(data)
        mistake(broken)
        assert list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(broken)), broken


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_every_file_the_validator_accepts_the_schema_accepts_as_an_editor_reads_it(path: Path) -> None:
    assert validator_accepts(path)
    assert schema_errors(path) == []


def test_bare_years_plain_titles_and_citations_by_id_pass_both(tmp_path: Path) -> None:
    text = (DATA / "rail-bridge.yaml").read_text(encoding="utf-8")
    text = text.replace('      - target: "2018"', "      - target: 2018")
    text = text.replace("    title: Tongjiang–Nizhneleninskoye railway bridge\n", "    title: 2018\n")
    cited = "      - source: chinadaily-2017-02-16\n        quote: the two"
    text = text.replace(cited, "      - chinadaily-2017-02-16\n" + cited)
    path = tmp_path / "plain.yaml"
    path.write_text(text, encoding="utf-8")
    assert "target: 2018" in text and "title: 2018" in text and "      - chinadaily-2017-02-16" in text
    assert validator_accepts(path)
    assert schema_errors(path) == []


def test_every_invalid_file_is_a_shape_mistake_or_one_only_the_validator_sees() -> None:
    stems = {path.stem for path in (DATA / "invalid").glob("*.yaml")}
    assert stems == SHAPE_MISTAKES | VALIDATOR_MISTAKES
    assert not SHAPE_MISTAKES & VALIDATOR_MISTAKES


@pytest.mark.parametrize("path", sorted((DATA / "invalid").glob("*.yaml")), ids=lambda p: p.stem)
def test_the_schema_refuses_what_the_validator_refuses_where_a_schema_can_say_it(path: Path) -> None:
    assert not validator_accepts(path)
    try:
        errors = schema_errors(path)
    except (yaml.YAMLError, UnicodeDecodeError):
        return  # not YAML an editor can read either
    assert bool(errors) == (path.stem in SHAPE_MISTAKES), errors


def test_a_bad_date_hint_names_every_form_of_date() -> None:
    raw = (DATA / "rail-bridge.yaml").read_bytes().replace(b'target: "2018"', b'target: "spring 2025"')
    with pytest.raises(InputError) as raised:
        parse_events(raw, "x.yaml", today=TODAY)
    forms = ["2019-06-15", "2014-06", "2018", "2025-21", "2025-33", "2025-40", "[2023-05-01..]"]
    for form in [*forms, "~", "?", "%"]:
        assert form in str(raised.value), form
