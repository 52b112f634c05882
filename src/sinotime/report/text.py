"""The report for a terminal: wrapped to a width, in colour only when asked."""

from __future__ import annotations

from sinotime.dates import day_words
from sinotime.names import OTHER_NAMES, names_words
from sinotime.report.lines import style, wrap_line
from sinotime.report.model import Report, Row
from sinotime.report.words import count, date_words, history_steps, past_due_words, slip_line, sources_words
from sinotime.timeline import Flag
from sinotime.words import PARTICIPANTS, participants_words, place_words, status_words

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
        out.extend(style(line, "bold", colour=colour) for line in wrap_line(text, width, hang=""))

    def para(text: str, indent: str = "", hang: str = "  ") -> None:
        out.extend(wrap_line(text, width, indent=indent, hang=hang))

    heading(f"{report.title}: plans and outcomes as of {day_words(report.as_of)}")
    if not report.rows:
        para(report.empty_message)
        return "\n".join(out) + "\n"
    para(f"Filters: {report.filters.describe() or 'none'}. {count(len(report.rows), 'event')}.")
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
            for line in wrap_line(f"{date_words(row)}: {row.title}", width, hang="  ")
        )
        facts = [status_words(row.status), row.kind_label, place_words(row.place)]
        status = wrap_line(" · ".join(fact for fact in facts if fact), width, indent="  ", hang="    ")
        first, flag = status[0], row.status.flag.label
        if first.startswith("  " + flag):  # always, unless the width is absurdly small
            status[0] = (
                "  " + style(flag, *FLAG_STYLES[row.status.flag], colour=colour) + first[2 + len(flag) :]
            )
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
                    f"- {date_words(row)}: {row.title} [{status_words(row.status)}]",
                    "  ",
                    "    ",
                )
    return "\n".join(out) + "\n"


def row_details(row: Row) -> list[tuple[str, str]]:
    """The lines under an event's status in the text report, as (label, text)."""
    details: list[tuple[str, str]] = []
    if row.description:
        details.append(("about", row.description))
    if row.other_names:
        details.append((OTHER_NAMES.lower(), names_words(row.other_names)))
    if row.status.note:
        details.append(("why", row.status.note))
    if row.wording:
        details.append(("date", f'"{row.wording}" ({date_words(row, plain=True)})'))
    if row.status.series is not None:
        details.append(("series", row.status.series.title))
    if row.participants:
        details.append((PARTICIPANTS.lower(), participants_words(row.participants)))
    steps = history_steps(row)
    if steps:
        details.append(("history", " -> ".join(steps)))
    if row.outcome is not None and row.outcome.note:
        details.append(("note", row.outcome.note))
    details.append(("sources", sources_words(row.sources)))
    return details


def summary_lines(report: Report) -> list[tuple[str, str]]:
    """The summary as (line, indent): counts, what is overdue and unverified and for how long,
    the longest slips, what comes next; dates in the same words as the list of events."""
    summary = report.summary
    lines = [
        (f"{count(summary.total, 'event')} as of {day_words(report.as_of)}", ""),
        ("statuses: " + "; ".join(f"{flag.choice_label} {n}" for flag, n in summary.flags.items() if n), ""),
        ("kinds: " + ", ".join(f"{n} {kind}" for kind, n in summary.kinds.items() if n), ""),
    ]
    for name, rows in (("overdue", summary.overdue), ("unverified", summary.unverified)):
        lines.append((f"{name}:" if rows else f"{name}: none", ""))
        lines += [(f"{row.title}: {past_due_words(row)}", "  ") for row in rows]
    if summary.longest_slips:
        lines.append(("longest slips:", ""))
        lines += [(f"{slip_line(row)}: {row.title}", "  ") for row in summary.longest_slips]
    lines.append(("coming next:" if summary.coming_next else "coming next: nothing planned with a date", ""))
    lines += [
        (f"{date_words(row)}: {row.title} [{status_words(row.status)}]", "  ") for row in summary.coming_next
    ]
    return lines
