"""The JSON Schema of events.yaml, for editors and for `sinotime schema`.

sinotime reads every YAML scalar as text (`yamlreader`), so `title: 2018` or `quote: yes` is
the text "2018" or "yes"; an editor reads the same plain scalars as a number or a boolean. So
that the schema accepts what the validator accepts, every text field also takes a number or a
boolean written plain (what a schema cannot say of those, such as a slug's pattern, the
validator still checks).
"""

from __future__ import annotations

import json
from typing import Any

from sinotime.models import EventsFile

PLAIN_SCALARS = ["string", "number", "boolean"]


def events_schema() -> dict[str, Any]:
    """The schema of an events file, as a JSON value."""
    schema: dict[str, Any] = _text_takes_plain_scalars(EventsFile.model_json_schema(mode="validation"))
    return schema


def schema_json() -> str:
    """The schema as stable, indented JSON text ending in a newline."""
    return json.dumps(events_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _text_takes_plain_scalars(node: Any) -> Any:
    if isinstance(node, list):
        return [_text_takes_plain_scalars(item) for item in node]
    if not isinstance(node, dict):
        return node
    copy = {key: _text_takes_plain_scalars(value) for key, value in node.items()}
    if copy.get("type") == "string" and "enum" not in copy and "const" not in copy:
        copy["type"] = PLAIN_SCALARS
    return copy
