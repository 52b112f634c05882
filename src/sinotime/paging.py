"""Bounded feeds (RFC 5005, Feed Paging and Archiving): the newest changes, and full archives.

A feed's changes, oldest first, are cut into archive pages of `PAGE_SIZE` from the oldest:
page 1 holds changes 1-50, page 2 changes 51-100, and so on; only full pages are published. The
subscription document holds the newest `PAGE_SIZE` changes (it may repeat some of the newest
archive's, as RFC 5005 allows). A new change that is newer than every other only ever reaches
the subscription document and, once 50 more have come, a new archive page: a full archive page
never changes again. (A change dated before the newest archive's last one, such as an old
article found later, shifts the pages after it: see the README.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

PAGE_SIZE = 50  # changes in a subscription document and in each archive page

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Pages(Generic[T]):
    """A feed cut into pages, each oldest first."""

    archives: tuple[tuple[T, ...], ...]  # archive 1 (the oldest changes) first, all full
    current: tuple[T, ...]  # the newest `size` changes: what a reader subscribes to


def paged(items: Sequence[T], size: int = PAGE_SIZE) -> Pages[T]:
    """`items` (oldest first) as full archive pages of `size` and the newest `size` of them."""
    if size < 1:
        raise ValueError("a page holds at least one change")
    full = len(items) // size
    archives = tuple(tuple(items[number * size : (number + 1) * size]) for number in range(full))
    return Pages(archives=archives, current=tuple(items[-size:]) if items else ())
