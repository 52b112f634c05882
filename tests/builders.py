"""Events files built in code for tests, in one place: records with the required keys filled in,
whole files, and files that keep text the model would refuse.

`build(raw)` validates a file's data as `loading` does; `build(raw, unchecked=True)` switches the
text rule (`sinotime.text.UNSAFE_IN_TEXT`) off while it validates, so that a test can hand the
renderers control characters and check their own defences. The product has no switch for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

import sinotime.text
from sinotime.models import EventsFile
from sinotime.timeline import Timeline, build_timeline

# The kinds files built in code declare: the bundled file's, as events.yaml has them.
BUNDLED_KINDS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent.parent / "events.yaml").read_text(encoding="utf-8")
)["kinds"]
BUNDLED_KIND_IDS = [kind["id"] for kind in BUNDLED_KINDS]

SOURCES = [
    {
        "id": "source-a",
        "publisher": "Example Daily",
        "title": "A report",
        "url": "https://example.org/a",
        "published": "2019-01-10",
    },
    {"id": "source-b", "publisher": "Example Wire", "title": "Another report", "published": "2020-03-01"},
]

_NOTHING = re.compile("(?!)")


def build(raw: dict[str, Any], *, unchecked: bool = False) -> EventsFile:
    """The events file of `raw` (what a YAML file holds), validated; with `unchecked`, text the
    model refuses (control characters, bidirectional overrides) is kept."""
    if not unchecked:
        return EventsFile.model_validate(raw)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sinotime.text, "UNSAFE_IN_TEXT", _NOTHING)
        return EventsFile.model_validate(raw)


def event(event_id: str, **fields: Any) -> dict[str, Any]:
    """An event record with the required keys filled in; `fields` override or add to them."""
    record: dict[str, Any] = {
        "id": event_id,
        "title": f"Event {event_id}",
        "kind": "forum",
        "cites": ["source-a"],
        "added": "2026-11-01",
        "changed": "2026-11-01",
    }
    record.update(fields)
    return record


def events_file(events: Iterable[dict[str, Any]], **calendar: Any) -> EventsFile:
    """A file of `events` citing `SOURCES`, with a series "bridge", keeping any text (the
    renderers' own defences are under test)."""
    return build(
        {
            "kinds": BUNDLED_KINDS,
            # the tests' own publisher namespace and zone (the defaults are tested on their own)
            "calendar": {
                "name": "Test calendar",
                "description": "For tests.",
                "namespace": "sinotime",
                "timezone": "Asia/Harbin",
                **calendar,
            },
            "sources": SOURCES,
            "series": [{"id": "bridge", "title": "The bridge, north and south"}],
            "events": list(events),
        },
        unchecked=True,
    )


def timeline_of(
    events: Iterable[dict[str, Any]], *, as_of: date = date(2026, 11, 23), **calendar: Any
) -> Timeline:
    return build_timeline(events_file(events, **calendar), as_of=as_of)
