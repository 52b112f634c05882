"""The calendars of tests/data/calendars.yaml, byte for byte.

When a change to the output is meant, regenerate them with `pytest --update-golden` and read the
diff before committing: subscribers see every byte that changes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from calendar_support import DATA
from conftest import Golden
from sinotime.build import site_for
from sinotime.calendars import render_calendars
from sinotime.loading import load_events
from sinotime.timeline import build_timeline

GOLDEN = Path(__file__).parent / "golden" / "calendars"


def rendered() -> dict[str, bytes]:
    data = load_events(DATA / "calendars.yaml", today=date(2026, 11, 23))
    return render_calendars(build_timeline(data, as_of=data.last_changed()), site_for(data, None))


def test_the_calendars_match_their_golden_files(golden: Golden) -> None:
    golden.folder("calendars", rendered())


def test_golden_files_use_crlf_and_fold_at_75_octets() -> None:
    for path in GOLDEN.glob("*.ics"):
        content = path.read_bytes()
        assert content.endswith(b"END:VCALENDAR\r\n")
        lines = content.split(b"\r\n")
        assert all(b"\n" not in line and b"\r" not in line for line in lines), path.name
        assert all(len(line) <= 75 for line in lines), path.name
