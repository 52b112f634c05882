"""The change ledger: every step of every plan's story, as news, dated by its source.

Derived from the data, never typed. Each event gives, in the order of its story:

- a target announced (its first plan), a target moved (each later plan: from, to, the slip
  so far against the first target), or confirmed, or brought forward;
- news on an open plan (`news`: a dated report that it had not happened yet);
- an outcome recorded (completed on time, late by how much, ahead of target, in part,
  cancelled, postponed), then each other report of it (`outcome.other_reports`);
- a deadline passing with nothing heard: the day after the last day the current target could
  be met (`statuses.due_until`), when on that day the event, as it was known then
  (`timeline.as_known_on`), fell past due and unverified; only up to the as-of day.

A change is news on the first day its source can have been published (`published.earliest`),
and never before what it reports could be known (a plan's announcement, `timeline.known_from`
for an outcome). Its id is made of what it is: the event, what changed, and its source (for a
target, also when it was said and the target; for a deadline, its day), so it never changes
when other data changes: `tag:sinotime,2026:change/EVENT/target/SOURCE/ANNOUNCED/TARGET`,
`.../news/SOURCE/DATE`, `.../outcome/SOURCE`, `.../report/SOURCE`, `.../deadline/DAY`.

Several changes on one day: a source gives a day, not a time. Each change gets a time within
12:00-13:00 UTC (the same calendar day from UTC-12 to UTC+11) that is only an order: the
event's place in the hour comes from a hash of its id (in milliseconds), and its steps on that
day follow in story order (in microseconds). So changes on one day have distinct times, read in
the same order in every build, and keep their time for ever, whatever else is added.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import NamedTuple
from urllib.parse import quote

from sinotime.dates import FuzzyDate, day_after
from sinotime.models import Event, EventsFile, News, Outcome, Plan, Report, Series, Source
from sinotime.statuses import Flag, due_until, flag_of, past_due_since
from sinotime.timeline import (
    Entry,
    Knowable,
    Slip,
    Timeline,
    known_from,
    said_from,
    slip_between,
    status_changes,
)

TAG_YEAR = 2026  # the tag URIs' date (RFC 4151): fixed, so ids never change


def tag_prefix(data: EventsFile) -> str:
    """`tag:NAMESPACE,2026:`: the publisher's namespace (see `CalendarInfo.namespace`) and a fixed
    date, so that ids never change with the address and two publishers' ids never meet."""
    return f"tag:{data.calendar.ids_namespace},{TAG_YEAR}:"


NEWS_HOUR = 12  # changes are placed within 12:00-13:00 UTC of their day
MAX_STEP = 999  # an event's changes on one day beyond this share the last microsecond slot
# How an event's changes on one day are ordered before they are placed: plans, news, the
# outcome and its other reports, a deadline passing.
NEWS_STEP = 10_000
OUTCOME_STEP = 20_000
DEADLINE_STEP = 1_000_000


class ChangeKind(StrEnum):
    """What a change is: the first category of its feed entry (its words: `change_words.CHANGE_LABELS`)."""

    ANNOUNCED = "announced"
    MOVED = "moved"
    CONFIRMED = "confirmed"
    BROUGHT_FORWARD = "brought-forward"
    NEWS = "news"
    OUTCOME = "outcome"
    REPORT = "report"
    DEADLINE = "deadline-passed"


