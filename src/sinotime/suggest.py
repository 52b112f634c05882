"""The "did you mean" of a problem, at a bounded cost.

`difflib` compares a misspelt name with every known one, each comparison costing time in
proportion to the product of their lengths: a file with thousands of unknown ids among
thousands of known ones would take minutes. So a run suggests for only the first
`MAX_SUGGESTIONS` unknown names, and compares with no more than `MAX_COMPARISONS` known names
in all (so fewer guesses when thousands of names are known); later ones get their problem
without a guess.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from dataclasses import dataclass

MAX_SUGGESTIONS = 20  # unknown names per run that get a "did you mean"
MAX_COMPARISONS = 10_000  # known names compared with, in all, per run


@dataclass
class Suggestions:
    """A run's budget of guesses."""

    left: int = MAX_SUGGESTIONS
    comparisons_left: int = MAX_COMPARISONS

    def closest(self, value: str, known: Collection[str]) -> str | None:
        """The known name `value` most likely misspells, while the budget lasts; else None."""
        if self.left <= 0 or not known or len(known) > self.comparisons_left:
            return None
        self.left -= 1
        self.comparisons_left -= len(known)
        guess = difflib.get_close_matches(value, sorted(known), n=1)
        return guess[0] if guess else None
