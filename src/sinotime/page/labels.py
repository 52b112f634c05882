"""The words beside each event on the chart, and where they go.

Every label names its event: its title on the first line or two, then its date and status
("16 Nov 2022 · completed late, +3 y 11 m"). Lines are measured with real glyph widths
(`text_width`) and broken or shortened only at a word boundary; the full title and status are
one click away (every label links to the event in the list) and in the hover title. A label goes
to the right of its marks when it fits inside the drawing, else to the left, else to the side
with more room, narrowed to fit; marks that span nearly the whole drawing carry it over them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sinotime.page.marks import LABEL_GAP, MARGIN, WIDTH
from sinotime.page.text_width import PHRASES, text_width, wrap
from sinotime.timeline import Entry, Flag
from sinotime.words import date_words, status_words

LABEL_SIZE = 11.5  # px, as page.css sets `#chart .label`
LINE_HEIGHT = 14
LABEL_ROOM = 250.0  # the widest a label runs
MIN_ROOM = 120.0  # narrower than this beside the marks, the label goes over them
TITLE_LINES = 2
STATUS_LINES = 2
EDGE = MARGIN / 2  # no text nearer the drawing's edge than this


def status_line(entry: Entry) -> str:
    """The date and the status, short: "16 Nov 2022 · completed late, +3 y 11 m", "due summer
    2026 · overdue since 1 Sep 2026". What simply happened shows only its date; the baseline of a
    slip ("against the first target (2018)") is left to the list."""
    if entry.flag in (Flag.COMPLETED_LATE, Flag.COMPLETED_PARTLY) and entry.slip is not None:
        status = f"{entry.flag.label}, {entry.slip.words()}"
    else:
        status = status_words(entry, short=True)
    status = status[:1].lower() + status[1:]
    if entry.flag is Flag.COMPLETED and not entry.ahead:
        status = ""
    return " · ".join(part for part in (date_words(entry, short=True), status) if part)


def bold(entry: Entry) -> bool:
    """Whether its label is set bold (page.css: an overdue plan's)."""
    return entry.flag is Flag.OVERDUE


@dataclass(frozen=True, slots=True)
class Words:
    """What a label says before it is fitted to a room: the title (its id when it has none), the
    date and status (`status_line`), and whether it is set bold; worked out once a label."""

    title: str
    status: str
    bold: bool

    @classmethod
    def of(cls, entry: Entry) -> Words:
        return cls(entry.event.title.strip() or entry.event.id, status_line(entry), bold(entry))

    def lines(self, room: float) -> tuple[str, ...]:
        """The title in up to two lines, then the date and status in up to two, each within `room`."""
        title = wrap(self.title, room, LABEL_SIZE, TITLE_LINES, bold=self.bold)
        return (*title, *wrap(self.status, room, LABEL_SIZE, STATUS_LINES, PHRASES, bold=self.bold))

    def width(self, lines: tuple[str, ...]) -> float:
        return max((text_width(line, LABEL_SIZE, bold=self.bold) for line in lines), default=0.0)


@dataclass(frozen=True, slots=True)
class Label:
    """A label's lines and where they are anchored: `x` with text-anchor `anchor`."""

    lines: tuple[str, ...]
    x: float
    anchor: str  # "start" or "end"
    left: float  # where the label's text begins and ends
    right: float


def place(entry: Entry, mark_left: float, mark_right: float) -> Label:
    """The label of an event whose marks run from `mark_left` to `mark_right`, inside the drawing."""
    room_right = WIDTH - EDGE - mark_right - LABEL_GAP
    room_left = mark_left - LABEL_GAP - EDGE
    words = Words.of(entry)
    lines = words.lines(LABEL_ROOM)
    width = words.width(lines)
    if width <= room_right or width <= room_left:
        right = width <= room_right
    else:  # narrowed to the side with more room
        room = max(room_right, room_left)
        if room < MIN_ROOM:
            return _over_the_marks(words, mark_left)
        lines = words.lines(room)
        width = words.width(lines)
        right = room_right >= room_left
    if right:
        x = mark_right + LABEL_GAP
        return Label(lines, x, "start", x, x + width)
    x = mark_left - LABEL_GAP
    return Label(lines, x, "end", x - width, x)


def _over_the_marks(words: Words, mark_left: float) -> Label:
    """Marks that leave no room on either side: the label starts over them."""
    x = max(EDGE, mark_left)
    lines = words.lines(min(LABEL_ROOM, WIDTH - EDGE - x))
    return Label(lines, x, "start", x, x + words.width(lines))
