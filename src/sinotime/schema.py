"""The JSON Schema of events.yaml, for editors and for `sinotime schema`."""

from __future__ import annotations

import json

from sinotime.models import EventsFile


def schema_json() -> str:
    """The schema as stable, indented JSON text ending in a newline."""
    schema = EventsFile.model_json_schema(mode="validation")
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
