"""The report as a document: CommonMark with GitHub tables, every piece of data escaped."""

from __future__ import annotations

from sinotime.dates import day_words
from sinotime.names import OTHER_NAMES, names_words
from sinotime.report.lines import markdown
from sinotime.report.model import Report
from sinotime.report.words import count, date_words, history_steps, past_due_words, slip_line
from sinotime.words import place_words, sentence, status_words


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
        f"{count(len(report.rows), 'event')}.",
        "",
        "## Summary",
        "",
        "| status | events |",
        "|:--|--:|",
        *(f"| {flag.choice_label} | {n} |" for flag, n in report.summary.flags.items() if n),
        "",
        "| kind | events |",
        "|:--|--:|",
        *(f"| {md(_kind_words(report, kind))} | {n} |" for kind, n in report.summary.kinds.items() if n),
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
        cells = [
            date_words(row),
            row.title,
            names,
            row.kind_label,
            place_words(row.place),
            status_words(row.status),
        ]
        out.append("| " + " | ".join(md(cell) for cell in cells) + " |")
    out += _plans_and_outcomes(report)
    if report.series:
        out += ["", "## Series"]
        for story in report.series:
            out += ["", f"### {md(story.series.title)}", ""]
            if story.series.description:
                out += [md(story.series.description), ""]
            out += [
                f"{n}. {md(date_words(row))}: {md(row.title)} ({md(status_words(row.status))})"
                for n, row in enumerate(story.rows, 1)
            ]
    return "\n".join(out) + "\n"


def _kind_words(report: Report, kind: str) -> str:
    """A kind as the rest of the report names it, its label, with the --kind value beside it:
    "Expo or trade fair (expo)"."""
    label = next(row.kind_label for row in report.rows if row.kind == kind)
    return label if label == kind else f"{label} ({kind})"


def _plans_and_outcomes(report: Report) -> list[str]:
    """Each event with a story, a status note or a description: its status, what it is, why,
    its date's words, its history."""
    md = markdown
    planned = [row for row in report.rows if row.history or row.status.note or row.description]
    if not planned:
        return []
    out = ["", "## Plans and outcomes", ""]
    for row in planned:
        text = f"- **{md(row.title)}**: {md(status_words(row.status))}."
        if row.description:
            text += f" About: {md(sentence(row.description))}"
        if row.status.note:
            text += f" Why: {md(row.status.note)}"
        if row.wording:
            text += f' Date: "{md(row.wording)}" ({md(date_words(row, plain=True))}).'
        if row.history:
            text += " History: " + " → ".join(md(step) for step in history_steps(row)) + "."
        out.append(text)
    return out


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
            f"- {md(date_words(row))}: {md(row.title)} ({md(status_words(row.status))})"
            for row in summary.coming_next
        ]
        out.append("")
    return out
