"""English date phrases: the patterns, and which rule of rules.py each one uses."""

from __future__ import annotations

import re
from datetime import date

from sinotime.extract import calendar as cal
from sinotime.extract import rules
from sinotime.extract.model import Handler, Kind, Phrase, by_rule, whole

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sept", "Sep"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
PARTS = {"end": "end", "beginning": "beginning", "start": "beginning", "middle": "middle"}
PREFIX_PARTS = {"early": "beginning", "mid": "middle", "late": "end"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "six": 6}
DEADLINES = ("by", "before", "by the end of", "before the end of")

_FULL = [name for name in MONTHS if len(name) > 3 and name != "Sept"] + ["May"]
_M = r"(?:" + "|".join(_FULL) + "|" + "|".join(rf"{name}\.?" for name in MONTHS if name not in _FULL) + r")"
_D = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_Y = r"(?:19|20)\d\d"
_REL_YEAR = r"(?:this|next|last|current|previous) year"
_YEAR = rf"(?P<year>,? {_Y}\b| of {_Y}\b| of {_REL_YEAR}| {_REL_YEAR})?"
_REL = re.IGNORECASE


def month_number(text: str) -> int:
    return MONTHS[text.rstrip(".")]


def number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def year_spec(text: str | None) -> rules.YearSpec:
    """The year a phrase gives: ", 2019", "of 2019", "of this year", "next year", or none."""
    if not text:
        return rules.NO_YEAR
    words = text.strip(" ,").removeprefix("of ").strip()
    if words[:1].isdigit():
        return rules.YearSpec(year=int(words))
    return rules.YearSpec(offset=rules.RELATIVE_YEARS[words.split()[0].lower()])


# Handlers, one per kind of phrase --------------------------------------------------------


def full_day(match: re.Match[str]) -> list[Phrase]:
    text = cal.day_text(date(int(match["year"]), month_number(match["month"]), number(match["day"])))
    return whole(match, "day", rules.fixed(text))


def iso_day(match: re.Match[str]) -> list[Phrase]:
    return whole(match, "day", rules.fixed(cal.day_text(date.fromisoformat(match[0]))))


def day_without_year(match: re.Match[str]) -> list[Phrase]:
    return whole(
        match, "day-of-month", rules.day(month_number(match["month"]), number(match["day"]), rules.NO_YEAR)
    )


def day_span(match: re.Match[str]) -> list[Phrase]:
    first = (month_number(match["m1"]), number(match["d1"]))
    last = (month_number(match["m2"] or match["m1"]), number(match["d2"]))
    date(2000, *last)
    return whole(match, "day-span", rules.day_span(first, last, year_spec(match["year"])))


def month_span(match: re.Match[str]) -> list[Phrase]:
    first, last = month_number(match["m1"]), month_number(match["m2"])
    return whole(match, "month-span", rules.month_span(first, last, year_spec(match["year"])))


def month(match: re.Match[str]) -> list[Phrase]:
    given = year_spec(match["year"])
    if match["month"] == "May" and not match["by"] and given == rules.NO_YEAR:
        return []  # a bare "May" may be the verb
    rule = "month" if given == rules.NO_YEAR else ("month-of-year" if given.year else "month-this-year")
    deadline = Kind.PLAN if (match["by"] or "").lower() in DEADLINES else None
    return whole(match, rule, rules.month(month_number(match["month"]), given), deadline)


def part_of_month(match: re.Match[str]) -> list[Phrase]:
    number_, given = month_number(match["month"]), year_spec(match["year"])
    part = PARTS.get((match["part"] or "").lower()) or PREFIX_PARTS[(match["prefix"] or "").lower()]
    if match["by"] and part == "end":  # a deadline is the whole period it closes
        return whole(match, "deadline-month", rules.deadline_month(number_, given), Kind.PLAN)
    return whole(match, f"{part}-of-month", rules.part_of_month(number_, part, given))


def years(match: re.Match[str]) -> list[Phrase]:
    """One phrase per year of "in 2018 and 2019, respectively" (or a single "in 2011")."""
    deadline = (match["by"] or "").lower() in DEADLINES
    found = list(re.finditer(_Y, match[0]))
    if len(found) == 1:
        return whole(
            match,
            "deadline-year" if deadline else "year",
            rules.fixed(found[0][0]),
            Kind.PLAN if deadline else None,
        )
    return [
        Phrase(
            match.start() + year.start(),
            match.start() + year.end(),
            "deadline-year" if deadline else "year",
            rules.fixed(year[0]),
            Kind.PLAN if deadline else None,
            match[0],
        )
        for year in found
    ]


def sub_year(match: re.Match[str]) -> list[Phrase]:
    """A season, a quarter or a half: "the first quarter of this year", "by the end of spring"."""
    words = match["group"].lower()
    if words in cal.SEASON_CODES:
        code = cal.SEASON_CODES[words]
    else:
        ordinal, unit = words.split()
        code = (33 if unit.startswith("quarter") else 40) + ORDINALS[ordinal] - 1
    if match["by"]:
        return whole(
            match, "deadline-season", rules.sub_year(code, year_spec(match["year"]), deadline=True), Kind.PLAN
        )
    rule = "season" if code < 30 else "quarter" if code < 40 else "half"
    return whole(match, rule, rules.sub_year(code, year_spec(match["year"])))


def near_season(match: re.Match[str]) -> list[Phrase]:
    """ "Next summer", "last winter"."""
    code = cal.SEASON_CODES[match["season"].lower()]
    if match["which"].lower() == "next":
        return whole(match, "next-season", rules.next_season(code))
    return whole(match, "last-season", rules.last_season(code))


