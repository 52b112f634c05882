"""Reading an events file as an editor with the JSON Schema does."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import yaml

SCHEMA = json.loads((Path(__file__).parent.parent / "events.schema.json").read_text(encoding="utf-8"))


class EditorYaml(yaml.SafeLoader):
    """YAML as editors read it (the 1.2 core schema): `2014-06-15` stays text, `yes` too."""


EditorYaml.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if not tag.endswith((":timestamp", ":bool"))]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
EditorYaml.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def schema_errors(path: Path) -> list[str]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=EditorYaml)  # a SafeLoader
    return [error.message for error in jsonschema.Draft202012Validator(SCHEMA).iter_errors(data)]
