"""The iCalendar half of `feeds/`: calendars that Google, Apple, Outlook and Thunderbird subscribe to.

`render_calendars(timeline, site)` returns `sinotime.ics` (every event), `kind-<kind>.ics` (one
per kind that has events) and `series-<id>.ics` (one per series that has events), as bytes.
It is pure: the same timeline gives the same bytes, and nothing comes from the wall clock.

Where an event lands in the calendar grid (the date-placement rule, also in README.md):

- a day, or a span of days, is an all-day event (DTEND is the day after the last day);
- a day with a time is a timed event in the event's zone (or the calendar's), with a VTIMEZONE;
- a date known only to within 31 days (a month, a short window such as "end of May") is an
  all-day event across every day it may be, and its summary says so: "sometime in June 2014";
- a plan whose target is vaguer (a season, a quarter, a half-year, a year, a longer window) is
  a deadline: one all-day event on the target's latest possible day, "Due by the end of summer
  2026: …" (`deadline_words`);
- an outcome known only that vaguely, an open date and a plan with no date are left out of the
  grid (there is no honest day to put them on): they stay in the feeds and the report.

A plan sits at its latest announced target ("Planned: …", or its status words such as
"Overdue: …" once that target has passed with no outcome); an outcome sits at its actual date.
Which calendars there are, and which events each holds, is `calendar_sets`' business.

No text in an event names the as-of day, so a rebuild on a later day changes an event only when
its status does. Its revision is derived from the data and the as-of day alone, never from the
wall clock or from stored state (`Timeline.changes`): SEQUENCE counts the days on which its
words changed (a target announced, a target's last day passed, news dated, the outcome known);
DTSTAMP and LAST-MODIFIED are the newest of its record's `changed` day and the last such day.

METHOD is left out on purpose: METHOD:PUBLISH makes the file an iTIP message (RFC 5546), which
requires an ORGANIZER on every event, and sinotime has no honest organizer to name. Subscribed
calendars need no METHOD.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import quote
from zoneinfo import ZoneInfo

from icalendar import (
    Calendar,
    Component,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCategory,
    vDuration,
    vGeo,
    vText,
    vUri,
)
from icalendar.timezone import tzp as icalendar_zones

from sinotime.calendar_sets import ARCHIVE_FOLDER, MAX_CALENDAR_BYTES, Held, calendar_sets
from sinotime.dates import MONTH_NAMES, FuzzyDate, Point, Precision, day_after, day_words
from sinotime.models import Outcome, OutcomeStatus
from sinotime.names import OTHER_NAMES, names_words, other_names
from sinotime.site import Site
from sinotime.timeline import Entry, Flag, Timeline, primary_link, status_words

PRODID = "-//sinotime//sinotime calendars//EN"
REFRESH = timedelta(hours=12)
MAX_FUZZY_DAYS = 31  # a date known only to within this many days is shown across all of them

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

GRID_NOTE = (
    "Plans are marked with their status; a plan known only to a season, quarter, half-year or "
    'year is shown on its last possible day ("Due by the end of …"); what happened known only '
    "that vaguely, open-ended dates and plans with no date are not on the calendar (the feeds list "
    "them)."
)

# RFC 5545 allows no control characters in text but HTAB; line breaks become \n escapes. A
# byte-order mark (U+FEFF) goes too: icalendar drops it at the start of a value, so it would
# survive in some places and not others.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufeff]")
# Everything a URI may hold as it is; the rest (spaces, controls, non-ASCII...) is %-encoded.
_URI_SAFE = "!#$%&'()*+,/:;=?@[]~"


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an event sits in the calendar grid."""

    start: date | datetime  # a day for an all-day event, an aware datetime for a timed one
    end: date | datetime | None  # exclusive; None for a timed event with no known end
    exact: bool  # False when the grid shows more days than the event takes (a fuzzy date)
    deadline: bool = False  # a vague plan shown on the last day its target allows

    @property
    def first_day(self) -> date:
        return self.start.date() if isinstance(self.start, datetime) else self.start


