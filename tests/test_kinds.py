"""Kinds are the file's own: declared in `kinds`, or the default set; every output uses them."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from page_support import parse_html
from sinotime.build import build
from sinotime.catalogue import published
from sinotime.cli import main
from sinotime.errors import InputError
from sinotime.kinds import DEFAULT_KINDS, default_kinds
from sinotime.loading import parse_events
from sinotime.page import render_page
from sinotime.site import Site
from sinotime.starter import EVENTS_FILE, starter_files
from sinotime.timeline import build_timeline

ROOT = Path(__file__).parent.parent
FILE_FORMAT = ROOT / "docs" / "file-format.md"
TODAY = date(2026, 11, 27)

WITHOUT_KINDS = """\
calendar: {name: Harbour works, description: The harbour's new quay.}
sources:
  - {id: port-2025-03-01, publisher: Port authority, title: New quay approved, published: "2025-03-01"}
events:
  - id: quay-works-begin
    title: Works on the new quay begin
    kind: KIND
    cites: [port-2025-03-01]
    plans:
      - {target: "2025-33", wording: in the first quarter, announced: "2025-03-01", source: port-2025-03-01}
    added: "2025-03-02"
    changed: "2025-03-02"
"""


def default_kinds_table() -> str:
    """The default kinds as the Markdown table docs/file-format.md shows (the test below keeps it so)."""
    rows = [f"| `{id_}` | {label} | {heading} | {use} |" for id_, label, heading, use in DEFAULT_KINDS]
    return "\n".join(["| id | label | heading | for |", "|---|---|---|---|", *rows]) + "\n"


def test_a_file_that_declares_no_kinds_gets_the_default_kinds() -> None:
    data = parse_events(WITHOUT_KINDS.replace("KIND", "construction").encode(), "quay.yaml", today=TODAY)
    assert data.kinds == default_kinds()
    assert data.kind("construction").heading == "Construction and infrastructure"


def test_a_kind_the_file_does_not_have_is_an_error_that_names_the_kinds_it_has() -> None:
    with pytest.raises(InputError) as raised:
        parse_events(WITHOUT_KINDS.replace("KIND", "expo").encode(), "quay.yaml", today=TODAY)
    (problem,) = raised.value.problems
    assert (problem.line, problem.path, problem.message) == (7, "events[0].kind", "unknown kind 'expo'")
    assert problem.hint is not None
    assert all(kind.id in problem.hint for kind in default_kinds())
    with pytest.raises(InputError) as raised:
        parse_events(WITHOUT_KINDS.replace("KIND", "constructoin").encode(), "quay.yaml", today=TODAY)
    assert raised.value.problems[0].hint == "did you mean 'construction'?"


def test_the_default_kinds_in_the_docs_are_the_ones_in_the_code(update_golden: bool) -> None:
    text = FILE_FORMAT.read_text(encoding="utf-8")
    start = text.index("\n", text.index("<!-- the table below is generated")) + 1
    end = text.index("<!-- end of the generated table -->")
    if update_golden:
        text = text[:start] + default_kinds_table() + text[end:]
        FILE_FORMAT.write_text(text, encoding="utf-8")
    assert text[start:end] == default_kinds_table(), "run pytest --update-golden and review the diff"


def test_the_starter_names_every_default_kind_it_offers_instead_of_its_own() -> None:
    comments = " ".join(
        line.lstrip("# ")
        for line in starter_files()[EVENTS_FILE].decode().splitlines()
        if line.startswith("#")
    )
    assert all(kind.id in comments for kind in default_kinds())


def test_a_kind_colour_marks_its_events_on_the_page_and_the_policy_allows_it() -> None:
    declared = WITHOUT_KINDS.replace("KIND", "works").replace(
        "sources:",
        'kinds:\n  - {id: works, label: Works, heading: Harbour works, colour: "#8A5A00"}\nsources:',
    )
    data = parse_events(declared.encode(), "quay.yaml", today=TODAY)
    timeline = build_timeline(data, as_of=TODAY)
    document = parse_html(render_page(timeline, Site(None), published(timeline, []))["index.html"])
    (style,) = [element.text or "" for element in document.iter("style")]
    assert '.events > li[data-kind="works"] { border-left-color: #8a5a00; }' in style
    (policy,) = [m.get("content") or "" for m in document.iter("meta") if m.get("http-equiv")]
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in policy
    plain = parse_events(WITHOUT_KINDS.replace("KIND", "construction").encode(), "quay.yaml", today=TODAY)
    plain_timeline = build_timeline(plain, as_of=TODAY)
    plain_page = render_page(plain_timeline, Site(None), published(plain_timeline, []))["index.html"].decode()
    assert "data-kind=" in plain_page and "li[data-kind=" not in plain_page


def test_every_output_of_the_starter_shows_its_own_kinds(tmp_path: Path) -> None:
    assert CliRunner().invoke(main, ["init", str(tmp_path / "library")]).exit_code == 0
    events = tmp_path / "library" / EVENTS_FILE
    out = tmp_path / "feeds"
    build(events, out, today=TODAY, as_of=TODAY)
    files = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()}
    assert {"kind-construction.ics", "kind-opening.ics", "kind-opening.atom", "kind-opening.rss"} <= files
    assert not [name for name in files if name.startswith("kind-") and "-construction." not in name
                and "-opening." not in name]  # fmt: skip
    assert "X-WR-CALNAME:Riverside public library: Openings" in (out / "kind-opening.ics").read_text()
    assert "CATEGORIES:Construction,Riverside public library" in (out / "library.ics").read_text()
    assert "<title>Riverside public library: Openings</title>" in (out / "kind-opening.atom").read_text()
    assert 'term="opening" label="Openings"' in (out / "library.atom").read_text()
    page = (out / "index.html").read_text()
    assert '<option value="opening">Openings</option>' in page
    assert re.search(r'<p class="meta">Construction milestone · Riverside public library · Riverside', page)
    report = CliRunner().invoke(main, ["report", str(events), "--as-of", "2026-11-27", "--format", "json"])
    assert json.loads(report.stdout)["summary"]["kinds"] == {"construction": 1, "opening": 1}
    only = CliRunner().invoke(main, ["report", str(events), "--kind", "opening", "--format", "json"])
    assert [event["id"] for event in json.loads(only.stdout)["events"]] == ["library-opens"]
    wrong = CliRunner().invoke(main, ["report", str(events), "--kind", "openings"])
    assert wrong.exit_code == 2
    assert "no kind 'openings' in" in wrong.stderr
    assert "(did you mean 'opening'? its kinds: construction, opening)" in wrong.stderr


def test_kind_completion_offers_the_kinds_of_the_events_file_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert CliRunner().invoke(main, ["init", str(tmp_path / "library")]).exit_code == 0

    def offered(words: str) -> list[str]:
        typed = len(words.split()) - (0 if words.endswith(" ") else 1)  # the word being completed
        env = {"_SINOTIME_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(typed)}
        result = CliRunner().invoke(main, [], env=env, prog_name="sinotime")
        return [line.removeprefix("plain,") for line in result.stdout.splitlines()]

    monkeypatch.chdir(tmp_path / "library")
    assert offered("sinotime report --kind ") == ["construction", "opening"]
    assert offered("sinotime report --kind o") == ["opening"]
    monkeypatch.chdir(tmp_path)  # no events.yaml here
    assert offered("sinotime report --kind ") == [kind.id for kind in default_kinds()]
