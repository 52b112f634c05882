"""A memo keyed by the identity of the arguments, for words made of records that are hashed
slowly: a frozen pydantic model hashes every field, nested models too, on every look-up.

The records of a file are never changed once read, so the same objects give the same words;
equal objects that are not the same are worded again (the same words, made twice).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def kept_by_identity(most: int) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Keep what `make` gives for the last few thousand (`most`) arguments, by their identity;
    each kept beside its arguments, so that an id is never taken for a later object's."""

    def keeping(make: Callable[P, R]) -> Callable[P, R]:
        kept: dict[tuple[int, ...], tuple[tuple[object, ...], R]] = {}

        @functools.wraps(make)
        def made(*args: P.args, **kwargs: P.kwargs) -> R:
            if kwargs:
                return make(*args, **kwargs)
            key = tuple(map(id, args))
            hit = kept.get(key)
            if hit is not None and all(a is b for a, b in zip(hit[0], args, strict=True)):
                return hit[1]
            result = make(*args, **kwargs)
            if len(kept) >= most:  # a few thousand at a time: the oldest are the least asked again
                kept.clear()
            kept[key] = (args, result)
            return result

        return made

    return keeping
