"""The report's words for a row: its date, place, history steps, sources, slips and past-due time.

Shared by every format of the report; the status comes from `sinotime.words.status_words`, as in
every output.
"""

from __future__ import annotations

from sinotime.dates import day_words
from sinotime.models import OutcomeStatus, Place, Source
from sinotime.report.lines import compact
from sinotime.report.model import NewsRow, OtherReport, Row, TargetRow
from sinotime.timeline import Fit, Flag
from sinotime.words import date_words as event_date_words
from sinotime.words import slip_words, status_words


def date_words(row: Row, *, short: bool = False, plain: bool = False) -> str:
    """The row's date as every output words it ("16 November 2022", "due summer 2026", "was due
    June 2024"), or with `plain` only the date at its true precision; an unscheduled plan says
    when it was announced. The status comes from `sinotime.words.status_words`, as everywhere."""
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


def count(number: int, singular: str) -> str:
    return f"{number} {singular}{'' if number == 1 else 's'}"
