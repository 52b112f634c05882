"""Helpers for the calendar tests: independent iCalendar readers, and events files built in code.

Each reader is a parser that sinotime did not write its output with (icalendar wrote it):

- `ical`, Home Assistant's strict parser (Python);
- `vobject` (Python);
- `ical.js`, the parser Thunderbird uses, run with node (tests/js/read-ics.mjs);
- libical, the C library of Evolution, through the system python3 (tests/libical_read.py),
  which also reports every RFC 5545 restriction the file breaks.

Every reader gives the same plain shape (`ReadCalendar`), so a test compares one field with the
model for all of them. The two external ones need node with `npm ci --prefix tests/js`, and
Debian's python3-gi and gir1.2-ical-3.0; without them their tests skip on a laptop and fail
under CI (the CI environment variable set), where .ci/run installs them.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import vobject
from ical.calendar_stream import IcsCalendarStream
from ical.parsing.component import parse_content

from sinotime.site import Site

TESTS = Path(__file__).parent
DATA = TESTS / "data"
JS = TESTS / "js"
SYSTEM_PYTHON = Path("/usr/bin/python3")


@dataclass(frozen=True)
class Moment:
    """A DTSTART or DTEND as a reader understood it."""

    type: str  # "date" or "date-time"
    value: str  # "2019-06-15" or "2019-06-15T10:00:00", the wall clock as written
    tzid: str | None = None
    utc: int | None = None  # seconds since 1970, when the reader worked it out from the VTIMEZONE


@dataclass(frozen=True)
class ReadEvent:
    properties: tuple[str, ...]  # lower-case names, as many times as they occur
    uid: str | None
    summary: str | None
    description: str | None
    location: str | None
    url: str | None
    status: str | None
    sequence: int | None
    geo: tuple[float, float] | None
    categories: tuple[str, ...]
    start: Moment | None
    end: Moment | None
    stamp: Moment | None = None
    last_modified: Moment | None = None


@dataclass(frozen=True)
class ReadCalendar:
    reader: str
    properties: dict[str, tuple[str, ...]]  # lower-case name -> each value, unescaped
    components: tuple[str, ...]  # lower-case names of the top-level components, in order
    events: tuple[ReadEvent, ...]
    errors: tuple[str, ...] = field(default=())

    def event(self, uid: str) -> ReadEvent:
        (found,) = [event for event in self.events if event.uid == uid]
        return found

    def value(self, name: str) -> str:
        (found,) = self.properties[name]
        return found


Reader = Callable[[str], ReadCalendar]


def missing(reason: str) -> None:
    """Skip a test whose parser is not installed on this laptop; fail it under CI."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must install it: see .ci/run)")
    pytest.skip(reason)


# --- Python readers ------------------------------------------------------------------------


def read_with_ical(text: str) -> ReadCalendar:
    """Home Assistant's `ical`: strict about RFC 5545, and models RFC 7986's calendar properties."""
    calendar = IcsCalendarStream.calendar_from_ics(text)
    (raw,) = parse_content(text)
    properties: dict[str, tuple[str, ...]] = {
        "name": tuple(calendar.name),
        "description": tuple(calendar.description),
    }
    if calendar.refresh_interval is not None:
        properties["refresh-interval"] = (_iso_duration(calendar.refresh_interval.total_seconds()),)
    if calendar.source is not None:
        properties["source"] = (str(calendar.source),)
    if calendar.url is not None:
        properties["url"] = (str(calendar.url),)
    raw_events = [component for component in raw.components if component.name == "vevent"]
    events = []
    for event, raw_event in zip(calendar.events, raw_events, strict=True):
        events.append(
            ReadEvent(
                properties=tuple(p.name for p in raw_event.properties),
                uid=event.uid,
                summary=event.summary,
                description=event.description,
                location=event.location,
                url=None if event.url is None else str(event.url),
                status=None if event.status is None else str(event.status.value),
                sequence=event.sequence,
                geo=None if event.geo is None else (event.geo.lat, event.geo.lng),
                categories=tuple(event.categories),
                start=_moment(event.dtstart),
                end=_moment(event.dtend),
                stamp=_moment(event.dtstamp),
                last_modified=_moment(event.last_modified),
            )
        )
    return ReadCalendar(
        reader="ical",
        properties=properties,
        components=tuple(component.name for component in raw.components),
        events=tuple(events),
    )


def read_with_vobject(text: str) -> ReadCalendar:
    """vobject: builds its time zones from the file's VTIMEZONE components."""
    # vobject keeps every VTIMEZONE it has read in one map for the whole process, by TZID; forget
    # the other files' zones so that this file's own VTIMEZONE is the one read.
    vars(vobject.icalendar)["__tzidMap"].clear()
    calendar = vobject.readOne(text)
    properties = {
        name: tuple(str(line.value) for line in lines)
        for name, lines in calendar.contents.items()
        if name not in ("vevent", "vtimezone")
    }
    events = []
    for event in calendar.contents.get("vevent", []):
        contents = event.contents

        def first(name: str, contents: dict[str, Any] = contents) -> str | None:
            return str(contents[name][0].value) if name in contents else None

        geo = first("geo")
        categories: list[str] = []
        for line in contents.get("categories", []):
            categories += line.value
        sequence = first("sequence")
        events.append(
            ReadEvent(
                properties=tuple(name for name, lines in contents.items() for _ in lines),
                uid=first("uid"),
                summary=first("summary"),
                description=first("description"),
                location=first("location"),
                url=first("url"),
                status=first("status"),
                sequence=None if sequence is None else int(sequence),
                geo=None if geo is None else _geo(geo),
                categories=tuple(categories),
                start=_vobject_moment(contents.get("dtstart")),
                end=_vobject_moment(contents.get("dtend")),
                stamp=_vobject_moment(contents.get("dtstamp")),
                last_modified=_vobject_moment(contents.get("last-modified")),
            )
        )
    return ReadCalendar(
        reader="vobject",
        properties=properties,
        components=tuple(child.name.lower() for child in calendar.components()),
        events=tuple(events),
    )


