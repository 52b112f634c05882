"""Plain data from YAML, built from libyaml's event stream by our own iterative code.

Why not `yaml.safe_load`: it turns `2014-06-01` into a date and `NO` into False, silently
keeps the last of two equal keys, expands aliases without limit ("billion laughs"), and
libyaml's recursive composer crashes the process on very deep nesting. Reading the event
stream (which libyaml produces without recursion) lets us keep every scalar as text, refuse
duplicate keys and object-constructing tags, bound nesting and alias expansion, and still
report every problem at its line. Positions are found by a second pass only when a later
stage has problems to report.

A plain `null`, `~` or nothing is kept as text too (nothing as empty text), so that the models
say what is wrong where a value was meant (`colour: #1f77b4` is a colour a comment ate:
"colour is empty"); only `!!null` means nothing. libyaml's C parser marks a plain scalar with
the style '' and PyYAML's own parser with None: both are plain here, so both read alike.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import yaml

from sinotime.errors import MAX_PROBLEMS, Problem
from sinotime.yaml_errors import describe

Loc = tuple[str | int, ...]

MAX_DEPTH = 64
MAX_SCALAR = 1_000_000  # characters in one value; the models set tighter limits per field
SHARED_LENGTH = 24  # values up to this long are kept once however often they occur
NULL_TAG = "tag:yaml.org,2002:null"
ALLOWED_TAGS = frozenset(
    [
        "!",  # a quoted or block scalar's own "non-specific" tag
        *(
            "tag:yaml.org,2002:" + name
            for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
        ),
    ]
)

try:
    Parser: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    Parser = yaml.SafeLoader


def path_text(loc: Loc) -> str:
    """`("events", 3, "plans", 0)` as `events[3].plans[0]`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: building many small objects triggers it needlessly."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(slots=True)
class _Frame:
    loc: Loc
    value: dict[str, Any] | list[Any]
    anchor: str | None
    size: int = 1  # characters the value stands for: see `YamlReader.budget`
    key: str | None = None  # a mapping's pending key
    skip_value: bool = False  # the pending key was refused; drop its value


