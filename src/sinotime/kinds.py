"""The kinds of event: the default set, its table in docs/file-format.md, and the page's colours.

A file declares its own kinds in `kinds` (`Kind`: id, label, heading, colour); one that
declares none gets `DEFAULT_KINDS`, a set for anyone who follows plans and what became of
them: a newsroom on infrastructure, a city on its projects, a researcher on a region.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from pydantic import Field

from sinotime.fields import Colour, Line, Slug, Strict

# id, label (one event), heading (the group), what it is for; in the order outputs list them
DEFAULT_KINDS: tuple[tuple[str, str, str, str], ...] = (
    ("construction", "Construction or infrastructure", "Construction and infrastructure",
     "a road, bridge, line, building or network: begun, finished, handed over"),
    ("opening", "Opening", "Openings", "a site, service, route, office or institution opens to the public"),
    ("agreement", "Agreement or contract", "Agreements and contracts",
     "an agreement, contract or memorandum signed or to be signed"),
    ("policy", "Policy, law or regulation", "Policies, laws and regulations",
     "a policy, law, rule or programme adopted or taking effect"),
    ("target", "Target", "Targets", "a number to reach by a date: trade volume, homes built, emissions"),
    ("funding", "Funding or budget", "Funding and budgets", "money promised, approved or spent"),
    ("meeting", "Meeting or visit", "Meetings and visits", "a meeting, summit, delegation or state visit"),
    ("gathering", "Conference, fair or festival", "Conferences, fairs and festivals",
     "a conference, forum, expo, trade fair, festival or sports event"),
    ("election", "Election or vote", "Elections and votes", "an election, referendum or council vote"),
    ("other", "Other", "Other events", "anything else"),
)  # fmt: skip


class Kind(Strict):
    """A sort of event the file declares in `kinds`: each gets a calendar and a feed of its own."""

    id: Slug = Field(description="What events write as their `kind`; names its files: `kind-ID.ics`.")
    label: Line = Field(description="One event of this kind, beside the event: `Construction project`.")
    heading: Line = Field(
        description="Events of this kind together: the name of its calendar, feed and page row: "
        "`Construction projects`."
    )
    colour: Colour | None = Field(
        default=None,
        description='A colour for its events on the page, "#rrggbb" (quoted: a # starts a YAML comment).',
    )


@functools.cache
def default_kinds() -> tuple[Kind, ...]:
    """The kinds of a file that declares none (`DEFAULT_KINDS`)."""
    return tuple(Kind(id=id_, label=label, heading=heading) for id_, label, heading, _ in DEFAULT_KINDS)


def kind_colours_css(kinds: Iterable[Kind]) -> str:
    """Style rules that mark each event of a coloured kind on the page with a stripe (every event
    keeps the same indent, striped or not); empty when no kind has a colour. Ids are slugs and
    colours `#rrggbb` (both validated), so nothing here needs escaping."""
    stripes = "".join(
        f'.events > li[data-kind="{kind.id}"] {{ border-left-color: {kind.colour}; }}\n'
        for kind in kinds
        if kind.colour is not None
    )
    if not stripes:
        return ""
    return ".events > li { border-left: 0.3rem solid transparent; padding-left: 0.6rem; }\n" + stripes
