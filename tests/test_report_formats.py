"""The report's four formats: golden files, independent parsers, colour, hostile text (wrapping:
tests/test_report_wrap.py)."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from builders import BUNDLED_KINDS, build
from conftest import Golden
from sinotime.loading import load_events
from sinotime.names import names_words
from sinotime.report import (
    CSV_COLUMNS,
    Filters,
    Report,
    Row,
    iter_json,
    make_report,
    render_csv,
    render_json,
    render_markdown,
    render_text,
)
from sinotime.report import data as report_data
from sinotime.report.lines import display_width, markdown, spreadsheet_cell
from sinotime.text import BIDI_CONTROLS, REPLACEMENT
from sinotime.text import terminal_line as clean
from sinotime.timeline import build_timeline

ROOT = Path(__file__).parent.parent
FIXTURE = ROOT / "tests" / "data" / "report-fixture.yaml"
AS_OF = date(2026, 11, 23)
DATA = load_events(FIXTURE, today=AS_OF)
REPORT = make_report(build_timeline(DATA, as_of=AS_OF), Filters())
SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text())
SGR = re.compile(r"\x1b\[[0-9;]*m")


def commonmark() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def hostile_report(title: str, **fields: Any) -> Report:
    event: dict[str, Any] = {
        "id": "e",
        "title": title,
        "kind": "expo",
        "cites": ["s"],
        "outcome": {"date": "2019-06-15", "source": "s", "wording": fields.pop("wording", None)},
        "added": "2026-11-20",
        "changed": "2026-11-20",
        **fields,
    }
    data = build(
        {
            "kinds": BUNDLED_KINDS,
            "calendar": {"name": "t", "description": "d"},
            "sources": [{"id": "s", "publisher": "P", "title": "T", "published": "2019-06-15"}],
            "events": [event],
        },
        # the renderers\' own defences are under test: keep text the model would refuse
        unchecked=True,
    )
    return make_report(build_timeline(data, as_of=AS_OF), Filters())


# Golden files: the whole output, byte for byte -----------------------------------------------


@pytest.mark.parametrize(
    ("name", "render"),
    [
        ("report.txt", lambda r: render_text(r, width=80, colour=False)),
        ("report.md", render_markdown),
        ("report.json", render_json),
        ("report.csv", render_csv),
    ],
)
def test_each_format_matches_its_golden_file(name: str, render: Any, golden: Golden) -> None:
    golden(f"report/{name}", render(REPORT))


def test_a_filtered_text_report_matches_its_golden_file(golden: Golden) -> None:
    report = make_report(
        build_timeline(DATA, as_of=AS_OF), Filters(series=("china-russia-expo",), start=date(2023, 1, 1))
    )
    golden("report/report-expo-since-2023.txt", render_text(report))


# JSON ---------------------------------------------------------------------------------------


def test_json_follows_its_documented_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(json.loads(render_json(REPORT)), SCHEMA, cls=jsonschema.Draft202012Validator)


def test_json_reads_back_to_the_report_it_came_from() -> None:
    parsed = json.loads(render_json(REPORT))
    assert (parsed["schema_version"], parsed["as_of"], parsed["title"]) == (
        2,
        "2026-11-23",
        DATA.calendar.name,
    )
    assert [e["id"] for e in parsed["events"]] == [row.id for row in REPORT.rows]
    for item, row in zip(parsed["events"], REPORT.rows, strict=True):
        assert (item["title"], item["kind"], item["flag"]) == (row.title, row.kind, row.status.flag.value)
        assert item["series"] == (row.status.series.id if row.status.series else None)
        if row.status.date is None:
            assert item["date"] is None
        else:
            assert item["date"]["edtf"] == row.status.date.text
            assert date.fromisoformat(item["date"]["earliest"]) == row.status.date.earliest
            latest = item["date"]["latest"]
            assert (date.fromisoformat(latest) if latest else None) == row.status.date.latest
            assert item["date"]["precision"] == row.status.date.precision.value
        assert item["slip_days"] == (row.status.slip.days if row.status.slip else None)
        assert [t["wording"] for t in item["targets"]] == [t.wording for t in row.targets]
        assert [t["source"] for t in item["targets"]] == [t.source.id for t in row.targets]
        assert [s["id"] for s in item["sources"]] == [s.id for s in row.sources]
    event = next(e for e in parsed["events"] if e["id"] == "rail-bridge-opening")
    assert [(t["target"]["earliest"], t["target"]["latest"]) for t in event["targets"]] == [
        ("2018-01-01", "2018-12-31"),
        ("2019-06-18", "2019-12-31"),
    ]
    assert (event["outcome"]["status"], event["outcome"]["date"]["edtf"]) == ("happened", "2022-11-16")
    assert (event["slip_days"], event["slip"]) == (1416, "+3 y 11 m")
    assert (parsed["summary"]["flags"]["overdue"], parsed["summary"]["flags"]["unverified"]) == (0, 1)
    assert parsed["summary"]["unverified"] == ["cableway-opening"]
    cableway = next(e for e in parsed["events"] if e["id"] == "cableway-opening")
    assert (cableway["status_words"], cableway["no_news_since"]["edtf"], cableway["past_due_for"]) == (
        "Past due, no news since 2 March 2026",
        "2026-03-02",
        "3 m",
    )
    assert parsed["filters"] == {
        "kind": [],
        "flag": [],
        "series": [],
        "from": None,
        "to": None,
        "search": None,
    }


def test_json_records_the_filters_used() -> None:
    report = make_report(build_timeline(DATA, as_of=AS_OF), Filters(start=date(2019, 1, 1), search="expo"))
    filters = json.loads(render_json(report))["filters"]
    assert (filters["from"], filters["to"], filters["search"]) == ("2019-01-01", None, "expo")


def test_every_json_key_is_documented() -> None:
    doc = (ROOT / "docs" / "report-schema.md").read_text()
    keys: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                keys.add(key)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    parsed = json.loads(render_json(REPORT))
    walk(parsed)
    keys -= {flag for flag in parsed["summary"]["flags"]} | {kind for kind in parsed["summary"]["kinds"]}
    missing = sorted(key for key in keys if f"`{key}`" not in doc)
    assert missing == []


# CSV ----------------------------------------------------------------------------------------


def test_csv_has_one_row_per_event_under_the_documented_columns() -> None:
    text = render_csv(REPORT)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    assert [r["id"] for r in rows] == [row.id for row in REPORT.rows]
    for parsed, row in zip(rows, REPORT.rows, strict=True):
        assert parsed["flag"] == row.status.flag.value
        assert parsed["earliest"] == (row.status.date.earliest.isoformat() if row.status.date else "")
        assert parsed["slip_days"] == (str(row.status.slip.days) if row.status.slip else "")
        assert parsed["plans"] == str(len(row.targets))
    doc = (ROOT / "docs" / "report-schema.md").read_text()
    assert [column for column in CSV_COLUMNS if f"`{column}`" not in doc] == []
    bridge = next(r for r in rows if r["id"] == "rail-bridge-opening")
    assert (bridge["first_target"], bridge["first_target_latest"], bridge["slip"]) == (
        "2018",
        "2018-12-31",
        "3 y 11 m",
    )
    assert bridge["history"].startswith(
        "Target 2018: “in operation in 2018”, announced 16 February 2017 by China Daily -> "
    )


def test_csv_cells_that_look_like_formulas_are_defused() -> None:
    report = hostile_report('=HYPERLINK("http://evil.example","click")', wording="@SUM(A1)")
    row = next(csv.DictReader(io.StringIO(render_csv(report), newline="")))
    assert row["title"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["date_wording"] == "'@SUM(A1)"
    assert spreadsheet_cell("-1") == "'-1"
    assert spreadsheet_cell("Harbin") == "Harbin"


def test_every_csv_cell_is_quoted_so_no_separator_can_split_one() -> None:
    text = render_csv(hostile_report("a;=1+2\tb", wording="x"))
    lines = text.split("\r\n")
    assert lines.pop() == ""
    quoted_cells = re.compile(r'"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*')
    assert [line for line in lines if not quoted_cells.fullmatch(line)] == []
    assert ',"a;=1+2 b",' in lines[1]


# Markdown -----------------------------------------------------------------------------------


def test_markdown_parses_to_tables_with_one_row_per_event() -> None:
    tokens = commonmark().parse(render_markdown(REPORT))
    tables: list[list[list[str]]] = []
    row: list[str] = []
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            inline = tokens[index + 1].children or []
            row.append("".join(child.content for child in inline if child.type == "text"))
        elif token.type == "tr_close":
            tables[-1].append(row)
    events = tables[-1]
    assert events[0] == ["date", "event", "other names", "kind", "place", "status"]
    assert [r[1] for r in events[1:]] == [row.title for row in REPORT.rows]
    assert [r[2] for r in events[1:]] == [names_words(row.other_names) for row in REPORT.rows]
    assert "Тунцзян (ru) · 同江 (zh-Hans)" in events[1][2]
    assert all(len(r) == 6 for r in events)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[:5] == [
        f"{DATA.calendar.name}: plans and outcomes",
        "Summary",
        "Events",
        "Plans and outcomes",
        "Series",
    ]


def test_markdown_shows_hostile_text_literally() -> None:
    title = "<script>alert(1)</script> | *bold* [link](http://evil.example) &amp; `code` \\"
    page = commonmark().render(render_markdown(hostile_report(title, description="x")))
    assert "<script>" not in page
    assert "<a " not in page
    assert "<em>" not in page
    assert "<code>" not in page
    assert html.escape(title, quote=False) in page


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_survives_markdown_escaping_as_itself(text: str) -> None:
    rendered = commonmark().render(markdown(text))
    expected = html.escape(clean(text)).replace("&#x27;", "'")
    assert rendered == (f"<p>{expected}</p>\n" if expected else "")


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1).filter(lambda t: clean(t) != ""))
def test_any_text_stays_inside_its_table_cell(text: str) -> None:
    source = f"| a | b |\n|:--|:--|\n| {markdown(text)} | z |\n"
    page = commonmark().render(source)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", page, flags=re.S)
    assert cells == [html.escape(clean(text)).replace("&#x27;", "'").strip(), "z"]


# Text ---------------------------------------------------------------------------------------


def test_colour_only_when_asked_and_never_changes_the_words() -> None:
    plain = render_text(REPORT, colour=False)
    coloured = render_text(REPORT, colour=True)
    assert "\x1b" not in plain
    assert "\x1b[31mPast due, no news\x1b[0m since" in coloured
    assert "\x1b[32mCompleted\x1b[0m ·" in coloured
    assert "\x1b[33mCompleted late\x1b[0m, +" in coloured
    assert SGR.sub("", coloured) == plain


def test_text_fits_in_80_columns() -> None:
    text = render_text(REPORT, width=80)
    assert max(display_width(line) for line in text.splitlines()) <= 80
    assert max(len(line) for line in text.splitlines()) > 70  # it uses the width it has


def test_text_strips_terminal_escapes_from_the_data() -> None:
    title = "Evil\x1b]0;pwned\x07 \x1b[2J\u202egnp.exe\x9b31m"
    for colour in (False, True):
        text = render_text(hostile_report(title, description="x"), colour=colour)
        assert "\x07" not in text
        assert "\u202e" not in text
        assert "\x9b" not in text
        assert "\x1b" not in SGR.sub("", text)


@settings(max_examples=150, deadline=None)
@given(title=st.text(min_size=1, max_size=300).filter(lambda t: clean(t) != ""), width=st.integers(30, 120))
def test_any_title_wraps_within_the_width(title: str, width: int) -> None:
    text = render_text(hostile_report(title, place={"name": title}), width=width)
    assert all(display_width(line) <= width for line in text.splitlines())
    assert "\x1b" not in text
    joined = " ".join(line.strip() for line in text.splitlines())
    assert all(word in joined.replace(" ", "") for word in clean(title).split())


def test_json_escapes_control_characters_that_terminals_would_obey() -> None:
    title = "Evil\x1b[2J\x9b31m\x7f"
    text = render_json(hostile_report(title))
    assert not re.search("[\x00-\x1f\x7f-\x9f]", text.replace("\n", ""))
    assert json.loads(text)["events"][0]["title"] == title


def test_clean_replaces_exactly_the_control_characters_and_the_bidi_controls() -> None:
    def by_category(text: str) -> str:
        text = " ".join(text.split())
        return "".join(
            REPLACEMENT if unicodedata.category(ch) == "Cc" or ch in BIDI_CONTROLS else ch for ch in text
        )

    for code in [*range(0x10000), 0x1F309, 0xE0001, 0x10FFFF]:
        text = f"x{chr(code)}y"
        assert clean(text) == by_category(text), hex(code)


def test_json_is_written_as_it_is_made_one_event_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []
    real = report_data._row_json

    def counting(row: Row) -> dict[str, object]:
        made.append(row.id)
        return real(row)

    monkeypatch.setattr(report_data, "_row_json", counting)
    pieces = iter_json(REPORT)
    written = ""
    while f'"id": "{REPORT.rows[0].id}"' not in written:
        written += next(pieces)
    assert made == [REPORT.rows[0].id], "the first event is written before the others are made"
    rest = "".join(pieces)
    assert len(made) == len(REPORT.rows) > 2
    assert written + rest == render_json(REPORT)
