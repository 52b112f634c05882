"""Every input costs bounded work: aliases are charged the text they stand for, checking stops
after a fixed number of problems, "did you mean" is guessed for a bounded number of names, and
an event's story (whose every step each of its feed entries retells) has a bounded length.

The bounds are on counts (characters, problems, comparisons), never on wall time.
"""

from __future__ import annotations

import difflib
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from sinotime.errors import MAX_PROBLEMS, InputError
from sinotime.fields import MAX_KINDS, MAX_STEPS
from sinotime.loading import MAX_FILE_BYTES, parse_events
from sinotime.suggest import MAX_COMPARISONS, MAX_SUGGESTIONS

TODAY = date(2026, 11, 23)
HEAD = """calendar:
  name: test
  description: test
sources:
  - id: a-source
    publisher: P
    title: T
    published: "2020"
"""


def event(number: int, extra: str = "", cites: str = "a-source") -> str:
    return (
        f"  - id: e{number}\n    title: Event {number}\n    kind: gathering\n{extra}"
        f"    cites: [{cites}]\n    outcome: {{date: '2020-01-01', source: a-source}}\n"
        "    added: '2026-01-01'\n    changed: '2026-01-01'\n"
    )


def error_of(text: str) -> InputError:
    with pytest.raises(InputError) as raised:
        parse_events(text.encode(), "big.yaml", today=TODAY)
    return raised.value


def test_a_long_text_aliased_by_many_events_is_charged_its_characters() -> None:
    description = "x" * 20_000
    events = [event(0, f"    description: &long {description}\n")]
    events += [event(n, "    description: *long\n") for n in range(1, 200)]
    error = error_of(HEAD + "events:\n" + "".join(events))
    assert len(error.problems) == 1
    problem = error.problems[0]
    assert problem.file == "big.yaml" and problem.line > 1
    assert problem.path.startswith("events[") and problem.path.endswith("].description")
    raw = (HEAD + "events:\n" + "".join(events)).encode()
    left = MAX_FILE_BYTES - len(raw)
    assert f"aliases expand to more than {left:,} characters, what the size limit leaves" in problem.message


