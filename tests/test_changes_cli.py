"""`sinotime changes` lists the ledger; `sinotime diff` says what an edit changed, like diff."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from sinotime.cli import main

SAMPLE = Path(__file__).parent / "data" / "feeds-sample.yaml"
AS_OF = "2026-11-23"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_changes_lists_the_ledger_oldest_first_in_the_words_of_the_feeds() -> None:
    code, out, err = run("changes", str(SAMPLE), "--as-of", AS_OF)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == (
        "2017-02-16  Target announced: Cross-border e-commerce hub in the Heilongjiang free trade zone,"
        " no date given (China Daily)"
    )
    assert (
        "2019-06-18  Target moved: Tongjiang–Nizhneleninskoye railway bridge opens to traffic, 2018 → "
        "between 18 June 2019 and 31 December 2019, +1 y so far (Xinhua)"
    ) in lines
    assert lines == sorted(lines, key=lambda line: line[:10])
    assert err == f"{len(lines)} changes\n"


def test_changes_since_a_day_lists_only_what_became_news_from_then() -> None:
    code, out, err = run("changes", str(SAMPLE), "--as-of", AS_OF, "--since", "2024-03-02")
    assert code == 0, err
    assert out.splitlines()[0].startswith("2024-03-02  Target announced: Harbin–Khabarovsk cultural fair")
    assert all(line[:10] >= "2024-03-02" for line in out.splitlines())
    assert err.endswith("since 2024-03-02\n")


def test_changes_since_a_month_or_a_year_start_on_its_first_day_as_reports_from_do() -> None:
    for since, first_day in (("2024", "2024-01-01"), ("2024-03", "2024-03-01")):
        code, out, err = run("changes", str(SAMPLE), "--as-of", AS_OF, "--since", since)
        assert code == 0, err
        assert (out, err) == run("changes", str(SAMPLE), "--as-of", AS_OF, "--since", first_day)[1:]


def test_a_deadline_passes_only_up_to_the_as_of_day() -> None:
    _, before, _ = run("changes", str(SAMPLE), "--as-of", "2023-12-31")
    _, after, _ = run("changes", str(SAMPLE), "--as-of", "2024-01-01")
    assert "Deadline passed, nothing heard: Heihe–Blagoveshchensk cable car opens" not in before
    assert (
        "2024-01-01  Deadline passed, nothing heard: Heihe–Blagoveshchensk cable car opens, due about 2023"
        in after
    )


def test_diff_of_the_same_data_says_no_change_and_exits_0() -> None:
    assert run("diff", str(SAMPLE), str(SAMPLE), "--as-of", AS_OF) == (0, "", "no change\n")


def test_diff_names_a_new_target_in_the_ledger_words_and_exits_1(tmp_path: Path) -> None:
    edited = tmp_path / "events.yaml"
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace(
        """      - target: "2027-06"
        wording: in June 2027
        announced: "2019-06-18"
        source: xinhua-2019-06-18
""",
        """      - target: "2027-06"
        wording: in June 2027
        announced: "2019-06-18"
        source: xinhua-2019-06-18
      - target: "2028"
        wording: in 2028
        announced: "2024-05-10"
        source: tass-2024-05-10
""",
    )
    edited.write_text(text, encoding="utf-8")
    code, out, err = run("diff", str(SAMPLE), str(edited), "--as-of", AS_OF)
    assert code == 1
    assert out == (
        "+ 2024-05-10  Target moved: 10th China–Russia Expo, June 2027 → 2028, +1 y 6 m so far (TASS)\n"
    )
    assert err == "1 added, 0 removed, 0 changed\n"


def test_diff_of_a_broken_file_reports_it_and_exits_2(tmp_path: Path) -> None:
    broken = tmp_path / "events.yaml"
    broken.write_text(
        SAMPLE.read_text(encoding="utf-8").replace("kind: expo", "kind: expoo", 1), encoding="utf-8"
    )
    code, out, err = run("diff", str(SAMPLE), str(broken))
    assert code == 2
    assert out == ""
    assert "unknown kind 'expoo'" in err
    assert run("diff", str(SAMPLE), str(tmp_path / "missing.yaml"))[0] == 2
