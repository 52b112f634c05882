"""The HTML content of a feed entry: the event's story up to the change.

Built as strings by one function, `_tag`, which escapes every piece of data as ElementTree's
HTML serializer would (a test compares the two on random text), and keeps what is already
markup (`Markup`) apart from text by its type; only elements and attributes the W3C Feed
Validation Service deems safe are used, with absolute links.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sinotime.ledger import Change
from sinotime.memo import KeptByIdentity
from sinotime.models import Outcome, Series, Source
from sinotime.names import OTHER_NAMES, SEPARATOR, Name, other_names
from sinotime.text import feed_uri as web_address
from sinotime.text import xml_text as clean_text
from sinotime.words import (
    QUOTED,
    STEPS_KEPT,
    Part,
    Role,
    Step,
    WordedSteps,
    history_tail,
    place_words,
    source_phrase,
    status_words,
)

__all__ = ["Markup", "Written", "change_html", "clean_text", "web_address"]  # the feeds' rule: `text`

MAX_STORY = 20  # the newest steps of a story an entry shows; older ones are counted


class Markup(str):
    """HTML already escaped: `_tag` puts it in as it is, and escapes every other string."""

    __slots__ = ()


@dataclass
class Written:
    """What `change_html` writes once and shows again, for the changes of one ledger: the texts
    and links of the steps of a story (every later change of its event shows them again), the
    steps themselves, worded and written, each event's opening blocks and closing link, and
    each source's line. (A step is kept by its identity (`KeptByIdentity`): hashing one hashes each of its
    parts, which costs more than writing it.)"""

    texts: dict[str, str] = field(default_factory=dict)  # each text of a step, cleaned and escaped
    links: dict[tuple[str, str], Markup] = field(default_factory=dict)  # by text and address
    events: dict[str, tuple[Markup, Markup]] = field(default_factory=dict)  # by event id
    sources: dict[str, Markup] = field(default_factory=dict)  # the "Source: ..." line, by source id
    worded: WordedSteps = field(default_factory=lambda: KeptByIdentity(STEPS_KEPT))  # `history_tail`
    phrases: KeptByIdentity[Markup] = field(
        default_factory=lambda: KeptByIdentity(STEPS_KEPT)
    )  # each step's phrase, in its <li> (in bold in its own change's entry)


_LINKED = (Role.SOURCE, Role.TITLE)  # the parts of a phrase that link to the source's article

# Line breaks that make the content read and diff well: after the start tag of these...
_BREAK_INSIDE = {tag: "\n" for tag in ("div", "ul", "blockquote")}
# ... and after the end tag of these, so that each block starts on a line of its own.
_BREAK_AFTER = {tag: "\n" for tag in ("p", "ul", "li", "blockquote")}


def escape_text(text: str) -> str:
    """Character data escaped as ElementTree's HTML serializer escapes it (`&`, `<`, `>`)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(value: str) -> str:
    """An attribute value escaped as ElementTree's HTML serializer escapes it (`&`, `>`, `"`)."""
    return value.replace("&", "&amp;").replace(">", "&gt;").replace('"', "&quot;")


def _joined(parts: Sequence[str | None]) -> str:
    """`Markup` parts as they are, other strings as text (cleaned, escaped), joined (a plain
    string: each `Markup` made is a copy of its text)."""
    return "".join(
        [
            part if isinstance(part, Markup) else escape_text(clean_text(part))
            for part in parts
            if part is not None
        ]
    )


def _tag(tag: str, *parts: str | None, **attributes: str) -> Markup:
    """An element: `Markup` parts go in as they are, other strings as text (cleaned, escaped)."""
    written = (
        "".join([f' {name}="{escape_attribute(value)}"' for name, value in attributes.items()])
        if attributes
        else ""
    )
    inside, after = _BREAK_INSIDE.get(tag, ""), _BREAK_AFTER.get(tag, "")
    return Markup(f"<{tag}{written}>{inside}{_joined(parts)}</{tag}>{after}")


def _link(text: str, url: str | None) -> str:
    return text if url is None else _tag("a", text, href=web_address(url))


def _parts(parts: Sequence[Part], written: Written) -> Markup:
    """Parts of a phrase of `sinotime.words`: a source's words in quotation marks, sources and
    titles linked to their articles; each text and link written once (`written`)."""
    shown: list[str] = []
    for part in parts:
        text = f"“{part.text}”" if part.role in QUOTED else part.text
        if part.url is not None and part.role in _LINKED:
            link = written.links.get((text, part.url))
            if link is None:
                link = written.links[text, part.url] = _tag("a", text, href=web_address(part.url))
            shown.append(link)
        else:
            escaped = written.texts.get(text)
            if escaped is None:
                escaped = written.texts[text] = escape_text(clean_text(text))
            shown.append(escaped)
    return Markup("".join(shown))


