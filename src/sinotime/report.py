"""`sinotime report`: every event in the order it happened, each plan beside its outcome.

A library in three steps, so that each can be tested on its own:

- `select(timeline, filters)` picks the timeline's entries that match every filter;
- `make_report(timeline, filters)` turns them into a `Report`: one `Row` per event, with its
  targets in the order announced, its outcome, its slip, its sources; the series read as
  stories; a summary (counts per flag and kind, the longest slips, what is overdue);
- the pure renderers `render_text` and `render_markdown` here, and `render_json` and
  `render_csv` in `sinotime.report_data`, turn a `Report` into text, Markdown, JSON or CSV
  (`sinotime.report_formats` holds their escaping, wrapping and colour helpers).

Flags and slips come from `timeline`; nothing here decides them again.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sinotime.dates import FuzzyDate, day_after, day_words
from sinotime.models import Event, Kind, OutcomeStatus, Place, Series, Source
from sinotime.names import OTHER_NAMES, Name, all_names, names_words, other_names, search_key
from sinotime.report_formats import clean, compact, markdown, style, wrap
from sinotime.timeline import (
    Entry,
    Fit,
    Flag,
    Slip,
    Timeline,
    current_plan,
    duration_words,
    slip_words,
    status_words,
)
from sinotime.timeline import date_words as event_date_words

Day = date  # `Row.date` is a field; this names the type inside classes that have one

SCHEMA_VERSION = 2
LONGEST_SLIPS = 5  # how many slips the summary lists
COMING_NEXT = 5  # how many of the next plans the summary lists


@dataclass(frozen=True, slots=True)
class Filters:
    """What to keep: every given filter must match (AND); values of one filter are alternatives (OR).

    `start` and `end` are days: an event is kept when its date's bounds overlap
    [start, end]. Events without a date (unscheduled plans) are left out when either is given.
    """

    kinds: tuple[Kind, ...] = ()
    flags: tuple[Flag, ...] = ()
    series: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    search: str | None = None

    def __post_init__(self) -> None:
        # One canonical order, so that the same filters describe themselves the same way.
        object.__setattr__(self, "kinds", tuple(k for k in Kind if k in self.kinds))
        object.__setattr__(self, "flags", tuple(f for f in Flag if f in self.flags))
        object.__setattr__(self, "series", tuple(sorted(set(self.series))))
        if self.search is not None and not self.search.strip():
            object.__setattr__(self, "search", None)

    def describe(self) -> str:
        """The filters as the options that give them: "--kind expo --flag overdue"."""
        parts = [f"--kind {k.value}" for k in self.kinds]
        parts += [f"--flag {f.value}" for f in self.flags]
        parts += [f"--series {s}" for s in self.series]
        if self.start is not None:
            parts.append(f"--from {self.start.isoformat()}")
        if self.end is not None:
            parts.append(f"--to {self.end.isoformat()}")
        if self.search is not None:
            parts.append(f"--search {shlex.quote(self.search)}")
        return " ".join(parts)

    def matches(self, entry: Entry) -> bool:
        event = entry.event
        if self.kinds and event.kind not in self.kinds:
            return False
        if self.flags and entry.flag not in self.flags:
            return False
        if self.series and event.series not in self.series:
            return False
        if (self.start is not None or self.end is not None) and not _overlaps(
            entry.date, self.start, self.end
        ):
            return False
        return self.search is None or search_key(self.search) in _search_text(entry)


def _overlaps(value: FuzzyDate | None, start: date | None, end: date | None) -> bool:
    if value is None:
        return False
    if end is not None and value.earliest > end:
        return False
    latest = value.latest
    return start is None or latest is None or latest >= start


def _search_text(entry: Entry) -> str:
    """What --search looks in: every name of the event in every language, and its words."""
    event = entry.event
    parts: list[str] = [*all_names(event, entry.series), event.description or ""]
    if event.place is not None:
        parts += [event.place.region or "", *event.place.countries]
    parts += event.participants
    parts += event.tags
    return search_key("\n".join(parts))


def select(timeline: Timeline, filters: Filters) -> list[Entry]:
    """The timeline's entries that match every filter, in the timeline's order."""
    return [entry for entry in timeline if filters.matches(entry)]


# The data model of a report ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TargetRow:
    """One announced target: what was promised, by whom, when."""

    target: FuzzyDate | None
    wording: str
    announced: FuzzyDate
    source: Source
    quote: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class OtherReport:
    date: FuzzyDate | None
    wording: str | None
    source: Source
    note: str | None


@dataclass(frozen=True, slots=True)
class OutcomeRow:
    status: OutcomeStatus
    date: FuzzyDate | None
    wording: str | None
    source: Source
    quote: str | None
    note: str | None
    other_reports: tuple[OtherReport, ...]
    scope: str | None  # which part happened, when only part did


@dataclass(frozen=True, slots=True)
class NewsRow:
    """A dated report that the plan had not happened yet."""

    date: FuzzyDate
    says: str
    source: Source
    quote: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class Row:
    """One event as the report shows it."""

    id: str
    title: str
    other_names: tuple[Name, ...]  # the title, series and place in other languages (`names`)
    kind: Kind
    series: Series | None
    flag: Flag
    date: FuzzyDate | None  # when it happened, else its current target; None when unscheduled
    wording: str | None  # the source's own words for `date`
    announced: FuzzyDate | None  # when its latest plan was announced (dates an unscheduled plan)
    place: Place | None
    description: str | None
    participants: tuple[str, ...]
    tags: tuple[str, ...]
    targets: tuple[TargetRow, ...]
    outcome: OutcomeRow | None
    first_target: FuzzyDate | None  # what the slip is measured against (`timeline.first_target`)
    current_target: FuzzyDate | None  # the latest announced target with a date
    current_target_wording: str | None  # the source's words for it
    slip: Slip | None  # how late, against the first target
    last_slip: Slip | None  # how late against the last target, when it differs from the first
    fit: Fit | None  # how the outcome sits against the first target
    overdue_since: Day | None  # the day after the plan's last possible day, when past due
    overdue_days: int | None  # days from the plan's last possible day to the as-of date
    past_due_for: str | None  # the same in words: "12 y 5 m"
    no_news_since: FuzzyDate | None  # the newest source on an unverified plan
    note: str | None  # what qualifies the status (`timeline.status_note`)
    news: tuple[NewsRow, ...]
    sources: tuple[Source, ...]

    @property
    def ahead(self) -> bool:
        """Whether it happened before the first target's earliest day."""
        return self.fit is Fit.AHEAD