@dataclass
class YamlReader:
    """Read one YAML document into plain data; collect problems instead of raising."""

    name: str
    # How many characters aliases may expand to, in all: each alias is charged the size of what
    # it stands for (every scalar's length plus one for each value), so that one long text
    # aliased many times costs what writing it out would.
    budget: int
    problems: list[Problem] = field(default_factory=list)
    limit: int = 0  # the budget at the start, for messages
    stopped: bool = False  # reading stopped at MAX_PROBLEMS problems
    shared: dict[str, str] = field(default_factory=dict)  # short values, each kept once

    def __post_init__(self) -> None:
        self.limit = self.budget

    def problem(self, mark: Any, loc: Loc, message: str, hint: str | None = None) -> None:
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        self.problems.append(Problem(self.name, line, column, path_text(loc), message, hint))

    def read(self, text: str) -> Any:
        """The document's data, or None for an empty one. Stops early only on a fatal problem."""
        with collector_paused():
            try:
                loader = Parser(text)
                try:
                    return self._read(loader.get_event)
                finally:
                    loader.dispose()
            except yaml.MarkedYAMLError as error:
                self._syntax_error(error, text)
            except yaml.reader.ReaderError as error:
                row = text.count("\n", 0, error.position) + 1
                column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
                character = f"U+{error.character:04X}" if isinstance(error.character, int) else "a character"
                self.problems.append(
                    Problem(
                        self.name,
                        row,
                        column,
                        "",
                        f"{character} is not allowed in YAML: {error.reason}",
                        "remove it, or write it as an escape in a double-quoted string",
                    )
                )
            except yaml.YAMLError as error:
                self.problem(None, (), f"YAML error: {error}")
            except _Stop:
                pass
            return None

    def _syntax_error(self, error: yaml.MarkedYAMLError, text: str) -> None:
        """libyaml's syntax error, said where the mistake most likely is (`yaml_errors`)."""
        mark = error.problem_mark or error.context_mark
        if mark is None:
            self.problem(None, (), f"YAML syntax error: {error}")
            return
        context = error.context_mark
        said = describe(
            error.context,
            (context.line, context.column) if context is not None else None,
            error.problem,
            (mark.line, mark.column),
            text.splitlines(),
        )
        self.problems.append(
            Problem(self.name, said.line, said.column, "", f"YAML syntax error: {said.message}", said.hint)
        )

    def _read(self, next_event: Callable[[], Any]) -> Any:
        """Build the data from the events, one at a time; scalars, the most common, inline.

        Locations (`loc`) are worked out for containers, and for a scalar only when it has a
        problem to report.
        """
        stack: list[_Frame] = []
        anchors: dict[str, tuple[Any, int]] = {}
        result: Any = None
        documents = 0
        scalar_event, share = yaml.ScalarEvent, self.shared.setdefault
        while (event := next_event()) is not None:
            kind = event.__class__
            if kind is scalar_event:
                value = event.value
                if event.tag is None and len(value) <= SHARED_LENGTH:  # most scalars: plain and short
                    value = share(value, value)
                else:
                    value = self._scalar(stack, event)
                if not stack:
                    result = value
                else:
                    frame = stack[-1]
                    container = frame.value
                    size = 1 if value is None else len(value) + 1
                    if container.__class__ is list:
                        frame.size += size
                        container.append(value)
                    elif frame.skip_value:
                        self._place(stack, value, size, event, is_scalar=True, scalar_event=event)
                    elif (key := frame.key) is not None:  # the value of the pending key
                        frame.size += size
                        container[key] = value  # type: ignore[call-overload]
                        frame.key = None
                    elif value is not None and value not in container and value != "<<":
                        frame.size += size  # a new key (a scalar is always text or nothing)
                        frame.key = value
                    else:  # no key, a duplicate, or a merge key: see there
                        self._place(stack, value, size, event, is_scalar=True, scalar_event=event)
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1 if value is None else len(value) + 1)
                continue
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                stack.append(self._open(stack, event))
                continue
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = stack.pop()
                if frame.anchor is not None:
                    anchors[frame.anchor] = (frame.value, frame.size)
                if stack:
                    self._place(stack, frame.value, frame.size, event)
                else:
                    result = frame.value
                continue
            if kind is yaml.DocumentStartEvent:
                documents = self._next_document(event, documents)
                continue
            if kind is yaml.AliasEvent:
                value, size = self._alias(stack, event, anchors)
                if stack:
                    self._place(stack, value, size, event)
                else:
                    result = value
        return result

    def _next_document(self, event: Any, documents: int) -> int:
        """How many documents have started; a second one is refused."""
        if documents:
            self.problem(event.start_mark, (), "the file holds more than one YAML document", "remove '---'")
            raise _Stop
        return documents + 1

    def _open(self, stack: list[_Frame], event: Any) -> _Frame:
        """The frame of a mapping or a list that starts, once its depth and tag are checked."""
        loc = self._child_loc(stack, event)
        self._stop_when_too_many()
        if len(stack) >= MAX_DEPTH:
            self.problem(event.start_mark, loc, f"nesting is too deep; the limit is {MAX_DEPTH} levels")
            raise _Stop
        self._check_tag(event, loc)
        container: dict[str, Any] | list[Any] = {} if event.__class__ is yaml.MappingStartEvent else []
        return _Frame(loc, container, event.anchor)

    def _alias(self, stack: list[_Frame], event: Any, anchors: dict[str, tuple[Any, int]]) -> tuple[Any, int]:
        """The value an alias stands for, with its size, taken from the budget for aliases."""
        loc = self._child_loc(stack, event)
        if event.anchor not in anchors:
            self.problem(event.start_mark, loc, f"unknown alias *{event.anchor}")
            raise _Stop
        value, size = anchors[event.anchor]
        self.budget -= size
        if self.budget < 0:
            self.problem(
                event.start_mark,
                loc,
                f"aliases expand to more than {self.limit:,} characters, what the size limit leaves"
                " beside this file",
                "the size limit counts what aliases stand for, as if written out: use fewer aliases,"
                " or raise the limit (sinotime --max-input-mb) if the file is meant to be this large",
            )
            raise _Stop
        return value, size

    def _stop_when_too_many(self) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.stopped = True
            raise _Stop

    def _child_loc(self, stack: list[_Frame], event: yaml.Event) -> Loc:
        if not stack:
            return ()
        frame = stack[-1]
        if isinstance(frame.value, list):
            return (*frame.loc, len(frame.value))
        return (*frame.loc, frame.key) if frame.key is not None else frame.loc

    def _check_tag(self, event: Any, loc: Loc) -> None:
        tag = event.tag
        if tag is not None and tag not in ALLOWED_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self.problem(event.start_mark, loc, f"YAML tag {shown} is not allowed", "write plain values")

    def _scalar(self, stack: list[_Frame], event: yaml.ScalarEvent) -> Any:
        tag, value = event.tag, event.value
        if (tag is not None and tag not in ALLOWED_TAGS) or len(value) > MAX_SCALAR:
            loc = self._child_loc(stack, event)
            self._check_tag(event, loc)
            if len(value) > MAX_SCALAR:
                self.problem(
                    event.start_mark,
                    loc,
                    f"a value of {len(value):,} characters; the limit is {MAX_SCALAR:,}",
                )
                return None
        if tag == NULL_TAG:  # written `!!null`; a plain `null`, `~` or nothing is text (see above)
            return None
        if len(value) <= SHARED_LENGTH:  # keys, kinds, days, ids: one copy of each in memory
            return self.shared.setdefault(value, value)
        return value

    def _place(
        self,
        stack: list[_Frame],
        value: Any,
        size: int,
        event: yaml.Event,
        *,
        is_scalar: bool = False,
        scalar_event: yaml.ScalarEvent | None = None,
    ) -> None:
        self._stop_when_too_many()
        frame = stack[-1]
        frame.size += size
        if isinstance(frame.value, list):
            frame.value.append(value)
            return
        if frame.key is None and not frame.skip_value:
            # this event is a key
            if not is_scalar or (not isinstance(value, str) and value is not None):
                self.problem(event.start_mark, frame.loc, "a key must be plain text")
                frame.skip_value = True
                return
            key = "" if value is None else value
            if scalar_event is not None and scalar_event.value == "<<" and not scalar_event.style:
                self.problem(
                    event.start_mark, frame.loc, "merge keys (<<) are not supported", "write the keys out"
                )
                frame.skip_value = True
                return
            if key in frame.value:
                self.problem(
                    event.start_mark, (*frame.loc, key), f"duplicate key '{key}'", "remove one of the two"
                )
                frame.skip_value = True
                return
            frame.key = key
            return
        if frame.skip_value:
            frame.skip_value = False
            return
        assert frame.key is not None
        frame.value[frame.key] = value
        frame.key = None


