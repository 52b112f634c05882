"""Find every date phrase of a text, and turn each into a candidate plan or outcome."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date

from sinotime.dates import FuzzyDate, parse_date
from sinotime.extract import calendar as cal
from sinotime.extract import chinese, english, russian
from sinotime.extract.model import Candidate, Kind, Phrase
from sinotime.extract.ongoing import ongoing_phrases
from sinotime.extract.sentences import Sentence, guess_kind, sentence_at, split_sentences
from sinotime.report_formats import clean

Pattern = tuple[re.Pattern[str], Callable[[re.Match[str]], list[Phrase]]]
LANGUAGES: tuple[list[Pattern], ...] = (english.PATTERNS, russian.PATTERNS, chinese.PATTERNS)


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
    kept: list[Phrase] = []
    for phrase in sorted(phrases, key=lambda p: (-p.length(), p.start)):
        if all(phrase.end <= other.start or other.end <= phrase.start for other in kept):
            kept.append(phrase)
    return sorted(kept, key=lambda p: p.start)


def all_phrases(text: str, sentences: list[Sentence]) -> list[Phrase]:
    """The phrases of every language, then the article-wide rule of "the ongoing X"."""
    phrases = find_phrases(text, (pattern for language in LANGUAGES for pattern in language))
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


def candidates(text: str, published: FuzzyDate) -> list[Candidate]:
    """Every candidate of an article published on (or within) `published`."""
    sentences = split_sentences(text)
    found = []
    for phrase in all_phrases(text, sentences):
        sentence = sentence_at(sentences, phrase.start)
        kind = phrase.kind or guess_kind(sentence, phrase.start, phrase.end)
        try:
            resolved = resolve_phrase(phrase, published, kind)
        except ValueError:
            continue  # the phrase names a day that does not exist in the year it resolves to
        words = text[phrase.start : phrase.end]
        found.append(
            Candidate(
                date=resolved,
                phrase=clean(words),
                start=phrase.start,
                end=phrase.end,
                rule=phrase.rule,
                kind=decide_kind(kind, resolved, published),
                wording=clean(phrase.wording or words),
                sentence=clean(sentence.text),
            )
        )
    return found
