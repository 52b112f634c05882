"""Sentences, and whether a sentence announces a plan or reports an outcome.

Sentences are split with a regular expression rather than a library: the seed articles need
only "a full stop, a question or exclamation mark, then a capital, a digit or a quote", and
the sentence-splitting packages available are unmaintained or pull in a language model.
The guess of plan or outcome is the nearest cue word to the date phrase in its sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sinotime.extract.model import Kind

_BOUNDARY = re.compile(
    r"(?:(?<=[.!?])|(?<=[.!?][\"”»’)]))\s+(?=[\"“«‘(]?[A-ZА-ЯЁ0-9\u4e00-\u9fff])"  # Latin, Cyrillic
    r"|(?<=[。！？])(?![”」』])|(?<=[。！？][”」』])"  # Chinese needs no space
    r"|\n\s*"  # a line break always ends a sentence
)

PLAN_CUES = re.compile(
    r"\b(?:(?:will|would|shall|is to|are to)(?: not)?(?: also)?(?: be| have)?(?: \w+ed\b| held| begun)?"
    r"|to be (?:\w+ed\b|held|begun)"
    r"|plans?|planned|planning|expected|expects?|scheduled|to be held|is to|are to"
    r"|intends?|aims?|going to|set to|upcoming|targets?|goal|deadline)\b"
    r"|\b(?:будет|будут|планиру\w*|ожида\w*|состоится|состоятся|намерен\w*|долж(?:ен|на|ны|но)|предстоит)\b"
    r"|将|计划|预计|拟|力争|争取|将于|有望",
    re.IGNORECASE,
)
OUTCOME_CUES = re.compile(
    r"\b(?:was|were|had|has|have|did|opened|held|signed|took place|visited|began|begun|started|launched"
    r"|established|completed|finished|sent|laid|set up|ongoing|reached|received|met|attended|exceeded"
    r"|hosted|joined|covered|expanded|underway)\b"
    r"|\b(?:состоял\w*|открыл\w*|подписал\w*|прош(?:[её]л|ла|ли|ло)|был[аио]?|начал\w*|посетил\w*|провел\w*"
    r"|провёл|завершил\w*|уже)\b"
    r"|了|已经|已|举行了|签署了|开通了|成立了|举办了",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of a text, each with its offsets (whitespace around them dropped)."""
    sentences = []
    position = 0
    for boundary in [*_BOUNDARY.finditer(text), None]:
        end = boundary.start() if boundary else len(text)
        chunk = text[position:end]
        stripped = chunk.strip()
        if stripped:
            start = position + chunk.index(stripped)
            sentences.append(Sentence(start, start + len(stripped), stripped))
        if boundary:
            position = boundary.end() if boundary.end() > boundary.start() else boundary.start()
    return sentences


def sentence_at(sentences: list[Sentence], offset: int) -> Sentence:
    """The sentence that holds the character at `offset`."""
    for sentence in sentences:
        if sentence.start <= offset < sentence.end:
            return sentence
    return Sentence(offset, offset, "")


def guess_kind(sentence: Sentence, start: int, end: int) -> Kind | None:
    """Plan or outcome from the cue nearest to the phrase at [start, end); None when there is none."""
    best: tuple[int, Kind] | None = None
    plans = [(cue.start(), cue.end()) for cue in PLAN_CUES.finditer(sentence.text)]
    for pattern, kind in ((PLAN_CUES, Kind.PLAN), (OUTCOME_CUES, Kind.OUTCOME)):
        for cue in pattern.finditer(sentence.text):
            if kind is Kind.OUTCOME and any(a <= cue.start() < b for a, b in plans):
                continue  # "held" in "will be held"
            cue_start, cue_end = sentence.start + cue.start(), sentence.start + cue.end()
            if cue_start < end and start < cue_end:
                continue  # a word inside the phrase itself
            distance = cue_start - end if cue_start >= end else start - cue_end
            if best is None or distance < best[0]:
                best = (distance, kind)
    return best[1] if best else None
