"""A change in words, the same in the feeds and the terminal (`sinotime changes`, `sinotime diff`).

"Target moved: Tongjiang–Nizhneleninskoye railway bridge opening, 2018 → July 2019, +7 m
(Global Times)": what changed (the outcome's status in the shared words of `words`), the
event, the details, and who said it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sinotime.ledger import Change, ChangeKind
from sinotime.words import NO_DATE, date_words, status_words

CHANGE_LABELS = {  # what each kind of change is called in the feeds and the terminal
    ChangeKind.ANNOUNCED: "Target announced",
    ChangeKind.MOVED: "Target moved",
    ChangeKind.CONFIRMED: "Target confirmed",
    ChangeKind.BROUGHT_FORWARD: "Target brought forward",
    ChangeKind.NEWS: "News",
    ChangeKind.OUTCOME: "Outcome recorded",
    ChangeKind.REPORT: "Another report",
    ChangeKind.DEADLINE: "Deadline passed, nothing heard",
}


def change_label(change: Change) -> str:
    """ "Target moved"; for an outcome, the status it gives: "Completed late, +3 y 11 m"."""
    if change.kind is ChangeKind.OUTCOME and change.status is not None:
        return status_words(change.status)
    return CHANGE_LABELS[change.kind]


def change_details(change: Change) -> str:
    """What the change says: "2018 → July 2019, +7 m", "August 2026, restated as summer 2026",
    "16 November 2022", "due 2018"."""
    match change.kind:
        case ChangeKind.ANNOUNCED | ChangeKind.CONFIRMED:
            target = change.plan.target if change.plan is not None else None
            words = target.words() if target is not None else NO_DATE
            if change.previous is not None and change.previous.words() != words:
                # the same latest day in other words: no arrow, which would read as a move
                return f"{change.previous.words()}, restated as {words}"
            return words
        case ChangeKind.MOVED | ChangeKind.BROUGHT_FORWARD:
            target = change.plan.target if change.plan is not None else None
            before = change.previous.words() if change.previous is not None else NO_DATE
            after = target.words() if target is not None else NO_DATE
            slip = f", {change.slip.words()} so far" if change.slip is not None else ""
            return f"{before} → {after}{slip}"
        case ChangeKind.NEWS:
            return change.news.says if change.news is not None else ""
        case ChangeKind.OUTCOME:
            return (date_words(change.status) if change.status is not None else None) or NO_DATE
        case ChangeKind.REPORT:
            report = change.report
            return report.date.words() if report is not None and report.date is not None else NO_DATE
        case ChangeKind.DEADLINE:
            return f"due {change.due.words()}" if change.due is not None else "due"
    raise AssertionError(change.kind)  # pragma: no cover


def source_name(change: Change) -> str | None:
    return None if change.source is None else change.source.display_name


def change_title(change: Change, title: str | None = None) -> str:
    """The change in one line: label, event (`title`, the event's title as the output shows it,
    else as the data gives it), details, and who said it in brackets."""
    said = f" ({name})" if (name := source_name(change)) else ""
    event = change.event.title if title is None else title
    return f"{change_label(change)}: {event}, {change_details(change)}{said}"


def change_line(change: Change) -> str:
    """One line for the terminal: "16 February 2017  Target announced: …"."""
    return f"{change.day.isoformat()}  {change_title(change)}"


@dataclass(frozen=True, slots=True)
class LedgerDiff:
    """What changed between two ledgers, matched by change id, each list oldest first."""

    added: list[Change]
    removed: list[Change]
    changed: list[tuple[Change, Change]]  # (old, new): same id, another day or other words

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def lines(self) -> list[str]:
        """One line a change, like a diff: "+" added, "-" removed, "~" reworded or redated."""
        marked = [(c.order, f"+ {change_line(c)}") for c in self.added]
        marked += [(c.order, f"- {change_line(c)}") for c in self.removed]
        for old, new in self.changed:
            marked.append((new.order, f"~ {change_line(new)}\n    was {change_line(old)}"))
        return [line for _, line in sorted(marked)]

    def summary(self) -> str:
        if not self:
            return "no change"
        return f"{len(self.added)} added, {len(self.removed)} removed, {len(self.changed)} changed"


def diff_ledgers(old: Iterable[Change], new: Iterable[Change]) -> LedgerDiff:
    """The changes only in `new`, only in `old`, and in both but dated or worded otherwise."""
    before = {c.id: c for c in old}
    after = {c.id: c for c in new}
    changed = [
        (before[key], change)
        for key, change in after.items()
        if key in before and change_line(before[key]) != change_line(change)
    ]
    return LedgerDiff(
        added=[c for key, c in after.items() if key not in before],
        removed=[c for key, c in before.items() if key not in after],
        changed=changed,
    )
