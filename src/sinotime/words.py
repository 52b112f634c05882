"""Every phrase said of an event, made once for every output; renderers choose markup only.

- `status_words` ("Completed late, +3 y 11 m against the first target (2018)", "Past due, no
  news since 2 March 2026", "Planned, moved from 2025 to spring 2027"),
- `status_note` (why it is unverified or overdue, which part happened, the slip against the
  last target),
- `date_words` ("16 November 2022", "due summer 2026", "was due June 2024"),
- `slip_words` and `duration_words` (how late, how long past due),
- `history`: the plan's story, one `Step` each: "Target 2018: “in operation in 2018”, announced
  16 February 2017 by China Daily", news, the outcome, other reports, "No outcome yet";
- `source_phrase` (a source cited: "China Daily: “Rail bridge …”, 16 February 2017"),
  `place_words` and `participants_words`, with their labels (`PLACE`, `PARTICIPANTS`).

A phrase that a renderer may mark up (a date to stress, a source's own words to quote, a name
to link) is a `Phrase` of `Part`s, each with its `Role`; `Phrase.text` is it as plain text.
Words only: which status an event has is `statuses`' and `timeline`'s business.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

from sinotime.dates import FuzzyDate, Precision, day_words, parse_date
from sinotime.memo import KeptByIdentity, kept_by_identity
from sinotime.models import Event, News, Outcome, OutcomeStatus, Place, Plan, Source
from sinotime.models import Report as OtherReport
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

if TYPE_CHECKING:  # `timeline` words its entries with this module, so it is not imported
    from sinotime.timeline import Entry


def status_words(status: Entry, *, short: bool = False) -> str:
    """The status in words, the same in the calendars, feeds, page and report.

    "Completed late, +3 y 11 m against the first target (2018)", "Completed, on target",
    "Completed, ahead of target", "Completed, target unclear", "Planned, moved from 2025 to
    spring 2027", "Overdue since 1 July 2014", "Past due, no news since 2 March 2026", else the
    flag's label ("Planned", "Planned, no date", "Cancelled"...). Short months when short.
    """
    flag = status.flag
    if flag in (Flag.COMPLETED_LATE, Flag.COMPLETED_PARTLY) and status.slip is not None:
        return f"{flag.label}, {slip_words(status.slip, status.first_target, 'first', short=short)}"
    if flag is Flag.COMPLETED and status.fit is Fit.AHEAD:
        return f"{flag.label}, ahead of target"
    if flag is Flag.COMPLETED and status.fit is Fit.ON_TARGET:
        return f"{flag.label}, on target"
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
    """ "+3 y 11 m against the first target (2018)": a slip with its baseline."""
    if target is None:
        return slip.words()
    return f"{slip.words()} against the {which} target ({target.words(short=short)})"


def since_words(value: FuzzyDate, *, short: bool = False) -> str:
    """A source's date after "no news since": "2 March 2026"; a window as the months it spans,
    "April–May 2023", since neither "between ..." nor a range of days reads after "since"."""
    if value.precision is Precision.WINDOW and value.latest is not None:
        first, last = value.earliest.strftime("%Y-%m"), value.latest.strftime("%Y-%m")
        return parse_date(first if first == last else f"{first}/{last}").words(short=short)
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
        parts.append(sentence(f"In part: {outcome.scope}"))
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


_SENTENCE_ENDS = (".", "!", "?", "…", ".”", "!”", "?”", '."', ".)")


def sentence(text: str) -> str:
    """`text` ending as a sentence does: a full stop added unless it already ends in one (or in
    "!", "?", "…"), so that the next sentence said after it does not run on."""
    text = text.rstrip()
    return text if text.endswith(_SENTENCE_ENDS) else text + "."


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


def date_words(status: Entry, *, short: bool = False) -> str | None:
    """The event's date in words, the same in every output; None for a plan with no date.

    "16 November 2022", "June 2027"; "due June 2014" when past due; "was due June 2024" when
    cancelled or postponed (a cancelled outcome's date is the date it would have had).
    """
    if status.date is None:
        return None
    words = status.date.words(short=short)
    if status.flag.is_called_off:
        return f"was due {words}"
    if status.flag.is_past_due:
        return f"due {words}"
    return words


NO_DATE = "no date given"  # a plan, an outcome or a report whose source gives no date


def when_words(status: Entry, *, short: bool = False) -> str:
    """`date_words`, and `NO_DATE` for a plan with no date: what a list says beside the title."""
    return date_words(status, short=short) or NO_DATE


# Phrases a renderer marks up ------------------------------------------------------------------

PLACE = "Place"
PARTICIPANTS = "Participants"
SOURCES = "Sources"
HISTORY = "History"


class Role(Enum):
    """What a part of a phrase is, so that each output can mark it up in its own way."""

    TEXT = "text"
    DATE = "date"  # what a step is about: a target, the day it happened (stressed on the page)
    QUOTE = "quote"  # a source's own words (in quotation marks)
    SOURCE = "source"  # who said it (linked to its article where it has one)
    TITLE = "title"  # an article's title (in quotation marks, linked where it has an address)


class Part(NamedTuple):  # made twice as fast as a frozen dataclass: 200,000 in a report of 10,000 events
    text: str
    role: Role = Role.TEXT
    url: str | None = None  # where a SOURCE or TITLE links to


QUOTED = (Role.QUOTE, Role.TITLE)


@dataclass(frozen=True, slots=True)
class Phrase:
    parts: tuple[Part, ...]
    _text: str | None = field(default=None, init=False, repr=False, compare=False)  # `text`, once made

    @property
    def text(self) -> str:
        """The phrase as plain text: quotes and titles in quotation marks."""
        text = self._text
        if text is None:
            text = "".join(f"“{part.text}”" if part.role in QUOTED else part.text for part in self.parts)
            object.__setattr__(self, "_text", text)  # frozen: only its text is kept, once made
        return text


@dataclass(frozen=True, slots=True)
class Step:
    """One step of an event's story, with what the data adds to it for a reader who wants more."""

    phrase: Phrase
    quote: str | None = None  # the source's quote on it
    note: str | None = None  # what is uncertain about an outcome


# A step is told again by each of its event's changes after it (the feeds, `history_tail`), so
# the steps told last are kept there; a few thousand, not all (a step takes about a kilobyte).
# Elsewhere each output words an event's steps once: `plan_step` and `news_step` keep none (kept
# a few thousand at a time, 412 of 59,098 were asked for again in a build of 10,000 events).
STEPS_KEPT = 1 << 12


def place_words(place: Place | None, *, countries: bool = True) -> str:
    """ "Tongjiang, Heilongjiang (CN)"; empty when the event names no place."""
    return "" if place is None else place.words(countries=countries)


def participants_words(participants: Sequence[str]) -> str:
    return "; ".join(participants)


@kept_by_identity(1 << 13)  # a source is cited again and again, in every output
def source_phrase(source: Source) -> Phrase:
    """A source cited: "China Daily: “Rail bridge to open in 2018”, 16 February 2017"."""
    named = [] if source.display_name == source.title else [Part(source.display_name), Part(": ")]
    return Phrase((*named, Part(source.title, Role.TITLE, source.url), Part(f", {source.published.words()}")))


def attribution(verb: str, when: str, source: Source) -> tuple[Part, ...]:
    """ "announced 16 February 2017 by China Daily", the name linked to its article."""
    return (Part(f"{verb} {when} by "), Part(source.display_name, Role.SOURCE, source.url))


def said(wording: str | None, verb: str, when: str, source: Source) -> tuple[Part, ...]:
    """ "“in operation in 2018”, announced 16 February 2017 by China Daily"."""
    quoted = (Part(wording, Role.QUOTE), Part(", ")) if wording else ()
    return (*quoted, *attribution(verb, when, source))


def plan_said(plan: Plan, source: Source) -> tuple[Part, ...]:
    return said(plan.wording, "announced", plan.announced.words(), source)


def news_said(news: News, source: Source, *, quoted: bool = True) -> tuple[Part, ...]:
    return said(news.says if quoted else None, "reported", news.date.words(), source)


def report_said(report: Outcome | OtherReport, source: Source) -> tuple[Part, ...]:
    return said(report.wording, "reported", source.published.words(), source)


def plan_step(plan: Plan, source: Source) -> Step:
    """ "Target 2018: “in operation in 2018”, announced 16 February 2017 by China Daily"."""
    head = (
        (Part("Target "), Part(plan.target.words(), Role.DATE)) if plan.target else (Part("No target date"),)
    )
    return Step(Phrase((*head, Part(": "), *plan_said(plan, source))), plan.quote)


def news_step(news: News, source: Source) -> Step:
    """ "News: “not open yet; works continue”, reported 5 October 2026 by Regional news"."""
    return Step(Phrase((Part("News: "), *news_said(news, source))), news.quote)


def outcome_step(outcome: Outcome, source: Source) -> Step:
    """ "Happened 16 November 2022: “16 November”, reported 18 November 2022 by SeaNews"."""
    head = [Part(outcome.status.verb + (" in part" if outcome.scope else ""))]
    if outcome.date is not None:
        head += [Part(" "), Part(outcome.date.words(), Role.DATE)]
    if outcome.status is OutcomeStatus.POSTPONED:
        head.append(Part(", no new date"))
    return Step(_headed(head, outcome.wording, report_said(outcome, source)), outcome.quote, outcome.note)


def other_report_step(report: OtherReport, source: Source) -> Step:
    """ "Another report 17 November 2022: “17 November”, reported 20 November 2022 by TASS"."""
    head = [Part("Another report")]
    if report.date is not None:
        head += [Part(" "), Part(report.date.words(), Role.DATE)]
    return Step(_headed(head, report.wording, report_said(report, source)), report.quote)


def _headed(head: Sequence[Part], wording: str | None, told: tuple[Part, ...]) -> Phrase:
    """A head, then who said it: after a colon when their words follow, else after a comma."""
    return Phrase((*head, Part(": " if wording else ", "), *told))


def closing_words(flag: Flag) -> str | None:
    """How a story without an outcome ends: "No outcome recorded" when past due, else "No outcome yet"."""
    if flag.is_past_due:
        return "No outcome recorded"
    return "No outcome yet" if flag.is_plan else None


def history(event: Event, flag: Flag, sources: Mapping[str, Source]) -> list[Step]:
    """The event's story: its targets and news in the order they were said, then the outcome
    and the other reports of it, then how it ends when nothing is known to have happened."""
    return [make() for _, make in _history_steps(event, flag, sources)]


# Steps already worded, by what they tell (a plan, a news item, an outcome, a report): see
# `history_tail`. At most STEPS_KEPT at a time (all of them at 10,000 events held 40 MB more at
# a build's peak).
WordedSteps = KeptByIdentity[Step]


def history_tail(
    event: Event, flag: Flag, sources: Mapping[str, Source], newest: int, worded: WordedSteps | None = None
) -> tuple[int, list[tuple[object, Step]]]:
    """How many steps `history` tells, and the `newest` of them, each beside what it tells (a
    plan, a news item, the outcome, a report; None for how the story ends), worded without
    wording the rest (a feed entry shows the end of a long story: this keeps an event of many
    steps linear); `worded` keeps each step worded once for a caller that tells the same story
    many times."""
    steps = _history_steps(event, flag, sources)
    return len(steps), [(told, _worded(told, make, worded)) for told, make in steps[-newest:]]


def _worded(told: object, make: Callable[[], Step], worded: WordedSteps | None) -> Step:
    if worded is None or told is None:
        return make()
    kept = worded.get(told)
    return kept if kept is not None else worded.keep(make(), told)


def _history_steps(
    event: Event, flag: Flag, sources: Mapping[str, Source]
) -> list[tuple[object, Callable[[], Step]]]:
    """`history`'s steps in order, each beside what it tells (None for how it ends) and still
    to be worded."""
    dated: list[tuple[date, object, Callable[[], Step]]] = [
        (plan.announced.earliest, plan, functools.partial(plan_step, plan, sources[plan.source]))
        for plan in event.plans
    ]
    dated += [
        (news.date.earliest, news, functools.partial(news_step, news, sources[news.source]))
        for news in event.news
    ]
    steps = [(told, make) for _, told, make in sorted(dated, key=lambda said: said[0])]
    outcome = event.outcome
    if outcome is not None:
        steps.append((outcome, functools.partial(outcome_step, outcome, sources[outcome.source])))
        steps += [
            (r, functools.partial(other_report_step, r, sources[r.source])) for r in outcome.other_reports
        ]
    elif (closing := closing_words(flag)) is not None:
        steps.append((None, functools.partial(Step, Phrase((Part(closing),)))))
    return steps
