"""What every part of the page shares: escaping, safe links, the addresses of published files
and the inline style and script with their CSP hashes."""

from __future__ import annotations

import base64
import hashlib
from importlib.resources import files

from sinotime.site import Site
from sinotime.words import Part, Phrase, Role


def esc(text: object) -> str:
    """Escape text for HTML content and for double-quoted attribute values alike: what
    `html.escape(text, quote=True)` gives, in the same order, without its call (the page makes
    some 700,000 of these at 10,000 events)."""
    return (
        str(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def web_href(url: str | None) -> str | None:
    """An address safe to put in href: http(s) only (the model already insists; belt and braces)."""
    if url is None or not url.startswith(("https://", "http://")):
        return None
    return url


def phrase_html(phrase: Phrase) -> str:
    """A phrase of `sinotime.words` in HTML: dates stressed, a source's words quoted, sources and
    titles linked to their articles."""
    return "".join(_part_html(part) for part in phrase.parts)


def _part_html(part: Part) -> str:
    text = esc(part.text)
    match part.role:
        case Role.DATE:
            return f"<strong>{text}</strong>"
        case Role.QUOTE:
            return f"<q>{text}</q>"
        case Role.SOURCE | Role.TITLE:
            shown = f"“{text}”" if part.role is Role.TITLE else text
            href = web_href(part.url)
            return f'<a href="{esc(href)}">{shown}</a>' if href else shown
    return text


def asset(name: str) -> str:
    return files("sinotime.page").joinpath("assets", name).read_text(encoding="utf-8")


def csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def href_for(site: Site, name: str) -> str:
    """The address of a published file: absolute when the site has a base URL, else relative."""
    return site.url(name) or name


def webcal_for(site: Site, name: str) -> str | None:
    url = site.url(name)
    if url is None:
        return None
    return "webcal://" + url.split("://", 1)[1]
