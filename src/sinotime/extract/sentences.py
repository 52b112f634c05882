"""Sentences, and whether a sentence announces a plan or reports an outcome.

Sentences are split with a regular expression rather than a library: the seed articles need
only "a full stop, a question or exclamation mark, then a capital, a digit or a quote", and
the sentence-splitting packages available are unmaintained or pull in a language model.
The guess of plan or outcome is the cue word nearest to the date phrase in its sentence,
preferring one in the same clause (with no comma or semicolon between them).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from sinotime.extract.model import Kind

# A full stop that ends an abbreviation, not a sentence: "Nov. 20", "Sept. 5", "Dr. Li", "J. Smith".
ABBREVIATIONS = (
    *("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"),
    *("Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Gen", "Gov", "Sen", "Rep", "Lt", "Col"),
    *("No", "Nos", "Co", "Corp", "Inc", "Ltd", "Jr", "Sr", "vs", "approx", "est"),
)
_NOT_AN_ABBREVIATION = "".join(rf"(?<!\b{word}\.)" for word in ABBREVIATIONS) + r"(?<!\b[A-Z]\.)"
_BOUNDARY = re.compile(
    rf"(?:(?<=[.!?]){_NOT_AN_ABBREVIATION}|(?<=[.!?][\"”»’)]))"  # Latin, Cyrillic
    r"\s+(?=[\"“«‘(]?[A-ZА-ЯЁ0-9\u4e00-\u9fff])"
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


CLAUSE_BREAK = re.compile(r"[,;:，；：、]")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Spans:
    """Cue words of one kind in one sentence: their offsets in the text, in order.

    The matches of one pattern do not overlap, so their ends are in order too.
    """

    starts: list[int]
    ends: list[int]

    def nearest(self, start: int, end: int) -> list[tuple[int, int]]:
        """The nearest cue before [start, end) and the nearest after, as (from, to) gaps."""
        gaps = []
        before = bisect.bisect_right(self.ends, start) - 1
        if before >= 0:
            gaps.append((self.ends[before], start))
        after = bisect.bisect_left(self.starts, end)
        if after < len(self.starts):
            gaps.append((end, self.starts[after]))
        return gaps


@dataclass(frozen=True, slots=True)
class Cues:
    plan: Spans
    outcome: Spans
    clause_breaks: list[int]  # offsets of commas and semicolons, in order

    def crossings(self, start: int, end: int) -> int:
        """How many clause breaks lie between two offsets."""
        return bisect.bisect_left(self.clause_breaks, end) - bisect.bisect_left(self.clause_breaks, start)


class Sentences:
    """The sentences of a text, found by offset in logarithmic time, each read for cues once."""

    def __init__(self, text: str) -> None:
        self.items = split_sentences(text)
        self._starts = [sentence.start for sentence in self.items]
        self._cues: dict[int, Cues] = {}

    def at(self, offset: int) -> Sentence:
        """The sentence that holds the character at `offset` (an empty one between sentences)."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index >= 0 and offset < self.items[index].end:
            return self.items[index]
        return Sentence(offset, offset, "")

    def kind_near(self, start: int, end: int) -> Kind | None:
        """Plan or outcome from the cue nearest to the phrase at [start, end); None without one."""
        sentence = self.at(start)
        if sentence.start not in self._cues:
            self._cues[sentence.start] = find_cues(sentence)
        cues = self._cues[sentence.start]
        best: tuple[int, int, Kind] | None = None
        for spans, kind in ((cues.plan, Kind.PLAN), (cues.outcome, Kind.OUTCOME)):
            for gap_start, gap_end in spans.nearest(start, end):
                key = (cues.crossings(gap_start, gap_end), gap_end - gap_start, kind)
                if best is None or key[:2] < best[:2]:
                    best = key
        return best[2] if best else None


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
            position = boundary.end()
    return sentences


def find_cues(sentence: Sentence) -> Cues:
    """The plan and outcome cues of a sentence; "held" inside "will be held" is part of the plan cue."""
    offset = sentence.start
    plan = [(offset + m.start(), offset + m.end()) for m in PLAN_CUES.finditer(sentence.text)]
    plan_starts = [a for a, _ in plan]
    outcome = []
    for match in OUTCOME_CUES.finditer(sentence.text):
        cue = (offset + match.start(), offset + match.end())
        index = bisect.bisect_right(plan_starts, cue[0]) - 1
        if index < 0 or cue[0] >= plan[index][1]:
            outcome.append(cue)
    breaks = [offset + m.start() for m in CLAUSE_BREAK.finditer(sentence.text)]
    return Cues(_spans(plan), _spans(outcome), breaks)


def _spans(pairs: list[tuple[int, int]]) -> Spans:
    return Spans([a for a, _ in pairs], [b for _, b in pairs])