@dataclass(frozen=True, slots=True)
class Change:
    """One step of an event's story, as news."""

    event: Event
    kind: ChangeKind
    key: str  # what the change is, within its event: "target/SOURCE/TARGET", "outcome/SOURCE"...
    day: date  # the day it became news
    step: int  # its place among its event's changes on its day, from 0 (see `event_changes`)
    source: Source | None  # who said it; None for a deadline passing
    plan: Plan | None = None  # a target announced, moved, confirmed or brought forward
    previous: FuzzyDate | None = None  # the target in force before it
    slip: Slip | None = None  # a moved target: how far past the first target's latest day
    outcome: Outcome | None = None
    report: Report | None = None
    news: News | None = None  # news on an open plan
    status: Entry | None = None  # the event's status right after this change (`event_changes`)
    due: FuzzyDate | None = None  # a deadline: the target that passed

    # Worked out once from the fields above, since the feeds ask every change for them many times:
    # what the change is, unique in the file ("change/EVENT/KEY"; `Ledger.tag` makes it the
    # entry's id in Atom, guid in RSS, id in JSON Feed); the day at its stable time within
    # 12:00-13:00 UTC (see the module's doc); oldest first: by moment, then id (two events that
    # hash alike still read in one order).
    id: str = field(init=False, repr=False, compare=False)
    moment: datetime = field(init=False, repr=False, compare=False)
    order: tuple[datetime, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        offset = timedelta(milliseconds=_place_in_hour(self.event.id), microseconds=min(self.step, MAX_STEP))
        moment = datetime.combine(self.day, _NEWS_TIME, tzinfo=UTC) + offset
        change_id = f"change/{self.event.id}/{self.key}"
        object.__setattr__(self, "id", change_id)
        object.__setattr__(self, "moment", moment)
        object.__setattr__(self, "order", (moment, change_id))


_NEWS_TIME = time(NEWS_HOUR)


class _Draft(NamedTuple):
    """A change before it has its place among its event's changes (`event_changes` makes each
    `Change` once, from its draft: a change is made many thousand times a build)."""

    kind: ChangeKind
    key: str
    day: date
    step: int  # its order in the event's story, before `event_changes` places it within its day
    source: Source | None
    plan: Plan | None = None
    previous: FuzzyDate | None = None
    slip: Slip | None = None
    outcome: Outcome | None = None
    report: Report | None = None
    news: News | None = None
    due: FuzzyDate | None = None


@functools.lru_cache(maxsize=65_536)
def _place_in_hour(event_id: str) -> int:
    """The event's changes' place within the hour, in milliseconds: from a hash of its id only."""
    return int.from_bytes(hashlib.sha256(event_id.encode()).digest()[:8]) % 3_600_000


@functools.lru_cache(maxsize=1 << 12)  # the same days and targets, again and again
def _part(text: str) -> str:
    """A piece of an id with only the characters a tag URI and the feed validators accept."""
    return quote(text, safe="-._~")


def _later_than(a: FuzzyDate, b: FuzzyDate) -> int:
    """1 when target a ends later than b, -1 when sooner, 0 when they end on the same day."""
    a_end, b_end = a.latest or date.max, b.latest or date.max
    return (a_end > b_end) - (a_end < b_end)


def _plan_changes(event: Event, sources: Mapping[str, Source]) -> Iterator[_Draft]:
    first: FuzzyDate | None = None
    previous: FuzzyDate | None = None
    for step, plan in enumerate(event.plans):
        source = sources[plan.source]
        day = said_from(plan, sources)
        target = plan.target
        kind, slip = ChangeKind.ANNOUNCED, None
        if target is not None and previous is not None:
            moved = _later_than(target, previous)
            kind = {1: ChangeKind.MOVED, 0: ChangeKind.CONFIRMED, -1: ChangeKind.BROUGHT_FORWARD}[moved]
            if first is not None and first.latest is not None and target.latest is not None:
                slip = slip_between(first.latest, target.latest)
        elif target is None and step:
            kind = ChangeKind.CONFIRMED if previous is None else ChangeKind.MOVED
        written = _part(str(target)) if target is not None else "undated"
        key = f"target/{plan.source}/{_part(str(plan.announced))}/{written}"
        yield _Draft(kind, key, day, step, source, plan=plan, previous=previous, slip=slip)
        if target is not None:
            first = first or target
            previous = target


def _outcome_changes(event: Event, sources: Mapping[str, Source], step: int) -> Iterator[_Draft]:
    outcome = event.outcome
    if outcome is None:
        return
    source = sources[outcome.source]
    day = max(source.published.earliest, known_from(outcome, sources))
    yield _Draft(ChangeKind.OUTCOME, f"outcome/{outcome.source}", day, step, source, outcome=outcome)
    for number, report in enumerate(outcome.other_reports, start=1):
        report_source = sources[report.source]
        yield _Draft(
            ChangeKind.REPORT,
            f"report/{report.source}",
            max(day, report_source.published.earliest),
            step + number,
            report_source,
            outcome=outcome,
            report=report,
        )


def _news_changes(event: Event, sources: Mapping[str, Source]) -> Iterator[_Draft]:
    """Each dated report that the plan had not happened yet."""
    for step, news in enumerate(event.news):
        source = sources[news.source]
        day = said_from(news, sources)
        key = f"news/{news.source}/{_part(str(news.date))}"
        yield _Draft(ChangeKind.NEWS, key, day, NEWS_STEP + step, source, news=news)


def _deadline_changes(knowable: Knowable, as_of: date) -> Iterator[_Draft]:
    """Each day a plan fell past due with nothing heard: the day after the last day its current
    target could be met (`statuses.due_until`, which also bounds an open-ended target), when on
    that day the event, as then known, was past due from that very day and unverified."""
    days: set[date] = set()
    for known_day in (*knowable.plans, *knowable.news):
        known = knowable.on(known_day)
        due = None if known is None else due_until(known)
        if due is not None:
            days.add(day_after(due))
    for day in sorted(days):
        if day > as_of:
            break
        known = knowable.on(day)
        if known is None or past_due_since(known, day) != day:
            continue
        if flag_of(known, day) is not Flag.UNVERIFIED:
            continue  # news dated that day already said it had not happened
        target = next(plan.target for plan in reversed(known.plans) if plan.target is not None)
        key = f"deadline/{day.isoformat()}"
        yield _Draft(ChangeKind.DEADLINE, key, day, DEADLINE_STEP, None, due=target)


def event_changes(
    event: Event, sources: Mapping[str, Source], as_of: date, knowable: Knowable | None = None
) -> list[Change]:
    """The story of one event as changes, oldest first, up to the as-of day (`knowable`: the
    event's, when a caller walks its days for more than this)."""
    knowable = knowable or Knowable.of(event, sources)
    drafts = list(_plan_changes(event, sources))
    drafts += _news_changes(event, sources)
    drafts += _outcome_changes(event, sources, OUTCOME_STEP)
    drafts += _deadline_changes(knowable, as_of)
    ordered = sorted((d for d in drafts if d.day <= as_of), key=lambda d: (d.day, d.step))
    # Placed, each change's `step` is its place among its event's changes on its own day: what
    # orders them within the day, and what another day's changes can never shift.
    # A key said twice (the same source giving the same target on the same day twice) gets "~2".
    on_day: Counter[date] = Counter()
    said: Counter[str] = Counter()
    placed: list[Change] = []
    for draft, status in zip(ordered, _statuses(knowable, ordered), strict=True):
        repeats = said[draft.key]
        key = f"{draft.key}~{repeats + 1}" if repeats else draft.key
        placed.append(_placed(event, draft, key, on_day[draft.day], status))
        on_day[draft.day] += 1
        plain = draft.key.split("~")[0]  # "2018~" counts as "2018", as ids always did,
        said[plain] += 1
        if draft.key != plain:  # and as itself: the same "2018~" said twice gets "~2" too
            said[draft.key] += 1
    return placed


def _placed(event: Event, draft: _Draft, key: str, step: int, status: Entry) -> Change:
    """The change a draft is, as its event's `step`-th change on its day, with its status."""
    return Change(
        event,
        draft.kind,
        key,
        draft.day,
        step,
        draft.source,
        plan=draft.plan,
        previous=draft.previous,
        slip=draft.slip,
        outcome=draft.outcome,
        report=draft.report,
        news=draft.news,
        status=status,
        due=draft.due,
    )


def _known_from(knowable: Knowable, said: set[int], outcome_told: bool) -> Event:
    """The event as a story that told the parts in `said` (by `id`), and the outcome or not,
    tells it: those plans, news, outcome and other reports, and nothing said later (even on the
    same day); the event as it is when the story holds neither a plan nor an outcome."""
    event = knowable.event
    outcome = event.outcome if outcome_told else None
    reports = () if outcome is None else tuple(r for r in outcome.other_reports if id(r) in said)
    plans = tuple(plan for plan in event.plans if id(plan) in said)
    news = tuple(item for item in event.news if id(item) in said)
    whole = outcome is None or len(reports) == len(outcome.other_reports)
    if plans == event.plans and news == event.news and outcome is event.outcome and whole:
        return event
    if not plans and outcome is None:
        return event
    return knowable.told(plans, news, outcome, reports)


def _statuses(knowable: Knowable, story: Sequence[_Draft]) -> Iterator[Entry]:
    """The event's status right after each change of `story` (oldest first), on that change's
    day: what the calendars, the page and the report say of it from then until its next change
    (the event as the story up to that change tells it, `_known_from`; what it told gathered as
    it goes; each status resolved once for the event, `Knowable.resolve`)."""
    said: set[int] = set()
    outcome_told = False
    for change in story:
        said.update(id(part) for part in (change.plan, change.news, change.report) if part is not None)
        outcome_told = outcome_told or change.kind is ChangeKind.OUTCOME
        yield knowable.resolve(_known_from(knowable, said, outcome_told), change.day)


@dataclass(frozen=True, slots=True)
class Ledger:
    """Every change of an events file up to the as-of day, oldest first."""

    data: EventsFile
    as_of: date
    changes: tuple[Change, ...]
    sources: dict[str, Source]
    series: dict[str, Series]
    by_event: dict[str, tuple[Change, ...]]  # each event's changes, oldest first

    def __iter__(self) -> Iterator[Change]:
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def tag(self, what: str) -> str:
        """The tag URI of a change (`Change.id`) or a feed (`feed/NAME`) of this publisher."""
        return tag_prefix(self.data) + what

    def grouped(self) -> tuple[dict[str, tuple[Change, ...]], dict[str, tuple[Change, ...]]]:
        """The changes of each kind and of each series, oldest first, found in one pass (asking
        each of thousands of series for its changes would scan the ledger thousands of times)."""
        kinds: dict[str, list[Change]] = {}
        series: dict[str, list[Change]] = {}
        for change in self.changes:
            kinds.setdefault(change.event.kind, []).append(change)
            if change.event.series is not None:
                series.setdefault(change.event.series, []).append(change)
        return {k: tuple(v) for k, v in kinds.items()}, {k: tuple(v) for k, v in series.items()}


def ledger_of(timeline: Timeline) -> Ledger:
    """The ledger of the timeline's data up to its as-of day, built once for the timeline: a
    build's calendars, feeds and page all read it. Each event's days are walked once for its
    changes and for the days its words changed (`status_changes`), which the timeline keeps."""
    if not timeline.ledger_kept:
        days: dict[str, tuple[date, ...]] = {}
        timeline.ledger_kept.append(build_ledger(timeline.data, as_of=timeline.as_of, status_days=days))
        timeline.keep_changes(days)
    ledger = timeline.ledger_kept[0]
    assert isinstance(ledger, Ledger)
    return ledger


def build_ledger(
    data: EventsFile, *, as_of: date, status_days: dict[str, tuple[date, ...]] | None = None
) -> Ledger:
    """Every change of every event up to `as_of`, oldest first (by moment, then id); with
    `status_days`, also each event known by then's `status_changes`, by its id."""
    sources = {s.id: s for s in data.sources}
    by_event: dict[str, tuple[Change, ...]] = {}
    for event in data.events:
        knowable = Knowable.of(event, sources)
        by_event[event.id] = tuple(event_changes(event, sources, as_of, knowable))
        if status_days is not None and knowable.on(as_of) is not None:
            status_days[event.id] = status_changes(event, as_of, sources, knowable)
    changes = sorted((c for story in by_event.values() for c in story), key=lambda c: c.order)
    return Ledger(data, as_of, tuple(changes), sources, {s.id: s for s in data.series}, by_event)


def since(changes: Iterable[Change], day: date | None) -> list[Change]:
    """The changes on or after `day` (all when None)."""
    return [c for c in changes if day is None or c.day >= day]
