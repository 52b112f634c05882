"""The report's words for a row: its date, history steps, sources, slips and past-due time.

Shared by every format of the report; the status comes from `sinotime.words.status_words`, as in
every output.
"""

from __future__ import annotations

from collections.abc import Sequence

from sinotime.models import Source
from sinotime.report.model import Row, row_slip
from sinotime.words import NO_DATE, slip_words, source_phrase, status_words
from sinotime.words import date_words as event_date_words


def date_words(row: Row, *, short: bool = False, plain: bool = False) -> str:
    """The row's date as every output words it ("16 November 2022", "due summer 2026", "was due
    June 2024"), or with `plain` only the date at its true precision; an unscheduled plan says
    when it was announced. The status comes from `sinotime.words.status_words`, as everywhere."""
    if row.status.date is not None:
        return (
            row.status.date.words(short=short) if plain else event_date_words(row.status, short=short) or ""
        )
    announced = f" (announced {row.announced.words(short=short)})" if row.announced else ""
    return f"{NO_DATE}{announced}"


def _lower_first(text: str) -> str:
    """ "Overdue since 1 Sep 2026" inside a sentence: "overdue since 1 Sep 2026"."""
    return text[:1].lower() + text[1:]


def history_steps(row: Row) -> list[str]:
    """The event's story, one step each, in the words of every output (`sinotime.words.history`):
    ["Target 2018: “in operation in 2018”, announced 16 February 2017 by China Daily", ...,
    "Happened 16 November 2022: “16 November”, reported 18 November 2022 by SeaNews"]."""
    return [step.phrase.text for step in row.history]


def sources_words(sources: Sequence[Source]) -> str:
    """Every source cited, as every output cites it, one after the other."""
    return "; ".join(source_phrase(source).text for source in sources)


def slip_line(row: Row) -> str:
    """ "+3 y 11 m against the first target (2018), happened 16 November 2022"; for a plan moved
    later, "+9 m so far against the first target (summer 2026), now set for spring 2027"."""
    slip = row_slip(row)
    assert slip is not None
    if row.status.slip is None:  # still a plan
        return (
            f"{slip.words()} so far against the first target ({_first(row)}), now set for {date_words(row)}"
        )
    return f"{slip_words(slip, row.status.first_target, 'first')}, happened {date_words(row)}"


def _first(row: Row) -> str:
    return row.status.first_target.words() if row.status.first_target is not None else NO_DATE


def past_due_words(row: Row, *, short: bool = False) -> str:
    """ "target summer 2026 ("during the summer"), past due, no news since 2 March 2026, for 2 m"."""
    target = row.status.date.words(short=short) if row.status.date else NO_DATE
    wording = f' ("{row.wording}")' if row.wording else ""
    status = _lower_first(status_words(row.status, short=short))
    return f"target {target}{wording}, {status}, for {row.past_due_for or '0 d'}"


def count(number: int, singular: str) -> str:
    return f"{number} {singular}{'' if number == 1 else 's'}"