# --- readers in other processes -------------------------------------------------------------


class LineReader:
    """A long-running reader that takes one JSON string a line and answers with one JSON object."""

    def __init__(self, name: str, command: list[str], cwd: Path) -> None:
        self.name = name
        self.process = subprocess.Popen(
            command,
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        atexit.register(self.close)

    def __call__(self, text: str) -> ReadCalendar:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(json.dumps(text) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        if "error" in answer:
            raise ValueError(f"{self.name} cannot read the calendar: {answer['error']}")
        return _from_json(self.name, answer)

    def close(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait(timeout=10)


@cache
def _icaljs() -> LineReader | str:
    if shutil.which("node") is None:
        return "node is not installed"
    if not (JS / "node_modules" / "ical.js").is_dir():
        return "ical.js is not installed: run npm ci --prefix tests/js"
    return LineReader("ical.js", ["node", "read-ics.mjs"], JS)


@cache
def _libical() -> LineReader | str:
    if not SYSTEM_PYTHON.exists():
        return "no system python3 for libical"
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import gi; gi.require_version('ICalGLib', '3.0')"],
        capture_output=True,
        check=False,
    )
    if probe.returncode != 0:
        return "libical's Python binding is missing: apt-get install python3-gi gir1.2-ical-3.0"
    return LineReader("libical", [str(SYSTEM_PYTHON), "libical_read.py"], TESTS)


def icaljs() -> Reader:
    """ical.js through node; skips (fails under CI) when it is not installed."""
    reader = _icaljs()
    if isinstance(reader, str):
        missing(reader)
        raise AssertionError("unreachable")
    return reader


def libical() -> Reader:
    """libical through the system python3; skips (fails under CI) when it is not installed."""
    reader = _libical()
    if isinstance(reader, str):
        missing(reader)
        raise AssertionError("unreachable")
    return reader


def all_readers() -> list[Reader]:
    return [read_with_ical, read_with_vobject, icaljs(), libical()]


NO_SITE = Site(base_url=None)


# --- internals ------------------------------------------------------------------------------


def _from_json(reader: str, answer: dict[str, Any]) -> ReadCalendar:
    events = []
    for event in answer["events"]:
        events.append(
            ReadEvent(
                properties=tuple(event["properties"]),
                uid=event["uid"],
                summary=event["summary"],
                description=event["description"],
                location=event["location"],
                url=event["url"],
                status=event["status"],
                sequence=event["sequence"],
                geo=None if event["geo"] is None else (event["geo"][0], event["geo"][1]),
                categories=tuple(event["categories"]),
                start=_json_moment(event["dtstart"]),
                end=_json_moment(event["dtend"]),
                stamp=_json_moment(event["dtstamp"]),
                last_modified=_json_moment(event["lastModified"]),
            )
        )
    return ReadCalendar(
        reader=reader,
        properties={
            name: tuple(str(item["value"]) for item in items) for name, items in answer["properties"].items()
        },
        components=tuple(answer["components"]),
        events=tuple(events),
        errors=tuple(answer.get("errors", ())),
    )


def _json_moment(value: dict[str, Any] | None) -> Moment | None:
    if value is None:
        return None
    text = value["value"]
    if value["type"] == "date-time":
        text = text.rstrip("Z")
    return Moment(value["type"], text, value["tzid"], value["utc"])


def _moment(value: date | datetime | None) -> Moment | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        tzid = None if value.tzinfo is None or value.tzinfo is UTC else str(value.tzinfo)
        utc = None if value.tzinfo is None else int(value.timestamp())
        return Moment("date-time", value.replace(tzinfo=None).isoformat(), tzid, utc)
    return Moment("date", value.isoformat())


def _vobject_moment(lines: list[Any] | None) -> Moment | None:
    if not lines:
        return None
    (line,) = lines
    value = line.value
    if isinstance(value, datetime):
        utc = None if value.tzinfo is None else int(value.timestamp())
        tzid = None
        if (value.tzinfo is not None and value.utcoffset() != timedelta(0)) or "TZID" in line.params:
            tzid = vobject.icalendar.TimezoneComponent.pickTzid(value.tzinfo)
        return Moment("date-time", value.replace(tzinfo=None).isoformat(), tzid, utc)
    assert isinstance(value, date)
    return Moment("date", value.isoformat())


def _geo(text: str) -> tuple[float, float]:
    lat, lon = text.split(";")
    return float(lat), float(lon)


def _iso_duration(seconds: float) -> str:
    hours, rest = divmod(int(seconds), 3600)
    assert rest == 0, "only whole hours are expected"
    return f"PT{hours}H"