def _tells_this(change: Change, told: object) -> bool:
    """Whether a step of the story, telling `told`, is the one `change` adds (the same plan,
    news item or report; the outcome, which an event has once); never for a deadline passing."""
    if change.source is None:
        return False
    said = change.plan or change.news or change.report
    if said is not None:
        return told is said
    return change.outcome is not None and isinstance(told, Outcome)


def _item(step: Step, *, this: bool, written: Written) -> str:
    """One step of the history, as every output words it (`sinotime.words.history`): "Target
    2018: “in operation in 2018”, announced 16 February 2017 by China Daily"; in bold when it is
    what this entry is about. (`_tag("li", ...)` of the phrase, and of it in `strong`.)"""
    phrase = written.phrases.get(step)
    if phrase is None:
        phrase = written.phrases.keep(_parts(step.phrase.parts, written), step)
    return f"<li><strong>{phrase}</strong></li>\n" if this else f"<li>{phrase}</li>\n"


def _quote_of(change: Change) -> str | None:
    """The source's quote on what changed, where the data gives one."""
    said = change.plan or change.report or change.news or change.outcome
    return None if said is None else said.quote


def _names(names: Sequence[Name]) -> Markup | None:
    """The event's other names, each in a span that says its language (HTML `lang`, which the
    feed validator accepts in content; `xml:lang` would be XML, not HTML)."""
    if not names:
        return None
    parts: list[str | None] = [_tag("strong", OTHER_NAMES), ": "]
    for number, name in enumerate(names):
        parts += [
            SEPARATOR if number else None,
            _tag("span", name.text, lang=name.language),
            f" ({name.language})",
        ]
    return _tag("p", *parts)


def _story(change: Change, sources: Mapping[str, Source], written: Written) -> str:
    """The event's history as it stood right after `change` (the event as its status tells it;
    this change's step in bold): the same steps in the same words as the calendars, the page and
    the report give it. (`_tag("ul", ...)` of the items, after the heading.)"""
    assert change.status is not None
    count, shown = history_tail(change.status.event, change.status.flag, sources, MAX_STORY, written.worded)
    items = "".join([_item(step, this=_tells_this(change, told), written=written) for told, step in shown])
    return f"{_story_heading(count - len(shown))}<ul>\n{items}</ul>\n"


@functools.lru_cache(maxsize=256)
def _story_heading(not_shown: int) -> Markup:
    """ "The story so far", and how many earlier steps it leaves out (a few headings, again and again)."""
    heading = "The story so far" + (f" ({not_shown} earlier steps not shown)" if not_shown else "")
    return _tag("p", _tag("strong", heading))


def _event_blocks(
    change: Change, event_url: str | None, kind_label: str, series: Series | None, written: Written
) -> tuple[Markup, Markup]:
    """What every entry of the event opens with (its title, kind and place, its names in other
    languages, its description) and closes with (its link on the page), written once."""
    event = change.event
    kept = written.events.get(event.id)
    if kept is None:
        about = [kind_label] + ([place_words(event.place)] if event.place is not None else [])
        opening = [
            _tag("p", _tag("strong", event.title), f" — {' · '.join(about)}"),
            _names(other_names(event, series)),
            _tag("p", event.description) if event.description else None,
        ]
        closing = (
            Markup("")
            if event_url is None
            else _tag("p", _link("The event on the timeline", event_url), ", with where it stands today.")
        )
        kept = written.events[event.id] = (Markup(_joined(opening)), closing)
    return kept


def _source_line(source: Source, written: Written) -> Markup:
    """ "Source: China Daily: “Rail bridge to open in 2018”, 16 February 2017", written once."""
    line = written.sources.get(source.id)
    if line is None:
        line = written.sources[source.id] = _tag(
            "p", "Source: ", _parts(source_phrase(source).parts, written)
        )
    return line


_STATUS = _tag("strong", "Status")


def change_html(
    change: Change,
    sources: Mapping[str, Source],
    event_url: str | None,
    kind_label: str,
    series: Series | None = None,
    written: Written | None = None,
) -> str:
    """What changed, the status it left, the event's history up to it (this change in bold), its
    source and the event's page; `kind_label` names the event's kind (`Kind.label`), `series` is
    the event's series (its names in other languages are `sinotime.names.other_names` of the
    event and its series); `written` keeps what the next changes of the same ledger show again
    (the same event, its steps, the source)."""
    written = Written() if written is None else written
    opening, closing = _event_blocks(change, event_url, kind_label, series, written)
    blocks: list[Markup | str] = [opening]  # all markup: joined as `_tag("div", ...)` would
    if change.source is not None:
        blocks.append(_source_line(change.source, written))
    if change.status is not None:  # the status the change left, and what qualifies it
        note = f" {change.status.note}" if change.status.note else ""
        blocks.append(_tag("p", _STATUS, f": {status_words(change.status)}.{note}"))
    if quote_text := _quote_of(change):
        blocks.append(_tag("blockquote", _tag("p", clean_text(quote_text))))
    blocks.append(_story(change, sources, written))
    blocks.append(closing)
    return f"<div>\n{''.join(blocks)}</div>"