@dataclass(frozen=True, slots=True)
class SeriesStory:
    series: Series
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Summary:
    total: int
    flags: dict[Flag, int]  # every flag, in Flag order, zeros included
    kinds: dict[Kind, int]  # every kind, in Kind order, zeros included
    longest_slips: tuple[Row, ...]
    overdue: tuple[Row, ...]  # past due, and news after the last day says it had not happened
    unverified: tuple[Row, ...]  # past due, and nothing after the last day says either way
    coming_next: tuple[Row, ...]  # the plans still due, soonest last possible day first


@dataclass(frozen=True, slots=True)
class Report:
    title: str
    as_of: date
    filters: Filters
    rows: tuple[Row, ...]
    series: tuple[SeriesStory, ...]
    summary: Summary
    schema_version: int = SCHEMA_VERSION

    @property
    def empty_message(self) -> str:
        """What an empty report says: "No events match: --kind expo --flag overdue"."""
        return f"No events match: {self.filters.describe() or '(no filters)'}"


def make_report(timeline: Timeline, filters: Filters) -> Report:
    """Select the entries and resolve each into a Row; gather the series and the summary."""
    rows = report_rows(timeline, select(timeline, filters))
    return Report(
        title=timeline.data.calendar.name,
        as_of=timeline.as_of,
        filters=filters,
        rows=rows,
        series=series_stories(timeline, rows),
        summary=summarise(rows),
    )


def report_rows(timeline: Timeline, entries: Iterable[Entry]) -> tuple[Row, ...]:
    """One Row per entry, in the entries' order."""
    return tuple(_row(timeline, entry) for entry in entries)


