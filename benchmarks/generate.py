"""Realistic synthetic timelines for the benchmark, in sinotime's format and in yaml2ics's.

    python benchmarks/generate.py 10000 --out /tmp/sinotime-bench

writes `events-10000.yaml` (sinotime) and `yaml2ics-10000.yaml` (the same events, for yaml2ics).
The data is made from a fixed seed, so every run and every machine gets the same bytes.

What the events hold, so that the benchmark costs what a real timeline of that size costs:
every date precision (a day, a day and a time, a month, a season, a quarter, a half-year, a
year, spans of days and of months, short and long windows, open windows, the ~ ? % qualifiers),
plans with one to four targets that slip, outcomes (on time, late, cancelled, postponed, with
reports that disagree), text in English, Chinese and Russian, several sources an event and
about one source for every two events, series of editions and milestones, places with and
without coordinates, and events in several time zones.

yaml2ics (scientific-python/yaml2ics) reads `name`, `timezone` and a list of `events`, each
passed as keywords to `ics.Event`: `summary`, `begin`, `end` or `duration`, `description`,
`location`, `url`, `uid`, plus its own `timezone`. Each sinotime event that has a place in the
calendar grid (`sinotime.calendars.placement`) becomes one yaml2ics event with the same
summary, the same days or times, its description with the plans, outcome and sources written
out, its place and its first source's address. The rest (a season, a year, an open window, a
plan with no date) cannot be put in a calendar and is left out of both calendars.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

SEED = 9
BASE_URL = "https://example.org/sinotime/"
FIRST_DAY = date(1995, 1, 1)
LAST_DAY = date(2026, 6, 30)  # the newest `changed` day, so the as-of day of every build
TODAY = date(2026, 11, 23)
CHANGED_EVENT_TITLE_SUFFIX = " (corrected)"

KINDS = (
    "expo",
    "infrastructure",
    "cultural-fair",
    "delegation-visit",
    "state-visit",
    "forum",
    "agreement",
    "institution",
    "sports",
    "target",
    "business",
    "programme",
)
KIND_WEIGHTS = (12, 10, 8, 14, 3, 12, 12, 5, 4, 6, 9, 5)

# (name, region, country, latitude, longitude, zone)
PLACES = (
    ("Harbin", "Heilongjiang", "CN", 45.803775, 126.534967, "Asia/Harbin"),
    ("哈尔滨", "黑龙江省", "CN", 45.80, 126.53, "Asia/Harbin"),
    ("Heihe", "Heilongjiang", "CN", 50.2456, 127.4885, "Asia/Harbin"),
    ("黑河", "黑龙江省", "CN", 50.25, 127.49, "Asia/Harbin"),
    ("Suifenhe", "Heilongjiang", "CN", 44.3963, 131.1478, "Asia/Harbin"),
    ("绥芬河", "黑龙江省", "CN", 44.40, 131.15, "Asia/Harbin"),
    ("Tongjiang", "Heilongjiang", "CN", 47.6425, 132.5103, "Asia/Harbin"),
    ("Fuyuan", "Heilongjiang", "CN", 48.3648, 134.2896, "Asia/Harbin"),
    ("Mudanjiang", "Heilongjiang", "CN", 44.5515, 129.6332, "Asia/Harbin"),
    ("Dongning", "Heilongjiang", "CN", None, None, "Asia/Harbin"),
    ("Jiamusi", "Heilongjiang", "CN", 46.7998, 130.3186, "Asia/Harbin"),
    ("Qiqihar", "Heilongjiang", "CN", None, None, "Asia/Harbin"),
    ("Blagoveshchensk", "Amur Oblast", "RU", 50.2727, 127.5404, "Asia/Yakutsk"),
    ("Благовещенск", "Амурская область", "RU", 50.27, 127.54, "Asia/Yakutsk"),
    ("Khabarovsk", "Khabarovsk Krai", "RU", 48.4802, 135.0719, "Asia/Vladivostok"),
    ("Хабаровск", "Хабаровский край", "RU", 48.48, 135.07, "Asia/Vladivostok"),
    ("Vladivostok", "Primorsky Krai", "RU", 43.1155, 131.8855, "Asia/Vladivostok"),
    ("Владивосток", "Приморский край", "RU", 43.12, 131.89, "Asia/Vladivostok"),
    ("Nizhneleninskoye", "Jewish Autonomous Oblast", "RU", 47.9, 132.63, "Asia/Vladivostok"),
    ("Birobidzhan", "Jewish Autonomous Oblast", "RU", None, None, "Asia/Vladivostok"),
    ("Ussuriysk", "Primorsky Krai", "RU", None, None, "Asia/Vladivostok"),
    ("Pogranichny", "Primorsky Krai", "RU", None, None, "Asia/Vladivostok"),
    ("Yekaterinburg", "Sverdlovsk Oblast", "RU", 56.8389, 60.6057, "Asia/Yekaterinburg"),
    ("Moscow", None, "RU", 55.7558, 37.6173, "Europe/Moscow"),
    ("Beijing", None, "CN", 39.9042, 116.4074, "Asia/Shanghai"),
    ("Yakutsk", "Sakha Republic", "RU", None, None, "Asia/Yakutsk"),
)

PUBLISHERS = (
    ("China Daily", "en"),
    ("Xinhua", "en"),
    ("Global Times", "en"),
    ("People's Daily", "en"),
    ("TASS", "en"),
    ("Interfax", "en"),
    ("The Moscow Times", "en"),
    ("人民日报", "zh"),
    ("黑龙江日报", "zh"),
    ("新华社", "zh"),
    ("Амурская правда", "ru"),
    ("РИА Новости", "ru"),
    ("Коммерсантъ", "ru"),
    ("Российская газета", "ru"),
    ("unknown", "en"),
)

TITLES = {
    "en": (
        "{n} China-Russia Expo opens in {city}",
        "Delegation from {region} visits {city} to discuss cross-border trade",
        "Bridge across the Amur near {city} reaches a new milestone",
        "Forum on Far East cooperation held in {city}",
        "Agreement signed on a logistics park in {city}",
        "Trade between Heilongjiang and the Russian Far East to reach {amount} billion dollars",
        "Culture and art fair draws visitors to {city}",
        "New border crossing at {city} opens to freight",
        "Joint venture to build a grain terminal at {city}",
        "Ice hockey tournament for young players held in {city}",
    ),
    "zh": (
        "第{n}届中俄博览会在{city}开幕",
        "{region}代表团访问{city}，商讨跨境贸易",
        "{city}跨境大桥建设取得新进展",
        "中俄远东合作论坛在{city}举行",
        "{city}物流园区合作协议签署",
        "黑龙江对俄贸易额力争达到{amount}亿美元",
    ),
    "ru": (
        "В {city} открылось {n} Российско-Китайское ЭКСПО",
        "Делегация региона {region} посетила {city}",
        "Мост через Амур у {city}: новый этап строительства",
        "В {city} прошёл форум о сотрудничестве на Дальнем Востоке",
        "Подписано соглашение о логистическом парке в {city}",
        "Ярмарка культуры и искусства в {city} собрала тысячи гостей",
    ),
}

SENTENCES = (
    "Officials from both sides of the Amur said the project would shorten the route for freight "
    "between Heilongjiang and the Russian Far East.",
    "The organisers expected more than {amount} thousand visitors and {n} exhibitors from both countries.",
    "Работы финансируются совместным российско-китайским фондом, сообщили в администрации края.",
    "The provincial government described it as a new stage in China–Russia economic and trade cooperation.",
    "黑龙江省政府表示，该项目将进一步推动中俄地方合作，促进边境地区经济发展。",
    "Earlier reports gave a different date; the sources do not agree on when the works began.",
    "По данным таможни, товарооборот в первом квартале вырос на {n} процентов.",
    "Local companies signed {n} contracts worth {amount} million dollars on the first day.",
    "It follows talks held in {city} the year before, where a timetable was first announced.",
    "双方签署了{n}项合作协议，涉及农业、能源、物流和旅游等领域。",
)

WORDINGS = (
    "later this year",
    "by the end of {year}",
    "in {year}",
    "soon",
    "in the near future",
    "next summer",
    "до конца {year} года",
    "в ближайшее время",
    "{year}年底前",
    "预计{year}年",
    "at the end of May",
    "in the first half of the year",
)

PARTICIPANTS = (
    "Heilongjiang provincial government",
    "Amur Oblast government",
    "Правительство Хабаровского края",
    "黑龙江省商务厅",
    "China Investment Corporation",
    "Russian Direct Investment Fund",
    "Ministry of Commerce of the People's Republic of China",
    "Министерство экономического развития России",
    "Harbin Institute of Technology",
    "Far Eastern Federal University",
    "RZD (Russian Railways)",
    "中国铁路哈尔滨局集团有限公司",
)

TAGS = (
    "railway",
    "bridge",
    "trade",
    "expo",
    "agriculture",
    "energy",
    "tourism",
    "logistics",
    "culture",
    "border",
    "finance",
    "education",
    "grain",
    "timber",
    "oil",
    "中俄",
    "Амур",
    "investment",
)

ORDINALS = ("1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th")


# --- dates -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    """A date as written in the file, with the bounds the generator keeps consistent."""

    text: str
    earliest: date
    latest: date | None  # None for an open window


def _last_of_month(year: int, month: int) -> date:
    next_month = date(year + month // 12, month % 12 + 1, 1)
    return next_month - timedelta(days=1)


def _day(day: date) -> Written:
    return Written(day.isoformat(), day, day)


def write_date(rng: random.Random, around: date, style: str) -> Written:
    """A date near `around` written at the precision `style` names."""
    y, m = around.year, around.month
    match style:
        case "day":
            return _day(around)
        case "time":
            hour = rng.choice((9, 10, 11, 14, 15, 16))
            return Written(f"{around.isoformat()}T{hour:02d}:{rng.choice((0, 30)):02d}:00", around, around)
        case "time-span":
            hour = rng.choice((9, 10, 14))
            text = f"{around.isoformat()}T{hour:02d}:00:00/{around.isoformat()}T{hour + 2:02d}:30:00"
            return Written(text, around, around)
        case "span":
            last = around + timedelta(days=rng.randint(1, 6))
            return Written(f"{around.isoformat()}/{last.isoformat()}", around, last)
        case "month":
            return Written(f"{y}-{m:02d}", date(y, m, 1), _last_of_month(y, m))
        case "month-span":
            m2 = min(12, m + rng.randint(1, 3))
            return Written(f"{y}-{m:02d}/{y}-{m2:02d}", date(y, m, 1), _last_of_month(y, m2))
        case "window":
            first = around - timedelta(days=rng.randint(3, 10))
            last = around + timedelta(days=rng.randint(0, 10))
            return Written(f"[{first.isoformat()}..{last.isoformat()}]", first, last)
        case "long-window":
            last = date(y, 12, 31)
            return Written(f"[{around.isoformat()}..{last.isoformat()}]", around, last)
        case "open":
            return Written(f"[{around.isoformat()}..]", around, None)
        case "season":  # the northern season that holds the day; winter runs into the next year
            if m in (12, 1, 2):
                start_year = y if m == 12 else y - 1
                end = _last_of_month(start_year + 1, 2)
                return Written(f"{start_year}-24", date(start_year, 12, 1), end)
            code, first_month = {3: (21, 3), 6: (22, 6), 9: (23, 9)}[(m - 3) // 3 * 3 + 3]
            return Written(f"{y}-{code}", date(y, first_month, 1), _last_of_month(y, first_month + 2))
        case "quarter":
            q = (m - 1) // 3
            return Written(f"{y}-{33 + q}", date(y, 3 * q + 1, 1), _last_of_month(y, 3 * q + 3))
        case "half":
            h = 0 if m <= 6 else 1
            return Written(f"{y}-{40 + h}", date(y, 6 * h + 1, 1), _last_of_month(y, 6 * h + 6))
        case "year":
            return Written(str(y), date(y, 1, 1), date(y, 12, 31))
        case "year-approx":
            return Written(f"{y}{rng.choice('~?%')}", date(y, 1, 1), date(y, 12, 31))
        case "day-approx":
            return Written(f"{around.isoformat()}~", around, around)
    raise ValueError(style)


OUTCOME_STYLES = (
    ("day", 40), ("time", 5), ("time-span", 2), ("span", 14), ("month", 10), ("window", 8),
    ("month-span", 3), ("year", 4), ("season", 2), ("quarter", 2), ("half", 2), ("long-window", 3),
    ("day-approx", 3), ("year-approx", 2),
)  # fmt: skip
TARGET_STYLES = (
    ("day", 15), ("span", 8), ("month", 14), ("window", 8), ("year", 18), ("season", 6), ("quarter", 8),
    ("half", 8), ("long-window", 8), ("open", 4), ("year-approx", 3),
)  # fmt: skip
PUBLISHED_STYLES = (("day", 85), ("window", 7), ("month", 8))


def _pick(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([name for name, _ in table], weights=[weight for _, weight in table])[0]


def _random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


# --- the records -------------------------------------------------------------------------


@dataclass
class SourceRecord:
    id: str
    publisher: str
    title: str
    url: str | None
    copies: list[str]
    published: Written
    language: str
    author: str | None
    note: str | None


@dataclass
class PlanRecord:
    target: Written | None
    wording: str
    announced: Written
    source: str
    quote: str | None
    note: str | None


@dataclass
class ReportRecord:
    date: Written
    wording: str
    source: str
    note: str | None


@dataclass
class OutcomeRecord:
    status: str
    date: Written | None
    wording: str | None
    source: str
    quote: str | None
    note: str | None
    other_reports: list[ReportRecord] = field(default_factory=list)


@dataclass
class EventRecord:
    id: str
    title: str
    kind: str
    series: str | None
    description: str | None
    place: tuple[str, str | None, str, float | None, float | None, str] | None
    participants: list[str]
    tags: list[str]
    timezone: str | None
    cites: list[tuple[str, str | None]]
    plans: list[PlanRecord]
    outcome: OutcomeRecord | None
    added: date
    changed: date


@dataclass
class Timeline:
    sources: list[SourceRecord]
    series: list[tuple[str, str, str | None]]
    events: list[EventRecord]


def _fill(rng: random.Random, template: str, city: str, region: str | None) -> str:
    return template.format(
        n=rng.choice(ORDINALS) if "{n}" in template and rng.random() < 0.5 else rng.randint(2, 40),
        city=city,
        region=region or "Heilongjiang",
        amount=rng.randint(3, 300),
        year=rng.randint(2000, 2030),
    )


def _text(rng: random.Random, sentences: int, city: str, region: str | None) -> str:
    return " ".join(_fill(rng, rng.choice(SENTENCES), city, region) for _ in range(sentences))


def make_timeline(count: int, seed: int = SEED) -> Timeline:
    """`count` events with their sources and series, the same for the same seed."""
    rng = random.Random(seed)
    sources: list[SourceRecord] = []
    for index in range(max(1, count // 2)):
        publisher, language = rng.choice(PUBLISHERS)
        place = rng.choice(PLACES)
        # the first source is of the newest day, so every date has a source that can report it
        day = LAST_DAY if index == 0 else _random_day(rng, FIRST_DAY, LAST_DAY)
        written = write_date(rng, day, "day" if index == 0 else _pick(rng, PUBLISHED_STYLES))
        title_language = language if rng.random() < 0.8 else "en"
        sources.append(
            SourceRecord(
                id=f"src-{index:06d}",
                publisher=publisher,
                title=_fill(rng, rng.choice(TITLES[title_language]), place[0], place[1]),
                url=f"https://news.example.com/{written.earliest:%Y/%m/%d}/article-{index}.html"
                if rng.random() < 0.9
                else None,
                copies=[
                    f"http://mirror{k}.example.net/a/{index}.htm" for k in range(rng.choice((0, 0, 0, 1, 2)))
                ],
                published=written,
                language=language,
                author=rng.choice(("Zhuan Ti", "Ли Вэй", "王磊", "Anna Petrova"))
                if rng.random() < 0.3
                else None,
                note=_text(rng, 1, place[0], place[1]) if rng.random() < 0.2 else None,
            )
        )
    series = [
        (
            f"series-{index:05d}",
            _fill(rng, rng.choice(TITLES["en"]), rng.choice(PLACES)[0], None).replace("opens in", "in"),
            _text(rng, 2, "Harbin", None) if rng.random() < 0.7 else None,
        )
        for index in range(max(1, count // 25))
    ]
    events = [_event(rng, index, sources, series) for index in range(count)]
    return Timeline(sources, series, events)


def _published_by(
    rng: random.Random, sources: list[SourceRecord], day: date, fallback: list[SourceRecord] | None = None
) -> SourceRecord:
    """A source that can report what was said or done on `day`: one published on or after it
    (sinotime refuses a plan announced, or an outcome dated, after its source came out). A few
    random tries, then the newest source of all (rare: only for days near the newest)."""
    for _ in range(20):
        source = rng.choice(sources)
        if _last_day(source) >= day:
            return source
    return max(fallback or sources, key=_last_day)


def _last_day(source: SourceRecord) -> date:
    return source.published.latest or source.published.earliest


def _event(
    rng: random.Random, index: int, sources: list[SourceRecord], series: list[tuple[str, str, str | None]]
) -> EventRecord:
    kind = rng.choices(KINDS, weights=KIND_WEIGHTS)[0]
    place = rng.choice(PLACES) if rng.random() < 0.85 else None
    city, region = (place[0], place[1]) if place else ("Harbin", "Heilongjiang")
    language = rng.choices(("en", "zh", "ru"), weights=(60, 20, 20))[0]
    title = _fill(rng, rng.choice(TITLES[language]), city, region)
    cited = rng.sample(sources, k=min(len(sources), rng.randint(1, 3)))
    scenario = rng.choices(("happened", "planned", "cancelled", "postponed"), weights=(62, 28, 7, 3))[0]
    anchor = _random_day(
        rng, date(1998, 1, 1), date(2026, 3, 31) if scenario == "happened" else date(2031, 12, 31)
    )

    plans: list[PlanRecord] = []
    plan_count = rng.choice((0, 1, 1, 2, 2, 3, 4)) if scenario == "happened" else rng.randint(1, 4)
    announced_day = anchor - timedelta(days=rng.randint(200, 2500))
    for number in range(plan_count):
        announced_day = min(
            announced_day + timedelta(days=rng.randint(20, 400)), LAST_DAY - timedelta(days=10)
        )
        announced = write_date(rng, announced_day, _pick(rng, PUBLISHED_STYLES))
        source = _published_by(rng, sources, announced.earliest)
        # later targets slip; a few plans name no date at all
        target_day = anchor + timedelta(days=rng.randint(-120, 90) + 150 * number)
        target = None if rng.random() < 0.04 else write_date(rng, target_day, _pick(rng, TARGET_STYLES))
        if target is not None and target.earliest < announced.earliest:
            target = write_date(rng, announced.earliest + timedelta(days=30), "year")
        plans.append(
            PlanRecord(
                target=target,
                wording=_fill(rng, rng.choice(WORDINGS), city, region),
                announced=announced,
                source=source.id,
                quote=_text(rng, 1, city, region) if rng.random() < 0.4 else None,
                note="Resolved against the date of the article." if rng.random() < 0.2 else None,
            )
        )

    outcome: OutcomeRecord | None = None
    newest = max([p.announced.earliest for p in plans], default=FIRST_DAY)
    if scenario == "happened":
        happened = write_date(rng, max(anchor, newest), _pick(rng, OUTCOME_STYLES))
        reports = [
            ReportRecord(
                date=write_date(rng, happened.earliest + timedelta(days=rng.randint(1, 60)), "day"),
                wording="officially started",
                source=rng.choice(sources).id,
                note=_text(rng, 1, city, region) if rng.random() < 0.5 else None,
            )
            for _ in range(1 if rng.random() < 0.1 else 0)
        ]
        outcome = OutcomeRecord(
            "happened",
            happened,
            _fill(rng, rng.choice(WORDINGS), city, region) if rng.random() < 0.5 else None,
            _published_by(rng, cited, happened.earliest, fallback=sources).id,
            _text(rng, 1, city, region) if rng.random() < 0.5 else None,
            "The exact day is not reported." if rng.random() < 0.2 else None,
            reports,
        )
    elif scenario in ("cancelled", "postponed"):
        when = (
            write_date(rng, max(min(anchor, date(2026, 3, 31)), newest), "month")
            if scenario == "cancelled" and rng.random() < 0.5
            else None
        )
        outcome = OutcomeRecord(scenario, when, None, rng.choice(cited).id, None, None)

    dated = [p.announced.earliest for p in plans]
    if outcome is not None and outcome.date is not None:
        dated.append(outcome.date.earliest)
    added = min(LAST_DAY, max([*dated, date(2020, 1, 1)]) + timedelta(days=rng.randint(0, 300)))
    changed = min(LAST_DAY, added + timedelta(days=rng.choice((0, 0, 0, 10, 100, 400))))
    timezone = None
    if place and place[5] != "Asia/Harbin" and rng.random() < 0.6:
        timezone = place[5]
    return EventRecord(
        id=f"{kind}-{anchor.year}-{index:06d}",
        title=title,
        kind=kind,
        series=rng.choice(series)[0] if rng.random() < 0.4 else None,
        description=_text(rng, rng.randint(1, 4), city, region) if rng.random() < 0.8 else None,
        place=place,
        participants=rng.sample(PARTICIPANTS, k=rng.randint(0, 3)),
        tags=rng.sample(TAGS, k=rng.randint(0, 4)),
        timezone=timezone,
        cites=[(s.id, _text(rng, 1, city, region) if rng.random() < 0.5 else None) for s in cited],
        plans=plans,
        outcome=outcome,
        added=added,
        changed=changed,
    )


# --- sinotime's YAML ----------------------------------------------------------------------


def q(text: str) -> str:
    """A double-quoted YAML scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def folded(text: str, indent: str) -> str:
    """A folded block scalar, wrapped at about 90 columns, as people write long text."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > 90 - len(indent):
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return ">-\n" + "".join(f"{indent}{each}\n" for each in lines).rstrip("\n")


def sinotime_yaml(timeline: Timeline) -> str:
    """The timeline as an events.yaml."""
    out: list[str] = [
        "# Synthetic data for sinotime's benchmark (benchmarks/generate.py); not real events.\n",
        "calendar:\n",
        '  name: "sinotime benchmark: Heilongjiang and the Russian Far East"\n',
        "  description: " + folded("A synthetic timeline of cooperation between Heilongjiang and the "
                                   "Russian Far East, made to measure how fast sinotime is.", "    ") + "\n",
        f"  base_url: {BASE_URL}\n",
        "  timezone: Asia/Harbin\n",
        "  language: en\n\nkinds:\n",
        *(f"  - {{id: {k}, label: {kind_words(k)}, heading: {kind_words(k)} events}}\n" for k in KINDS),
        "\nsources:\n",
    ]  # fmt: skip
    for s in timeline.sources:
        out.append(f"\n  - id: {s.id}\n    publisher: {q(s.publisher)}\n    title: {q(s.title)}\n")
        if s.url:
            out.append(f"    url: {s.url}\n")
        if s.copies:
            out.append("    copies:\n" + "".join(f"      - {copy}\n" for copy in s.copies))
        out.append(f'    published: "{s.published.text}"\n')
        if s.language != "en":
            out.append(f"    language: {s.language}\n")
        if s.author:
            out.append(f"    author: {q(s.author)}\n")
        if s.note:
            out.append(f"    note: {folded(s.note, '      ')}\n")
    out.append("\nseries:\n")
    for series_id, title, description in timeline.series:
        out.append(f"\n  - id: {series_id}\n    title: {q(title)}\n")
        if description:
            out.append(f"    description: {folded(description, '      ')}\n")
    out.append("\nevents:\n")
    for e in timeline.events:
        out.append(event_yaml(e))
    return "".join(out)


def kind_words(kind: str) -> str:
    """A kind's label: `delegation-visit` is "Delegation visit"."""
    return kind.replace("-", " ").capitalize()


