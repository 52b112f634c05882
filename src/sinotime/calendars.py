"""The iCalendar half of `feeds/`: calendars that Google, Apple, Outlook and Thunderbird subscribe to.

`render_calendars(timeline, site)` returns `sinotime.ics` (every event), `kind-<kind>.ics` (one
per kind that has events) and `series-<id>.ics` (one per series that has events), as bytes.
It is pure: the same timeline gives the same bytes, and nothing comes from the wall clock.

Where an event lands in the calendar grid (the date-placement rule, also in README.md):

- a day, or a span of days, is an all-day event (DTEND is the day after the last day);
- a day with a time is a timed event in the event's zone (or the calendar's), with a VTIMEZONE;
- a date known only to within 31 days (a month, a short window such as "end of May") is an
  all-day event across every day it may be, and its summary says so: "sometime in June 2014";
- anything vaguer (a season, a quarter, a half-year, a year, a longer window or an open one)
  and a plan with no date are left out of the grid: they stay in the feeds and the report.

A plan sits at its latest announced target ("Planned: …", or "Overdue: …" once that target has
passed with no outcome); an outcome sits at its actual date.

SEQUENCE = (plans with a target date) + (1 if an outcome is recorded) - 1, never below 0: it
grows each time a new target is announced or the outcome is recorded, and is derived from the
data alone, so every build gives the same number.

METHOD is left out on purpose: METHOD:PUBLISH makes the file an iTIP message (RFC 5546), which
requires an ORGANIZER on every event, and sinotime has no honest organizer to name. Subscribed
calendars need no METHOD.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import quote
from zoneinfo import ZoneInfo

from icalendar import (
    Calendar,
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

from sinotime.dates import MONTH_NAMES, FuzzyDate, Point, Precision, day_after
from sinotime.models import Outcome
from sinotime.site import Site
from sinotime.timeline import Entry, Flag, Timeline, primary_link, status_heading, status_words

PRODID = "-//sinotime//sinotime calendars//EN"
REFRESH = timedelta(hours=12)
MAX_FUZZY_DAYS = 31  # a date known only to within this many days is shown across all of them
ALL_CALENDAR = "sinotime.ics"
EMPTY_CALENDAR_ZONE_DAY = date(1970, 1, 1)

STATUS = {
    Flag.UPCOMING: "TENTATIVE",
    Flag.OVERDUE: "TENTATIVE",
    Flag.UNSCHEDULED: "TENTATIVE",
    Flag.COMPLETED: "CONFIRMED",
    Flag.COMPLETED_LATE: "CONFIRMED",
    Flag.CANCELLED: "CANCELLED",
    Flag.POSTPONED: "CANCELLED",
}

# What happened needs no prefix; everything else says where it stands, in the flag's words.
SUMMARY_PREFIX = {
    flag: "" if flag in (Flag.COMPLETED, Flag.COMPLETED_LATE) else f"{flag.label}: " for flag in Flag
}

GRID_NOTE = (
    "Plans are marked Planned or Overdue; dates known only to a season, quarter, half-year or "
    "year, and open-ended ones, are not on the calendar (the feeds list them)."
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

    @property
    def first_day(self) -> date:
        return self.start.date() if isinstance(self.start, datetime) else self.start


def render_calendars(timeline: Timeline, site: Site) -> dict[str, bytes]:
    """Every calendar file, by name: all events, one per kind and one per series."""
    info = timeline.data.calendar
    entries = list(timeline)
    files = {
        ALL_CALENDAR: _calendar(
            timeline, site, ALL_CALENDAR, info.name, f"{info.description} {GRID_NOTE}", entries
        )
    }
    for kind in sorted({entry.event.kind for entry in entries}):
        name = f"kind-{kind.value}.ics"
        chosen = [entry for entry in entries if entry.event.kind is kind]
        description = f"{kind.label} from {info.name}. {info.description} {GRID_NOTE}"
        files[name] = _calendar(timeline, site, name, f"{info.name}: {kind.label}", description, chosen)
    for series_id in sorted({entry.event.series for entry in entries if entry.event.series}):
        series = timeline.series[series_id]
        name = f"series-{series.id}.ics"
        about = f" {series.description}" if series.description else ""
        description = f"{series.title}: every milestone, from {info.name}.{about} {GRID_NOTE}"
        files[name] = _calendar(
            timeline,
            site,
            name,
            f"{info.name}: {series.title}",
            description,
            timeline.series_entries(series_id),
        )
    return files


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


def sequence(entry: Entry) -> int:
    """Grows with every dated target announced and with the outcome: (targets + outcome) - 1."""
    event = entry.event
    revisions = sum(1 for plan in event.plans if plan.target is not None)
    revisions += 1 if event.outcome is not None else 0
    return max(revisions - 1, 0)


def summary(entry: Entry, where: Placement) -> str:
    """'Planned: Harbin expo (sometime in June 2014)', 'Bridge opens', 'Cancelled: Forum'."""
    text = SUMMARY_PREFIX[entry.flag] + (clean_text(entry.event.title).strip() or entry.event.id)
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
    facts = [f"{status_heading(entry, timeline.as_of)}: {status_words(entry)}."]
    if entry.date is not None and not where.exact:
        facts.append(f"Date: {date_phrase(entry.date)}{_spread_note(entry.date, where)}")
    if event.place is not None:
        facts.append(f"Where: {event.place.words()}")
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
    timeline: Timeline, site: Site, file_name: str, name: str, description: str, entries: Iterable[Entry]
) -> bytes:
    info = timeline.data.calendar
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
        where = placement(entry.date, ZoneInfo(_zone_of(entry, info.timezone)))
        if where is not None:
            placed.append((where, entry))
    placed.sort(key=lambda pair: (pair[0].first_day, pair[1].event.id))

    spans: dict[str, list[date]] = {}
    for where, _ in placed:
        for moment in (where.start, where.end):
            if isinstance(moment, datetime) and moment.tzinfo is not None:
                spans.setdefault(str(moment.tzinfo), []).append(moment.date())
    if not placed:
        # RFC 5545 wants at least one component: a calendar with nothing in the grid (yet) carries
        # its time zone, so that it stays valid and its address keeps working for subscribers.
        # (From a fixed day, so that a newer as-of day does not rewrite a calendar with no event.)
        spans[info.timezone] = [EMPTY_CALENDAR_ZONE_DAY]
    for tzid, days in sorted(spans.items()):
        calendar.add_component(vtimezone(tzid, min(days), max(days)))
    for where, entry in placed:
        calendar.add_component(_event(entry, where, timeline))
    return bytes(calendar.to_ical())


def vtimezone(tzid: str, first: date, last: date) -> Timezone:
    """The VTIMEZONE of a zone from the first to the last day it is used on, one onset a component.

    RFC 5545 lets a VTIMEZONE hold only the observances the calendar's times need; covering just
    those days keeps it short. icalendar lists repeated onsets as one RDATE with many values, which
    ical.js (Thunderbird) reads only the first of and vobject not at all, and adds a COMMENT that
    RFC 5545 does not allow in a VTIMEZONE: each onset here is its own STANDARD or DAYLIGHT
    component with a DTSTART, and there is no COMMENT.
    """
    generated = Timezone.from_tzid(tzid, first_date=first, last_date=day_after(last))
    onsets: list[tuple[datetime, TimezoneStandard | TimezoneDaylight]] = []
    for observance in generated.standard + generated.daylight:
        starts = [observance.DTSTART] + [start for start, _ in observance.rdates]
        for start in starts:
            assert isinstance(start, datetime)
            onset = type(observance)()
            onset.DTSTART = start
            onset.TZOFFSETFROM = observance.TZOFFSETFROM
            onset.TZOFFSETTO = observance.TZOFFSETTO
            onset.add("tzname", str(observance["TZNAME"]))
            onsets.append((start, onset))
    zone = Timezone()
    zone.add("tzid", tzid)
    for _, onset in sorted(onsets, key=lambda pair: pair[0]):
        zone.add_component(onset)
    return zone


def _event(entry: Entry, where: Placement, timeline: Timeline) -> Event:
    event = entry.event
    vevent = Event()
    vevent.add("uid", f"{event.id}@sinotime")
    vevent.add("dtstamp", _utc_midnight(event.changed))
    vevent.add("created", _utc_midnight(event.added))
    vevent.add("last-modified", _utc_midnight(event.changed))
    vevent.add("sequence", sequence(entry))
    vevent.add("dtstart", where.start)
    if where.end is not None:
        vevent.add("dtend", where.end)
    vevent.add("summary", Text(summary(entry, where)))
    vevent.add("description", Text(describe(entry, timeline, where)))
    vevent.add("status", STATUS[entry.flag])
    vevent.add("transp", "TRANSPARENT")  # others' events never make a subscriber look busy
    location = clean_text(event.place.words(countries=False)).strip() if event.place is not None else ""
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
