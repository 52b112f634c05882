"""One VEVENT: its summary, its description, its status, its place and its revision."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from icalendar import Event, vUri

from sinotime.calendars.grid import Placement
from sinotime.calendars.lines import Categories, PlainGeo, Property, Text, component_bytes, property_lines
from sinotime.dates import MONTH_NAMES, FuzzyDate, Point, Precision, day_words
from sinotime.models import OutcomeStatus
from sinotime.names import OTHER_NAMES, names_words, other_names
from sinotime.text import ical_text, ical_uri
from sinotime.timeline import Entry, Flag, Timeline, primary_link
from sinotime.words import (
    HISTORY,
    PARTICIPANTS,
    PLACE,
    SOURCES,
    history,
    participants_words,
    place_words,
    source_phrase,
    status_words,
)

# A plan (and a postponement: still a plan, with no firm date) is TENTATIVE, what happened is
# CONFIRMED, what was called off for good is CANCELLED. Google deletes a CANCELLED event from a
# subscribed calendar, which would make a postponement vanish there; TENTATIVE is shown by
# Google, Apple, Outlook and Thunderbird alike (README, "Where an event sits in the calendar").
ICAL_STATUS = {
    OutcomeStatus.HAPPENED: "CONFIRMED",
    OutcomeStatus.CANCELLED: "CANCELLED",
    OutcomeStatus.POSTPONED: "TENTATIVE",
}


def ical_status(entry: Entry) -> str:
    """STATUS: TENTATIVE for a plan or a postponement, CONFIRMED or CANCELLED for an outcome."""
    outcome = entry.event.outcome
    return "TENTATIVE" if outcome is None else ICAL_STATUS[outcome.status]


# What happened needs no prefix; everything else says where it stands, in the flag's words.
SUMMARY_PREFIX = {
    flag: "" if flag in (Flag.COMPLETED, Flag.COMPLETED_LATE) else f"{flag.label}: " for flag in Flag
}

# A plan still ahead: a deadline's title says when it is due rather than "Planned:".
DUE_FLAGS = frozenset({Flag.UPCOMING, Flag.SLIPPING})


def deadline_words(when: FuzzyDate) -> str:
    """'due by the end of summer 2026', 'due by the end of 2027', 'due by 31 July 2027'."""
    latest = when.latest
    assert latest is not None
    if when.precision in (Precision.YEAR, Precision.SEASON, Precision.QUARTER, Precision.HALF):
        words = when.first.words()
        article = "the " if when.precision is Precision.HALF else ""
        text = f"due by the end of {article}{words}"
    else:
        text = f"due by {day_words(latest)}"
    notes = [word for word, on in (("approximate", when.approximate), ("uncertain", when.uncertain)) if on]
    return text + (f" ({', '.join(notes)})" if notes else "")


def summary(entry: Entry, where: Placement) -> str:
    """'Planned: Harbin expo (sometime in June 2014)', 'Bridge opens', 'Cancelled: Forum'."""
    title = ical_text(entry.event.title).strip() or entry.event.id
    if where.deadline and entry.date is not None:
        due = deadline_words(entry.date)
        if entry.flag in DUE_FLAGS:  # "Due by the end of summer 2026: …" says it is planned
            return f"{due[0].upper()}{due[1:]}: {title}"
        if entry.flag.is_called_off:  # no longer due by anything
            due = f"was {due}"
        return f"{SUMMARY_PREFIX[entry.flag]}{title} ({due})"
    text = SUMMARY_PREFIX[entry.flag] + title
    if not where.exact and entry.date is not None:
        text += f" ({date_phrase(entry.date)})"
    return text


def date_phrase(when: FuzzyDate) -> str:
    """The date as a reader of the grid needs it: 'sometime in June 2014', '15 June 2019'."""
    first, last = when.first, when.last
    if when.precision is Precision.MONTH:
        text = f"sometime in {first.words()}"
    elif when.precision is Precision.WINDOW and last is not None:
        text = f"sometime {_between(first, last)}"
    else:
        return when.words()  # says "about" and "(uncertain)" itself
    notes = [word for word, on in (("approximate", when.approximate), ("uncertain", when.uncertain)) if on]
    return text + (f" ({', '.join(notes)})" if notes else "")


def _between(first: Point, last: Point) -> str:
    """'between 21 and 31 May 2023', 'between 28 May and 3 June 2023', 'in May 2023'."""
    a, b = first.earliest, last.latest
    if first.words() == last.words():
        return f"in {first.words()}"
    if first.precision is Precision.DAY and last.precision is Precision.DAY and a.year == b.year:
        if a.month == b.month:
            return f"between {a.day} and {b.day} {MONTH_NAMES[a.month]} {a.year}"
        return f"between {a.day} {MONTH_NAMES[a.month]} and {b.day} {MONTH_NAMES[b.month]} {a.year}"
    return f"between {first.words()} and {last.words()}"


def describe(entry: Entry, timeline: Timeline, where: Placement) -> str:
    """The event's DESCRIPTION: what, where, status, every target beside the outcome, sources."""
    event = entry.event
    parts: list[str] = []
    if event.description:
        parts.append(event.description)
    facts = [f"Status: {status_words(entry)}."]
    if entry.note:
        facts.append(entry.note)
    if entry.date is not None and where.deadline:
        facts.append(
            f"Date: {entry.date.words()}; the calendar shows it on its last possible day,"
            f" {day_words(where.first_day)}, as a deadline."
        )
    elif entry.date is not None and not where.exact:
        facts.append(f"Date: {date_phrase(entry.date)}{_spread_note(entry.date, where)}")
    if event.place is not None:
        facts.append(f"{PLACE}: {place_words(event.place)}")
    if names := other_names(event, entry.series):
        # One line, each name tagged in words: a LANGUAGE parameter would label the whole
        # description, which mixes languages (RFC 5545 3.2.10).
        facts.append(f"{OTHER_NAMES}: {names_words(names)}")
    if entry.series is not None:
        facts.append(f"Series: {entry.series.title}")
    if event.participants:
        facts.append(f"{PARTICIPANTS}: {participants_words(event.participants)}")
    if event.tags:
        facts.append(f"Tags: {', '.join(event.tags)}")
    parts.append("\n".join(facts))
    if steps := history(event, entry.flag, timeline.sources):
        parts.append("\n".join([f"{HISTORY}:", *(f"- {step.phrase.text}" for step in steps)]))
    sources = [f"{SOURCES}:"]
    for source_id in event.source_ids():
        source = timeline.sources[source_id]
        address = f" {source.url}" if source.url is not None else ""
        sources.append(f"- {source_phrase(source).text}{address}")
    parts.append("\n".join(sources))
    return ical_text("\n\n".join(parts))