def event_yaml(e: EventRecord) -> str:
    out = [f"\n  - id: {e.id}\n    title: {q(e.title)}\n    kind: {e.kind}\n"]
    if e.series:
        out.append(f"    series: {e.series}\n")
    if e.description:
        out.append(f"    description: {folded(e.description, '      ')}\n")
    if e.place:
        name, region, country, lat, lon, _ = e.place
        out.append(f"    place:\n      name: {q(name)}\n")
        if region:
            out.append(f"      region: {q(region)}\n")
        out.append(f"      countries: [{country}]\n")
        if lat is not None:
            out.append(f"      lat: {lat}\n      lon: {lon}\n")
    if e.participants:
        out.append("    participants: [" + ", ".join(q(p) for p in e.participants) + "]\n")
    if e.tags:
        out.append("    tags: [" + ", ".join(q(t) for t in e.tags) + "]\n")
    if e.timezone:
        out.append(f"    timezone: {e.timezone}\n")
    out.append("    cites:\n")
    for source, quote in e.cites:
        out.append(f"      - source: {source}\n")
        if quote:
            out.append(f"        quote: {q(quote)}\n")
    if e.plans:
        out.append("    plans:\n")
        for p in e.plans:
            first = f'      - target: "{p.target.text}"\n        wording' if p.target else "      - wording"
            out.append(f'{first}: {q(p.wording)}\n        announced: "{p.announced.text}"\n')
            out.append(f"        source: {p.source}\n")
            if p.quote:
                out.append(f"        quote: {q(p.quote)}\n")
            if p.note:
                out.append(f"        note: {q(p.note)}\n")
    if e.outcome:
        o = e.outcome
        out.append("    outcome:\n")
        if o.status != "happened":
            out.append(f"      status: {o.status}\n")
        if o.date:
            out.append(f'      date: "{o.date.text}"\n')
        if o.wording:
            out.append(f"      wording: {q(o.wording)}\n")
        out.append(f"      source: {o.source}\n")
        if o.quote:
            out.append(f"      quote: {q(o.quote)}\n")
        if o.note:
            out.append(f"      note: {q(o.note)}\n")
        if o.other_reports:
            out.append("      other_reports:\n")
            for r in o.other_reports:
                out.append(f'        - date: "{r.date.text}"\n          wording: {q(r.wording)}\n')
                out.append(f"          source: {r.source}\n")
                if r.note:
                    out.append(f"          note: {folded(r.note, '            ')}\n")
    out.append(f'    added: "{e.added.isoformat()}"\n    changed: "{e.changed.isoformat()}"\n')
    return "".join(out)


