"""What a new user found adopting sinotime for their own subject (tests/data/region-projects.yaml:
a region's hospital and metro projects): the report shows every description, its sentences end
properly, a slip is said one way and rounded honestly; the page says nothing of the bundled
subject, shows every status and every source; a mistyped language or flag gets the one meant."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from page_support import parse_html, text_of
from sinotime.build import build
from sinotime.cli import main
from sinotime.cli.options import flag_meant
from sinotime.fields import REGISTERED_TAGS
from sinotime.loading import load_events
from sinotime.report import (
    Filters,
    Report,
    make_report,
    render_csv,
    render_json,
    render_markdown,
    render_text,
)
from sinotime.statuses import slip_between
from sinotime.timeline import Flag, build_timeline

ROOT = Path(__file__).parent.parent
REGION = ROOT / "tests" / "data" / "region-projects.yaml"
AS_OF = date(2026, 11, 27)


@pytest.fixture(scope="module")
def report() -> Report:
    return make_report(build_timeline(load_events(REGION, today=AS_OF), as_of=AS_OF), Filters())


def test_the_text_and_markdown_reports_show_an_events_description(report: Report) -> None:
    description = "All wards and the emergency department in use."
    assert "about: All wards and the emergency department in use." in render_text(report, width=200)
    assert "About: All wards and the emergency department in use." in render_markdown(report)
    events = {e["id"]: e for e in json.loads(render_json(report))["events"]}
    assert events["hospital-opens"]["description"] == description
    rows = {row["id"]: row for row in csv.DictReader(render_csv(report).splitlines())}
    assert rows["hospital-opens"]["description"] == description


def test_what_part_happened_ends_its_sentence_before_the_next_one(report: Report) -> None:
    markdown = render_markdown(report)
    assert "Why: In part: the emergency department only; wards follow later. Date:" in markdown
    assert "In part: the emergency department only; wards follow later." in render_text(report, width=300)


def test_a_slip_names_its_target_month_as_the_list_of_events_does(report: Report) -> None:
    for text in (render_markdown(report), render_text(report, width=300)):
        assert "against the first target (June 2025)" in text
        assert "(Jun 2025)" not in text


def test_a_slip_of_two_months_and_29_days_reads_three_months() -> None:
    slip = slip_between(date(2025, 6, 30), date(2025, 9, 29))
    assert slip is not None and (slip.days, slip.words()) == (91, "+3 m")


@pytest.mark.parametrize(
    ("promised", "happened", "words"),
    [
        ((2025, 6, 30), (2025, 7, 12), "+12 d"),  # under a month: days
        ((2025, 6, 30), (2025, 7, 29), "+29 d"),
        ((2025, 6, 30), (2025, 9, 10), "+2 m"),  # 2 months 11 days: the nearest is 2
        ((2025, 6, 30), (2025, 9, 13), "+2 m"),  # 2 months 14 days
        ((2025, 6, 30), (2025, 9, 14), "+3 m"),  # 2 months 15 days: 15 days over count as a month
        ((2024, 1, 1), (2024, 12, 20), "+1 y"),  # 11 months 19 days: a year
        ((2018, 12, 31), (2022, 11, 16), "+3 y 11 m"),
    ],
)
def test_a_slip_is_rounded_to_the_nearest_month(
    promised: tuple[int, int, int], happened: tuple[int, int, int], words: str
) -> None:
    slip = slip_between(date(*promised), date(*happened))
    assert slip is not None and slip.words() == words


# The page and the files built from the user's data -------------------------------------------


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("region") / "feeds"
    build(REGION, out, today=AS_OF, as_of=AS_OF)
    return (out / "index.html").read_bytes()


@pytest.mark.parametrize("word", ["bridge", "expo", "harbin"])
def test_the_users_page_says_nothing_of_the_bundled_subject(page: bytes, word: str) -> None:
    assert word not in page.decode("utf-8").casefold()


def test_every_item_due_next_shows_its_status_in_words(page: bytes) -> None:
    due_next = parse_html(page).find(".//section[@id='due-next']")
    assert due_next is not None
    items = list(due_next.iter("li"))
    assert len(items) == 2
    statuses = [text_of(span) for li in items for span in li.iter("span") if "flag" in span.get("class", "")]
    assert statuses == ["Planned", "Planned, moved from 2025 to summer 2027"]


def test_the_page_lists_every_source_an_event_cites(page: bytes) -> None:
    listed = parse_html(page).find(".//li[@id='event-hospital-opens']//ul[@class='sources']")
    assert listed is not None
    sources = [text_of(li) for li in listed.iter("li")]
    assert [line.split(":")[0] for line in sources] == [
        "Vesterland Courier",
        "Region Vesterland",
        "Radio Vest",
    ]


# What a user types ------------------------------------------------------------------------------


def test_a_colon_in_a_value_is_hinted_with_the_users_own_line(tmp_path: Path) -> None:
    events = tmp_path / "events.yaml"
    events.write_text(
        REGION.read_text("utf-8").replace(
            "title: Metro Line M5 approved", "title: Metro Line M5: approved by the council"
        ),
        "utf-8",
    )
    result = CliRunner().invoke(main, ["validate", str(events)])
    assert result.exit_code == 1
    assert 'put the value in quotes: title: "Metro Line M5: approved by the council"' in result.output


def test_a_country_code_as_a_language_is_refused_with_the_language_meant(tmp_path: Path) -> None:
    events = tmp_path / "events.yaml"
    text = REGION.read_text("utf-8")
    events.write_text(
        text.replace("      da: {text: Nordmark Universitetshospital åbner", "      dk: {text: x"), "utf-8"
    )
    result = CliRunner().invoke(main, ["validate", str(events)])
    assert result.exit_code == 1
    line = 1 + text.splitlines().index(
        "      da: {text: Nordmark Universitetshospital åbner, source: dk-radio-2024-03-11}"
    )
    assert (
        f"events.yaml:{line}:7: events[1] (hospital-opens).translations.dk: 'dk' is not a BCP 47 language tag"
        in result.output
    )
    assert "(hint: did you mean 'da'?)" in result.output


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("pastdue", "unverified"),
        ("past-due", "unverified"),
        ("overdue-no-news", "unverified"),
        ("Past due, no news", "unverified"),
        ("unverifed", "unverified"),
        ("complted-late", "completed-late"),
        ("planned", "upcoming"),
    ],
)
def test_a_mistyped_flag_gets_the_flag_meant(typed: str, meant: str) -> None:
    result = CliRunner().invoke(main, ["report", str(REGION), "--as-of", "2026-11-27", "--flag", typed])
    assert result.exit_code == 2
    assert f"(did you mean {meant!r}?)" in result.output


def test_every_status_as_the_outputs_word_it_names_its_flag() -> None:
    assert {flag: flag_meant(flag.label) for flag in Flag} == {flag: flag.value for flag in Flag}


def test_the_file_format_documents_the_bare_source_ids_that_init_writes() -> None:
    starter = (ROOT / "src" / "sinotime" / "starter_files" / "events.yaml").read_text("utf-8")
    doc = (ROOT / "docs" / "file-format.md").read_text("utf-8")
    bare = re.search(r"cites: \[[a-z0-9-]+, [a-z0-9-]+\]", starter)
    assert bare is not None and f"`{bare[0]}`" in doc


def test_the_tags_known_without_the_registry_are_registered_ones() -> None:
    import langcodes

    assert all(langcodes.tag_is_valid(tag) for tag in REGISTERED_TAGS)
