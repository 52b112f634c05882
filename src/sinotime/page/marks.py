"""The chart's geometry: the scale of years across, and the marks of one event's dates."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import MAXYEAR, date, timedelta

from sinotime.dates import FuzzyDate, Precision
from sinotime.models import Event

# --- the timeline, drawn as SVG ----------------------------------------------------------------

WIDTH = 1100
MARGIN = 16
AXIS_HEIGHT = 30
ROW_LABEL_HEIGHT = 20
ROW_PADDING = 6
BOTTOM = 28
BAND_HEIGHT = 12
DOT_RADIUS = 6
MIN_BAND = 6
OPEN_LENGTH = 40
LABEL_GAP = 6
LANE_GAP = 10


@dataclass(frozen=True, slots=True)
class Scale:
    start: date
    end: date  # exclusive
    days: int = field(init=False, repr=False, compare=False)  # from start to end

    def __post_init__(self) -> None:
        object.__setattr__(self, "days", (self.end - self.start).days)

    @classmethod
    def around(cls, days: Iterable[date]) -> Scale:
        listed = list(days)
        last = max(listed).year
        return cls(date(min(listed).year, 1, 1), date(last + 1, 1, 1) if last < MAXYEAR else date.max)

    def x(self, day: date) -> float:
        return MARGIN + (day - self.start).days / self.days * (WIDTH - 2 * MARGIN)


@dataclass(frozen=True, slots=True)
class Mark:
    """A date on the chart: hollow for an announced target, filled for what happened."""

    date: FuzzyDate
    happened: bool

    def bounds(self, scale: Scale) -> tuple[float, float]:
        d = self.date
        if d.precision in (Precision.DAY, Precision.TIME):
            start = scale.x(d.earliest)
            centre = start + (scale.x(d.earliest + timedelta(days=1)) - start) / 2
            return centre - DOT_RADIUS, centre + DOT_RADIUS
        start = scale.x(d.earliest)
        latest = d.latest
        if latest is None:
            return start, start + OPEN_LENGTH
        end = scale.x(latest + timedelta(days=1))
        if end - start < MIN_BAND:
            middle = (start + end) / 2
            return middle - MIN_BAND / 2, middle + MIN_BAND / 2
        return start, end

    def svg(self, bounds: tuple[float, float], y: float) -> str:
        """The mark on the line `y`, from `bounds` (its `bounds` on the chart's scale)."""
        left, right = bounds
        fill = "filled" if self.happened else "hollow"
        d = self.date
        if d.precision in (Precision.DAY, Precision.TIME):
            return (
                f'<circle class="mark {fill}" cx="{px((left + right) / 2)}" cy="{px(y)}" r="{DOT_RADIUS}"/>'
            )
        top, bottom = y - BAND_HEIGHT / 2, y + BAND_HEIGHT / 2
        if d.latest is None:  # open-ended: a band with no right edge, pointing on
            return (
                f'<path class="mark open {fill}"'
                f' d="M{px(right)} {px(top)}H{px(left)}V{px(bottom)}H{px(right)}'
                f'M{px(right - 6)} {px(top - 3)}L{px(right + 2)} {px(y)}L{px(right - 6)} {px(bottom + 3)}"/>'
            )
        return (
            f'<rect class="mark {fill}" x="{px(left)}" y="{px(top)}" width="{px(right - left)}"'
            f' height="{BAND_HEIGHT}" rx="3"/>'
        )


def px(value: float) -> str:
    """A coordinate, rounded for small and stable output."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def marks_of(event: Event) -> list[Mark]:
    marks = [Mark(plan.target, False) for plan in event.plans if plan.target is not None]
    if event.outcome is not None and event.outcome.date is not None:
        marks.append(Mark(event.outcome.date, True))
    return marks