def changed_copy(text: str, timeline: Timeline) -> str:
    """The same file with one event (in the middle) retitled: what a curator's edit looks like.

    Its `changed` day stays within the file's newest, so the as-of day of a build stays the same.
    """
    event = timeline.events[len(timeline.events) // 2]
    old = f"  - id: {event.id}\n    title: {q(event.title)}\n"
    new = f"  - id: {event.id}\n    title: {q(event.title + CHANGED_EVENT_TITLE_SUFFIX)}\n"
    assert text.count(old) == 1
    return text.replace(old, new)


# --- yaml2ics's YAML ----------------------------------------------------------------------

# ics (which yaml2ics writes with) ships its own zone files, named by their canonical names only.
YAML2ICS_ZONES = {"Asia/Harbin": "Asia/Shanghai"}


def when(e: EventRecord) -> Written | None:
    """The event's date as sinotime's timeline takes it: the outcome's, else the latest target."""
    if e.outcome is not None and e.outcome.date is not None:
        return e.outcome.date
    return next((p.target for p in reversed(e.plans) if p.target is not None), None)


def yaml2ics_events(timeline: Timeline) -> Iterator[str]:
    """One yaml2ics event for each event sinotime puts in its calendar grid."""
    from zoneinfo import ZoneInfo

    from sinotime.calendars import placement
    from sinotime.dates import parse_date

    sources = {s.id: s for s in timeline.sources}
    series = {sid: title for sid, title, _ in timeline.series}
    for e in timeline.events:
        written = when(e)
        if written is None:
            continue
        zone = e.timezone or "Asia/Harbin"
        where = placement(parse_date(written.text), ZoneInfo(zone))
        if where is None:
            continue
        prefix = "" if e.outcome is not None and e.outcome.status == "happened" else "Planned: "
        lines = [f"  - summary: {q(prefix + e.title)}\n    uid: {e.id}@sinotime\n"]
        if isinstance(where.start, date) and not hasattr(where.start, "hour"):
            lines.append(f"    begin: {where.start.isoformat()}\n")
            assert isinstance(where.end, date)
            if (where.end - where.start).days > 1:
                lines.append(f"    end: {where.end.isoformat()}\n")
        else:
            start = where.start
            lines.append(f"    begin: {start:%Y-%m-%d %H:%M:%S}\n")
            if where.end is not None:
                lines.append(f"    end: {where.end:%Y-%m-%d %H:%M:%S}\n")
            else:
                lines.append("    duration: {hours: 2}\n")
            lines.append(f"    timezone: {YAML2ICS_ZONES.get(zone, zone)}\n")
        lines.append(f"    description: {q(_description(e, sources, series))}\n")
        if e.place:
            lines.append(f"    location: {q(', '.join(p for p in e.place[:2] if p))}\n")
        url = next((sources[s].url for s, _ in e.cites if sources[s].url), None)
        if url:
            lines.append(f"    url: {url}\n")
        yield "".join(lines)


def _description(e: EventRecord, sources: dict[str, SourceRecord], series: dict[str, str]) -> str:
    """What sinotime's calendar says of an event, written out as yaml2ics users would."""
    parts = [e.description] if e.description else []
    facts = [f"Kind: {e.kind}"]
    if e.place:
        facts.append(f"Where: {', '.join(p for p in e.place[:2] if p)} ({e.place[2]})")
    if e.series:
        facts.append(f"Series: {series[e.series]}")
    if e.participants:
        facts.append(f"Participants: {'; '.join(e.participants)}")
    if e.tags:
        facts.append(f"Tags: {', '.join(e.tags)}")
    parts.append("\n".join(facts))
    if e.plans:
        parts.append(
            "Announced targets:\n"
            + "\n".join(
                f"{n}. {p.target.text if p.target else 'no date'}: “{p.wording}” "
                f"(announced {p.announced.text}, {sources[p.source].publisher})"
                for n, p in enumerate(e.plans, start=1)
            )
        )
    if e.outcome:
        o = e.outcome
        parts.append(f"Outcome: {o.status} {o.date.text if o.date else ''} ({sources[o.source].publisher})")
    cited = list(dict.fromkeys([s for s, _ in e.cites] + [p.source for p in e.plans]))
    parts.append(
        "Sources:\n"
        + "\n".join(
            f"- {sources[s].publisher}: “{sources[s].title}” ({sources[s].published.text})"
            + (f" {sources[s].url}" if sources[s].url else "")
            for s in cited
        )
    )
    return "\n\n".join(parts)


def yaml2ics_yaml(timeline: Timeline) -> str:
    head = (
        "# The events of the benchmark that sit in the calendar grid, for yaml2ics.\n"
        'name: "sinotime benchmark"\nevents:\n'
    )
    return head + "".join(yaml2ics_events(timeline))


@dataclass(frozen=True)
class Files:
    events: Path  # sinotime's
    changed: Path  # sinotime's, with one event edited
    yaml2ics: Path
    grid_events: int  # how many events yaml2ics gets (those in the calendar grid)


def write_files(count: int, folder: Path, seed: int = SEED) -> Files:
    """Write the three files for `count` events into `folder` (reused when already there)."""
    folder.mkdir(parents=True, exist_ok=True)
    events = folder / f"events-{count}.yaml"
    changed = folder / f"events-{count}-changed.yaml"
    y2 = folder / f"yaml2ics-{count}.yaml"
    version = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
    stamp = folder / f"done-{count}-{seed}-{version}.txt"  # made by this very generator
    if not stamp.exists():
        timeline = make_timeline(count, seed)
        text = sinotime_yaml(timeline)
        events.write_text(text, encoding="utf-8")
        changed.write_text(changed_copy(text, timeline), encoding="utf-8")
        y2_text = yaml2ics_yaml(timeline)
        y2.write_text(y2_text, encoding="utf-8")
        stamp.write_text(str(y2_text.count("\n  - summary: ")), encoding="utf-8")
    return Files(events, changed, y2, int(stamp.read_text(encoding="utf-8")))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="how many events")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/data"), help="folder [benchmarks/data]")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    files = write_files(args.count, args.out, args.seed)
    for path in (files.events, files.changed, files.yaml2ics):
        print(f"{path}: {path.stat().st_size:,} bytes")
    print(
        f"{files.grid_events:,} of {args.count:,} events are in the calendar grid (and in the yaml2ics file)"
    )


if __name__ == "__main__":
    main()