def _row(timeline: Timeline, entry: Entry) -> Row:
    event = entry.event
    ref = timeline.sources.__getitem__
    targets = tuple(
        TargetRow(plan.target, plan.wording, plan.announced, ref(plan.source), plan.quote, plan.note)
        for plan in event.plans
    )
    outcome = None
    if event.outcome is not None:
        o = event.outcome
        outcome = OutcomeRow(
            status=o.status,
            date=o.date,
            wording=o.wording,
            source=ref(o.source),
            quote=o.quote,
            note=o.note,
            other_reports=tuple(
                OtherReport(r.date, r.wording, ref(r.source), r.note) for r in o.other_reports
            ),
            scope=o.scope,
        )
    since = entry.overdue_since
    plan = current_plan(event)
    return Row(
        id=event.id,
        title=event.title,
        other_names=other_names(event, entry.series),
        kind=event.kind,
        series=entry.series,
        flag=entry.flag,
        date=entry.date,
        wording=_date_wording(event),
        announced=event.plans[-1].announced if event.plans else None,
        place=event.place,
        description=event.description,
        participants=event.participants,
        tags=event.tags,
        targets=targets,
        outcome=outcome,
        first_target=entry.first_target,
        current_target=None if plan is None else plan.target,
        current_target_wording=None if plan is None else plan.wording,
        slip=entry.slip,
        last_slip=entry.last_slip,
        fit=entry.fit,
        overdue_since=since,
        overdue_days=None if since is None else (timeline.as_of - since).days + 1,
        past_due_for=None if since is None else duration_words(since, day_after(timeline.as_of)),
        no_news_since=entry.no_news_since,
        note=entry.note,
        news=tuple(NewsRow(n.date, n.says, ref(n.source), n.quote, n.note) for n in event.news),
        sources=tuple(ref(source_id) for source_id in event.source_ids()),
    )


def _date_wording(event: Event) -> str | None:
    """The source's words for the event's date: the outcome's, else the current target's."""
    if event.outcome is not None and event.outcome.date is not None:
        return event.outcome.wording
    plan = current_plan(event)
    return None if plan is None else plan.wording


def series_stories(timeline: Timeline, rows: Sequence[Row]) -> tuple[SeriesStory, ...]:
    """Each series with rows in the report, its rows in order; series ordered by their first row."""
    stories: dict[str, list[Row]] = {}
    for row in rows:
        if row.series is not None:
            stories.setdefault(row.series.id, []).append(row)
    return tuple(SeriesStory(timeline.series[sid], tuple(members)) for sid, members in stories.items())


def summarise(rows: Sequence[Row]) -> Summary:
    flags = dict.fromkeys(Flag, 0)
    kinds = dict.fromkeys(Kind, 0)
    for row in rows:
        flags[row.flag] += 1
        kinds[row.kind] += 1
    order = {row.id: index for index, row in enumerate(rows)}
    slipped = sorted(
        (row for row in rows if row.slip is not None),
        key=lambda row: (-row.slip.days if row.slip else 0, order[row.id]),
    )
    still_due = sorted(
        (row for row in rows if row.flag in (Flag.UPCOMING, Flag.SLIPPING) and row.date is not None),
        key=lambda row: (_last_day(row), order[row.id]),
    )
    return Summary(
        total=len(rows),
        flags=flags,
        kinds=kinds,
        longest_slips=tuple(slipped[:LONGEST_SLIPS]),
        overdue=tuple(row for row in rows if row.flag is Flag.OVERDUE),
        unverified=tuple(row for row in rows if row.flag is Flag.UNVERIFIED),
        coming_next=tuple(still_due[:COMING_NEXT]),
    )


def _last_day(row: Row) -> date:
    latest = row.date.latest if row.date is not None else None
    return latest or date.max


# Words shared by the renderers --------------------------------------------------------------


def date_words(row: Row, *, short: bool = False, plain: bool = False) -> str:
    """The row's date as every output words it ("16 November 2022", "due summer 2026", "was due
    June 2024"), or with `plain` only the date at its true precision; an unscheduled plan says
    when it was announced. The status comes from `timeline.status_words`, as everywhere."""
    if row.date is not None:
        return row.date.words(short=short) if plain else event_date_words(row, short=short) or ""
    announced = f" (announced {row.announced.words(short=short)})" if row.announced else ""
    return f"no date{announced}"