def last_weekday(match: re.Match[str]) -> list[Phrase]:
    return whole(match, "last-weekday", rules.last_weekday(WEEKDAYS.index(match["weekday"].lower())))


def within(match: re.Match[str]) -> list[Phrase]:
    count = COUNTS.get(match["count"].lower())
    amount = count if count is not None else int(match["count"])
    return whole(match, "within", rules.within(amount, match["unit"].lower().rstrip("s")), Kind.PLAN)


PATTERNS: list[tuple[re.Pattern[str], Handler]] = [
    (re.compile(rf"\b(?P<month>{_M}) (?P<day>{_D}),? (?P<year>{_Y})\b"), full_day),
    (re.compile(rf"\b(?P<day>{_D}) (?:of )?(?P<month>{_M}),? (?P<year>{_Y})\b"), full_day),
    (re.compile(r"\b\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b"), iso_day),
    (re.compile(rf"\b(?:(?i:on) )?(?P<month>{_M}) (?P<day>{_D})\b(?![,.]?\d)"), day_without_year),
    (re.compile(rf"\b(?:(?i:on) )?(?P<day>{_D}) (?P<month>{_M})(?!\w)"), day_without_year),
    (
        re.compile(
            rf"\b(?:(?i:from|between) )?(?P<m1>{_M}) (?P<d1>{_D}) ?(?:to|until|till|through|and|-|–) ?"
            rf"(?:(?P<m2>{_M}) )?(?P<d2>{_D})\b{_YEAR}"
        ),
        day_span,
    ),
    (re.compile(rf"\b(?i:from) (?P<m1>{_M}) (?:to|until|till|through) (?P<m2>{_M}){_YEAR}"), month_span),
    (
        re.compile(
            rf"(?:\b(?P<by>(?i:by|before|until|in|since|during|of|on)) )?\b(?P<month>{_M}){_YEAR}(?!\w)"
        ),
        month,
    ),
    (
        re.compile(
            rf"\b(?:(?P<by>by|before) the |at the |in the |the )?(?:(?P<part>end|beginning|start|middle) of "
            rf"|(?P<prefix>early|mid|late)[- ])(?P<month>{_M}){_YEAR}",
            _REL,
        ),
        part_of_month,
    ),
    (
        re.compile(
            r"(?:\b(?i:respectively),? )?"
            r"(?:\b(?P<by>(?i:by|by the end of|before the end of|before|in|of|until|since|during|from|to)) )?"
            rf"(?<![\d$.,]){_Y}(?:(?:,| and| or| to)+ {_Y})*(?!,?\d|\w)(?:,? respectively)?"
        ),
        years,
    ),
    (
        re.compile(
            rf"\b(?:(?P<by>by|before) the end of |(?:in|during) |this |the )(?:the )?(?P<group>spring|summer"
            rf"|autumn|fall|winter|(?:first|second|third|fourth|1st|2nd|3rd|4th) (?:quarter|half))"
            rf"(?P<year> of {_Y}| {_Y}| of {_REL_YEAR}| {_REL_YEAR})?\b",
            _REL,
        ),
        sub_year,
    ),
    (re.compile(rf"\blast (?P<weekday>{'|'.join(WEEKDAYS)})\b", _REL), last_weekday),
    (re.compile(r"\b(?P<which>next|last) (?P<season>spring|summer|autumn|fall|winter)\b", _REL), near_season),
    (re.compile(r"\blast week\b", _REL), by_rule("last-week", rules.last_week)),
    (re.compile(r"\blast month\b", _REL), by_rule("last-month", rules.month_offset(-1))),
    (re.compile(r"\bnext month\b", _REL), by_rule("next-month", rules.month_offset(1))),
    (re.compile(r"\blast year\b", _REL), by_rule("last-year", rules.year_of_d(-1))),
    (re.compile(r"\bnext year\b", _REL), by_rule("next-year", rules.year_of_d(1))),
    (re.compile(r"\bthis year\b", _REL), by_rule("this-year", rules.year_of_d(0))),
    (re.compile(r"\blater (?:this|in the) year\b", _REL), by_rule("later-this-year", rules.later_this_year)),
    (re.compile(r"\bearlier (?:this|in the) year\b", _REL), by_rule("earlier-this-year", rules.recently)),
    (
        re.compile(r"\b(?:by|before) the end of (?:the|this) year\b", _REL),
        by_rule("deadline-year", rules.year_of_d(0), Kind.PLAN),
    ),
    (
        re.compile(r"\b(?:at )?the end of (?:the|this) year\b", _REL),
        by_rule("end-of-year", rules.end_of_year),
    ),
    (
        re.compile(
            r"\bin the (?:near|coming|foreseeable) future\b|\bin the coming (?:days|weeks|months)\b", _REL
        ),
        by_rule("near-future", rules.near_future, Kind.PLAN),
    ),
    (re.compile(r"\brecently\b", _REL), by_rule("recently", rules.recently, Kind.OUTCOME)),
    (
        re.compile(
            r"\bwithin (?P<count>a|an|one|two|three|six|\d{1,2}) (?P<unit>days?|weeks?|months?|years?)\b",
            _REL,
        ),
        within,
    ),
    (re.compile(r"\byesterday\b", _REL), by_rule("yesterday", rules.day_offset(-1))),
    (re.compile(r"\btoday\b", _REL), by_rule("today", rules.day_offset(0))),
    (re.compile(r"\btomorrow\b", _REL), by_rule("tomorrow", rules.day_offset(1))),
]