def properties(entry: Entry, where: Placement, timeline: Timeline) -> list[Property]:
    """The properties of the event's VEVENT, in the order they are added."""
    event = entry.event
    modified = _utc_midnight(timeline.modified(entry))
    found: list[Property] = [
        ("uid", f"{event.id}@{timeline.data.calendar.ids_namespace}", None),
        ("dtstamp", modified, None),
        ("created", _utc_midnight(event.added), None),
        ("last-modified", modified, None),
        ("sequence", timeline.revision(entry), None),
        ("dtstart", where.start, None),
    ]
    if where.end is not None:
        found.append(("dtend", where.end, None))
    found += [
        ("summary", Text(summary(entry, where)), None),
        ("description", Text(describe(entry, timeline, where)), None),
        ("status", ical_status(entry), None),
        ("transp", "TRANSPARENT", None),  # others' events never make a subscriber look busy
    ]
    parts = (event.place.name, event.place.region) if event.place is not None else ()
    location = ", ".join(part for part in (ical_text(text or "").strip() for text in parts) if part)
    if location:
        found.append(("location", Text(location), None))
    place = event.place
    if place is not None and place.lat is not None and place.lon is not None:
        found.append(("geo", PlainGeo((place.lat, place.lon)), None))
    url = primary_link(event, timeline.sources)
    if url is not None:
        found.append(("url", vUri(ical_uri(url)), {"VALUE": "URI"}))
    found.append(
        ("categories", Categories([ical_text(category) for category in categories(entry, timeline)]), None)
    )
    return found


def vevent_bytes(entry: Entry, where: Placement, timeline: Timeline) -> bytes:
    """`to_ical(vevent(...))`, written without the component (`lines.component_bytes`). A test
    compares the two on random events."""
    return component_bytes(Event, property_lines(properties(entry, where, timeline)))


def categories(entry: Entry, timeline: Timeline) -> list[str]:
    """The kind's heading (the name of its calendar), then the series' title."""
    found = [timeline.data.kind(entry.event.kind).heading]
    if entry.series is not None:
        found.append(entry.series.title)
    return list(dict.fromkeys(found))  # a series may be named as its kind is


def _spread_note(when: FuzzyDate, where: Placement) -> str:
    """Why a fuzzy date covers several days in the grid."""
    if when.precision is Precision.SPAN or not isinstance(where.end, date) or isinstance(where.end, datetime):
        return "."
    if (where.end - where.first_day).days <= 1:
        return "."
    return "; the exact day is not known, so the calendar shows every day it may be."


def _utc_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), UTC)
