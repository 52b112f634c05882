"""The HTML content of a feed entry: the event's story up to the change.

Built as strings by one function, `_tag`, which escapes every piece of data as ElementTree's
HTML serializer would (a test compares the two on random text), and keeps what is already
markup (`Markup`) apart from text by its type; only elements and attributes the W3C Feed
Validation Service deems safe are used, with absolute links.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sinotime.ledger import Change, known_after
from sinotime.models import Source
from sinotime.names import OTHER_NAMES, SEPARATOR, Name
from sinotime.text import feed_uri as web_address
from sinotime.text import xml_text as clean_text
from sinotime.words import (
    QUOTED,
    Part,
    Role,
    Step,
    history,
    news_step,
    other_report_step,
    outcome_step,
    place_words,
    plan_step,
    source_phrase,
    status_words,
)

__all__ = ["Markup", "change_html", "clean_text", "web_address"]  # the feeds' rule: `text`

MAX_STORY = 20  # the newest steps of a story an entry shows; older ones are counted


class Markup(str):
    """HTML already escaped: `_tag` puts it in as it is, and escapes every other string."""

    __slots__ = ()


# Line breaks that make the content read and diff well: after the start tag of these...
_BREAK_INSIDE = frozenset(("div", "ul", "blockquote"))
# ... and after the end tag of these, so that each block starts on a line of its own.
_BREAK_AFTER = frozenset(("p", "ul", "li", "blockquote"))


def escape_text(text: str) -> str:
    """Character data escaped as ElementTree's HTML serializer escapes it (`&`, `<`, `>`)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(value: str) -> str:
    """An attribute value escaped as ElementTree's HTML serializer escapes it (`&`, `>`, `"`)."""
    return value.replace("&", "&amp;").replace(">", "&gt;").replace('"', "&quot;")


def _tag(tag: str, *parts: str | None, **attributes: str) -> Markup:
    """An element: `Markup` parts go in as they are, other strings as text (cleaned, escaped)."""
    inner = "".join(
        part if isinstance(part, Markup) else escape_text(clean_text(part))
        for part in parts
        if part is not None
    )
    written = "".join(f' {name}="{escape_attribute(value)}"' for name, value in attributes.items())
    inside = "\n" if tag in _BREAK_INSIDE else ""
    after = "\n" if tag in _BREAK_AFTER else ""
    return Markup(f"<{tag}{written}>{inside}{inner}</{tag}>{after}")


def _link(text: str, url: str | None) -> str:
    return text if url is None else _tag("a", text, href=web_address(url))


def _parts(parts: Sequence[Part]) -> list[str]:
    """Parts of a phrase of `sinotime.words`: a source's words in quotation marks, sources and
    titles linked to their articles."""
    shown: list[str] = []
    for part in parts:
        text = f"“{part.text}”" if part.role in QUOTED else part.text
        shown.append(_link(text, part.url) if part.role in (Role.SOURCE, Role.TITLE) else text)
    return shown


def this_step(change: Change) -> Step | None:
    """The step of the event's history that `change` adds; None for a deadline passing."""
    source = change.source
    if source is None:
        return None
    if change.plan is not None:
        return plan_step(change.plan, source)
    if change.news is not None:
        return news_step(change.news, source)
    if change.report is not None:
        return other_report_step(change.report, source)
    if change.outcome is not None:
        return outcome_step(change.outcome, source)
    return None


def _step(step: Step, *, this: bool) -> Markup:
    """One step of the history, as every output words it (`sinotime.words.history`): "Target
    2018: “in operation in 2018”, announced 16 February 2017 by China Daily"; in bold when it is
    what this entry is about."""
    parts = _parts(step.phrase.parts)
    return _tag("li", _tag("strong", *parts)) if this else _tag("li", *parts)


def _kept_step(step: Step, kept: dict[Step, Markup]) -> Markup:
    """`_step(step, this=False)`, written once."""
    written = kept.get(step)
    if written is None:
        written = kept[step] = _step(step, this=False)
    return written


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


def _story(
    change: Change, story: list[Change], sources: Mapping[str, Source], kept: dict[Step, Markup]
) -> list[str]:
    """The event's history as it stood right after `change` (this change's step in bold): the
    same steps in the same words as the calendars, the page and the report give it."""
    assert change.status is not None
    steps = history(known_after(change.event, story), change.status.flag, sources)
    this = this_step(change)
    shown = steps[-MAX_STORY:]
    heading = (
        "The story so far"
        if len(shown) == len(steps)
        else f"The story so far ({len(steps) - len(shown)} earlier steps not shown)"
    )
    written = [_step(step, this=True) if step == this else _kept_step(step, kept) for step in shown]
    return [_tag("p", _tag("strong", heading)), _tag("ul", *written)]


def change_html(
    change: Change,
    story: list[Change],
    sources: Mapping[str, Source],
    event_url: str | None,
    kind_label: str,
    names: Sequence[Name] = (),
    steps: dict[Step, Markup] | None = None,
) -> str:
    """What changed, the status it left, the event's history up to it (this change in bold), its
    source and the event's page; `kind_label` names the event's kind (`Kind.label`), `names` are
    the event's names in other languages (`sinotime.names.other_names`); `steps` keeps each step
    written (not in bold) for the next change of the event, whose story holds it again."""
    event = change.event
    about = [kind_label] + ([place_words(event.place)] if event.place is not None else [])
    blocks: list[str | None] = [
        _tag("p", _tag("strong", event.title), f" — {' · '.join(about)}"),
        _names(names),
        _tag("p", event.description) if event.description else None,
    ]
    if change.source is not None:
        blocks.append(_tag("p", "Source: ", *_parts(source_phrase(change.source).parts)))
    if change.status is not None:  # the status the change left, and what qualifies it
        note = f" {change.status.note}" if change.status.note else ""
        blocks.append(_tag("p", _tag("strong", "Status"), f": {status_words(change.status)}.{note}"))
    if quote_text := _quote_of(change):
        blocks.append(_tag("blockquote", _tag("p", clean_text(quote_text))))
    blocks += _story(change, story, sources, {} if steps is None else steps)
    if event_url is not None:
        blocks.append(
            _tag("p", _link("The event on the timeline", event_url), ", with where it stands today.")
        )
    return str(_tag("div", *blocks))
