"""`sinotime extract`'s rules: each phrase resolved as docs/curation.md says, in three languages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinotime.dates import Precision, parse_date
from sinotime.extract import Candidate, Kind, extract

FRIDAY_ARTICLE = "2017-02-16"  # article 000, a Thursday
WINDOW_004 = "[2023-04-13..2023-05-24]"  # article 004, known only as a window


def only(text: str, published: str) -> Candidate:
    """The one candidate of a text; fails when there are none or several."""
    candidates = extract(text, published).candidates
    assert len(candidates) == 1, [(c.phrase, c.date.text) for c in candidates]
    return candidates[0]


# Every row of docs/curation.md's table of relative dates that a seed article holds ---------


@pytest.mark.parametrize(
    ("sentence", "published", "expected", "kind"),
    [
        ("The institute sent the parameters to us last Friday.", FRIDAY_ARTICLE, "2017-02-10", "outcome"),
        (
            "Last week officials said the funding gap had been covered.",
            FRIDAY_ARTICLE,
            "[2017-02-06..2017-02-12]",
            "outcome",
        ),
        ("The company signed a cooperation agreement in November.", FRIDAY_ARTICLE, "2016-11", "outcome"),
        ("Five joint research centers were established last year.", FRIDAY_ARTICLE, "2016", "outcome"),
        ("The expo will kick off in June.", "[2014-02-26..2014-06-29]", "2014-06", "plan"),
        (
            "A railway bridge laid its foundation stone on Feb 26.",
            "[2014-02-26..2014-06-29]",
            "2014-02-26",
            "outcome",
        ),
        (
            "They are expected to facilitate transport after their completion later this year.",
            "2019-06-18",
            "[2019-06-18..2019-12-31]",
            "plan",
        ),
        (
            "At the end of March this year, President Xi visited Russia.",
            WINDOW_004,
            "[2023-03-21..2023-03-31]",
            "outcome",
        ),
        ("Delegations have already visited Heilongjiang in April.", WINDOW_004, "2023-04", "outcome"),
        (
            "Khabarovsk Krai plans to pay an official visit in the near future.",
            WINDOW_004,
            "[2023-04-13..]",
            "plan",
        ),
        (
            "The Amur Region will travel to Heihe at the end of May.",
            WINDOW_004,
            "[2023-05-21..2023-05-31]",
            "plan",
        ),
        ("In June of this year, a forum will be held in Yakutsk.", WINDOW_004, "2023-06", "plan"),
        ("From June to August, events of the fair will be held.", WINDOW_004, "2023-06/2023-08", "plan"),
        ("The goal of 200 billion US dollars by 2024 will be achieved.", WINDOW_004, "2024", "plan"),
        (
            "Recently, the Consulate General sent employees to inspect enterprises.",
            WINDOW_004,
            "[2023-01-01..2023-05-24]",
            "outcome",
        ),
        ("The bridge should open within a month.", "2022-04-27", "[2022-04-27..2022-05-27]", "plan"),
        (
            "The cableway is due to be finished at the end of May.",
            "2026-01-20",
            "[2026-05-21..2026-05-31]",
            "plan",
        ),
    ],
)
def test_each_curation_rule_in_english(sentence: str, published: str, expected: str, kind: str) -> None:
    candidate = only(sentence, published)
    assert (candidate.date.text, candidate.kind) == (expected, Kind(kind))


def test_two_years_said_respectively_are_two_plans_with_the_same_words() -> None:
    text = "According to plans, the two bridges will be in operation, respectively, in 2018 and 2019."
    candidates = extract(text, FRIDAY_ARTICLE).candidates
    assert [(c.date.text, c.kind, c.phrase) for c in candidates] == [
        ("2018", Kind.PLAN, "2018"),
        ("2019", Kind.PLAN, "2019"),
    ]
    assert {c.wording for c in candidates} == {"respectively, in 2018 and 2019"}
    assert [text[c.start : c.end] for c in candidates] == ["2018", "2019"]


@pytest.mark.parametrize(
    ("sentence", "published", "expected", "rule"),
    [
        ("Он будет открыт с 30 июня по 4 июля.", "2014-03-01", "2014-06-30/2014-07-04", "day-span"),
        ("Строительство будет завершено к концу весны.", "2026-03-02", "2026-21", "deadline-season"),
        ("Форум состоится в конце мая.", "2023-04-20", "[2023-05-21..2023-05-31]", "end-of-month"),
        ("Делегация посетила Харбин в апреле.", "2023-05-10", "2023-04", "month"),
        ("Мост откроют в 2019 году.", "2017-02-16", "2019", "year"),
        ("Цель будет достигнута к 2024 году.", "2023-05-10", "2024", "deadline-year"),
        ("Губернатор посетит Хэйхэ в ближайшее время.", WINDOW_004, "[2023-04-13..]", "near-future"),
        ("Недавно делегация посетила Фуюань.", WINDOW_004, "[2023-01-01..2023-05-24]", "recently"),
        ("Договор подписали 26 февраля 2014 года.", "2014-03-01", "2014-02-26", "day"),
        ("В прошлом году открылся колледж.", FRIDAY_ARTICLE, "2016", "last-year"),
        ("Параметры прислали в прошлую пятницу.", FRIDAY_ARTICLE, "2017-02-10", "last-weekday"),
        ("Фестиваль пройдёт с июня по август.", WINDOW_004, "2023-06/2023-08", "month-span"),
        ("Мост сдадут в конце года.", "2019-06-18", "2019-36", "end-of-year"),
        ("博览会计划6月开幕。", "2014-03-01", "2014-06", "month"),
        ("大桥将于年底前完工。", "2019-06-18", "2019", "deadline-year"),
        ("工程预计年底完成。", "2019-06-18", "2019-36", "end-of-year"),
        ("2023年6月15日，论坛在哈尔滨举行。", "2023-07-01", "2023-06-15", "day"),
        ("代表团于4月访问了黑龙江。", "2023-05-10", "2023-04", "month"),
        ("索道将于5月底建成。", "2026-01-20", "[2026-05-21..2026-05-31]", "end-of-month"),
        ("展会于6月30日至7月4日举行。", "2014-03-01", "2014-06-30/2014-07-04", "day-span"),
        ("去年开通了客运。", "2024-03-01", "2023", "last-year"),
        ("今年上半年贸易额增长。", "2023-08-01", "2023-40", "half"),
        ("近日，代表团访问了抚远。", WINDOW_004, "[2023-01-01..2023-05-24]", "recently"),
        ("项目力争年内完工。", "2023-05-10", "2023", "deadline-year"),
        ("论坛将于春季举行。", "2023-01-10", "2023-21", "season"),
        ("上周五签署了协议。", FRIDAY_ARTICLE, "2017-02-10", "last-weekday"),
    ],
)
def test_russian_and_chinese_phrases(sentence: str, published: str, expected: str, rule: str) -> None:
    candidate = only(sentence, published)
    assert (candidate.date.text, candidate.rule) == (expected, rule)


# A publication window ------------------------------------------------------------------------


def test_last_friday_against_a_window_is_a_window_of_fridays() -> None:
    candidate = only("The institute sent us the list last Friday.", "[2017-02-13..2017-02-20]")
    assert candidate.date.text == "[2017-02-10..2017-02-17]"


def test_the_month_a_window_of_publication_cannot_decide_is_a_window_of_both() -> None:
    candidate = only("The delegation visited Harbin in May.", "[2023-04-13..2023-05-24]")
    assert candidate.date.text == "[2022-05-01..2023-05-31]"


def test_ongoing_dates_an_event_from_the_day_the_article_gives_it_to_publication() -> None:
    text = (
        "A visitor at the 6th China-Russia Expo held in Harbin, June 15, 2019.\n"
        "HARBIN -- Officials spoke during the ongoing 6th China-Russia Expo.\n"
        "She said at a high-level forum during the expo that trade grew."
    )
    ongoing = [c for c in extract(text, "2019-06-18").candidates if c.rule == "ongoing"]
    assert [(c.phrase, c.date.text, c.kind) for c in ongoing] == [
        ("during the ongoing 6th China-Russia Expo", "[2019-06-15..2019-06-18]", Kind.OUTCOME),
        ("during the expo", "[2019-06-15..2019-06-18]", Kind.OUTCOME),
    ]


SAMPLE_PHRASES = [
    "The parameters came last Friday.",
    "Officials said so last week.",
    "It was signed in November.",
    "It will open in June.",
    "It opened on Feb 26.",
    "Completion later this year is expected.",
    "A visit is planned in the near future.",
    "The forum will be at the end of May.",
    "Recently a delegation visited.",
    "Xi visited at the end of March this year.",
    "The target is by the end of spring.",
    "It will open within a month.",
    "Форум пройдёт с 30 июня по 4 июля.",
    "博览会计划6月开幕。",
    "大桥将于年底前完工。",
]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(SAMPLE_PHRASES),
    st.dates(min_value=date(2001, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=0, max_value=120),
)
def test_a_window_of_publication_covers_every_day_in_it(text: str, first: date, length: int) -> None:
    last = first + timedelta(days=length)
    window = extract(text, f"[{first}..{last}]").candidates
    for day in (first, first + timedelta(days=length // 2), last):
        by_day = extract(text, day.isoformat()).candidates
        assert len(by_day) == len(window) == 1
        wide, narrow = window[0].date, by_day[0].date
        assert wide.earliest <= narrow.earliest
        assert wide.latest is None or (narrow.latest is not None and narrow.latest <= wide.latest)


# Never more precise than the phrase ----------------------------------------------------------

# The fewest days each rule's phrase can mean: a result narrower than this would be invented.
SHORTEST = {
    "day": 1,
    "day-of-month": 1,
    "last-weekday": 1,
    "yesterday": 1,
    "today": 1,
    "tomorrow": 1,
    "day-span": 2,
    "last-week": 7,
    "beginning-of-month": 10,
    "middle-of-month": 10,
    "end-of-month": 8,
    "month": 28,
    "month-of-year": 28,
    "month-this-year": 28,
    "deadline-month": 28,
    "last-month": 28,
    "next-month": 28,
    "month-span": 59,
    "season": 89,
    "deadline-season": 89,
    "next-season": 89,
    "last-season": 89,
    "quarter": 90,
    "end-of-year": 92,
    "beginning-of-year": 90,
    "half": 181,
    "year": 365,
    "deadline-year": 365,
    "last-year": 365,
    "this-year": 365,
    "next-year": 365,
    "later-this-year": 1,
    "earlier-this-year": 1,
    "recently": 1,
    "within": 2,
    "ongoing": 1,
    "near-future": 0,  # open: no latest day at all
    "recently-or-soon": 1,
}

MIXED = (
    "The institute sent the list last Friday. Last week officials spoke. It was signed in November "
    "and the bridges will open in 2018 and 2019, respectively. The expo opened June 15, 2019 and "
    "another will open from June 30 to July 4. At the end of May, early June and mid-July things "
    "happen; the first quarter of this year grew, the second half of 2024 will too, by the end of "
    "spring it is done, in the near future more. Recently, later this year, earlier this year, last "
    "month, next month, next year, yesterday, today, tomorrow, within two weeks, next summer, last winter. "
    "Форум пройдёт с 30 июня по 4 июля, к концу весны, в конце мая, в апреле, в 2019 году, летом. "
    "计划6月开幕，年底前完工，年底完成，2023年6月15日，5月底，去年，今年上半年，近日，近期将访问。"
)


@pytest.mark.parametrize("published", ["2017-02-16", "[2023-04-13..2023-05-24]", "2019-06"])
def test_no_candidate_is_more_precise_than_its_phrase(published: str) -> None:
    candidates = extract(MIXED, published).candidates
    assert {c.rule for c in candidates} >= {"day", "last-weekday", "month", "year", "day-span", "recently"}
    for candidate in candidates:
        assert candidate.rule in SHORTEST, f"rule {candidate.rule} has no shortest length here"
        value = candidate.date
        if value.latest is None:
            assert candidate.rule == "near-future" or value.is_open
            continue
        days = (value.latest - value.earliest).days + 1
        assert days >= SHORTEST[candidate.rule], (candidate.phrase, value.text)


def test_a_phrase_that_names_a_month_is_never_given_a_day() -> None:
    for published in ("2017-02-16", "[2014-02-26..2014-06-29]"):
        for candidate in extract("The expo will open in June. It ended in July 2014.", published).candidates:
            assert candidate.date.precision in (Precision.MONTH, Precision.WINDOW), candidate.date.text


def test_every_candidate_is_a_valid_sinotime_date_with_the_bounds_it_reports() -> None:
    for candidate in extract(MIXED, "[2023-04-13..2023-05-24]").candidates:
        parsed = parse_date(candidate.date.text)
        assert (parsed.earliest, parsed.latest) == (candidate.date.earliest, candidate.date.latest)


# What is not a date ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The cargo weighed 2,400 metric tons and was valued at nearly $200 million.",
        "Heihe has been doing business with Russia for more than 130 years.",
        "Trade may grow, and the fair may open; we may see.",
        "The 3000-km border is long. Spring has come.",
    ],
)
def test_numbers_and_words_that_are_not_dates_give_nothing(text: str) -> None:
    assert extract(text, "2017-02-16").candidates == ()


@pytest.mark.parametrize(
    ("article", "dated"),
    [
        ("HARBIN, June 18 (Xinhua) -- The bridge will open in 2020.", "in 2020"),
        ("VLADIVOSTOK, Russia, Sept. 5, 2019 (Reuters) - The forum opened on Sept. 4.", "on Sept. 4"),
        ("BLAGOVESHCHENSK, March 2 — The cableway will open in August.", "in August"),
        ("ХАБАРОВСК, 2 марта. /ТАСС/. Канатная дорога откроется в 2026 году.", "в 2026 году"),
        ("新华社哈尔滨6月18日电 大桥将于2020年通车。", "2020年"),
    ],
)
def test_the_day_of_a_dateline_is_when_the_story_was_filed_not_an_event(article: str, dated: str) -> None:
    assert [article[c.start : c.end] for c in extract(article, "2019-06-18").candidates] == [dated]


def test_a_sentence_that_opens_with_capitals_is_not_taken_for_a_dateline() -> None:
    text = "BRICS, in June 2019 - leaders met in Harbin."
    assert [c.phrase for c in extract(text, "2019-06-18").candidates] == ["in June 2019"]


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("The fair will be held next summer.", "2025-10-01", "2026-22"),
        ("The fair will be held next summer.", "2025-07-10", "2026-22"),  # in this summer: the next one
        # before this year's summer began: that one or the next, as people say both
        ("The fair will be held next summer.", "2025-03-03", "[2025-06-01..2026-08-31]"),
        ("The fair was held last summer.", "2025-10-01", "2025-22"),
        ("The fair was held last summer.", "2025-07-10", "2024-22"),
        ("It opened last winter.", "2025-03-03", "2024-24"),  # December 2024 to February 2025
        ("It opened last winter.", "2025-01-15", "2023-24"),  # in the winter of 2024: the one before
        ("It will open next winter.", "2025-12-15", "2026-24"),
        ("It will open next winter.", "2025-01-15", "2025-24"),  # in the winter of 2024: the next one
    ],
)
def test_next_and_last_season_never_pick_one_of_two_summers_the_words_can_mean(
    sentence: str, published: str, expected: str
) -> None:
    assert only(sentence, published).date.text == expected


def test_an_abbreviation_with_a_full_stop_does_not_end_the_quoted_sentence() -> None:
    text = (
        "NORTHPORT, Nov. 20 (Herald) -- The link will open next spring, Dr. Li said."
        " It was due in Sept. 2026."
    )
    quoted = {c.phrase: c.sentence for c in extract(text, "2026-11-20").candidates}
    assert quoted == {
        "next spring": "NORTHPORT, Nov. 20 (Herald) -- The link will open next spring, Dr. Li said.",
        "in Sept. 2026": "It was due in Sept. 2026.",
    }


def test_a_day_that_does_not_exist_is_not_proposed() -> None:
    assert [c.date.text for c in extract("It opens on February 30.", "2017-02-16").candidates] == ["2017-02"]


def test_offsets_point_at_the_phrase_and_text_is_made_safe() -> None:
    text = "Title\x1b[31m\nThe forum will open in June 2014.\u202e"
    candidate = only(text, "2014-03-01")
    assert text[candidate.start : candidate.end] == "in June 2014"
    assert "\x1b" not in candidate.sentence and "\u202e" not in candidate.sentence


def test_a_very_long_sentence_is_quoted_around_its_phrase() -> None:
    text = "word " * 2000 + "it will open in June " + "word " * 2000
    candidate = only(text, "2014-03-01")
    assert len(candidate.sentence) <= 1002
    assert candidate.sentence.startswith("…") and candidate.sentence.endswith("…")
    assert "it will open in June" in candidate.sentence


def test_many_phrases_in_one_sentence_each_get_their_own_kind() -> None:
    text = ", ".join(["it opened in May 2014", "it will open in June 2015"] * 500)
    candidates = extract(text, "2014-12-01").candidates
    assert len(candidates) == 1000
    assert [c.kind for c in candidates[:2]] == [Kind.OUTCOME, Kind.PLAN]
    assert {c.date.text for c in candidates} == {"2014-05", "2015-06"}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=300), min_size=1, max_size=4), st.sampled_from(SAMPLE_PHRASES))
def test_the_stubs_read_back_as_written_whatever_a_sentence_holds(texts: list[str], phrase: str) -> None:
    """render_yaml writes through libyaml's emitter (for speed): what it writes loads back as
    the very stubs, and holds no character that could act on a terminal."""
    import yaml

    from sinotime.extract import render_yaml
    from sinotime.extract.render import event_stub

    extraction = extract(" ".join(texts) + " " + phrase, "2019-06-18")
    written = render_yaml(extraction)
    assert yaml.safe_load(written) == {"events": [event_stub(c, extraction) for c in extraction.candidates]}
    assert not any((ord(c) < 32 and c != "\n") or 127 <= ord(c) < 160 for c in written)
