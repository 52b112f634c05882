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
from sinotime.extract.sentences import Sentence, sentence_at

ONGOING = re.compile(
    r"\b(?:during |at |in )?the ongoing "
    r"(?:(?:\d+(?:st|nd|rd|th)|[A-Z][\w-]*) ){0,5}(?P<head>[A-Z][A-Za-z]+)\b"
)


def ongoing_phrases(text: str, sentences: list[Sentence], days: list[tuple[int, date]]) -> list[Phrase]:
    """Phrases for "the ongoing X" and "during the X"; `days` are the explicit days (offset, day)."""
    phrases: list[Phrase] = []
    for match in ONGOING.finditer(text):
        head = match["head"]
        start = _earliest_mention(head, sentences, days)
        resolve = _window_from(start)
        phrases.append(Phrase(match.start(), match.end(), "ongoing", resolve, Kind.OUTCOME))
        during = re.compile(rf"\b(?:during|at) the {re.escape(head)}\b", re.IGNORECASE)
        phrases.extend(
            Phrase(found.start(), found.end(), "ongoing", resolve, Kind.OUTCOME)
            for found in during.finditer(text)
        )
    return phrases


def _earliest_mention(head: str, sentences: list[Sentence], days: list[tuple[int, date]]) -> date | None:
    named = [day for offset, day in days if head.lower() in sentence_at(sentences, offset).text.lower()]
    return min(named, default=None)


def _window_from(start: date | None) -> Resolver:
    def resolve(d: date, _kind: Kind | None) -> str:
        first = start if start is not None and start <= d else date(d.year, 1, 1)
        return cal.window_text(first, d)

    return resolve
