"""The report for programs and spreadsheets: JSON (docs/report-schema.md, with its JSON Schema
docs/report.schema.json) and CSV, both stable within a `schema_version`.

Pure renderers of a `Report`; the words they carry (status, history, dates) come from
`sinotime.report.words` and `sinotime.words`, as in the text and Markdown reports.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from typing import Any

from sinotime.dates import FuzzyDate
from sinotime.memo import kept_by_identity
from sinotime.models import Source
from sinotime.names import names_words
from sinotime.report.indented_json import iter_indented, lean_dumps
from sinotime.report.lines import spreadsheet_cell
from sinotime.report.model import NewsRow, OutcomeRow, Report, Row, TargetRow, row_slip
from sinotime.report.words import date_words, history_steps
from sinotime.text import JSON_C1
from sinotime.words import place_words, status_words

# JSON, for programs -------------------------------------------------------------------------


def render_json(report: Report) -> str:
    """The report as JSON in the schema of docs/report-schema.md (schema_version 2)."""
    return "".join(iter_json(report))


def iter_json(report: Report) -> Iterator[str]:
    """`render_json` in pieces, each event's made only when it is written: the JSON of 200,000
    events takes gigabytes as one string, and a program reading it needs none of it at once."""
    # json.dumps(indent=2), one event a piece; the report holds no float (docs/report.schema.json)
    for piece in iter_indented(report_json(report), write=lean_dumps):
        # json leaves DEL and the C1 controls raw; escape them so no terminal reads them as commands.
        yield JSON_C1.sub(_c1_escape, piece) if _may_have_c1(piece) else piece
    yield "\n"


def _may_have_c1(piece: str) -> bool:
    """Whether `piece` may hold DEL or a C1 control (U+0080 to U+009F: in UTF-8, 0xC2 and a byte
    after it): a look for two bytes is thirty times as fast as the pattern's search."""
    return "\x7f" in piece or (not piece.isascii() and b"\xc2" in piece.encode())


def _c1_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


class _Rows(list[Any]):
    """The events of the JSON document, each made as the encoder reaches it (a list to the
    encoder, which asks only its length and for its items in order)."""

    def __init__(self, rows: Sequence[Row]) -> None:
        super().__init__()
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return map(_row_json, self.rows)


def report_json(report: Report) -> dict[str, Any]:
    f = report.filters
    summary = report.summary
    return {
        "schema_version": report.schema_version,
        "title": report.title,
        "as_of": report.as_of.isoformat(),
        "filters": {
            "kind": list(f.kinds),
            "flag": [x.value for x in f.flags],
            "series": list(f.series),
            "from": f.start.isoformat() if f.start else None,
            "to": f.end.isoformat() if f.end else None,
            "search": f.search,
        },
        "summary": {
            "events": summary.total,
            "flags": {flag.value: n for flag, n in summary.flags.items()},
            "kinds": dict(summary.kinds),
            "longest_slips": [
                {
                    "id": row.id,
                    "slip_days": slip.days,
                    "slip": slip.words(),
                    "so_far": row.status.slip is None,
                }
                for row in summary.longest_slips
                if (slip := row_slip(row)) is not None
            ],
            "overdue": [row.id for row in summary.overdue],
            "unverified": [row.id for row in summary.unverified],
            "coming_next": [row.id for row in summary.coming_next],
        },
        "events": _Rows(report.rows),
        "series": [
            {
                "id": story.series.id,
                "title": story.series.title,
                "translations": {tag: t.text for tag, t in story.series.translations.items()},
                "description": story.series.description,
                "events": [row.id for row in story.rows],
            }
            for story in report.series
        ],
    }


def date_json(value: FuzzyDate | None) -> dict[str, Any] | None:
    if value is None:
        return None
    latest = value.latest
    return {
        "edtf": value.text,
        "words": value.words(),
        "precision": value.precision.value,
        "earliest": value.earliest.isoformat(),
        "latest": latest.isoformat() if latest else None,
        "approximate": value.approximate,
        "uncertain": value.uncertain,
    }


def _row_json(row: Row) -> dict[str, Any]:
    place = row.place
    return {
        "id": row.id,
        "title": row.title,
        "other_names": [
            {"of": n.of, "language": n.language, "text": n.text, "source": n.source} for n in row.other_names
        ],
        "kind": row.kind,
        "series": row.status.series.id if row.status.series else None,
        "flag": row.status.flag.value,
        "status_words": status_words(row.status),
        "status_note": row.status.note,
        "date": date_json(row.status.date),
        "date_wording": row.wording,
        "place": None
        if place is None
        else {"name": place.name, "region": place.region, "countries": list(place.countries)},
        "description": row.description,
        "participants": list(row.participants),
        "tags": list(row.tags),
        "targets": [_target_json(t) for t in row.targets],
        "outcome": _outcome_json(row.outcome),
        "news": [_news_json(n) for n in row.news],
        "slip_days": row.status.slip.days if row.status.slip else None,
        "slip": row.status.slip.words() if row.status.slip else None,
        "last_slip_days": row.status.last_slip.days if row.status.last_slip else None,
        "last_slip": row.status.last_slip.words() if row.status.last_slip else None,
        "fit": row.status.fit.value if row.status.fit else None,
        "ahead_of_target": row.ahead,
        "overdue_since": row.status.overdue_since.isoformat() if row.status.overdue_since else None,
        "overdue_days": row.overdue_days,
        "past_due_for": row.past_due_for,
        "no_news_since": date_json(row.status.no_news_since),
        "history": history_steps(row),
        "sources": [_source_json(s) for s in row.sources],
    }