def render_calendars(timeline: Timeline, site: Site) -> dict[str, bytes]:
    """Every calendar file, by name: the subscription calendars (all events, one per kind, one
    per series), the archives when those cannot hold everything, and one per upcoming plan
    (`calendar_sets` chooses them)."""
    shared = _Shared(timeline)
    files = {}
    for chosen in calendar_sets(timeline, _on_grid(shared), GRID_NOTE):
        content = _calendar(shared, site, chosen.name, chosen.title, chosen.description, chosen.entries)
        assert len(content) < MAX_CALENDAR_BYTES or chosen.name.startswith(ARCHIVE_FOLDER), chosen.name
        files[chosen.name] = content
    return files


def on_grid(timeline: Timeline) -> list[Held]:
    """Every event that has a place in the grid, with the size of its VEVENT, in grid order."""
    return _on_grid(_Shared(timeline))


def _on_grid(shared: _Shared) -> list[Held]:
    held = [
        Held(entry, where.first_day, len(shared.vevent(entry, where)))
        for entry in shared.timeline
        if (where := shared.placements[entry.event.id]) is not None
    ]
    return sorted(held, key=lambda each: (each.day, each.entry.event.id))


class _Shared:
    """What the calendars of one timeline have in common, worked out once for all of them.

    An event is in up to three calendars (everything, its kind, its series): its placement and
    its VEVENT (serialised by icalendar, once) are the same in each, and a calendar is its
    header, its VTIMEZONEs and the bytes of its VEVENTs one after the other, exactly what
    icalendar writes for the whole calendar. Each zone's onsets are found once for the days
    every calendar needs, and each calendar takes those of its own days (`_ZoneOnsets`).
    """

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        zone = timeline.data.calendar.timezone
        self.placements = {
            entry.event.id: grid_placement(entry, ZoneInfo(_zone_of(entry, zone))) for entry in timeline
        }
        self.vevents: dict[str, bytes] = {}
        days: dict[str, list[date]] = {}
        for where in self.placements.values():
            for tzid, day in _zone_days(where):
                days.setdefault(tzid, []).append(day)
        self.zones = _ZoneOnsets({tzid: (min(each), max(each)) for tzid, each in days.items()})

    def vevent(self, entry: Entry, where: Placement) -> bytes:
        content = self.vevents.get(entry.event.id)
        if content is None:
            content = self.vevents[entry.event.id] = to_ical(_event(entry, where, self.timeline))
        return content


def _zone_days(where: Placement | None) -> list[tuple[str, date]]:
    """The zones a placement's times are in, with their days."""
    if where is None:
        return []
    return [
        (str(moment.tzinfo), moment.date())
        for moment in (where.start, where.end)
        if isinstance(moment, datetime) and moment.tzinfo is not None
    ]


def placement(when: FuzzyDate | None, zone: ZoneInfo) -> Placement | None:
    """Where a date goes in the grid, or None when it is too vague to put on any day."""
    if when is None or when.is_open:
        return None
    latest = when.latest
    assert latest is not None
    exact = not (when.approximate or when.uncertain)
    start_time = when.start_datetime()
    if start_time is not None and when.precision in (Precision.TIME, Precision.SPAN):
        start = start_time.replace(tzinfo=zone)
        end_time = when.end_datetime()
        end: datetime | None = None
        if end_time is not None:
            end = end_time.replace(tzinfo=zone)
        elif when.last is not None:
            end = datetime.combine(day_after(latest), time(0), zone)
        if end is not None and end <= start:
            end = None
        return Placement(start, end, exact)
    if when.precision is Precision.DAY or (
        when.precision is Precision.SPAN
        and _is_day(when.first)
        and when.last is not None
        and _is_day(when.last)
    ):
        return Placement(when.earliest, day_after(latest), exact)
    if when.precision in (Precision.MONTH, Precision.WINDOW, Precision.SPAN) and (
        (latest - when.earliest).days + 1 <= MAX_FUZZY_DAYS
    ):
        return Placement(when.earliest, day_after(latest), exact=False)
    return None


