"""An event's names in other languages, as every output shows them, and search over all names.

An event's title, its series' title and its place's name may each carry translations
(`models.Translation`, keyed by BCP 47 tag). `other_names` gathers them in one order for
every output; `names_words` is how every output writes them: "Харбин (ru) · 哈爾濱 (zh-Hant)".
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from sinotime.models import Event, Series

OTHER_NAMES = "Other names"  # the label every output gives them
SEPARATOR = " · "


@dataclass(frozen=True, slots=True)
class Name:
    """One name in another language: which name it translates, the tag, the text, its source."""

    of: str  # "title", "series" or "place"
    language: str  # a BCP 47 tag
    text: str
    source: str  # the id of the source that gives it

    def words(self) -> str:
        """The name as every output writes it: "Харбин (ru)"."""
        return f"{self.text} ({self.language})"


def other_names(event: Event, series: Series | None) -> tuple[Name, ...]:
    """The event's title, then its series' title, then its place's name in other languages,
    each in the file's order; a text given twice in one language is shown once."""
    names = [Name("title", tag, t.text, t.source) for tag, t in event.translations.items()]
    if series is not None:
        names += [Name("series", tag, t.text, t.source) for tag, t in series.translations.items()]
    if event.place is not None:
        names += [Name("place", tag, t.text, t.source) for tag, t in event.place.translations.items()]
    seen: set[tuple[str, str]] = set()
    unique: list[Name] = []
    for name in names:
        if (name.language, name.text) not in seen:
            seen.add((name.language, name.text))
            unique.append(name)
    return tuple(unique)


def names_words(names: Iterable[Name]) -> str:
    """Names as every output writes them: "Харбин (ru) · 哈爾濱 (zh-Hant)"."""
    return SEPARATOR.join(name.words() for name in names)


def search_key(text: str) -> str:
    """Text as search compares it: NFKC-normalised and case-folded, so that "благовещенск"
    finds "Благовещенск" and a full-width "ＥＸＰＯ" finds "Expo"."""
    return unicodedata.normalize("NFKC", text).casefold()


def all_names(event: Event, series: Series | None) -> list[str]:
    """Every name of the event in every language: titles, place names and their translations."""
    texts = [event.title]
    if series is not None:
        texts.append(series.title)
    if event.place is not None:
        texts.append(event.place.name)
    texts += [name.text for name in other_names(event, series)]
    return texts


def names_html(names: Iterable[Name]) -> str:
    """The names as the page and the feeds show them: each in a span that says its language,
    so that a browser, a screen reader or a feed reader reads it in that language:
    `<span lang="ru">Харбин</span> (ru) · …`. Escaped; empty for no names."""
    return SEPARATOR.join(
        f'<span lang="{html.escape(name.language)}">{html.escape(name.text, quote=False)}</span>'
        f" ({html.escape(name.language, quote=False)})"
        for name in names
    )
