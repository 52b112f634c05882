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
"""

from __future__ import annotations

import re

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