def grid_placement(entry: Entry, zone: ZoneInfo) -> Placement | None:
    """Where an event goes in the grid: its date's `placement`, else, for a plan (still open, or
    postponed) whose target is too vague for the grid but has a last possible day, a deadline on
    that day; else None (an outcome known only to a year, an open date, a plan with no date)."""
    where = placement(entry.date, zone)
    outcome = entry.event.outcome
    settled = outcome is not None and outcome.status is not OutcomeStatus.POSTPONED
    if where is not None or settled or entry.date is None:
        return where
    latest = entry.date.latest
    if latest is None:
        return None
    return Placement(latest, day_after(latest), exact=False, deadline=True)


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
    title = clean_text(entry.event.title).strip() or entry.event.id
    if where.deadline and entry.date is not None:
        due = deadline_words(entry.date)
        if entry.flag in DUE_FLAGS:  # "Due by the end of summer 2026: …" says it is planned
            return f"{due[0].upper()}{due[1:]}: {title}"
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
        facts.append(f"Where: {event.place.words()}")
    if names := other_names(event, entry.series):
        # One line, each name tagged in words: a LANGUAGE parameter would label the whole
        # description, which mixes languages (RFC 5545 3.2.10).
        facts.append(f"{OTHER_NAMES}: {names_words(names)}")
    if entry.series is not None:
        facts.append(f"Series: {entry.series.title}")
    if event.participants:
        facts.append(f"Participants: {'; '.join(event.participants)}")
    if event.tags:
        facts.append(f"Tags: {', '.join(event.tags)}")
    parts.append("\n".join(facts))
    if event.plans:
        lines = ["Announced targets:"]
        for number, plan in enumerate(event.plans, start=1):
            target = plan.target.words() if plan.target is not None else "no date"
            lines.append(
                f"{number}. {target}: “{plan.wording}” "
                f"(announced {plan.announced.words()}, {timeline.sources[plan.source].display_name})"
            )
        parts.append("\n".join(lines))
    if event.outcome is not None:
        parts.append(_outcome_words(event.outcome, timeline))
    sources = ["Sources:"]
    for source_id in event.source_ids():
        source = timeline.sources[source_id]
        named = "" if source.display_name == source.title else f"{source.display_name}: "
        line = f"- {named}“{source.title}” ({source.published.words()})"
        if source.url is not None:
            line += f" {source.url}"
        sources.append(line)
    parts.append("\n".join(sources))
    return clean_text("\n\n".join(parts))


def clean_text(text: str) -> str:
    """Text as RFC 5545 allows it: CR LF and CR become LF; other control characters and BOMs go."""
    return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def clean_uri(text: str) -> str:
    """An address with everything a URI may not hold as it is (spaces, controls, non-ASCII) %-encoded."""
    return quote(text, safe=_URI_SAFE)


