"""`sinotime report`: every event in the order it happened, each plan beside its outcome.

A library in three steps, so that each can be tested on its own:

- `select(timeline, filters)` picks the timeline's entries that match every filter;
- `make_report(timeline, filters)` turns them into a `Report` (`model`): one `Row` per event,
  with its targets in the order announced, its outcome, its slip, its sources; the series read
  as stories; a summary (counts per flag and kind, the longest slips, what is overdue);
- the pure renderers `render_text` (`text`), `render_markdown` (`markdown`), and `render_json`
  and `render_csv` (`data`) turn a `Report` into text, Markdown, JSON or CSV, with the words of
  `words` and the escaping, wrapping and colour of `lines`.

Flags and slips come from `timeline`; nothing here decides them again. Reading the events file
and choosing the format is `sinotime.commands`'s.
"""

from sinotime.report.data import CSV_COLUMNS, iter_json, render_csv, render_json
from sinotime.report.markdown import render_markdown
from sinotime.report.model import Filters, Report, Row, make_report, select
from sinotime.report.text import render_text
from sinotime.report.words import history_steps

__all__ = [
    "CSV_COLUMNS",
    "Filters",
    "Report",
    "Row",
    "history_steps",
    "iter_json",
    "make_report",
    "render_csv",
    "render_json",
    "render_markdown",
    "render_text",
    "select",
]
