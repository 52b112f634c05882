"""Chinese date phrases ("6月", "年底", "2023年6月15日"), resolved by rules.py."""

from __future__ import annotations

import re

from sinotime.extract import rules
from sinotime.extract.model import Handler, Kind, Phrase, Resolver, by_rule, whole

NUMERALS = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "十一": 11,
    "十二": 12,
}
RELATIVE = {"今年": 0, "本年": 0, "去年": -1, "明年": 1}
SEASONS = {"春": 21, "夏": 22, "秋": 23, "冬": 24}
PARTS = {"初": "beginning", "上旬": "beginning", "中旬": "middle", "下旬": "end", "底": "end", "末": "end"}
WEEKDAYS = "一二三四五六日"

_N = r"(?:十[一二]|[一二三四五六七八九十]|\d{1,2})"
_YEAR = r"(?:(?P<year>(?:19|20)\d\d)年|(?P<rel>今年|本年|去年|明年))?"


def number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text not in NUMERALS:
        raise ValueError(f"not a number of days or months: {text}")
    return NUMERALS[text]


def year_spec(match: re.Match[str]) -> rules.YearSpec:
    if match["year"]:
        return rules.YearSpec(year=int(match["year"]))
    if match["rel"]:
        return rules.YearSpec(offset=RELATIVE[match["rel"]])
    return rules.NO_YEAR


def day(match: re.Match[str]) -> list[Phrase]:
    given = year_spec(match)
    return whole(
        match,
        "day" if given.year else "day-of-month",
        rules.day(number(match["month"]), number(match["day"]), given),
    )


def day_span(match: re.Match[str]) -> list[Phrase]:
    first = (number(match["m1"]), number(match["d1"]))
    last = (number(match["m2"]) if match["m2"] else first[0], number(match["d2"]))
    rules.day(*first, rules.NO_YEAR)
    rules.day(*last, rules.NO_YEAR)
    return whole(match, "day-span", rules.day_span(first, last, year_spec(match)))


def month(match: re.Match[str]) -> list[Phrase]:
    number_, given = number(match["month"]), year_spec(match)
    if not 1 <= number_ <= 12:
        return []
    if match["part"]:
        part = PARTS[match["part"]]
        return whole(match, f"{part}-of-month", rules.part_of_month(number_, part, given))
    rule = "month" if given == rules.NO_YEAR else ("month-of-year" if given.year else "month-this-year")
    return whole(match, rule, rules.month(number_, given))


def year_part(match: re.Match[str]) -> list[Phrase]:
    """年底 (end of the year; a deadline with 前), 年初, 年内, 上半年, 春季, 一季度, or the year itself."""
    given = year_spec(match)
    part, before = match["part"] or "", bool(match["before"] or match["to"])
    plan = Kind.PLAN if before or part == "内" else None
    if part in ("底", "末"):
        if before:
            return whole(match, "deadline-year", _year(given), Kind.PLAN)
        return whole(match, "end-of-year", rules.sub_year(36, _this_year(given)))
    if part == "初":
        return whole(match, "beginning-of-year", rules.sub_year(33, _this_year(given)))
    if part == "内":
        return whole(match, "deadline-year", _year(given), Kind.PLAN)
    if part in ("上半年", "下半年"):
        return whole(match, "half", rules.sub_year(40 if part == "上半年" else 41, _this_year(given)), plan)
    if part[:1] in SEASONS:
        return whole(match, "season", rules.sub_year(SEASONS[part[0]], given), plan)
    if "季度" in part:
        return whole(
            match, "quarter", rules.sub_year(32 + number(part.strip("第季度")), _this_year(given)), plan
        )
    if given == rules.NO_YEAR:
        return []
    rule = (
        "deadline-year"
        if plan
        else ("year" if given.year else {0: "this-year", -1: "last-year", 1: "next-year"}[given.offset or 0])
    )
    return whole(match, rule, _year(given), plan)


def _this_year(given: rules.YearSpec) -> rules.YearSpec:
    return rules.YearSpec(offset=0) if given == rules.NO_YEAR else given


def _year(given: rules.YearSpec) -> Resolver:
    spec = _this_year(given)
    return lambda d, _kind: str(spec.resolve(d))


def last_weekday(match: re.Match[str]) -> list[Phrase]:
    return whole(match, "last-weekday", rules.last_weekday(WEEKDAYS.index(match["weekday"])))


PATTERNS: list[tuple[re.Pattern[str], Handler]] = [
    (
        re.compile(
            rf"{_YEAR}(?P<m1>{_N})月(?P<d1>{_N})[日号]?(?:至|到|-|–|—|～|~)(?:(?P<m2>{_N})月)?(?P<d2>{_N})[日号]"
        ),
        day_span,
    ),
    (re.compile(rf"{_YEAR}(?P<month>{_N})月(?P<day>{_N})[日号]"), day),
    (re.compile(rf"{_YEAR}(?P<month>{_N})月(?P<part>初|上旬|中旬|下旬|底|末)?"), month),
    (
        re.compile(
            r"(?P<to>到|至|截至)?(?:(?P<year>(?:19|20)\d\d)年|(?P<rel>今年|本年|去年|明年)|年)"
            r"(?P<part>底|末|初|内|上半年|下半年|第?[一二三四]季度|[春夏秋冬][季天])?(?P<before>前|之前)?"
        ),
        year_part,
    ),
    (
        re.compile(
            r"(?P<to>)(?P<year>)(?P<rel>)(?P<part>上半年|下半年|第?[一二三四]季度|[春夏秋冬][季天])(?P<before>)"
        ),
        year_part,
    ),
    (re.compile(r"上(?:周|星期|个?礼拜)(?P<weekday>[一二三四五六日])"), last_weekday),
    (re.compile(r"上(?:周|星期)(?![一二三四五六日])"), by_rule("last-week", rules.last_week)),
    (re.compile(r"上个?月"), by_rule("last-month", rules.month_offset(-1))),
    (re.compile(r"下个?月"), by_rule("next-month", rules.month_offset(1))),
    (re.compile(r"近日|日前|最近|不久前"), by_rule("recently", rules.recently, Kind.OUTCOME)),
    (re.compile(r"近期"), by_rule("recently-or-soon", rules.recent_or_near)),
    (re.compile(r"昨天|昨日"), by_rule("yesterday", rules.day_offset(-1))),
    (re.compile(r"今天|今日"), by_rule("today", rules.day_offset(0))),
    (re.compile(r"明天|明日"), by_rule("tomorrow", rules.day_offset(1))),
]