def _calendar(
    shared: _Shared, site: Site, file_name: str, name: str, description: str, entries: Iterable[Entry]
) -> bytes:
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODID)
    calendar.add("calscale", "GREGORIAN")
    # icalendar 7 types NAME and the X-WR- properties as unknown and escapes nothing in them:
    # say they are text, so a comma, a semicolon or a line break in a name stays text.
    # (Every text value goes through `Text`, for its escaping; see there.)
    for key, value in (
        ("name", name),
        ("x-wr-calname", name),
        ("description", description),
        ("x-wr-caldesc", description),
    ):
        calendar.add(key, Text(clean_text(value)))
    # icalendar writes REFRESH-INTERVAL without the VALUE=DURATION that RFC 7986 requires, and a
    # timedelta X-PUBLISHED-TTL as "12:00:00": give both explicitly.
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    source_url, home_url = site.url(file_name), site.url("")
    if source_url is not None and home_url is not None:
        calendar.add("source", vUri(clean_uri(source_url)), parameters={"VALUE": "URI"})
        calendar.add("url", vUri(clean_uri(home_url)), parameters={"VALUE": "URI"})

    placed: list[tuple[Placement, Entry]] = []
    for entry in entries:
        where = shared.placements[entry.event.id]
        if where is not None:
            placed.append((where, entry))
    placed.sort(key=lambda pair: (pair[0].first_day, pair[1].event.id))

    spans: dict[str, list[date]] = {}
    for where, _ in placed:
        for tzid, day in _zone_days(where):
            spans.setdefault(tzid, []).append(day)
    assert placed, f"{file_name} would be empty"  # `calendar_sets` makes no empty calendar
    for tzid, days in sorted(spans.items()):
        calendar.add_component(shared.zones.vtimezone(tzid, min(days), max(days)))
    # icalendar writes a component's lines after its parent's properties and before its END, so
    # the calendar is its own lines with each VEVENT's, written once, put in before the END.
    head = to_ical(calendar)
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    events = [shared.vevent(entry, where) for where, entry in placed]
    return b"".join([head[: -len(end)], *events, end])


def to_ical(component: Component) -> bytes:
    """`component.to_ical()`: icalendar's content lines, folded by `fold` (which is faster)."""
    return b"\r\n".join([fold(line) for line in component.content_lines() if line]) + b"\r\n"


FOLD_AT = 75  # icalendar starts a new line before the octet that would make one 75 long


def fold(line: str) -> bytes:
    """A content line folded exactly as icalendar folds it, as UTF-8.

    icalendar (7.x) looks at every character in Python to fold a line (most of the time it
    takes to write a calendar). The same rule on the UTF-8 bytes: each line holds as many
    whole characters as fit in 74 octets, and a backslash or caret that would end a line goes
    to the next, so an escape is never split (icalendar's issue 1501). tests/test_calendars_shared.py
    checks it against icalendar's own folding.
    """
    assert "\n" not in line  # escaped in every value
    data = line.encode("utf-8")
    if len(data) < FOLD_AT:
        return data
    pieces: list[bytes] = []
    start, size = 0, len(data)
    while size - start >= FOLD_AT:
        end = start + FOLD_AT - 1
        while data[end] & 0xC0 == 0x80:  # not the first byte of a character
            end -= 1
        if data[end - 1] in b"\\^" and len(data[start:end].decode("utf-8")) > 1:
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)


def vtimezone(tzid: str, first: date, last: date) -> Timezone:
    """The VTIMEZONE of a zone from the first to the last day it is used on, one onset a component.

    RFC 5545 lets a VTIMEZONE hold only the observances the calendar's times need; covering just
    those days keeps it short. icalendar lists repeated onsets as one RDATE with many values, which
    ical.js (Thunderbird) reads only the first of and vobject not at all, and adds a COMMENT that
    RFC 5545 does not allow in a VTIMEZONE: each onset here is its own STANDARD or DAYLIGHT
    component with a DTSTART, and there is no COMMENT.
    """
    return _zone_component(tzid, _onsets(tzid, first, last))


@dataclass(frozen=True, slots=True)
class Onset:
    """One STANDARD or DAYLIGHT onset of a VTIMEZONE."""

    start: datetime  # local, naive
    standard: bool
    offset_from: timedelta
    offset_to: timedelta
    name: str


def _onsets(tzid: str, first: date, last: date) -> list[Onset]:
    """The onsets icalendar finds for a zone from the first day to the last, in order."""
    generated = Timezone.from_tzid(tzid, first_date=first, last_date=day_after(last))
    onsets: list[Onset] = []
    for observance in generated.standard + generated.daylight:
        starts = [observance.DTSTART] + [start for start, _ in observance.rdates]
        for start in starts:
            assert isinstance(start, datetime)
            onsets.append(
                Onset(
                    start,
                    isinstance(observance, TimezoneStandard),
                    observance.TZOFFSETFROM,
                    observance.TZOFFSETTO,
                    str(observance["TZNAME"]),
                )
            )
    return sorted(onsets, key=lambda onset: onset.start)


