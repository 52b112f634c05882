"""Russian date phrases ("с 30 июня по 4 июля", "к концу весны"), resolved by rules.py."""

from __future__ import annotations

import re

from sinotime.extract import rules
from sinotime.extract.model import Handler, Kind, Phrase, by_rule, whole

# The month names in the genitive (30 июня), prepositional (в июне) and nominative (июнь).
_STEMS = [
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
]
_ENDINGS = r"(?:я|а|е|ь|й)?"
_M = r"(?:ма[йяе]|" + "|".join(rf"{stem}{_ENDINGS}" for stem in _STEMS if stem != "ма") + r")"
_Y = r"(?:19|20)\d\d"
_YEAR = rf"(?P<year> {_Y}(?: года| г\.?)?| (?:этого|текущего|прошлого|следующего) года)?"
SEASONS = {"весн": 21, "лет": 22, "осен": 23, "зим": 24}
RELATIVE = {
    "этого": 0,
    "этом": 0,
    "текущего": 0,
    "текущем": 0,
    "прошлого": -1,
    "прошлом": -1,
    "следующего": 1,
    "следующем": 1,
}
PARTS = {"начале": "beginning", "середине": "middle", "конце": "end"}
WEEKDAYS = ["понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье"]
_FLAGS = re.IGNORECASE


def month_number(word: str) -> int:
    """The month of a Russian month name in any of the cases above ("мая", "мае", "май")."""
    lowered = word.lower()
    if lowered in ("ма", "мая", "мае", "май"):
        return 5
    for number, stem in enumerate(_STEMS, start=1):
        if stem != "ма" and lowered.startswith(stem):
            return number
    raise ValueError(f"not a month: {word}")


def year_spec(text: str | None) -> rules.YearSpec:
    if not text:
        return rules.NO_YEAR
    word = text.split()[0]
    if word.isdigit():
        return rules.YearSpec(year=int(word))
    return rules.YearSpec(offset=RELATIVE[word.lower()])


def day(match: re.Match[str]) -> list[Phrase]:
    given = year_spec(match["year"])
    rule = "day" if given.year else "day-of-month"
    return whole(match, rule, rules.day(month_number(match["month"]), int(match["day"]), given))


def day_span(match: re.Match[str]) -> list[Phrase]:
    last = (month_number(match["m2"]), int(match["d2"]))
    first = (month_number(match["m1"]) if match["m1"] else last[0], int(match["d1"]))
    rules.day(*first, rules.NO_YEAR)
    rules.day(*last, rules.NO_YEAR)
    return whole(match, "day-span", rules.day_span(first, last, year_spec(match["year"])))


def month(match: re.Match[str]) -> list[Phrase]:
    given = year_spec(match["year"])
    rule = "month" if given == rules.NO_YEAR else ("month-of-year" if given.year else "month-this-year")
    return whole(match, rule, rules.month(month_number(match["month"]), given))


def month_span(match: re.Match[str]) -> list[Phrase]:
    first, last = month_number(match["m1"]), month_number(match["m2"])
    return whole(match, "month-span", rules.month_span(first, last, year_spec(match["year"])))


def part_of_month(match: re.Match[str]) -> list[Phrase]:
    part = PARTS[match["part"].lower()]
    return whole(
        match,
        f"{part}-of-month",
        rules.part_of_month(month_number(match["month"]), part, year_spec(match["year"])),
    )


def deadline_month(match: re.Match[str]) -> list[Phrase]:
    return whole(
        match,
        "deadline-month",
        rules.deadline_month(month_number(match["month"]), year_spec(match["year"])),
        Kind.PLAN,
    )


def _season_code(word: str) -> int:
    return next(code for stem, code in SEASONS.items() if word.lower().startswith(stem))


def season(match: re.Match[str]) -> list[Phrase]:
    return whole(match, "season", rules.sub_year(_season_code(match["season"]), year_spec(match["year"])))


def deadline_season(match: re.Match[str]) -> list[Phrase]:
    code = _season_code(match["season"])
    return whole(
        match, "deadline-season", rules.sub_year(code, year_spec(match["year"]), deadline=True), Kind.PLAN
    )


def years(match: re.Match[str]) -> list[Phrase]:
    deadline = (match["by"] or "").lower() in ("к", "до")
    found = list(re.finditer(_Y, match[0]))
    wording = match[0] if len(found) > 1 else ""
    rule = "deadline-year" if deadline else "year"
    kind = Kind.PLAN if deadline else None
    if len(found) == 1:
        return whole(match, rule, rules.fixed(found[0][0]), kind)
    return [
        Phrase(match.start() + y.start(), match.start() + y.end(), rule, rules.fixed(y[0]), kind, wording)
        for y in found
    ]