def test_what_aliases_stand_for_is_held_to_the_size_limit_as_if_written_out() -> None:
    """A list of 100 plans aliased by events costs what the lists written out cost, so the
    limit counts them: under a limit that leaves room for them the same file is fine."""
    events = [event(0, plans(100).replace("    plans:\n", "    plans: &plans\n"))]
    events += [event(n, "    plans: *plans\n") for n in range(1, 12)]
    raw = (HEAD + "events:\n" + "".join(events)).encode()
    expanded = 11 * len(plans(100))  # about the characters the aliases stand for
    with pytest.raises(InputError, match="what the size limit leaves"):
        parse_events(raw, "aliased.yaml", today=TODAY, max_bytes=len(raw) + expanded // 2)
    data = parse_events(raw, "aliased.yaml", today=TODAY, max_bytes=len(raw) + 2 * expanded)
    assert all(len(e.plans) == 100 for e in data.events)


def test_an_alias_of_a_short_text_a_few_times_is_fine() -> None:
    events = [event(0, "    description: &same A shared paragraph.\n")]
    events += [event(n, "    description: *same\n") for n in range(1, 50)]
    data = parse_events((HEAD + "events:\n" + "".join(events)).encode(), "ok.yaml", today=TODAY)
    assert {e.description for e in data.events} == {"A shared paragraph."}


def test_checking_stops_after_a_fixed_number_of_problems_and_says_so() -> None:
    error = error_of(HEAD + "events:\n" + "- 1\n" * 50_000)
    assert len(error.problems) == MAX_PROBLEMS
    assert str(error).endswith(
        f"1,000 problems in big.yaml, and more: checking stops after the first {MAX_PROBLEMS:,}"
        " (fix these and run again)"
    )
    assert error.problems[0].path == "events[0]"


def test_empty_mappings_stop_at_the_cap_too() -> None:
    error = error_of(HEAD + "events:\n" + "- {}\n" * 20_000)
    assert len(error.problems) == MAX_PROBLEMS and error.stopped


@pytest.fixture
def guesses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names a "did you mean" was looked for, in order."""
    calls: list[str] = []
    real = difflib.get_close_matches

    def counting(word: str, possibilities: Any, n: int = 3, cutoff: float = 0.6) -> list[str]:
        calls.append(word)
        return real(word, possibilities, n, cutoff)

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    return calls


def test_only_the_first_unknown_ids_get_a_guess(guesses: list[str]) -> None:
    sources = "".join(
        f"  - id: source-number-{n}\n    publisher: P\n    title: T\n    published: '2020'\n"
        for n in range(300)
    )
    events = "".join(event(n, cites=f"source-numbr-{n}") for n in range(300))
    text = HEAD.replace("sources:\n", "sources:\n" + sources) + "events:\n" + events
    error = error_of(text)
    unknown = [p for p in error.problems if p.message.startswith("unknown source")]
    assert len(unknown) == 300
    assert len(guesses) <= MAX_SUGGESTIONS
    assert unknown[0].hint == "did you mean 'source-number-0'?"
    assert unknown[-1].hint is None


def test_only_the_first_unknown_time_zones_get_a_guess(guesses: list[str]) -> None:
    events = "".join(event(n, f"    timezone: Asia/Harbn{n}\n") for n in range(200))
    error = error_of(HEAD + "events:\n" + events)
    assert len(error.problems) == 200
    assert len(guesses) <= MAX_SUGGESTIONS
    assert error.problems[0].hint == "did you mean 'Asia/Harbin'?"


def test_the_limits_are_documented() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"{MAX_PROBLEMS:,} problems" in readme
    assert f"{MAX_SUGGESTIONS} " in readme


def test_a_short_value_repeated_by_many_events_is_held_once() -> None:
    data = parse_events(
        (HEAD + "events:\n" + "".join(event(n) for n in range(3))).encode(), "x.yaml", today=TODAY
    )
    first, second = data.events[0], data.events[1]
    assert first.cites[0].source is second.cites[0].source
    assert first.outcome is not None and second.outcome is not None
    assert first.outcome.source is second.outcome.source


def test_among_thousands_of_known_ids_fewer_guesses_are_made(guesses: list[str]) -> None:
    sources = "".join(
        f"  - id: source-number-{n}\n    publisher: P\n    title: T\n    published: '2020'\n"
        for n in range(3000)
    )
    events = "".join(event(n, cites=f"source-numbr-{n}") for n in range(100))
    error_of(HEAD.replace("sources:\n", "sources:\n" + sources) + "events:\n" + events)
    assert len(guesses) * 3001 <= MAX_COMPARISONS


def plans(count: int) -> str:
    """`count` plans, one a week from 1 January 1900, each for a month after it was announced."""
    lines = ["    plans:\n"]
    for n in range(count):
        announced = date(1900, 1, 1) + timedelta(weeks=n)
        target = announced + timedelta(days=30)
        lines.append(
            f"      - {{target: '{target}', wording: w{n}, announced: '{announced}', source: a-source}}\n"
        )
    return "".join(lines)


def test_an_event_tells_at_most_a_hundred_plans_news_and_reports() -> None:
    parse_events((HEAD + "events:\n" + event(0, plans(MAX_STEPS))).encode(), "big.yaml", today=TODAY)
    error = error_of(HEAD + "events:\n" + event(0) + event(1, plans(MAX_STEPS + 1)))
    (problem,) = error.problems
    assert (problem.file, problem.path) == ("big.yaml", "events[1]")
    assert problem.line == HEAD.count("\n") + 2 + event(0).count("\n")
    assert problem.message == f"{MAX_STEPS + 1} plans, news and other reports in one event; the limit is 100"
    assert "series of events" in (problem.hint or "")


def test_a_feed_entry_words_only_the_end_of_a_long_story(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each of an event's changes is an entry that shows its story so far; of a story of 100
    plans only the newest steps an entry shows are worded, so an event costs its steps, not
    their square (every entry wording every earlier plan: 5,050 of them)."""
    from sinotime import words
    from sinotime.build import site_for
    from sinotime.feed_content import MAX_STORY
    from sinotime.feeds import iter_feeds
    from sinotime.timeline import build_timeline

    worded: list[object] = []
    plan_step = words.plan_step

    def counted(plan: Any, source: Any) -> Any:
        worded.append(plan)
        return plan_step(plan, source)

    monkeypatch.setattr(words, "plan_step", counted)
    data = parse_events((HEAD + "events:\n" + event(0, plans(MAX_STEPS))).encode(), "big.yaml", today=TODAY)
    timeline = build_timeline(data, as_of=TODAY)
    site = site_for(data, "https://example.org/")
    published = dict(iter_feeds(timeline, site))
    story_told = [content for name, content in published.items() if name.endswith(".json")]
    assert story_told and b"earlier steps not shown" in story_told[0]
    assert len(worded) <= MAX_STEPS * MAX_STORY


def test_a_file_declares_at_most_a_hundred_kinds() -> None:
    def declaring(count: int) -> str:
        kinds = "".join(f"  - {{id: k{n}, label: K{n}, heading: K{n}}}\n" for n in range(count))
        return HEAD + "kinds:\n" + kinds + "events:\n" + event(0).replace("kind: gathering", "kind: k0")

    parse_events(declaring(MAX_KINDS).encode(), "kinds.yaml", today=TODAY)
    (problem,) = error_of(declaring(MAX_KINDS + 1)).problems
    assert (problem.path, problem.line) == ("kinds", HEAD.count("\n") + 1)
    assert problem.message == "101 kinds; the limit is 100"
    assert "tags or series" in (problem.hint or "")


def test_a_file_declares_a_series_for_each_kib_of_its_size_limit() -> None:
    """Each series is a calendar and a feed in three formats, however little it holds."""
    most = MAX_FILE_BYTES // 1024
    series = "".join(f"  - {{id: r{n}, title: R{n}}}\n" for n in range(most + 1))
    text = (
        HEAD
        + "series:\n"
        + series
        + "events:\n"
        + event(0).replace("kind: gathering", "kind: gathering\n    series: r0")
    )
    (problem,) = error_of(text).problems
    assert (problem.path, problem.line) == ("series", HEAD.count("\n") + 1)
    assert (
        problem.message == f"{most + 1:,} series; the limit is {most:,}, one for each KiB of the size limit"
    )
    data = parse_events(text.encode(), "series.yaml", today=TODAY, max_bytes=2 * MAX_FILE_BYTES)
    assert len(data.series) == most + 1


def test_citations_are_charged_the_source_text_every_output_repeats() -> None:
    """A source of many long addresses, cited by thousands of events, would have a 512 KiB file
    publish gigabytes (every output repeats it beside each event): a citation counts its text."""
    copies = "".join(f"      - https://example.org/copy-{n}/{'x' * 1900}\n" for n in range(20))
    many = HEAD.replace(
        "sources:\n",
        "sources:\n  - id: mirrored\n    publisher: P\n    title: T\n    published: '2020'\n"
        f"    copies:\n{copies}",
    )
    citing = [event(n, cites="mirrored") for n in range(40)]
    (problem,) = error_of(many + "events:\n" + "".join(citing)).problems
    assert problem.path == "events[13]"  # 14 citations of 38,600 characters each pass 524,288
    assert problem.message.startswith("the sources cited up to here bring in more than 524,288 characters")
    raw = (many + "events:\n" + "".join(citing)).encode()
    assert len(parse_events(raw, "big.yaml", today=TODAY, max_bytes=4 * MAX_FILE_BYTES).events) == 40