def _zone_component(tzid: str, onsets: Iterable[Onset]) -> Timezone:
    zone = Timezone()
    zone.add("tzid", tzid)
    for each in onsets:
        onset = TimezoneStandard() if each.standard else TimezoneDaylight()
        onset.DTSTART = each.start
        onset.TZOFFSETFROM = each.offset_from
        onset.TZOFFSETTO = each.offset_to
        onset.add("tzname", each.name)
        zone.add_component(onset)
    return zone


class _ZoneOnsets:
    """`vtimezone` for many calendars, with each zone's onsets found once.

    icalendar finds a zone's onsets by stepping from the first day (64 days, then shorter steps)
    until the offset changes, out to the end of the zone database: tens of milliseconds a call,
    and a build of thousands of calendars made thousands of calls. Here they are found once, for
    every day any calendar needs in that zone; a calendar's onsets are then the first day's
    offset (what icalendar starts from) and the onsets after it and before its last day. That is
    exactly what icalendar finds for those days when no two changes of offset are 64 days or less
    apart (its stepping then cannot miss one), which is checked, day by day; otherwise, and for
    days outside the range, icalendar is asked again.
    """

    def __init__(self, ranges: dict[str, tuple[date, date]]) -> None:
        self.ranges = ranges
        self.found: dict[str, list[Onset] | None] = {}
        self.made: dict[tuple[str, date, date], Timezone] = {}

    def vtimezone(self, tzid: str, first: date, last: date) -> Timezone:
        key = (tzid, first, last)
        if key not in self.made:
            self.made[key] = _zone_component(tzid, self.onsets(tzid, first, last))
        return self.made[key]

    def onsets(self, tzid: str, first: date, last: date) -> list[Onset]:
        bounds = self.ranges.get(tzid)
        if bounds is None or not bounds[0] <= first <= last <= bounds[1]:
            return _onsets(tzid, first, last)
        if tzid not in self.found:
            self.found[tzid] = _onsets(tzid, *bounds) if _steady(tzid, *bounds) else None
        every = self.found[tzid]
        if every is None:
            return _onsets(tzid, first, last)
        zone = icalendar_zones.timezone(tzid)
        assert zone is not None
        start = datetime.combine(first, time(0))  # naive, as icalendar's onsets
        local = start.replace(tzinfo=zone)
        offset = local.utcoffset()
        assert offset is not None
        name = local.tzname() or str(offset)
        opening = Onset(start, local.dst() == timedelta(), offset, offset, name)
        end = datetime.combine(day_after(last), time(0))
        return [opening, *(onset for onset in every if start < onset.start < end)]


def _steady(tzid: str, first: date, last: date) -> bool:
    """Whether the zone's offset, read at each midnight, never changes twice within 64 days."""
    zone = icalendar_zones.timezone(tzid)
    if zone is None:
        return False
    changes: list[int] = []
    before = None
    for ordinal in range(first.toordinal() - 1, day_after(last).toordinal() + 2):
        offset = datetime.fromordinal(ordinal).replace(tzinfo=zone).utcoffset()
        if before is not None and offset != before:
            changes.append(ordinal)
        before = offset
    return all(later - earlier > 64 for earlier, later in itertools.pairwise(changes))