class _Stop(Exception):
    """A problem after which reading on would only produce noise."""


def positions(text: str, wanted: Iterable[Loc]) -> dict[tuple[Loc, bool], tuple[int, int]]:
    """The 1-based (line, column) of each wanted location, as (loc, at_key) -> position.

    A location that is not in the document gets its nearest ancestor's position.
    """
    targets = set(wanted)
    prefixes = {loc[:i] for loc in targets for i in range(len(loc) + 1)}
    unseen = set(prefixes)
    found: dict[tuple[Loc, bool], tuple[int, int]] = {}
    stack: list[list[Any]] = []  # [loc, is_mapping, pending_key, count, is_a_key]

    def child_loc() -> Loc | None:
        if not stack:
            return ()
        loc, is_mapping, key, count, _ = stack[-1]
        if is_mapping:
            return None if key is None else (*loc, key)
        return (*loc, count)

    def after_value() -> None:
        if stack:
            if stack[-1][1]:
                stack[-1][2] = None
            else:
                stack[-1][3] += 1

    try:
        for event in yaml.parse(text, Loader=Parser):
            if isinstance(
                event, yaml.MappingStartEvent | yaml.SequenceStartEvent | yaml.ScalarEvent | yaml.AliasEvent
            ):
                is_key = bool(stack) and stack[-1][1] and stack[-1][2] is None
                if is_key:
                    key = event.value if isinstance(event, yaml.ScalarEvent) else "?"
                    stack[-1][2] = key
                    loc = (*stack[-1][0], key)
                    if loc in prefixes:
                        found.setdefault((loc, True), _mark_of(event))
                    if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                        # a key that is itself a mapping or a list (`{a: b}: c`): its end is not a value
                        stack.append([loc, isinstance(event, yaml.MappingStartEvent), None, 0, True])
                    continue
                loc = child_loc() or ()
                if loc in prefixes:
                    found.setdefault((loc, False), _mark_of(event))
                    unseen.discard(loc)
                    if not unseen:
                        break  # every wanted location is found: the rest of the file is not read
                if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                    stack.append([loc, isinstance(event, yaml.MappingStartEvent), None, 0, False])
                else:
                    after_value()
            # every end pops its frame; only the end of a value (not of a key) moves its parent on
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent) and not stack.pop()[4]:
                after_value()
    except yaml.YAMLError:
        pass
    return _nearest(targets, found)


def _mark_of(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _nearest(
    targets: Iterable[Loc], found: dict[tuple[Loc, bool], tuple[int, int]]
) -> dict[tuple[Loc, bool], tuple[int, int]]:
    """Each target's position, at its key or its value: its own, else its nearest ancestor's."""
    result: dict[tuple[Loc, bool], tuple[int, int]] = {}
    for loc in targets:
        for at_key in (False, True):
            for cut in range(len(loc), -1, -1):
                position = found.get((loc[:cut], at_key and cut == len(loc))) or found.get((loc[:cut], False))
                if position:
                    result[(loc, at_key)] = position
                    break
            else:
                result[(loc, at_key)] = (1, 1)
    return result
