"""`sinotime init`: a commented starter events file and the schema beside it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from sinotime.errors import OutputError
from sinotime.output import write_files
from sinotime.schema import schema_json

EVENTS_FILE = "events.yaml"
SCHEMA_FILE = "events.schema.json"  # the name the starter's first line gives editors


def starter_files() -> dict[str, bytes]:
    """The starter's files by name: the events file and its JSON Schema."""
    events = resources.files("sinotime").joinpath("starter_files", EVENTS_FILE).read_bytes()
    return {EVENTS_FILE: events, SCHEMA_FILE: schema_json().encode()}


def write_starter(folder: Path) -> list[Path]:
    """Write the starter into `folder` (made if missing); never over a file that is there."""
    files = starter_files()
    there = [folder / name for name in files if (folder / name).exists()]
    if there:
        names = ", ".join(str(path) for path in there)
        them = "it" if len(there) == 1 else "them"
        raise OutputError(
            f"not overwriting {names}: move {them} away or choose another folder; nothing was written"
        )
    write_files(folder, files)
    return [folder / name for name in sorted(files)]
