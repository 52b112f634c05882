"""What extraction finds: phrases in the text, and candidates with their resolved dates."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sinotime.dates import FuzzyDate


class Kind(StrEnum):
    """Whether a sentence announces something (a plan) or reports it (an outcome)."""

    PLAN = "plan"
    OUTCOME = "outcome"


# Resolves a phrase against one publication day, knowing whether it is a plan or an outcome
# (None when the sentence does not say); returns the EDTF text of the date.
Resolver = Callable[[date, Kind | None], str]


@dataclass(frozen=True, slots=True)
class Phrase:
    """A date expression found in the text, not yet resolved."""

    start: int  # character offsets into the text, end exclusive
    end: int
    rule: str  # the name of the rule that resolves it (docs/extract.md lists them)
    resolve: Resolver
    kind: Kind | None = None  # a phrase that itself says plan or outcome ("by 2024")
    wording: str = ""  # the article's words when wider than the phrase ("in 2018 and 2019")

    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Candidate:
    """A dated plan or outcome proposed from one phrase of an article."""

    date: FuzzyDate
    phrase: str
    start: int
    end: int
    rule: str
    kind: Kind
    wording: str
    sentence: str  # one line, control characters replaced


@dataclass(frozen=True, slots=True)
class Extraction:
    """Every candidate of one article, and what it was resolved against."""

    published: FuzzyDate
    source: str | None
    candidates: tuple[Candidate, ...]
    left_out: int = 0  # date phrases found after the first MAX_CANDIDATES, not proposed


# A pattern's handler: the phrases one match of it stands for (none, one, or one per year).
Handler = Callable[[re.Match[str]], list[Phrase]]


def whole(match: re.Match[str], rule: str, resolve: Resolver, kind: Kind | None = None) -> list[Phrase]:
    """One phrase: the whole match, resolved by `rule`."""
    return [Phrase(match.start(), match.end(), rule, resolve, kind)]


def by_rule(name: str, resolve: Resolver, kind: Kind | None = None) -> Handler:
    """A handler for a fixed phrase ("last week", "недавно", "上周") and its rule."""
    return lambda match: whole(match, name, resolve, kind)