def _event(entry: Entry, where: Placement, timeline: Timeline) -> Event:
    event = entry.event
    vevent = Event()
    vevent.add("uid", f"{event.id}@{timeline.data.calendar.ids_namespace}")
    modified = _utc_midnight(timeline.modified(entry))
    vevent.add("dtstamp", modified)
    vevent.add("created", _utc_midnight(event.added))
    vevent.add("last-modified", modified)
    vevent.add("sequence", timeline.revision(entry))
    vevent.add("dtstart", where.start)
    if where.end is not None:
        vevent.add("dtend", where.end)
    vevent.add("summary", Text(summary(entry, where)))
    vevent.add("description", Text(describe(entry, timeline, where)))
    vevent.add("status", ical_status(entry))
    vevent.add("transp", "TRANSPARENT")  # others' events never make a subscriber look busy
    parts = (event.place.name, event.place.region) if event.place is not None else ()
    location = ", ".join(part for part in (clean_text(text or "").strip() for text in parts) if part)
    if location:
        vevent.add("location", Text(location))
    place = event.place
    if place is not None and place.lat is not None and place.lon is not None:
        vevent.add("geo", PlainGeo((place.lat, place.lon)))
    url = primary_link(event, timeline.sources)
    if url is not None:
        vevent.add("url", vUri(clean_uri(url)), parameters={"VALUE": "URI"})
    vevent.add("categories", Categories([clean_text(category) for category in categories(entry)]))
    return vevent


class Text(vText):
    """TEXT escaped as RFC 5545 says and no more: icalendar 7 also turns a literal backslash-N
    in the text into a line break (so "Harbin\\North" would lose its backslash and gain a line)."""

    def to_ical(self) -> bytes:
        return escape_text(clean_text(str(self))).encode("utf-8")


class Categories(vCategory):
    """CATEGORIES, each value escaped as `Text` is: a comma inside a value stays in it."""

    def to_ical(self) -> bytes:
        return ",".join(escape_text(clean_text(str(value))) for value in self.cats).encode("utf-8")


def escape_text(text: str) -> str:
    """RFC 5545 3.3.11: backslash first, then semicolon, comma and line feed."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


class PlainGeo(vGeo):
    """GEO as RFC 5545 reads it: plain decimals (icalendar writes 0.00005 as 5e-05, no FLOAT),
    to the six places receivers must accept (about 0.1 m; libical rejects much longer ones)."""

    def to_ical(self) -> str:
        return f"{_six_places(self.latitude)};{_six_places(self.longitude)}"


def _six_places(number: float) -> str:
    text = f"{number:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def categories(entry: Entry) -> list[str]:
    """The kind's label, then the series' title."""
    found = [entry.event.kind.label]
    if entry.series is not None:
        found.append(entry.series.title)
    return found


def _spread_note(when: FuzzyDate, where: Placement) -> str:
    """Why a fuzzy date covers several days in the grid."""
    if when.precision is Precision.SPAN or not isinstance(where.end, date) or isinstance(where.end, datetime):
        return "."
    if (where.end - where.first_day).days <= 1:
        return "."
    return "; the exact day is not known, so the calendar shows every day it may be."


def _outcome_words(outcome: Outcome, timeline: Timeline) -> str:
    verb = outcome.status.verb.lower()
    lines = [f"Outcome: {_report_words(verb, outcome.date, outcome.wording, outcome.source, timeline)}"]
    for report in outcome.other_reports:
        lines.append(
            "Another report: " + _report_words("", report.date, report.wording, report.source, timeline)
        )
    return "\n".join(lines)


def _report_words(
    verb: str, when: FuzzyDate | None, wording: str | None, source: str, timeline: Timeline
) -> str:
    """'happened 16 November 2022: “16 November” (SeaNews)'."""
    text = " ".join(part for part in (verb, when.words() if when is not None else "") if part)
    if wording is not None:
        text += f": “{wording}”" if text else f"“{wording}”"
    name = timeline.sources[source].display_name
    return f"{text} ({name})" if text else f"({name})"


def _zone_of(entry: Entry, default: str) -> str:
    return entry.event.timezone or default


def _is_day(point: Point) -> bool:
    return point.precision in (Precision.DAY, Precision.TIME)


def _utc_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), UTC)
