"""YAML syntax errors in our words: libyaml's own wording differs from version to version, and
a newcomer needs the fix (quote the value, indent with spaces, close the quote) at the line
where the mistake is, not the parser's state where it gave up."""

from __future__ import annotations

import re
from dataclasses import dataclass

# "key: value" on the line of a colon inside an unquoted value; the value without a comment.
_KEY_AND_VALUE = re.compile(r"\s*(?:-\s+)?(?P<key>[A-Za-z_][\w-]*):\s+(?P<value>[^#\"\\]*?)\s*(?:#.*)?")
# A line whose value opens a quote: `title: "...`, `- "...`; `rest` is what follows the quote.
_OPENS_A_QUOTE = re.compile(r"\s*(?:-\s+)*(?:[A-Za-z_][\w-]*:\s+)?(?P<quote>[\"'])(?P<rest>.*)")
# A line that is a plain key and its colon, and what is before the colon: indentation, a "- ".
_PLAIN_KEY = re.compile(r"(?P<indent>\s*)(?:-\s+)?[A-Za-z_][\w-]*")
_DASH_WITHOUT_SPACE = re.compile(r"-[A-Za-z_]")  # "-id: x": text to YAML, not a list item
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\']|\'\')*\'')  # a quoted value on one line
_HEX_COLOUR = re.compile(r"[0-9A-Fa-f]{3,8}\b")
_ESCAPE = re.compile(r"\\.")  # a backslash and what it escapes, in a double-quoted value
# How to keep a quote inside a quoted value, by the quote.
ESCAPED_QUOTE = {
    "'": "inside '...' write a ' twice ('China''s expo'), or quote the whole value with \" instead",
    '"': 'inside "..." write a " as \\" ("the \\"bridge\\" opens"), or quote the whole value with \' instead',
}
QUOTED_EXAMPLE_LIMIT = 60  # a longer line gets the neutral example: a hint is one line
LOOK_BACK = 200  # lines searched above an error for the open quote that caused it


@dataclass(frozen=True, slots=True)
class SyntaxProblem:
    line: int  # 1-based
    column: int
    message: str
    hint: str | None


def quoted_example(line: str) -> str:
    """The failing line's own key and value, quoted (`title: "Rail bridge: opens"`), or a
    neutral example when the line is too long or holds characters quoting would change."""
    found = _KEY_AND_VALUE.fullmatch(line) if len(line) <= 4 * QUOTED_EXAMPLE_LIMIT else None
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


def describe(
    context: str | None,
    context_at: tuple[int, int] | None,
    problem: str | None,
    problem_at: tuple[int, int],
    lines: list[str],
) -> SyntaxProblem:
    """A syntax error libyaml reports as `context` (begun at `context_at`) and `problem` (at
    `problem_at`), both 0-based (line, column), said where the mistake most likely is."""
    row, column = problem_at
    line = lines[row] if row < len(lines) else ""
    message = " ".join(part for part in (context, problem) if part)
    if context == "while scanning a quoted scalar" and context_at is not None and _at_the_end(problem):
        return _never_closed(context_at, lines)
    if "tab" not in message and (opened := _open_quote_above(lines, row, context_at)) is not None:
        return opened
    if "mapping values are not allowed" in message and (deeper := _indented_deeper(lines, row, column)):
        return deeper
    if "flow" in message and (comment := _comment_in_flow(lines, row)) is not None:
        return comment
    quote = line[:column].rstrip()[-1:]  # what stands before where libyaml stopped
    stopped_early = problem in ("did not find expected key", "did not find expected '-' indicator")
    if stopped_early and quote in ("'", '"'):
        return SyntaxProblem(
            row + 1,
            column + 1,
            f"text after the closing quote ({quote}) of a value: a {quote} inside a value quoted"
            f" with {quote} ends it",
            ESCAPED_QUOTE[quote],
        )
    if stopped_early and (misplaced := _misindented(lines, row)) is not None:
        return misplaced
    words, hint = syntax_error_words(message, line)
    return SyntaxProblem(row + 1, column + 1, words, hint)


def _at_the_end(problem: str | None) -> bool:
    """Whether libyaml came to the end of the file (or of its document) where it was."""
    return problem is not None and ("end of stream" in problem or "document" in problem)


def _never_closed(opened_at: tuple[int, int], lines: list[str]) -> SyntaxProblem:
    row, column = opened_at
    line = lines[row] if row < len(lines) else ""
    quote = line[column] if column < len(line) and line[column] in "\"'" else '"'
    return SyntaxProblem(
        row + 1,
        column + 1,
        f"the quote ({quote}) opened here is never closed: the value runs to the end of the file",
        f"close the value with {quote} where it ends",
    )


def _open_quote_above(lines: list[str], row: int, context_at: tuple[int, int] | None) -> SyntaxProblem | None:
    """The line above `row` whose value opens a quote it does not close: YAML reads on, across
    lines, to the next such quote, and the error comes later."""
    first = max(0, row - LOOK_BACK, context_at[0] if context_at else 0)
    for at in range(row - 1, first - 1, -1):
        found = _OPENS_A_QUOTE.fullmatch(lines[at])
        if found is None or _closes(found["quote"], found["rest"]):
            continue
        if _closing_row(lines, at + 1, row + 1, found["quote"]) < row:
            return None  # a value written across lines, closed before the error's line: not the cause
        return SyntaxProblem(
            at + 1,
            found.start("quote") + 1,
            f"the quote ({found['quote']}) opened here is not closed on its line: YAML reads the"
            f" lines below as part of the value, up to the next {found['quote']}, and stops at"
            f" line {row + 1}",
            f"close the value with {found['quote']} where it ends",
        )
    return None


