"""The one rule for text: which characters a field may hold, and how text is made safe for
each place sinotime prints or writes it.

Text in the data (every title, description, quote, note, name, tag and address) may not hold
control characters (but tab and line feed), bidirectional embeddings, overrides or isolates,
a byte-order mark (U+FEFF, invisible inside text, and dropped by some readers and not others)
or the non-characters U+FFFE and U+FFFF: they cannot travel in XML or an iCalendar line, and
overrides can make a title read as something else ("Trojan Source"). `models` refuses them
with their position, through `unsafe_character`.

What sinotime prints that came from elsewhere (a file name, a search text, a line of a file)
goes through `terminal_safe`, which writes such characters as visible escapes, so that no
input can move the cursor, retitle the window or recolour the screen.

Each output's own rule is here too, belt and braces behind the model's (text built in code
does not pass the model): `ical_text` and `ical_uri` (RFC 5545), `xml_text` and `feed_uri`
(XML 1.0 and the W3C feed validator), `terminal_line` (the text report), `JSON_C1` (what JSON
leaves raw). Markup and escaping proper (HTML, Markdown, CSV, iCalendar TEXT) stay with each
renderer, which only adds it.
"""

from __future__ import annotations

import re
from urllib.parse import quote

# C0 and C1 controls but tab and line feed, bidirectional controls, byte-order marks, non-characters.
UNSAFE_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]")
# On a terminal, tab and line feed too, and lone surrogates (undecodable bytes of a file name).
_UNSAFE_ON_TERMINAL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def unsafe_character(text: str) -> tuple[str, int] | None:
    """The first character text may not hold, with its 1-based position; None if there is none."""
    found = UNSAFE_IN_TEXT.search(text)
    return (found.group(), found.start() + 1) if found else None


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """`text` with every character that could act on a terminal written as an escape (`\\x1b`)."""
    return _UNSAFE_ON_TERMINAL.sub(_escape, text)


# An http(s) address: a host, then anything but whitespace; the text rule applies too.
_WEB_URL = re.compile(r"https?://[^\s/?#]+[^\s]*")
_SURROGATE = re.compile("[\ud800-\udfff]")


def web_url_problem(value: str) -> str | None:
    """Why `value` is not an address sinotime links to (every source URL, `calendar.base_url`
    and `--base-url` obey this one rule); None when it is one."""
    if not _WEB_URL.fullmatch(value):
        return "must be an http:// or https:// address with a host"
    if found := unsafe_character(value):
        character, position = found
        return f"contains the control character U+{ord(character):04X} at position {position}"
    if _SURROGATE.search(value):
        return "holds bytes that are not UTF-8 text"
    return None


def base_url_problem(value: str) -> str | None:
    """`web_url_problem` for the address a folder is served from (`calendar.base_url`,
    `--base-url`): file names are added to it, so it cannot end in a query or a fragment."""
    if problem := web_url_problem(value):
        return problem
    if "?" in value or "#" in value:
        return (
            "is the folder the files are served from, and file names are added to it: it cannot"
            " hold a query (?...) or a fragment (#...)"
        )
    if "@" in value.partition("://")[2].partition("/")[0]:
        return "holds a user name or password (before @), which every feed and calendar would publish"
    return None


def idna_host(url: str) -> str:
    """`url` (a valid web address) with a non-ASCII host written as IDNA (`xn--...`)."""
    scheme, _, rest = url.partition("://")
    cut = min((i for i in (rest.find("/"), rest.find("?"), rest.find("#")) if i >= 0), default=len(rest))
    netloc, tail = rest[:cut], rest[cut:]
    user, at, host_port = netloc.rpartition("@")
    if host_port.isascii():
        return url
    host, colon, port = host_port.partition(":")
    ascii_host = host.encode("idna").decode("ascii")
    return f"{scheme}://{user}{at}{ascii_host}{colon}{port}{tail}"


# --- each output's characters ----------------------------------------------------------------

# RFC 5545 allows no control characters in text but HTAB; line breaks become \n escapes. A
# byte-order mark (U+FEFF) goes too: icalendar drops it at the start of a value, so it would
# survive in some places and not others.
_ICAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufeff]")
# Everything a URI may hold as it is; the rest (spaces, controls, non-ASCII...) is %-encoded.
_ICAL_URI_SAFE = "!#$%&'()*+,/:;=?@[]~"


def ical_text(text: str) -> str:
    """Text as RFC 5545 allows it: CR LF and CR become LF; other control characters and BOMs go."""
    return _ICAL_CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def ical_uri(text: str) -> str:
    """An address with everything a URI may not hold as it is (spaces, controls, non-ASCII) %-encoded."""
    return quote(text, safe=_ICAL_URI_SAFE)


# Characters XML 1.0 cannot carry (most C0 controls, lone surrogates, U+FFFE, U+FFFF), and
# those the W3C validator warns of (DEL, C1 controls, U+FFFD).
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffd\ufffe\uffff]")
# What the validator accepts in a URI (its RFC 2396 pattern); everything else is %-encoded.
_FEED_URI_SAFE = ";/?:@&=+$-_.!~*'()%,#"


def xml_text(text: str) -> str:
    """`text` without the characters a feed must not carry; line endings become `\\n`."""
    return _XML_UNSAFE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def feed_uri(url: str) -> str:
    """`url` with every character the validator does not accept in a URI percent-encoded."""
    return quote(url, safe=_FEED_URI_SAFE, encoding="utf-8", errors="surrogatepass")


REPLACEMENT = "\N{REPLACEMENT CHARACTER}"
# Embeddings, overrides and isolates: they reorder what a terminal shows ("Trojan Source").
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Every control character (Unicode category Cc: C0, DEL and C1) and the BIDI_CONTROLS.
_TERMINAL_LINE_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_line(text: str) -> str:
    """One line of plain text: whitespace runs become one space, control characters U+FFFD."""
    return _TERMINAL_LINE_UNSAFE.sub(REPLACEMENT, " ".join(text.split()))


# DEL and the C1 controls, which JSON leaves raw: written as \\u escapes, no terminal reads
# them as commands.
JSON_C1 = re.compile("[\x7f-\x9f]")