def place_words(place: Place | None, *, countries: bool = True) -> str:
    """ "Tongjiang, Heilongjiang (CN)"; empty when the event names no place."""
    return "" if place is None else place.words(countries=countries)


def _lower_first(text: str) -> str:
    """ "Overdue since 1 Sep 2026" inside a sentence: "overdue since 1 Sep 2026"."""
    return text[:1].lower() + text[1:]


def history_steps(row: Row) -> list[str]:
    """The plan's story, one step each: every target and news item in date order, then the end.

    ["in operation in 2018 (China Daily, Feb 2017)", ..., "happened 16 Nov 2022 (SeaNews,
    Nov 2022), +3 y 10 m late against the first target (2018)"]. Empty for an event that was
    never planned.
    """
    if not row.targets:
        return []
    dated = [(t.announced.earliest, _target_step(t)) for t in row.targets]
    dated += [(n.date.earliest, _news_step(n)) for n in row.news]
    steps = [step for _, step in sorted(dated, key=lambda pair: pair[0])]
    steps.append(_end_step(row))
    return steps


def _target_step(target: TargetRow) -> str:
    text = target.wording
    if target.target is not None:
        long, short = target.target.words(), target.target.words(short=True)
        if long.casefold() not in text.casefold() and short.casefold() not in text.casefold():
            text += f" [{short}]"
    return f"{text} ({target.source.display_name}, {compact(target.announced)})"


def _news_step(news: NewsRow) -> str:
    return f"news: {news.says} ({news.source.display_name}, {compact(news.date)})"


FIT_WORDS = {Fit.AHEAD: "ahead of target", Fit.ON_TARGET: "on target", Fit.UNCLEAR: "target unclear"}


def _end_step(row: Row) -> str:
    outcome = row.outcome
    if outcome is not None:
        cited = f"({outcome.source.display_name}, {compact(outcome.source.published)})"
        verb = outcome.status.verb.lower()
        if outcome.status is OutcomeStatus.CANCELLED:
            return f"{verb} {cited}"
        if outcome.status is OutcomeStatus.POSTPONED:
            return f"{verb}, no new date {cited}"
        assert outcome.date is not None
        part = " in part" if outcome.scope else ""
        text = f"{verb}{part} {outcome.date.words(short=True)} {cited}"
        if row.slip is not None:
            text += f", {slip_words(row.slip, row.first_target, 'first', short=True)}"
            if row.last_slip is not None:
                text += f", {slip_words(row.last_slip, row.current_target, 'last', short=True)}"
            return text
        return f"{text}, {FIT_WORDS[row.fit]}" if row.fit in FIT_WORDS else text
    match row.flag:
        case Flag.OVERDUE | Flag.UNVERIFIED:
            return f"no outcome known, {_lower_first(status_words(row, short=True))}"
        case Flag.UPCOMING | Flag.SLIPPING if row.date is not None and row.date.latest is not None:
            return f"not yet due (by {day_words(row.date.latest, short=True)})"
        case Flag.UPCOMING | Flag.SLIPPING:
            return "not yet due"
        case _:
            return "no date set, no outcome yet"


def source_words(source: Source) -> str:
    return f"{source.display_name} ({compact(source.published)})"


def other_report_words(report: OtherReport) -> str:
    said = report.wording or (report.date.words(short=True) if report.date else "")
    if report.date is not None and report.wording:
        said = f'"{report.wording}" ({report.date.words(short=True)})'
    return f"{source_words(report.source)}: {said}" if said else source_words(report.source)


# Text, for a terminal -----------------------------------------------------------------------

FLAG_STYLES: dict[Flag, tuple[str, ...]] = {
    Flag.COMPLETED: ("green",),
    Flag.COMPLETED_LATE: ("yellow",),
    Flag.COMPLETED_PARTLY: ("yellow",),
    Flag.UPCOMING: ("cyan",),
    Flag.SLIPPING: ("cyan", "bold"),
    Flag.OVERDUE: ("red", "bold"),
    Flag.UNVERIFIED: ("red",),
    Flag.UNSCHEDULED: ("blue",),
    Flag.CANCELLED: ("magenta",),
    Flag.POSTPONED: ("magenta",),
}


