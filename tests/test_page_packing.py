"""The chart's lanes: each event goes into the topmost lane with room for it, and packing
costs O(n log n), so that tens of thousands of events on one day draw in seconds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from hypothesis import given
from hypothesis import strategies as st

from sinotime.page.chart import Drawing, pack
from sinotime.page.marks import LANE_GAP


@dataclass
class _Event:
    id: str


@dataclass
class _Entry:
    event: _Event


class Shape:
    """As much of a Drawing as packing reads, counting how often its right edge is read."""

    reads = 0

    def __init__(self, number: int, left: float, width: float) -> None:
        self.entry = _Entry(_Event(f"e{number:06d}"))
        self.left = left
        self._right = left + width

    @property
    def right(self) -> float:
        Shape.reads += 1
        return self._right


def first_fit(drawings: list[Any]) -> list[list[Any]]:
    """The rule, written the plain quadratic way."""
    lanes: list[list[Any]] = []
    for drawing in sorted(drawings, key=lambda d: (d.left, d.entry.event.id)):
        for lane in lanes:
            if lane[-1].right + LANE_GAP <= drawing.left:
                lane.append(drawing)
                break
        else:
            lanes.append([drawing])
    return lanes


def shapes(spans: list[tuple[int, int]]) -> list[Drawing]:
    return cast(list[Drawing], [Shape(n, float(left), float(width)) for n, (left, width) in enumerate(spans)])


@given(st.lists(st.tuples(st.integers(0, 200), st.integers(0, 60)), max_size=60))
def test_each_drawing_goes_into_the_topmost_lane_with_room(spans: list[tuple[int, int]]) -> None:
    drawings = shapes(spans)
    assert pack(drawings) == first_fit(drawings)


def test_packing_reads_each_drawing_a_bounded_number_of_times() -> None:
    drawings = shapes([(0, 100)] * 5_000 + [(500, 10)] * 5_000)  # 5,000 lanes, then refilled
    Shape.reads = 0
    lanes = pack(drawings)
    assert len(lanes) == 5_000
    assert Shape.reads <= 2 * len(drawings)
