"""YAML syntax errors in our words: libyaml's own wording differs from version to version, and
a newcomer needs the fix (quote the value, indent with spaces), not the parser's state."""

from __future__ import annotations

import re

# "key: value" on the line of a colon inside an unquoted value; the value without a comment.
_KEY_AND_VALUE = re.compile(r"\s*(?:-\s+)?(?P<key>[A-Za-z_][\w-]*):\s+(?P<value>[^#\"\\]*?)\s*(?:#.*)?")
QUOTED_EXAMPLE_LIMIT = 60  # a longer line gets the neutral example: a hint is one line


def quoted_example(line: str) -> str:
    """The failing line's own key and value, quoted (`title: "Rail bridge: opens"`), or a
    neutral example when the line is too long or holds characters quoting would change."""
    found = _KEY_AND_VALUE.fullmatch(line)
    if found is None or not found["value"] or len(found["key"] + found["value"]) > QUOTED_EXAMPLE_LIMIT:
        return 'title: "Phase one: the opening"'
    return f'{found["key"]}: "{found["value"]}"'


def syntax_error_words(message: str, line: str) -> tuple[str, str | None]:
    """The message and hint for a YAML syntax error that libyaml words as `message` on `line`."""
    hint = "indent with spaces, not tabs" if "\t" in line else None
    if hint and "tab" in message:
        return "a tab character where YAML expects spaces", hint
    if "mapping values are not allowed" in message:
        return (
            "a colon and a space inside an unquoted value start a new key",
            f"put the value in quotes: {quoted_example(line)}",
        )
    return message, hint
