"""The rule for an event under way when the article was written: "during the ongoing Expo".

"Ongoing" dates the event to no later than the publication day. Its start is the earliest
day the article itself gives in a sentence naming the same thing (a photo caption "at the
6th China-Russia Expo ... June 15, 2019"); without one, the start of D's year, as for
"recently". "During the expo" elsewhere in the article refers to the same event and gets
the same window.
"""

from __future__ import annotations

import re
from datetime import date

from sinotime.extract import calendar as cal
from sinotime.extract.model import Kind, Phrase, Resolver
from sinotime.extract.sentences import Sentences

ONGOING = re.compile(
    r"\b(?:during |at |in )?the ongoing "
    r"(?:(?:\d+(?:st|nd|rd|th)|[A-Z][\w-]*) ){0,5}(?P<head>[A-Z][A-Za-z]+)\b"
)


DURING = re.compile(r"\b(?:during|at) the (?P<head>[A-Za-z]+)\b", re.IGNORECASE)
WORD = re.compile(r"[a-z]+")


def ongoing_phrases(text: str, sentences: Sentences, days: list[tuple[int, date]]) -> list[Phrase]:
    """Phrases for "the ongoing X" and "during the X"; `days` are the explicit days (offset, day)."""
    heads = {match["head"].lower() for match in ONGOING.finditer(text)}
    if not heads:
        return []
    earliest = _earliest_mentions(heads, sentences, days)
    resolvers = {head: _window_from(earliest.get(head)) for head in heads}
    phrases = [
        Phrase(match.start(), match.end(), "ongoing", resolvers[match["head"].lower()], Kind.OUTCOME)
        for match in ONGOING.finditer(text)
    ]
    phrases.extend(
        Phrase(match.start(), match.end(), "ongoing", resolvers[match["head"].lower()], Kind.OUTCOME)
        for match in DURING.finditer(text)
        if match["head"].lower() in heads
    )
    return phrases


def _earliest_mentions(
    heads: set[str], sentences: Sentences, days: list[tuple[int, date]]
) -> dict[str, date]:
    """For each head word, the earliest day given in a sentence that holds that word.

    Each sentence is read once, however many days it gives, so the time stays linear.
    """
    first_day: dict[int, tuple[str, date]] = {}  # by sentence start: its text, its earliest day
    for offset, day in days:
        sentence = sentences.at(offset)
        known = first_day.get(sentence.start)
        if known is None or day < known[1]:
            first_day[sentence.start] = (sentence.text, day)
    earliest: dict[str, date] = {}
    for sentence_text, day in first_day.values():
        for word in set(WORD.findall(sentence_text.lower())) & heads:
            if word not in earliest or day < earliest[word]:
                earliest[word] = day
    return earliest


def _window_from(start: date | None) -> Resolver:
    def resolve(d: date, _kind: Kind | None) -> str:
        first = start if start is not None and start <= d else date(d.year, 1, 1)
        return cal.window_text(first, d)

    return resolve