def render_text(report: Report, *, width: int = 80, colour: bool = False) -> str:
    """The report for a terminal: the summary, then the events, then the series; wrapped to
    `width` columns, in colour only when asked."""
    out: list[str] = []

    def heading(text: str) -> None:
        out.extend(style(line, "bold", colour=colour) for line in wrap(clean(text), width, hang=""))

    def para(text: str, indent: str = "", hang: str = "  ") -> None:
        out.extend(wrap(clean(text), width, indent=indent, hang=hang))

    heading(f"{report.title}: plans and outcomes as of {day_words(report.as_of)}")
    if not report.rows:
        para(report.empty_message)
        return "\n".join(out) + "\n"
    para(f"Filters: {report.filters.describe() or 'none'}. {_count(len(report.rows), 'event')}.")
    out.append("")
    heading("SUMMARY")
    out.append("")
    for line, indent in summary_lines(report):
        para(line, indent, indent + "  ")
    out.append("")
    heading("EVENTS")
    for row in report.rows:
        out.append("")
        out.extend(
            style(line, "bold", colour=colour)
            for line in wrap(clean(f"{date_words(row)}: {row.title}"), width, hang="  ")
        )
        facts = [status_words(row), row.kind.value, place_words(row.place)]
        status = wrap(clean(" · ".join(fact for fact in facts if fact)), width, indent="  ", hang="    ")
        first, flag = status[0], row.flag.label
        if first.startswith("  " + flag):  # always, unless the width is absurdly small
            status[0] = "  " + style(flag, *FLAG_STYLES[row.flag], colour=colour) + first[2 + len(flag) :]
        out.extend(status)
        for label, text in row_details(row):
            para(f"{label}: {text}", "  ", "    ")
    if report.series:
        out.append("")
        heading("SERIES")
        for story in report.series:
            out.append("")
            heading(story.series.title)
            if story.series.description:
                para(story.series.description, "  ", "  ")
            for row in story.rows:
                para(
                    f"- {date_words(row, short=True)}: {row.title} [{status_words(row, short=True)}]",
                    "  ",
                    "    ",
                )
    return "\n".join(out) + "\n"


def row_details(row: Row) -> list[tuple[str, str]]:
    """The lines under an event's status in the text report, as (label, text)."""
    details: list[tuple[str, str]] = []
    if row.other_names:
        details.append((OTHER_NAMES.lower(), names_words(row.other_names)))
    if row.note:
        details.append(("why", row.note))
    if row.wording:
        details.append(("date", f'"{row.wording}" ({date_words(row, plain=True)})'))
    if row.series is not None:
        details.append(("series", row.series.title))
    steps = history_steps(row)
    if steps:
        details.append(("history", " -> ".join(steps)))
    if row.outcome is not None and row.outcome.note:
        details.append(("note", row.outcome.note))
    if row.outcome is not None and row.outcome.other_reports:
        details.append(("other reports", "; ".join(other_report_words(r) for r in row.outcome.other_reports)))
    details.append(("sources", "; ".join(source_words(s) for s in row.sources)))
    return details


def summary_lines(report: Report) -> list[tuple[str, str]]:
    """The summary as (line, indent): counts, what is overdue and unverified and for how long,
    the longest slips, what comes next."""
    summary = report.summary
    lines = [
        (f"{_count(summary.total, 'event')} as of {day_words(report.as_of)}", ""),
        ("statuses: " + "; ".join(f"{flag.choice_label} {n}" for flag, n in summary.flags.items() if n), ""),
        ("kinds: " + ", ".join(f"{n} {kind.value}" for kind, n in summary.kinds.items() if n), ""),
    ]
    for name, rows in (("overdue", summary.overdue), ("unverified", summary.unverified)):
        lines.append((f"{name}:" if rows else f"{name}: none", ""))
        lines += [(f"{row.title}: {past_due_words(row, short=True)}", "  ") for row in rows]
    if summary.longest_slips:
        lines.append(("longest slips:", ""))
        lines += [(f"{slip_line(row)}: {row.title}", "  ") for row in summary.longest_slips]
    lines.append(("coming next:" if summary.coming_next else "coming next: nothing planned with a date", ""))
    lines += [
        (f"{date_words(row, short=True)}: {row.title} [{status_words(row, short=True)}]", "  ")
        for row in summary.coming_next
    ]
    return lines