def _target_json(target: TargetRow) -> dict[str, Any]:
    return {
        "target": date_json(target.target),
        "wording": target.wording,
        "announced": date_json(target.announced),
        "source": target.source.id,
        "quote": target.quote,
        "note": target.note,
    }


def _news_json(news: NewsRow) -> dict[str, Any]:
    return {
        "date": date_json(news.date),
        "says": news.says,
        "source": news.source.id,
        "quote": news.quote,
        "note": news.note,
    }


@kept_by_identity(1 << 13)  # a source is cited again and again
def _source_json(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "publisher": source.publisher,
        "title": source.title,
        "url": source.url,
        "published": date_json(source.published),
    }


def _outcome_json(outcome: OutcomeRow | None) -> dict[str, Any] | None:
    if outcome is None:
        return None
    return {
        "status": outcome.status.value,
        "date": date_json(outcome.date),
        "wording": outcome.wording,
        "source": outcome.source.id,
        "quote": outcome.quote,
        "note": outcome.note,
        "other_reports": [
            {"date": date_json(r.date), "wording": r.wording, "source": r.source.id, "note": r.note}
            for r in outcome.other_reports
        ],
        "scope": outcome.scope,
    }


# CSV, for spreadsheets ----------------------------------------------------------------------

CSV_COLUMNS = (
    "id",
    "date",
    "date_words",
    "date_wording",
    "earliest",
    "latest",
    "precision",
    "kind",
    "title",
    "description",
    "other_names",
    "series",
    "place",
    "countries",
    "flag",
    "status",
    "status_note",
    "slip_days",
    "slip",
    "overdue_since",
    "past_due_for",
    "no_news_since",
    "first_target",
    "first_target_latest",
    "current_target",
    "current_target_wording",
    "plans",
    "outcome",
    "outcome_date",
    "history",
    "sources",
)


def render_csv(report: Report) -> str:
    """One row per event under a fixed header (docs/report-schema.md); RFC 4180, CRLF.

    Every cell is quoted, so that a spreadsheet that splits on `;` or a tab (as many do outside
    English locales) cannot split a cell such as `a;=1+2` and run what follows as a formula.
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    for row in report.rows:
        writer.writerow(csv_row(row))
    return buffer.getvalue()


def csv_row(row: Row) -> dict[str, str]:
    first, current = row.status.first_target, row.current_target
    first_latest = first.latest if first else None
    latest = row.status.date.latest if row.status.date else None
    values = {
        "id": row.id,
        "date": row.status.date.text if row.status.date else "",
        "date_words": date_words(row, plain=True),
        "date_wording": row.wording or "",
        "earliest": row.status.date.earliest.isoformat() if row.status.date else "",
        "latest": latest.isoformat() if latest else "",
        "precision": row.status.date.precision.value if row.status.date else "",
        "kind": row.kind,
        "title": row.title,
        "description": row.description or "",
        "other_names": names_words(row.other_names),
        "series": row.status.series.id if row.status.series else "",
        "place": place_words(row.place, countries=False),
        "countries": " ".join(row.place.countries) if row.place else "",
        "flag": row.status.flag.value,
        "status": status_words(row.status),
        "status_note": row.status.note or "",
        "slip_days": str(row.status.slip.days) if row.status.slip else "",
        "slip": row.status.slip.words().removeprefix("+") if row.status.slip else "",
        "overdue_since": row.status.overdue_since.isoformat() if row.status.overdue_since else "",
        "past_due_for": row.past_due_for or "",
        "no_news_since": row.status.no_news_since.text if row.status.no_news_since else "",
        "first_target": first.text if first else "",
        "first_target_latest": first_latest.isoformat() if first_latest else "",
        "current_target": current.text if current else "",
        "current_target_wording": row.current_target_wording or "",
        "plans": str(len(row.targets)),
        "outcome": row.outcome.status.value if row.outcome else "",
        "outcome_date": row.outcome.date.text if row.outcome and row.outcome.date else "",
        "history": " -> ".join(history_steps(row)),
        "sources": " ".join(s.id for s in row.sources),
    }
    return {key: spreadsheet_cell(value) for key, value in values.items()}
