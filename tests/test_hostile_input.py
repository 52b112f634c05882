"""Whatever events.yaml holds, sinotime answers with a clear error or a valid model.

The limits (docs in README, "Limits and guarantees"): files up to 512 KiB by default
(`sinotime --max-input-mb`), 64 levels of nesting, aliases expanding to at most as many
characters as the size limit leaves beside the file (at least 65,536), 1,000,000 characters in
one YAML value, 500 in a title and 20,000 in a description, years 1000-2999, 1,000 problems
listed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kill_support import DIE_AFTER_RENAMES
from sinotime.cli import main
from sinotime.errors import InputError
from sinotime.loading import load_events, parse_events
from sinotime.models import EventsFile

DATA = Path(__file__).parent / "data"
VALID = (DATA / "rail-bridge.yaml").read_text(encoding="utf-8")
TODAY = date(2026, 11, 23)


def problems(text: str | bytes) -> str:
    raw = text.encode() if isinstance(text, str) else text
    with pytest.raises(InputError) as raised:
        parse_events(raw, "hostile.yaml", today=TODAY)
    return str(raised.value)


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.write(VALID.encode())
        handle.write(b"# " + b"x" * (5 * 1024 * 1024) + b"\n")
    result = CliRunner().invoke(main, ["validate", str(big)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"{big}: file is larger than the limit of 512 KiB (524,288 bytes) (hint: raise the limit"
        " with `sinotime --max-input-mb N` or SINOTIME_MAX_INPUT_MB=N if the file is meant to be"
        f" this large)\n1 problem in {big}\n"
    )
    raised = CliRunner().invoke(main, ["--max-input-mb", "6", "validate", str(big)])
    assert raised.exit_code == 0, raised.output


def test_the_size_limit_can_be_raised_for_a_session_in_the_environment(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(VALID.encode() + b"# " + b"x" * (2 * 1024 * 1024) + b"\n")
    refused = CliRunner().invoke(main, ["validate", str(big)], env={"SINOTIME_MAX_INPUT_MB": "1.5"})
    assert "larger than the limit of 1,536 KiB" in refused.stderr
    raised = CliRunner().invoke(main, ["validate", str(big)], env={"SINOTIME_MAX_INPUT_MB": "3"})
    assert raised.exit_code == 0, raised.output


def test_an_endless_special_file_is_refused_too() -> None:
    with pytest.raises(InputError, match="larger than the limit of 1 KiB \\(1,024 bytes\\)"):
        load_events(Path("/dev/zero"), today=TODAY, max_bytes=1024)


def test_a_title_of_a_million_characters_is_refused_with_its_limit() -> None:
    text = VALID.replace(
        "title: Tongjiang–Nizhneleninskoye railway bridge opens to traffic", "title: " + "长" * 1_000_000
    )
    assert problems(text).startswith(
        "hostile.yaml:29:12: events[0] (rail-bridge-opening).title:"
        " is 1,000,000 characters; the limit is 500\n"
    )


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "JAVASCRIPT://x",
        "file:///etc/passwd",
    ],
)
def test_only_web_addresses_are_accepted_as_source_urls(url: str) -> None:
    text = VALID.replace(
        "url: https://seanews.ru/en/2022/11/18/en-first-train-crosses-amur-to-china-by-new-bridge/",
        f"url: '{url}'",
    )
    assert "sources[2] (seanews-2022-11-18).url: must be an http:// or https:// address" in problems(text)


def test_a_time_zone_that_does_not_exist_is_refused() -> None:
    text = VALID.replace("timezone: Asia/Harbin", "timezone: Asia/Atlantis")
    assert "calendar.timezone: unknown time zone 'Asia/Atlantis'" in problems(text)


@pytest.mark.parametrize("series", ["../../x", "/etc", "..", "a/b"])
def test_kinds_and_series_that_look_like_paths_are_refused(series: str) -> None:
    text = VALID.replace("series: tongjiang-rail-bridge", f"series: '{series}'")
    assert f"events[0] (rail-bridge-opening).series: '{series}' is not a valid id" in problems(text)


def result_of(raw: bytes) -> EventsFile | InputError:
    """The model, or the error listing the problems; any other exception fails the test."""
    try:
        return parse_events(raw, "fuzz.yaml", today=TODAY)
    except InputError as error:
        return error


def assert_clear(result: EventsFile | InputError) -> None:
    if isinstance(result, InputError):
        assert result.problems
        assert all(p.file == "fuzz.yaml" and p.line >= 0 and p.message for p in result.problems)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_any_bytes_give_a_clear_error_or_a_model(raw: bytes) -> None:
    assert_clear(result_of(raw))


YAML_PIECES = [*":-[]{}&*!|>'\"#%@`,? \n\t\\", "x", "2019", "\u202e", "~", "---", "!!str", "&a", "*a"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(VALID)),
            st.integers(0, 20),
            st.lists(st.sampled_from(YAML_PIECES), max_size=6).map("".join),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_a_mangled_valid_file_gives_a_clear_error_or_a_model(edits: list[tuple[int, int, str]]) -> None:
    text = VALID
    for at, cut, insert in edits:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + cut :]
    assert_clear(result_of(text.encode()))


def published(folder: Path) -> dict[str, bytes]:
    """The published files of a build folder: all but its hidden list of them (and temporaries)."""
    return {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.startswith(".")}


KILLED_BUILD = DIE_AFTER_RENAMES + "from sinotime.cli import main\nmain(sys.argv[2:])\n"


def test_a_build_killed_part_way_leaves_every_file_whole_and_a_second_build_completes_it(
    tmp_path: Path,
) -> None:
    old_source = tmp_path / "old.yaml"
    new_source = tmp_path / "new.yaml"
    old_source.write_text(VALID, encoding="utf-8")
    new_source.write_text(VALID.replace("opens to traffic", "opens to freight traffic"), encoding="utf-8")
    out = tmp_path / "feeds"
    build = ["build", "--out", str(out), "--base-url", "https://example.org/t/"]
    assert CliRunner().invoke(main, [*build, str(old_source)]).exit_code == 0
    old = published(out)
    assert CliRunner().invoke(main, [*build, "--out", str(tmp_path / "new"), str(new_source)]).exit_code == 0
    new = published(tmp_path / "new")
    changed = sorted(name for name in old if old[name] != new[name])
    assert len(changed) >= 3

    killed = subprocess.run(
        [sys.executable, "-c", KILLED_BUILD, "2", *build, str(new_source)],
        capture_output=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert killed.returncode == -signal.SIGKILL
    after = published(out)
    assert set(after) == set(old)
    assert all(after[name] in (old[name], new[name]) for name in after), "a file is half written"
    assert sum(after[name] == new[name] for name in changed) == 2, "exactly two files were replaced"

    assert CliRunner().invoke(main, [*build, str(new_source)]).exit_code == 0
    everything = {p.name: p.read_bytes() for p in out.iterdir()}
    assert everything.pop(".sinotime-files").decode().split() == sorted(new)
    assert everything == new, "temporary files are left over"


@pytest.mark.parametrize(("character", "code"), [("\x07", "0007"), ("\u202e", "202E"), ("\x9b", "009B")])
def test_control_characters_and_bidi_overrides_are_refused_in_text(character: str, code: str) -> None:
    """Written as YAML escapes: libyaml itself refuses most raw control characters."""
    title = f"Tongjiang–Nizhneleninskoye railway bridge opens to{character} traffic"
    text = VALID.replace(
        "title: Tongjiang–Nizhneleninskoye railway bridge opens to traffic",
        "title: " + json.dumps(title, ensure_ascii=True),
    )
    assert (
        f"events[0] (rail-bridge-opening).title: contains the control character U+{code} at position 51"
        in problems(text)
    )


HOSTILE_TITLE = (
    "Bridge\\nBEGIN:VEVENT; END:VCALENDAR, a\\\\b <script>alert(\"x\")</script> ]]> & 'q' "
    "中俄 Мост 🚆 e\u0301"
)
HOSTILE_PLACE = "Heihe; <b>Blagoveshchensk</b>, \\, END:VEVENT"
HOSTILE_DESCRIPTION = (
    "Line one\nBEGIN:VEVENT\nSUMMARY:injected\nEND:VEVENT\n<img src=x onerror=alert(1)> ]]> &amp;"
)


def hostile_file(tmp_path: Path) -> Path:
    text = (
        VALID.replace(
            "title: Tongjiang–Nizhneleninskoye railway bridge opens to traffic",
            f"title: {_yaml_quoted(HOSTILE_TITLE.replace(chr(92) + 'n', chr(10)))}",
        )
        .replace("name: Tongjiang–Nizhneleninskoye", f"name: {_yaml_quoted(HOSTILE_PLACE)}")
        .replace(
            "    series: tongjiang-rail-bridge\n",
            f"    series: tongjiang-rail-bridge\n    description: {_yaml_quoted(HOSTILE_DESCRIPTION)}\n",
        )
    )
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _yaml_quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def test_hostile_text_comes_back_exactly_from_every_output_and_injects_nothing(tmp_path: Path) -> None:
    import feedparser
    import vobject
    from html5lib import parse as parse_html

    title = HOSTILE_TITLE.replace("\\n", "\n")
    out = tmp_path / "feeds"
    result = CliRunner().invoke(
        main,
        ["build", str(hostile_file(tmp_path)), "--out", str(out), "--base-url", "https://example.org/h/"],
    )
    assert result.exit_code == 0, result.output

    calendar = vobject.readOne((out / "sinotime.ics").read_text(encoding="utf-8"))
    (event,) = calendar.vevent_list
    assert event.summary.value.endswith(title)
    assert event.location.value.startswith(HOSTILE_PLACE)
    assert HOSTILE_DESCRIPTION in event.description.value
    lines = (out / "sinotime.ics").read_bytes().split(b"\r\n")
    assert lines.count(b"BEGIN:VEVENT") == 1
    assert not [line for line in lines if line.startswith((b"SUMMARY:injected", b"END:VCALENDAR "))]

    atom = feedparser.parse((out / "sinotime.atom").read_bytes())
    assert not atom.bozo
    assert atom.entries  # one entry for each change of the one event
    entry = atom.entries[0]
    assert title in entry.title
    assert "<script" not in entry.content[0].value.replace("&lt;script", "")
    assert "onerror" not in entry.content[0].value.replace("onerror=alert(1)&gt;", "")

    page = parse_html((out / "index.html").read_bytes(), namespaceHTMLElements=False)
    scripts = [s for s in page.iter("script") if s.get("type") != "application/ld+json"]
    assert all("alert" not in (s.text or "") for s in scripts)
    (data,) = [s for s in page.iter("script") if s.get("type") == "application/ld+json"]
    assert "<" not in (data.text or "")  # the event data holds the title only as JSON escapes
    assert [node["name"] for node in json.loads(data.text or "")["@graph"]] == [title]
    assert not [img for img in page.iter("img")]
    text = " ".join("".join(page.itertext()).split())
    assert " ".join(title.split()) in text


def test_a_raw_control_character_is_a_yaml_error_at_its_line() -> None:
    text = VALID.replace("opens to traffic", "opens to\x9b traffic")
    assert problems(text).startswith(
        "hostile.yaml:29:66: U+009B is not allowed in YAML: control characters are not allowed"
    )


def test_a_key_that_is_itself_a_mapping_is_a_clear_error_not_a_traceback() -> None:
    text = VALID.replace("  - {id: infrastructure,", "  - {{id: x}: infrastructure,", 1)
    assert "{{id: x}: infrastructure," in text
    message = problems(text)
    assert message.startswith("hostile.yaml:"), message
    assert "Traceback" not in message


@pytest.mark.parametrize("limit", ["nan", "0", "-1", "inf", "5000"])
def test_a_size_limit_that_is_no_size_is_a_usage_error(limit: str) -> None:
    result = CliRunner().invoke(main, ["--max-input-mb", limit, "validate"])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "is not a size from 1/64 (16 KiB) to 4096 MiB" in result.stderr


@pytest.mark.parametrize("parser", ["libyaml", "PyYAML's own"])
def test_nulls_and_merge_keys_read_alike_with_either_of_pyyaml_s_parsers(
    parser: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    from sinotime import yamlreader

    monkeypatch.setattr(yamlreader, "Parser", yaml.CSafeLoader if parser == "libyaml" else yaml.SafeLoader)
    reader = yamlreader.YamlReader("x.yaml", budget=1_000)
    document = "a: null\nb: ~\nc:\nd: 'null'\ne: !!null x\nf:\n  <<: {g: h}\n"
    assert reader.read(document) == {"a": "null", "b": "~", "c": "", "d": "null", "e": None, "f": {}}
    assert [str(problem) for problem in reader.problems] == [
        "x.yaml:7:3: f: merge keys (<<) are not supported (hint: write the keys out)"
    ]