def _closing_row(lines: list[str], start: int, stop: int, quote: str) -> int:
    """The first row from `start` (before `stop`) that closes a quoted value; else `stop`."""
    return next((at for at in range(start, stop) if _closes(quote, lines[at])), stop)


def _closes(quote: str, rest: str) -> bool:
    """Whether `rest`, what follows an opening quote on its line, closes it (in time linear in
    its length: a hostile line must not make an error message slow)."""
    if quote == '"':
        return '"' in _ESCAPE.sub("", rest)
    return "'" in rest.replace("''", "")


def _indented_deeper(lines: list[str], row: int, column: int) -> SyntaxProblem | None:
    """A key indented deeper than the line above, which YAML reads as more of that line's value."""
    line = lines[row] if row < len(lines) else ""
    key = _PLAIN_KEY.fullmatch(line[:column])
    above = _line_above(lines, row)
    if key is None or ":" not in above:
        return None
    above_indent = len(above) - len(above.lstrip(" -"))
    if len(key["indent"]) <= above_indent:
        return None
    word = line[len(key["indent"]) : column].lstrip("- ")
    return SyntaxProblem(
        row + 1,
        len(key["indent"]) + 1,
        f"this line is indented deeper than the line above, so YAML reads it as more of that"
        f" line's value, where '{word}: ' cannot start a key",
        f"if {word} is a key, line it up with the key above it ({above_indent} spaces); if the line"
        f" is more of the value above, put that value in quotes",
    )


def _misindented(lines: list[str], row: int) -> SyntaxProblem | None:
    """Where libyaml expected another key or list item and found neither: a `-` with no space
    after it, a list item out of line with the items above, or a key indented less than the
    keys above it (YAML reads it as the end of their record)."""
    line = lines[row] if row < len(lines) else ""
    text = line.lstrip(" ")
    indent = len(line) - len(text)
    if _DASH_WITHOUT_SPACE.match(text):
        word = text.split(":")[0][:40]
        return SyntaxProblem(
            row + 1,
            indent + 1,
            f"a - with no space after it does not start a list item: YAML reads '{word}' as text",
            f"put a space after the -: '- {word[1:]}: ...'",
        )
    if text.startswith("- "):
        return _item_out_of_line(lines, row, indent)
    siblings = _record_indent(lines, row, indent)
    if _PLAIN_KEY.match(line) is None or ":" not in text or siblings is None:
        return None
    return SyntaxProblem(
        row + 1,
        indent + 1,
        f"this key is indented less than the keys of the record above it ({indent} spaces, not"
        f" {siblings}), so YAML reads it as the end of that record, where no key can follow",
        f"line it up with the keys of its record ({siblings} spaces)",
    )


def _record_indent(lines: list[str], row: int, indent: int) -> int | None:
    """How deep the keys of the record above `row` are indented, when deeper than `indent`: the
    least indentation of a key above, back to the line that opens the record."""
    least = None
    for at in range(row - 1, max(-1, row - LOOK_BACK), -1):
        line = lines[at]
        text = line.lstrip(" ")
        if not text or text.startswith("#"):
            continue
        key_at = len(line) - len(line.lstrip(" -"))
        if ":" in text and key_at > indent:
            least = key_at if least is None else min(least, key_at)
        if len(line) - len(text) <= indent:
            break
    return least


def _item_out_of_line(lines: list[str], row: int, indent: int) -> SyntaxProblem | None:
    """A list item whose `-` is not lined up with the `-` of the item before it."""
    for at in range(row - 1, max(-1, row - LOOK_BACK), -1):
        text = lines[at].lstrip(" ")
        dash = len(lines[at]) - len(text)
        if text.startswith("- ") and dash < indent:
            return SyntaxProblem(
                row + 1,
                indent + 1,
                f"this list item's - is {indent} spaces in, and the - of the item at line {at + 1}"
                f" {dash}: YAML reads the deeper one as inside the item above, where no item can start",
                f"line its - up with the - of the other items of its list ({dash} spaces, as at"
                f" line {at + 1})",
            )
    return None


def _comment_in_flow(lines: list[str], row: int) -> SyntaxProblem | None:
    """A `#` after a space inside a { } or [ ] still open on a line at or above `row`: the rest
    of that line is a comment, so the { or [ is never closed there."""
    for at in range(min(row, len(lines) - 1), max(-1, row - 3), -1):
        if (comment := _comment_inside_brackets(lines[at])) is not None:
            colour = _HEX_COLOUR.match(lines[at], comment + 1) is not None
            return SyntaxProblem(
                at + 1,
                comment + 1,
                "a # after a space starts a comment, even inside { } or [ ]: the rest of this"
                " line is left out, and its { or [ is not closed on it",
                'put a value that starts with # in quotes: colour: "#1f77b4"'
                if colour
                else "put a value that starts with # in quotes, or end the { } or [ ] before a comment",
            )
    return None


def _comment_inside_brackets(line: str) -> int | None:
    """Where a `#` after a space stands inside a { or [ opened on `line` and not yet closed
    (quoted values aside), if one does."""
    plain = _QUOTED.sub(lambda found: "x" * len(found.group()), line)  # same length, no quotes
    for space in (" #", "\t#"):
        at = plain.find(space)
        before = plain[:at]
        if at >= 0 and (before.count("{") > before.count("}") or before.count("[") > before.count("]")):
            return at + 1
    return None


def _line_above(lines: list[str], row: int) -> str:
    """The nearest line above `row` that holds more than a comment."""
    return next(
        (each for each in reversed(lines[:row]) if each.strip() and not each.lstrip().startswith("#")), ""
    )
