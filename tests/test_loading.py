"""Bad input gets every problem at once, each at its file, line and path, never a traceback."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from sinotime.errors import InputError
from sinotime.loading import parse_events

DATA = Path(__file__).parent / "data"
INVALID = sorted((DATA / "invalid").glob("*.yaml"))
TODAY = date(2026, 11, 23)


def problems_of(path: Path) -> str:
    with pytest.raises(InputError) as raised:
        parse_events(path.read_bytes(), f"invalid/{path.name}", today=TODAY)
    return str(raised.value) + "\n"


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_each_invalid_file_gets_exactly_its_expected_problems(path: Path, update_golden: bool) -> None:
    expected = path.with_suffix(".expected")
    actual = problems_of(path)
    if update_golden:
        expected.write_text(actual, encoding="utf-8")
    assert actual == expected.read_text(encoding="utf-8")


def test_a_file_with_ten_mistakes_gets_all_ten_each_at_its_line() -> None:
    report = problems_of(DATA / "invalid" / "ten-mistakes.yaml").splitlines()
    lines = [int(line.split(":")[1]) for line in report[:-1]]
    assert lines == [4, 9, 10, 16, 17, 18, 20, 25, 29, 30]
    assert report[-1] == "10 problems in invalid/ten-mistakes.yaml"


def test_a_byte_order_mark_and_crlf_line_ends_simply_work() -> None:
    raw = (DATA / "rail-bridge.yaml").read_bytes()
    windows = b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n")
    assert parse_events(windows, "bom.yaml", today=TODAY) == parse_events(raw, "plain.yaml", today=TODAY)


def test_dates_stay_text_until_our_date_code_reads_them() -> None:
    """YAML 1.1 would turn 2022-11-16 into a date and NO into False; we read neither."""
    data = parse_events((DATA / "rail-bridge.yaml").read_bytes(), "x.yaml", today=TODAY)
    outcome = data.events[0].outcome
    assert outcome is not None and outcome.date is not None
    assert outcome.date.text == "2022-11-16"
    assert data.events[0].plans[0].target is not None
    assert data.events[0].plans[0].target.text == "2018"


def test_the_rail_bridge_fixture_holds_two_targets_and_the_opening() -> None:
    data = parse_events((DATA / "rail-bridge.yaml").read_bytes(), "x.yaml", today=TODAY)
    event = data.events[0]
    assert [plan.wording for plan in event.plans] == ["in operation in 2018", "completion later this year"]
    assert event.outcome is not None and str(event.outcome.date) == "2022-11-16"


def test_an_outcome_is_valid_once_today_has_reached_it() -> None:
    path = DATA / "invalid" / "outcome-in-the-future.yaml"
    text = path.read_text(encoding="utf-8").replace('changed: "2026-11-20"', 'changed: "2027-06-20"')
    data = parse_events(text.encode(), "future.yaml", today=date(2027, 6, 20))
    assert data.events[0].outcome is not None


@pytest.mark.parametrize("depth", [64, 500])
def test_nesting_deeper_than_our_limit_is_refused_at_the_level_that_breaks_it(depth: int) -> None:
    raw = ("calendar: " + "[" * depth + "]" * depth + "\n").encode()
    with pytest.raises(InputError) as raised:
        parse_events(raw, "deep.yaml", today=TODAY)
    assert str(raised.value).startswith("deep.yaml:1:74: calendar" + "[0]" * 63 + ": ")
    assert "nesting is too deep; the limit is 64 levels" in str(raised.value)


def test_nesting_at_our_limit_is_not_refused_for_its_depth() -> None:
    raw = ("calendar: " + "[" * 63 + "]" * 63 + "\n").encode()  # with the mapping, 64 levels
    with pytest.raises(InputError) as raised:
        parse_events(raw, "deep.yaml", today=TODAY)
    assert "nesting is too deep" not in str(raised.value)


def test_absurd_nesting_is_a_clear_error_with_a_line_not_a_crash() -> None:
    """libyaml's own composer recursed and crashed the process here; newer libyaml refuses the
    depth itself. Either way the user gets one clear problem with its position."""
    depth = 200_000
    raw = ("calendar: " + "[" * depth + "]" * depth + "\n").encode()
    with pytest.raises(InputError) as raised:
        parse_events(raw, "deep.yaml", today=TODAY)
    first_line = str(raised.value).splitlines()[0]
    assert re.match(r"deep\.yaml:1:\d+: ", first_line), first_line
    assert str(raised.value).endswith("1 problem in deep.yaml")


def test_a_second_yaml_document_is_refused() -> None:
    raw = (DATA / "rail-bridge.yaml").read_bytes() + b"---\ncalendar: {}\n"
    with pytest.raises(InputError) as raised:
        parse_events(raw, "two.yaml", today=TODAY)
    assert "the file holds more than one YAML document" in str(raised.value)