def quarter(match: re.Match[str]) -> list[Phrase]:
    ordinals = {"перв": 0, "втор": 1, "трет": 2, "четвёрт": 3, "четверт": 3}
    index = next(value for stem, value in ordinals.items() if match["ordinal"].lower().startswith(stem))
    code = (33 if match["unit"].lower().startswith("квартал") else 40) + index
    return whole(match, "quarter" if code < 40 else "half", rules.sub_year(code, year_spec(match["year"])))


def relative_year(match: re.Match[str]) -> list[Phrase]:
    offset = RELATIVE[match["which"].lower()]
    names = {0: "this-year", -1: "last-year", 1: "next-year"}
    return whole(match, names[offset], rules.year_of_d(offset))


def last_weekday(match: re.Match[str]) -> list[Phrase]:
    return whole(match, "last-weekday", rules.last_weekday(WEEKDAYS.index(match["weekday"].lower())))


PATTERNS: list[tuple[re.Pattern[str], Handler]] = [
    (
        re.compile(
            rf"\b(?:с|со) (?P<d1>\d{{1,2}})(?: (?P<m1>{_M}))? (?:по|до) "
            rf"(?P<d2>\d{{1,2}}) (?P<m2>{_M})\b{_YEAR}",
            _FLAGS,
        ),
        day_span,
    ),
    (
        re.compile(rf"\b(?P<d1>\d{{1,2}})[–-](?P<d2>\d{{1,2}}) (?P<m2>{_M})\b(?P<m1>){_YEAR}", _FLAGS),
        day_span,
    ),
    (re.compile(rf"\b(?P<day>\d{{1,2}}) (?P<month>{_M})\b{_YEAR}", _FLAGS), day),
    (re.compile(rf"\bв (?P<month>{_M})\b{_YEAR}", _FLAGS), month),
    (re.compile(rf"\bс (?P<m1>{_M}) по (?P<m2>{_M})\b{_YEAR}", _FLAGS), month_span),
    (re.compile(rf"\bв (?P<part>начале|середине|конце) (?P<month>{_M})\b{_YEAR}", _FLAGS), part_of_month),
    (re.compile(rf"\b(?:к концу|до конца) (?P<month>{_M})\b{_YEAR}", _FLAGS), deadline_month),
    (
        re.compile(rf"\b(?:к концу|до конца) (?P<season>весны|лета|осени|зимы)\b{_YEAR}", _FLAGS),
        deadline_season,
    ),
    (re.compile(rf"\b(?P<season>весной|летом|осенью|зимой)\b{_YEAR}", _FLAGS), season),
    (
        re.compile(
            rf"(?:\b(?P<by>в|к|до) )?\b{_Y}(?:(?: и |[–-]| или ){_Y})? ?(?:год(?:а|у|ах|ы)?|гг?\.)", _FLAGS
        ),
        years,
    ),
    (
        re.compile(
            rf"\bв (?P<ordinal>перв|втор|трет|четв[её]рт)\w* (?P<unit>квартал|полугоди)\w*{_YEAR}", _FLAGS
        ),
        quarter,
    ),
    (re.compile(r"\bв (?P<which>этом|текущем|прошлом|следующем) году\b", _FLAGS), relative_year),
    (
        re.compile(r"\b(?:к концу|до конца) (?:этого |текущего )?года\b", _FLAGS),
        by_rule("deadline-year", rules.year_of_d(0), Kind.PLAN),
    ),
    (re.compile(r"\bв конце (?:этого |текущего )?года\b", _FLAGS), by_rule("end-of-year", rules.end_of_year)),
    (
        re.compile(r"\bпозднее в этом году|позже в этом году\b", _FLAGS),
        by_rule("later-this-year", rules.later_this_year),
    ),
    (re.compile(r"\bна прошлой неделе\b", _FLAGS), by_rule("last-week", rules.last_week)),
    (re.compile(r"\bв прошлом месяце\b", _FLAGS), by_rule("last-month", rules.month_offset(-1))),
    (re.compile(rf"\bв прошл(?:ую|ый|ое) (?P<weekday>{'|'.join(WEEKDAYS)})\b", _FLAGS), last_weekday),
    (
        re.compile(r"\bв ближайшее время\b|\bв ближайшем будущем\b|\bв скором времени\b", _FLAGS),
        by_rule("near-future", rules.near_future, Kind.PLAN),
    ),
    (re.compile(r"\bнедавно\b", _FLAGS), by_rule("recently", rules.recently, Kind.OUTCOME)),
    (re.compile(r"\bвчера\b", _FLAGS), by_rule("yesterday", rules.day_offset(-1))),
    (re.compile(r"\bсегодня\b", _FLAGS), by_rule("today", rules.day_offset(0))),
    (re.compile(r"\bзавтра\b", _FLAGS), by_rule("tomorrow", rules.day_offset(1))),
]
