"""Find every date phrase of a text, and turn each into a candidate plan or outcome."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from datetime import date

from sinotime.dates import FuzzyDate, parse_date
from sinotime.extract import calendar as cal
from sinotime.extract import chinese, english, russian
from sinotime.extract.datelines import dateline_spans, in_any
from sinotime.extract.model import Candidate, Kind, Phrase
from sinotime.extract.ongoing import ongoing_phrases
from sinotime.extract.sentences import Sentences
from sinotime.text import terminal_line

Pattern = tuple[re.Pattern[str], Callable[[re.Match[str]], list[Phrase]]]
MAX_QUOTE = 1000  # characters of a sentence quoted with a candidate
# An article rarely dates more than a few dozen things; one of thousands of dates is a table or
# an attack, and proposing them all would cost minutes and a stub file no one reads.
MAX_CANDIDATES = 1_000
# Each language's patterns, and the letters without which none of them can match.
LANGUAGES: tuple[tuple[list[Pattern], re.Pattern[str]], ...] = (
    (english.PATTERNS, re.compile(r"[A-Za-z0-9]")),
    (russian.PATTERNS, re.compile(r"[А-Яа-яЁё]")),
    (chinese.PATTERNS, re.compile(r"[\u4e00-\u9fff]")),
)


def find_phrases(text: str, patterns: Iterable[Pattern]) -> list[Phrase]:
    """Every phrase the patterns find; where phrases overlap, the longest is kept."""
    found: list[Phrase] = []
    for pattern, handler in patterns:
        for match in pattern.finditer(text):
            try:
                found.extend(handler(match))
            except ValueError:
                continue  # a day no calendar has: "February 30"
    return non_overlapping(found)


def non_overlapping(phrases: list[Phrase]) -> list[Phrase]:
    """The longest phrases first, each kept only if it overlaps none kept; in text order."""
    starts: list[int] = []  # of the kept phrases, in text order; they never overlap
    kept: list[Phrase] = []
    for phrase in sorted(phrases, key=lambda p: (-p.length(), p.start)):
        index = bisect.bisect_left(starts, phrase.start)
        if index > 0 and kept[index - 1].end > phrase.start:
            continue
        if index < len(kept) and kept[index].start < phrase.end:
            continue
        starts.insert(index, phrase.start)
        kept.insert(index, phrase)
    return kept


def all_phrases(text: str, sentences: Sentences) -> list[Phrase]:
    """The phrases of every language but those of a dateline (the day the story was filed), then
    the article-wide rule of "the ongoing X"."""
    patterns = (pattern for language, script in LANGUAGES if script.search(text) for pattern in language)
    datelines = dateline_spans(text)
    phrases = [p for p in find_phrases(text, patterns) if not in_any(datelines, p.start, p.end)]
    days = [(p.start, date.fromisoformat(p.resolve(date.min, None))) for p in phrases if p.rule == "day"]
    return non_overlapping([*phrases, *ongoing_phrases(text, sentences, days)])


def resolve_phrase(phrase: Phrase, published: FuzzyDate, kind: Kind | None) -> FuzzyDate:
    """The phrase's date against both ends of the publication date, widened to cover both."""
    latest = published.latest
    assert latest is not None, "an open publication date is refused before extraction"
    return parse_date(cal.widen(phrase.resolve(published.earliest, kind), phrase.resolve(latest, kind)))


def decide_kind(kind: Kind | None, resolved: FuzzyDate, published: FuzzyDate) -> Kind:
    """The sentence's kind, or when it says nothing: an outcome if the date is over by D."""
    if kind is not None:
        return kind
    latest = resolved.latest
    return Kind.OUTCOME if latest is not None and latest < published.earliest else Kind.PLAN


def candidates(text: str, published: FuzzyDate) -> tuple[list[Candidate], int]:
    """The candidates of an article published on (or within) `published`, the first
    MAX_CANDIDATES of them in text order, and how many date phrases were left out after them."""
    sentences = Sentences(text)
    quotes: dict[int, str] = {}  # each sentence made one clean line once
    found: list[Candidate] = []
    phrases = all_phrases(text, sentences)
    for number, phrase in enumerate(phrases):
        if len(found) == MAX_CANDIDATES:
            return found, len(phrases) - number
        kind = phrase.kind or sentences.kind_near(phrase.start, phrase.end)
        try:
            resolved = resolve_phrase(phrase, published, kind)
        except ValueError:
            continue  # the phrase names a day that does not exist in the year it resolves to
        sentence = sentences.at(phrase.start)
        if sentence.start not in quotes:
            quotes[sentence.start] = terminal_line(sentence.text)
        words = text[phrase.start : phrase.end]
        found.append(
            Candidate(
                date=resolved,
                phrase=terminal_line(words),
                start=phrase.start,
                end=phrase.end,
                rule=phrase.rule,
                kind=decide_kind(kind, resolved, published),
                wording=terminal_line(phrase.wording or words),
                sentence=quote_around(quotes[sentence.start], phrase.start - sentence.start),
            )
        )
    return found, 0


def quote_around(sentence: str, at: int) -> str:
    """The sentence, or for one over MAX_QUOTE characters the part around the phrase, cut with "…"."""
    if len(sentence) <= MAX_QUOTE:
        return sentence
    first = max(0, min(at - MAX_QUOTE // 2, len(sentence) - MAX_QUOTE))
    part = sentence[first : first + MAX_QUOTE]
    return ("…" if first > 0 else "") + part + ("…" if first + MAX_QUOTE < len(sentence) else "")
