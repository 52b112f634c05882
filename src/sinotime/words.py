"""Every phrase said of an event, made once for every output; renderers choose markup only.

- `status_words` ("Completed late, +3 y 10 m against the first target (2018)", "Past due, no
  news since 2 March 2026", "Planned, moved from 2025 to spring 2027"),
- `status_note` (why it is unverified or overdue, which part happened, the slip against the
  last target),
- `date_words` ("16 November 2022", "due summer 2026", "was due June 2024"),
- `slip_words` and `duration_words` (how late, how long past due).

Words only: which status an event has is `statuses`' and `timeline`'s business.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Protocol

from sinotime.dates import FuzzyDate, Precision, day_words, parse_date
from sinotime.models import Event, Source
from sinotime.statuses import (
    HORIZON,
    Fit,
    Flag,
    Slip,
    current_target,
    first_target,
    fit,
    last_slip_of,
    newest_evidence,
    news_after,
    slip_between,
)

Day = date  # a field of `Status` is named `date`; this names the type inside it


class Status(Protocol):
    """What the words of a status need; a timeline `Entry` and a report `Row` both have it."""

    @property
    def flag(self) -> Flag: ...
    @property
    def date(self) -> FuzzyDate | None: ...
    @property
    def slip(self) -> Slip | None: ...
    @property
    def fit(self) -> Fit | None: ...
    @property
    def overdue_since(self) -> Day | None: ...
    @property
    def first_target(self) -> FuzzyDate | None: ...
    @property
    def no_news_since(self) -> FuzzyDate | None: ...


def status_words(status: Status, *, short: bool = False) -> str:
    """The status in words, the same in the calendars, feeds, page and report.

    "Completed late, +3 y 10 m against the first target (2018)", "Completed, ahead of target",
    "Completed, target unclear", "Planned, moved from 2025 to spring 2027", "Overdue since 1
    July 2014", "Past due, no news since 2 March 2026", else the flag's label ("Planned",
    "Planned, no date", "Cancelled"...). Short months when short.
    """
    flag = status.flag
    if flag in (Flag.COMPLETED_LATE, Flag.COMPLETED_PARTLY) and status.slip is not None:
        return f"{flag.label}, {slip_words(status.slip, status.first_target, 'first', short=short)}"
    if flag is Flag.COMPLETED and status.fit is Fit.AHEAD:
        return f"{flag.label}, ahead of target"
    if flag is Flag.COMPLETED and status.fit is Fit.UNCLEAR:
        return f"{flag.label}, target unclear"
    if flag is Flag.SLIPPING and status.first_target is not None and status.date is not None:
        moved = f"{status.first_target.words(short=short)} to {status.date.words(short=short)}"
        return f"Planned, moved from {moved}"
    if flag is Flag.OVERDUE and status.overdue_since is not None:
        return f"{flag.label} since {day_words(status.overdue_since, short=short)}"
    if flag is Flag.UNVERIFIED and status.no_news_since is not None:
        return f"Past due, no news since {since_words(status.no_news_since, short=short)}"
    return flag.label


def slip_words(slip: Slip, target: FuzzyDate | None, which: str, *, short: bool = False) -> str:
    """ "+3 y 10 m against the first target (2018)": a slip with its baseline."""
    if target is None:
        return slip.words()
    return f"{slip.words()} against the {which} target ({target.words(short=short)})"


def since_words(value: FuzzyDate, *, short: bool = False) -> str:
    """A source's date after "no news since": "2 March 2026"; a window as its range of days,
    "13 April – 24 May 2023", since "between ..." does not read after "since"."""
    if value.precision is Precision.WINDOW and value.latest is not None:
        span = parse_date(f"{value.earliest.isoformat()}/{value.latest.isoformat()}")
        return span.words(short=short)
    if value.precision is Precision.OPEN:
        return day_words(value.earliest, short=short)
    return value.words(short=short)


def duration_words(start: date, end: date) -> str:
    """How long from `start` to `end`: "12 y 5 m", "3 m", "12 d"; "0 d" when not after."""
    slip = slip_between(start, end)
    return "0 d" if slip is None else slip.length()


def status_note(
    event: Event, flag: Flag, sources: Mapping[str, Source], *, short: bool = False
) -> str | None:
    """What qualifies the status, the same in every output; None when nothing does.

    Which part happened (completed-partly); the slip against the last target when it differs
    from the first; for an overdue plan the news that says it had not happened; for an
    unverified one that nothing dated after its last day says either way.
    """
    outcome = event.outcome
    parts: list[str] = []
    if flag is Flag.COMPLETED_PARTLY and outcome is not None and outcome.scope:
        parts.append(f"In part: {outcome.scope}")
    last_slip = last_slip_of(event)
    if last_slip is not None and flag in (Flag.COMPLETED_LATE, Flag.COMPLETED_PARTLY):
        last = current_target(event)
        assert last is not None
        parts.append(f"Against the last target ({last.words(short=short)}): {last_slip.words()}.")
    first, happened = first_target(event), outcome.date if outcome is not None else None
    if flag is Flag.COMPLETED and fit(event) is Fit.UNCLEAR and first is not None and happened is not None:
        parts.append(
            f"Known only as {happened.words(short=short)}, which does not tell whether it kept the"
            f" target of {first.words(short=short)}."
        )
    target = current_target(event)
    if flag is Flag.OVERDUE and target is not None and target.latest is not None:
        news = news_after(event, target.latest)
        assert news is not None
        said = f"{sources[news.source].display_name}, {news.date.words(short=short)}"
        parts.append(f"Not done by {target.words(short=short)}: “{news.says}” ({said}).")
    if flag is Flag.UNVERIFIED and target is not None:
        parts.append(_unverified_note(event, target, sources, short=short))
    return " ".join(parts) or None


def _unverified_note(event: Event, target: FuzzyDate, sources: Mapping[str, Source], *, short: bool) -> str:
    newest = newest_evidence(event)
    assert newest is not None
    named = [n.source for n in event.news if n.date == newest]
    named += [p.source for p in event.plans if p.announced == newest]
    who = sources[named[-1]].display_name if named else "a source"
    if target.latest is None:
        months = HORIZON.months + 12 * HORIZON.years
        return (
            f"The target was open-ended ({target.words(short=short)}) and nothing about it has been "
            f"found for more than {months} months since {who} ({newest.words(short=short)}); "
            "not known to have happened or to have been missed."
        )
    return (
        f"The last target, {target.words(short=short)}, has passed and no source dated after it "
        f"says whether it happened; the newest is {who} ({newest.words(short=short)})."
    )


def date_words(status: Status, *, short: bool = False) -> str | None:
    """The event's date in words, the same in every output; None for a plan with no date.

    "16 November 2022", "June 2027"; "due June 2014" when past due; "was due June 2024" when
    cancelled or postponed (a cancelled outcome's date is the date it would have had).
    """
    if status.date is None:
        return None
    words = status.date.words(short=short)
    if status.flag in (Flag.CANCELLED, Flag.POSTPONED):
        return f"was due {words}"
    if status.flag.is_past_due:
        return f"due {words}"
    return words
