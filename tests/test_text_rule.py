"""One rule for every text field and every address, and nothing from input reaches a terminal
raw: tags and source addresses obey the rule titles obey, `--base-url` the rule of
`calendar.base_url`, and messages quote input with its control characters escaped."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from sinotime.build import build
from sinotime.cli import FIRST_YEAR, LAST_YEAR, main
from sinotime.dates import MAX_YEAR, MIN_YEAR
from sinotime.errors import InputError
from sinotime.loading import parse_events

DATA = Path(__file__).parent / "data"
RAIL_BRIDGE = DATA / "rail-bridge.yaml"
VALID = RAIL_BRIDGE.read_text(encoding="utf-8")
TODAY = date(2026, 11, 23)
ESCAPES = "\x1b\x07\x9b\u202e"


def problems(text: str) -> str:
    with pytest.raises(InputError) as raised:
        parse_events(text.encode(), "rule.yaml", today=TODAY)
    return str(raised.value)


@pytest.mark.parametrize(
    ("tag", "code"), [("\u202eevil", "202E"), ("\x1b[2J", "001B"), ("\ufeffevil", "FEFF")]
)
def test_a_tag_obeys_the_text_rule(tag: str, code: str) -> None:
    text = VALID.replace(
        "    kind: infrastructure\n", f"    kind: infrastructure\n    tags: [{json.dumps(tag)}]\n"
    )
    assert (
        f"events[0] (rail-bridge-opening).tags[0]: contains the control character U+{code} at position 1"
        in problems(text)
    )


@pytest.mark.parametrize(("character", "code"), [("\x1b", "001B"), ("\x7f", "007F"), ("\u202e", "202E")])
def test_a_source_address_obeys_the_text_rule(character: str, code: str) -> None:
    url = "http://www.chinadaily.com.cn/business/2017-02/16/content_28222545.htm"
    text = VALID.replace(f"url: {url}", f"url: {json.dumps(url + character)}")
    where = f"at position {len(url) + 1}"
    assert (
        f"sources[0] (chinadaily-2017-02-16).url: contains the control character U+{code} {where}"
        in problems(text)
    )


@pytest.mark.parametrize("url", ["https://a b/", "https:///x", "https://e.org/\x1b[2J/"])
def test_base_url_obeys_the_rule_of_calendar_base_url(tmp_path: Path, url: str) -> None:
    in_file = problems(VALID.replace("  timezone: Asia/Harbin\n", f"  base_url: {json.dumps(url)}\n"))
    reason = in_file.split("calendar.base_url: ", 1)[1].split("\n")[0]
    result = CliRunner().invoke(main, ["build", str(RAIL_BRIDGE), "--out", str(tmp_path), "--base-url", url])
    assert result.exit_code == 2
    assert reason.split(" (hint")[0] in result.stderr
    assert "\x1b" not in result.stderr and "Traceback" not in result.output


def test_base_url_with_bytes_that_are_not_text_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["build", str(RAIL_BRIDGE), "--out", str(tmp_path), "--base-url", "https://e.org/\udcff/"]
    )
    assert result.exit_code == 2
    assert "'https://e.org/\\udcff/': holds bytes that are not UTF-8 text" in result.stderr


def test_a_non_ascii_host_is_written_as_idna(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["build", str(RAIL_BRIDGE), "--out", str(tmp_path), "--base-url", "https://bücher.example/feeds"],
    )
    assert result.exit_code == 0, result.output
    atom = (tmp_path / "sinotime.atom").read_text(encoding="utf-8")
    assert "https://xn--bcher-kva.example/feeds/sinotime.atom" in atom
    assert "bücher" not in atom


def test_as_of_the_last_day_there_is_is_refused_as_a_day_outside_the_data(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["build", str(RAIL_BRIDGE), "--out", str(tmp_path), "--as-of", "9999-12-31"]
    )
    assert result.exit_code == 2
    assert f"'9999-12-31' is not a day: years {MIN_YEAR}-{MAX_YEAR} only" in result.stderr
    assert (FIRST_YEAR, LAST_YEAR) == (MIN_YEAR, MAX_YEAR)


def test_the_library_builds_as_of_the_last_day_there_is(tmp_path: Path) -> None:
    result = build(RAIL_BRIDGE, tmp_path, today=TODAY, as_of=date(9999, 12, 31))
    assert "index.html" in result.files


def test_a_search_text_is_echoed_without_its_escapes() -> None:
    result = CliRunner().invoke(
        main, ["report", str(RAIL_BRIDGE), "--format", "json", "--search", "x\x1b[2J\x1b]0;pwned\x07"]
    )
    assert result.exit_code == 0
    assert result.stderr == "No events match: --search 'x\\x1b[2J\\x1b]0;pwned\\x07'\n"


@pytest.mark.parametrize(
    "command",
    [
        ["validate", f"no{ESCAPES}such.yaml"],
        ["report", str(RAIL_BRIDGE), "--kind", f"expo{ESCAPES}"],
        ["report", str(RAIL_BRIDGE), "--series", f"x{ESCAPES}"],
        ["report", str(RAIL_BRIDGE), "--from", f"20{ESCAPES}"],
        ["--max-input-mb", f"1{ESCAPES}", "validate"],
    ],
)
def test_no_message_prints_input_raw(command: list[str]) -> None:
    result = CliRunner().invoke(main, command)
    assert result.exit_code != 0
    assert not set(ESCAPES) & set(result.stderr), result.stderr
    assert "\\x1b" in result.stderr
