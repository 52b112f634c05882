"""`sinotime schema` describes every field, and files that validate also pass the JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import yaml

ROOT = Path(__file__).parent.parent
SCHEMA = json.loads((ROOT / "events.schema.json").read_text(encoding="utf-8"))


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


def test_the_json_schema_refuses_an_unknown_kind_and_a_misspelt_key() -> None:
    data = yaml.safe_load((ROOT / "tests" / "data" / "rail-bridge.yaml").read_text(encoding="utf-8"))
    data["events"][0]["kind"] = "expoo"
    errors = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))
    assert errors
    data["events"][0]["kind"] = "expo"
    data["events"][0]["titel"] = data["events"][0].pop("title")
    assert list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))
