"""`sinotime extract` on the command line: YAML stubs, JSON, standard input and clear errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from sinotime import cli
from sinotime.extract.reading import read_article
from sinotime.loading import parse_events

ARTICLE = (
    "Khabarovsk Krai plans to pay an official visit to Heilongjiang Province in the near future. "
    "Government delegations have already visited Heilongjiang Province in April.\n"
)


def run(*args: str, stdin: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli.main, ["extract", *args], input=stdin, prog_name="sinotime")


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_yaml_stubs_have_the_shape_of_events_yaml(article: Path) -> None:
    result = run(str(article), "--published", "[2023-04-13..2023-05-24]", "--source", "consul-2023")
    assert (result.exit_code, result.stderr) == (0, "")
    events = yaml.safe_load(result.stdout)["events"]
    first, second = events
    assert first["plans"] == [
        {
            "target": "[2023-04-13..]",
            "wording": "in the near future",
            "announced": "[2023-04-13..2023-05-24]",
            "source": "consul-2023",
            "note": first["plans"][0]["note"],
        }
    ]
    assert "rule near-future" in first["plans"][0]["note"]
    assert first["cites"] == [{"source": "consul-2023", "quote": ARTICLE.split(". ")[0] + "."}]
    assert {k: v for k, v in second["outcome"].items() if k != "note"} == {
        "date": "2023-04",
        "wording": "in April",
        "source": "consul-2023",
    }


def test_json_gives_bounds_offsets_and_rule(article: Path) -> None:
    result = run(str(article), "--published", "[2023-04-13..2023-05-24]", "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert (document["published"], document["source"]) == ("[2023-04-13..2023-05-24]", None)
    plan, outcome = document["candidates"]
    assert plan | {"sentence": ""} == {
        "kind": "plan",
        "edtf": "[2023-04-13..]",
        "earliest": "2023-04-13",
        "latest": None,
        "phrase": "in the near future",
        "start": ARTICLE.index("in the near future"),
        "end": ARTICLE.index("in the near future") + len("in the near future"),
        "rule": "near-future",
        "wording": "in the near future",
        "sentence": "",
    }
    assert (outcome["edtf"], outcome["earliest"], outcome["latest"], outcome["kind"]) == (
        "2023-04",
        "2023-04-01",
        "2023-04-30",
        "outcome",
    )


def test_a_dash_reads_standard_input() -> None:
    result = run("-", "--published", "2019-06-18", stdin="Both bridges will be completed later this year.\n")
    assert result.exit_code == 0
    (event,) = yaml.safe_load(result.stdout)["events"]
    assert event["plans"][0]["target"] == "[2019-06-18..2019-12-31]"


def test_an_article_without_dates_says_so_and_prints_an_empty_list() -> None:
    result = run("-", "--published", "2019-06-18", stdin="Nothing dated here.")
    assert (result.exit_code, result.stderr, yaml.safe_load(result.stdout)) == (
        0,
        "<stdin>: no date phrases found\n",
        {"events": []},
    )


@pytest.mark.parametrize(
    ("published", "message"),
    [
        ("2019-02-30", "day 2019-02-30 does not exist"),
        ("[2023-04-13..]", "is an open window: a publication date needs a latest day"),
        ("last Friday", "'last Friday' is not a date sinotime understands"),
    ],
)
def test_a_bad_publication_date_is_a_usage_error(article: Path, published: str, message: str) -> None:
    result = run(str(article), "--published", published)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_the_publication_date_is_required(article: Path) -> None:
    result = run(str(article))
    assert result.exit_code == 2 and "Missing option '--published'" in result.stderr


def test_a_source_that_is_not_an_id_is_refused(article: Path) -> None:
    result = run(str(article), "--published", "2019-06-18", "--source", "Xinhua 2019")
    assert result.exit_code == 2 and "'Xinhua 2019' is not a source id" in result.stderr


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = run(str(missing), "--published", "2019-06-18")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"{missing}: cannot read: No such file or directory\n1 problem in {missing}\n"


def test_an_article_that_is_not_utf8_is_named_with_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Первая строка\nв июне ".encode() + b"\xe9t\xe9")
    result = run(str(path), "--published", "2019-06-18")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{path}:2:8: not UTF-8 text: byte 0xe9")


def test_an_article_over_the_size_limit_is_refused_before_it_is_read_whole() -> None:
    class Endless:
        def __init__(self) -> None:
            self.read_sizes: list[int] = []

        def read(self, size: int) -> bytes:
            self.read_sizes.append(size)
            return b"x" * size

    stream = Endless()
    with pytest.raises(Exception, match="larger than the limit of 1,000 bytes"):
        read_article(stream, "<stdin>", max_bytes=1000)  # type: ignore[arg-type]
    assert stream.read_sizes == [1001]


def test_an_article_over_the_limit_is_refused_with_the_limit_in_kib_and_how_to_raise_it(
    tmp_path: Path,
) -> None:
    article = tmp_path / "long.txt"
    article.write_text("The bridge will open in 2018. " * 20_000, encoding="utf-8")  # 600,000 bytes
    refused = CliRunner().invoke(cli.main, ["extract", str(article), "--published", "2017-06-01"])
    assert refused.exit_code == 1
    assert refused.stderr.startswith(
        f"{article}: article is larger than the limit of 512 KiB (524,288 bytes) (hint: raise the"
        " limit with `sinotime --max-input-mb N` or SINOTIME_MAX_INPUT_MB=N if the article is meant"
        " to be this large)\n"
    )
    raised = CliRunner().invoke(
        cli.main, ["--max-input-mb", "1", "extract", str(article), "--published", "2017-06-01"]
    )
    assert raised.exit_code == 0, raised.output


def test_escape_sequences_in_the_article_never_reach_the_terminal() -> None:
    text = "The \x1b]0;owned\x07 forum\x9b2J will open in June.\u202e\n"
    for fmt in ("yaml", "json"):
        result = run("-", "--published", "2019-03-01", "--format", fmt, stdin=text)
        assert result.exit_code == 0
        assert not any(ch in result.stdout for ch in "\x1b\x07\x9b\u202e"), fmt


def test_the_readme_shows_the_real_output_of_its_example() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    command = "$ sinotime extract ../shared/seeds/002_b06b406395a4e284.txt "
    start = readme.index(command)
    block = readme[start : readme.index("```", start)]
    command_line, shown = block.split("\n", 1)
    seed = Path(__file__).parent.parent.parent / "shared" / "seeds" / "002_b06b406395a4e284.txt"
    if not seed.exists():
        pytest.skip("../shared/seeds is not beside this checkout")
    article, *options = command_line.split()[3:]
    assert article == "../shared/seeds/002_b06b406395a4e284.txt"
    result = run(str(seed), *(option.strip("'") for option in options))
    assert (result.exit_code, result.stdout) == (0, shown)


def test_the_stubs_validate_once_the_curator_adds_ids_titles_and_kinds(article: Path) -> None:
    result = run(str(article), "--published", "[2023-04-13..2023-05-24]", "--source", "consul-2023")
    events = yaml.safe_load(result.stdout)["events"]
    for number, event in enumerate(events):
        event.update(id=f"event-{number}", title=f"Event {number}", kind="meeting")  # a default kind
        event.update(added="2026-11-27", changed="2026-11-27")
    document = {
        "calendar": {"name": "test", "description": "Stubs from sinotime extract."},
        "sources": [
            {
                "id": "consul-2023",
                "publisher": "test",
                "title": "test",
                "published": "[2023-04-13..2023-05-24]",
            }
        ],
        "events": events,
    }
    data = parse_events(
        yaml.safe_dump(document, allow_unicode=True).encode(), "stubs.yaml", today=date(2026, 11, 27)
    )
    assert [event.id for event in data.events] == ["event-0", "event-1"]


def test_an_article_of_thousands_of_dates_gets_the_first_thousand_and_a_count(tmp_path: Path) -> None:
    from sinotime.extract.find import MAX_CANDIDATES

    table = tmp_path / "table.txt"
    sentences = [f"It opened on {n % 28 + 1} May 2019. " for n in range(1_500)]
    table.write_text("".join(sentences), encoding="utf-8")
    result = run(str(table), "--published", "2019-06-18", "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert (len(document["candidates"]), document["left_out"]) == (MAX_CANDIDATES, 500)
    starts = [candidate["start"] for candidate in document["candidates"]]
    assert starts == sorted(starts) and starts[-1] < len("".join(sentences[:MAX_CANDIDATES]))
    assert result.stderr == (
        f"{table}: the first 1,000 date phrases are proposed; 500 more were found and left out\n"
    )
    stubs = yaml.safe_load(run(str(table), "--published", "2019-06-18").stdout)["events"]
    assert len(stubs) == MAX_CANDIDATES
