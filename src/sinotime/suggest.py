"""The "did you mean" of a problem, at a bounded cost.

`difflib` compares a misspelt name with every known one, each comparison costing time in
proportion to the product of their lengths: a file with thousands of unknown ids among
thousands of known ones would take minutes. So a run suggests for only the first
`MAX_SUGGESTIONS` unknown names; later ones get their problem without a guess.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from dataclasses import dataclass

MAX_SUGGESTIONS = 20  # unknown names per run that get a "did you mean"


@dataclass
class Suggestions:
    """A run's budget of guesses."""

    left: int = MAX_SUGGESTIONS

    def closest(self, value: str, known: Collection[str]) -> str | None:
        """The known name `value` most likely misspells, while the budget lasts; else None."""
        if self.left <= 0 or not known:
            return None
        self.left -= 1
        guess = difflib.get_close_matches(value, sorted(known), n=1)
        return guess[0] if guess else None