def slip_line(row: Row) -> str:
    """ "+3 y 10 m against the first target (2018), happened 16 Nov 2022"."""
    assert row.slip is not None
    slip = slip_words(row.slip, row.first_target, "first", short=True)
    return f"{slip}, happened {date_words(row, short=True)}"


def past_due_words(row: Row, *, short: bool) -> str:
    """ "target summer 2026 ("during the summer"), past due, no news since 2 March 2026, for 2 m"."""
    target = row.date.words(short=short) if row.date else "no date"
    wording = f' ("{row.wording}")' if row.wording else ""
    status = _lower_first(status_words(row, short=short))
    return f"target {target}{wording}, {status}, for {row.past_due_for or '0 d'}"


def _count(number: int, singular: str) -> str:
    return f"{number} {singular}{'' if number == 1 else 's'}"


# Markdown, for a document -------------------------------------------------------------------


def render_markdown(report: Report) -> str:
    """The report as CommonMark with GitHub tables; every piece of data is escaped."""
    md = markdown
    out = [f"# {md(report.title)}: plans and outcomes", ""]
    filters = report.filters.describe()
    if not report.rows:
        out += [f"As of {day_words(report.as_of)}.", "", md(report.empty_message)]
        return "\n".join(out) + "\n"
    out += [
        f"As of {day_words(report.as_of)}. Filters: {md(filters) if filters else 'none'}. "
        f"{_count(len(report.rows), 'event')}.",
        "",
        "## Summary",
        "",
        "| status | events |",
        "|:--|--:|",
        *(f"| {flag.choice_label} | {n} |" for flag, n in report.summary.flags.items()),
        "",
        "| kind | events |",
        "|:--|--:|",
        *(f"| {kind.value} | {n} |" for kind, n in report.summary.kinds.items() if n),
        "",
    ]
    out += _markdown_summary_lists(report)
    out += [
        "## Events",
        "",
        f"| date | event | {OTHER_NAMES.lower()} | kind | place | status |",
        "|:--|:--|:--|:--|:--|:--|",
    ]
    for row in report.rows:
        names = names_words(row.other_names)
        cells = [date_words(row), row.title, names, row.kind.value, place_words(row.place), status_words(row)]
        out.append("| " + " | ".join(md(cell) for cell in cells) + " |")
    planned = [row for row in report.rows if row.targets or row.note]
    if planned:
        out += ["", "## Plans and outcomes", ""]
        for row in planned:
            text = f"- **{md(row.title)}**: {md(status_words(row))}."
            if row.note:
                text += f" Why: {md(row.note)}"
            if row.wording:
                text += f' Date: "{md(row.wording)}" ({md(date_words(row, plain=True))}).'
            if row.targets:
                text += " History: " + " → ".join(md(step) for step in history_steps(row)) + "."
            out.append(text)
    if report.series:
        out += ["", "## Series"]
        for story in report.series:
            out += ["", f"### {md(story.series.title)}", ""]
            if story.series.description:
                out += [md(story.series.description), ""]
            out += [
                f"{n}. {md(date_words(row))}: {md(row.title)} ({md(status_words(row))})"
                for n, row in enumerate(story.rows, 1)
            ]
    return "\n".join(out) + "\n"


def _markdown_summary_lists(report: Report) -> list[str]:
    """The summary's lists in Markdown: past due (overdue, unverified), longest slips, next."""
    md, summary, out = markdown, report.summary, []
    for name, rows in (("Overdue", summary.overdue), ("Unverified", summary.unverified)):
        if rows:
            out += [f"{name} as of {day_words(report.as_of)}:", ""]
            out += [f"- {md(row.title)}: {md(past_due_words(row, short=False))}" for row in rows]
            out.append("")
    if summary.longest_slips:
        out += ["Longest slips:", ""]
        out += [
            f"{n}. {md(slip_line(row))}: {md(row.title)}" for n, row in enumerate(summary.longest_slips, 1)
        ]
        out.append("")
    if summary.coming_next:
        out += ["Coming next:", ""]
        out += [
            f"- {md(date_words(row))}: {md(row.title)} ({md(status_words(row))})"
            for row in summary.coming_next
        ]
        out.append("")
    return out
