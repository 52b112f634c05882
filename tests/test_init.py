"""`sinotime init`: a starter that validates as written, with the schema beside it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import yaml
from click.testing import CliRunner

from schema_support import EditorYaml
from sinotime.cli import main
from sinotime.loading import load_events
from sinotime.timeline import Flag, build_timeline


def test_init_writes_a_starter_that_validates_and_the_schema_it_names(tmp_path: Path) -> None:
    folder = tmp_path / "new-timeline"
    result = CliRunner().invoke(main, ["init", str(folder)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["events.schema.json", "events.yaml"]
    text = (folder / "events.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=./events.schema.json\n")

    check = CliRunner().invoke(main, ["validate", str(folder / "events.yaml")])
    assert check.exit_code == 0, check.output
    schema = json.loads((folder / "events.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(yaml.load(text, Loader=EditorYaml), schema)


def test_the_starter_shows_a_source_a_series_an_outcome_and_a_plan_that_slipped(tmp_path: Path) -> None:
    assert CliRunner().invoke(main, ["init", str(tmp_path)]).exit_code == 0
    data = load_events(tmp_path / "events.yaml", today=date(2026, 11, 27))
    timeline = build_timeline(data, as_of=data.last_changed())
    assert data.sources and data.series
    assert any(event.outcome is not None for event in data.events)
    [slipped] = [event for event in data.events if len(event.plans) > 1]
    first, last = slipped.plans[0].target, slipped.plans[-1].target
    assert first is not None and last is not None and first.latest is not None
    assert last.earliest > first.latest
    assert {entry.flag for entry in timeline.entries} >= {Flag.COMPLETED}


def test_init_never_overwrites_a_file_and_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "events.yaml").write_text("mine\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"not overwriting {tmp_path / 'events.yaml'}: move it away")
    assert [p.name for p in tmp_path.iterdir()] == ["events.yaml"]
    assert (tmp_path / "events.yaml").read_text(encoding="utf-8") == "mine\n"
    (tmp_path / "events.schema.json").write_text("{}\n", encoding="utf-8")
    both = CliRunner().invoke(main, ["init", str(tmp_path)]).stderr
    assert both.startswith(
        f"not overwriting {tmp_path / 'events.yaml'}, {tmp_path / 'events.schema.json'}: move them away"
    )


def test_without_a_namespace_validate_and_build_say_the_ids_follow_the_address(tmp_path: Path) -> None:
    assert CliRunner().invoke(main, ["init", str(tmp_path)]).exit_code == 0
    starter = tmp_path / "events.yaml"
    for command in (["validate", str(starter)], ["build", str(starter), "--out", str(tmp_path / "a")]):
        assert "namespace" not in CliRunner().invoke(main, command).stderr  # the starter sets one
    text = starter.read_text(encoding="utf-8")
    starter.write_text(text.replace("  namespace: example.org-library\n", ""), encoding="utf-8")
    for command in (["validate", str(starter)], ["build", str(starter), "--out", str(tmp_path / "b")]):
        said = CliRunner().invoke(main, command)
        assert said.exit_code == 0
        assert "calendar.namespace is not set" in said.stderr
        assert "made from calendar.base_url (example.org-library)" in said.stderr
        assert "set `namespace: example.org-library` under calendar" in said.stderr
        assert "namespace" not in CliRunner().invoke(main, ["-q", *command]).stderr
