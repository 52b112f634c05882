"""A memo keyed by the identity of the arguments, for words made of records that are hashed
slowly: a frozen pydantic model hashes every field, nested models too, on every look-up.

The records of a file are never changed once read, so the same objects give the same words;
equal objects that are not the same are worded again (the same words, made twice).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Generic, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class KeptByIdentity(Generic[R]):
    """Values kept by the identity of the objects they were made of, at most `most` at a time
    (the oldest are the least asked again: all go when it is full); each kept beside its
    objects, so that an id is never taken for a later object's. A value is never None."""

    def __init__(self, most: int) -> None:
        self.most = most
        self._kept: dict[tuple[int, ...], tuple[tuple[object, ...], R]] = {}

    def get(self, *objects: object) -> R | None:
        """The value kept for these very objects, or None. (An id is a live object's alone, and
        the objects of every value kept are kept alive beside it: an id kept is theirs.)"""
        hit = self._kept.get(tuple(map(id, objects)))
        return None if hit is None else hit[1]

    def keep(self, value: R, *objects: object) -> R:
        """Keep `value` for these objects, and give it back."""
        if len(self._kept) >= self.most:
            self._kept.clear()
        self._kept[tuple(map(id, objects))] = (objects, value)
        return value

    def __len__(self) -> int:
        return len(self._kept)


def kept_by_identity(most: int) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Keep what `make` gives for the last few thousand (`most`) arguments, by their identity
    (`KeptByIdentity`)."""

    def keeping(make: Callable[P, R]) -> Callable[P, R]:
        kept = KeptByIdentity[R](most)

        @functools.wraps(make)
        def made(*args: P.args, **kwargs: P.kwargs) -> R:
            if kwargs:
                return make(*args, **kwargs)
            hit = kept.get(*args)
            return hit if hit is not None else kept.keep(make(*args, **kwargs), *args)

        return made

    return keeping
