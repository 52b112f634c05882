"""The page's first screen: the counts, which filter the list, and what a reader asks first:
what is past due (overdue or unverified, and for how long), what is due next, and what changed
last; each item links to its event in the list."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from sinotime.change_words import change_title
from sinotime.dates import day_words
from sinotime.ledger import Change
from sinotime.page.markup import esc
from sinotime.timeline import Entry, Flag, Timeline
from sinotime.words import duration_words, status_words, when_words

NEXT_SHOWN = 5  # plans due next
CHANGES_SHOWN = 5  # the latest changes
PAST_DUE_SHOWN = 10  # past-due plans named; the count links to them all
DUE = (Flag.UPCOMING, Flag.SLIPPING)


def tally(timeline: Timeline, *, linked: bool = True) -> str:
    """How many events have each status; each count shows those events in the list (when the
    page has the list: `linked`)."""
    counts = dict.fromkeys(Flag, 0)
    for entry in timeline:
        counts[entry.flag] += 1
    items = [
        f'<li><a class="count" href="#flag={esc(flag.value)}" title="Show only these in the list">'
        f'<span class="flag flag-{esc(flag.value)}">{esc(flag.label)}</span> {count}</a></li>'
        if linked
        else f'<li><span class="flag flag-{esc(flag.value)}">{esc(flag.label)}</span> {count}</li>'
        for flag, count in counts.items()
        if count
    ]
    return '<ul class="tally" aria-label="Events by status">' + "".join(items) + "</ul>"


def _href(event_id: str, homes: Mapping[str, str] | None) -> str:
    """The event in the list: on this page, or on the page that holds it (`split.homes`)."""
    page = homes[event_id] if homes is not None else ""
    return f"{page}#event-{event_id}"


def _link(entry: Entry, text: str, homes: Mapping[str, str] | None) -> str:
    return f'<a href="{esc(_href(entry.event.id, homes))}">{esc(text)}</a>'


def past_due(timeline: Timeline) -> list[Entry]:
    """Overdue and unverified plans, the longest past due first."""
    entries = [entry for entry in timeline if entry.flag.is_past_due]
    return sorted(entries, key=lambda e: (e.overdue_since or timeline.as_of, e.event.id))


def due_next(timeline: Timeline) -> list[Entry]:
    """Plans still due, the soonest first (by the current target's last possible day), then the
    plans with no date."""
    entries = [(due, entry) for entry in timeline if entry.flag in DUE and (due := _due_by(entry))]
    dated = [entry for _, entry in sorted(entries, key=lambda pair: (pair[0], pair[1].event.id))]
    return dated + [entry for entry in timeline if entry.flag is Flag.UNSCHEDULED]


def _due_by(entry: Entry) -> date | None:
    """The current target's last possible day (its first, when it is open-ended)."""
    if entry.date is None:
        return None
    return entry.date.latest or entry.date.earliest


NO_BREAK = "\u00a0"


def _past_due_item(entry: Entry, timeline: Timeline, homes: Mapping[str, str] | None) -> str:
    since = entry.overdue_since or timeline.as_of
    # "3\u00a0m": a number never parted from its unit at the end of a line
    how_long = f"past due for {duration_words(since, timeline.as_of).replace(' ', NO_BREAK)}"
    return (
        f"<li>{_link(entry, entry.event.title, homes)} {_status_badge(entry)}"
        f' <span class="how-long">{esc(how_long)}</span></li>'
    )


def _status_badge(entry: Entry) -> str:
    """The status in its words and colour, the same on every item of the first screen."""
    return f'<span class="flag flag-{esc(entry.flag.value)}">{esc(status_words(entry))}</span>'


def _due_item(entry: Entry, homes: Mapping[str, str] | None) -> str:
    when = when_words(entry)
    return (
        f'<li>{_link(entry, entry.event.title, homes)} <span class="when">{esc(when)}</span>'
        f" {_status_badge(entry)}</li>"
    )


def _change_item(change: Change, homes: Mapping[str, str] | None) -> str:
    return (
        f'<li><time datetime="{change.day.isoformat()}">{esc(day_words(change.day, short=True))}</time> '
        f'<a href="{esc(_href(change.event.id, homes))}">{esc(change_title(change))}</a></li>'
    )


def _block(block_id: str, heading: str, items: list[str], empty: str, more: str = "") -> str:
    body = f"<ul>{''.join(items)}</ul>{more}" if items else f'<p class="none">{esc(empty)}</p>'
    return f'<section class="glance" id="{block_id}"><h2>{esc(heading)}</h2>{body}</section>'


def at_a_glance(timeline: Timeline, changes: Sequence[Change], homes: Mapping[str, str] | None = None) -> str:
    """Past due, due next, latest changes (of `changes`, oldest first): three short lists, each
    item linking to its event (on the page that holds it: `homes`, when the page is split)."""
    late = past_due(timeline)
    more = (
        ""
        if homes is not None
        else (
            '<p class="more"><a href="#flag=overdue">Every overdue plan</a> ·'
            ' <a href="#flag=unverified">every plan past due with no news</a></p>'
            if len(late) > PAST_DUE_SHOWN
            else ""
        )
    )
    newest = list(reversed(changes[-CHANGES_SHOWN:]))
    blocks = [
        _block(
            "past-due",
            "Past due",
            [_past_due_item(entry, timeline, homes) for entry in late[:PAST_DUE_SHOWN]],
            "Nothing is past due.",
            more,
        ),
        _block(
            "due-next",
            "Due next",
            [_due_item(entry, homes) for entry in due_next(timeline)[:NEXT_SHOWN]],
            "No plan is still due.",
        ),
        _block(
            "latest-changes",
            "Latest changes",
            [_change_item(change, homes) for change in newest],
            "No changes yet.",
        ),
    ]
    return '<div class="at-a-glance">' + "".join(blocks) + "</div>"
