"""Turn the bytes of `events.yaml` into an `EventsFile`, or into every problem it has.

YAML is composed safely into a node tree (libyaml's C parser when present), then converted
to plain data by our own code: scalars stay text (so `2014-06-01` is not turned into a date
and `NO` is not turned into False), duplicate keys and object-constructing tags are errors,
and the size of what aliases expand to is bounded. Positions are looked up in the node tree
only when there is a problem to report.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import sys
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from sinotime.errors import MAX_PROBLEMS, InputError, Problem, too_large
from sinotime.fields import MAX_KINDS, SLUG_PATTERN, SUGGESTIONS
from sinotime.kinds import Kind, default_kinds
from sinotime.models import CalendarInfo, Event, EventsFile, Series, Source
from sinotime.suggest import Suggestions
from sinotime.validation import Records, check_file, references_to_check, unknown_translation_sources
from sinotime.yamlreader import YamlReader, collector_paused, path_text, positions

Loc = tuple[str | int, ...]

# The default limit: on any valid file up to this size every command is measured to answer
# within 10 s and 500 MB on a 2-core machine (benchmarks/limit.py); a curator of a larger
# timeline raises it with `sinotime --max-input-mb N` or SINOTIME_MAX_INPUT_MB.
MAX_FILE_BYTES = 512 * 1024
# Aliases may expand to at most as many characters as the size limit leaves beside the file (and
# 65,536 in any file): what a file says, its aliases written out, is held to the limit as its
# bytes are, so that an alias costs what the text it stands for costs (a list of 100 plans
# aliased by 160 events is 160 lists of plans to validate and publish).
MIN_ALIAS_BUDGET = 65_536
# A file may declare a series for each this many bytes of its size limit: each series is four
# files (a calendar, a feed in three formats), which a build makes whatever the series holds.
SERIES_BYTES = 1024


@dataclass(frozen=True, slots=True)
class Located:
    """A problem found in the data before it has a file position."""

    loc: Loc
    message: str
    hint: str | None = None
    at_key: bool = False  # point at the key rather than at its value


STDIN = Path("-")  # an events file read from standard input, as most tools take "-"
STDIN_NAME = "<stdin>"


def input_name(path: Path) -> str:
    """How messages name an input: its path, or <stdin>."""
    return STDIN_NAME if path == STDIN else str(path)


DEFAULT_FILE = "events.yaml"  # what a command reads when no file is named
NO_FILE_HINT = "name the events file to read, or start a timeline here with `sinotime init`"


def load_events(path: Path, *, today: date, max_bytes: int = MAX_FILE_BYTES) -> EventsFile:
    """Load and validate an events file (`-`: standard input); raise InputError listing every problem.

    `today` is the caller's date: an outcome or a change dated after it is an error. Files
    over `max_bytes` are refused before they are parsed (at most that much is ever read, so a
    special file such as /dev/zero is refused too).
    """
    name = input_name(path)
    try:
        if path == STDIN:
            raw = sys.stdin.buffer.read(max_bytes + 1)
        else:
            with path.open("rb") as handle:
                raw = handle.read(max_bytes + 1)
    except OSError as error:
        hint = (
            NO_FILE_HINT
            if isinstance(error, FileNotFoundError) and path.name == name == DEFAULT_FILE
            else None
        )
        raise InputError([Problem(name, 0, 0, "", f"cannot read: {error.strerror or error}", hint)]) from None
    if len(raw) > max_bytes:
        raise InputError([too_large(name, "file", max_bytes)])
    return parse_events(raw, name, today=today, max_bytes=max_bytes)


def parse_events(raw: bytes, name: str, *, today: date, max_bytes: int = MAX_FILE_BYTES) -> EventsFile:
    """Parse the bytes of an events file named `name` (used in messages), read under the size
    limit `max_bytes`: its aliases may stand for what the limit leaves beside the file."""
    text = _decode(raw, name)
    reader = YamlReader(name, budget=max(MIN_ALIAS_BUDGET, max_bytes - len(raw)))
    data = reader.read(text)
    problems = list(reader.problems)
    if reader.stopped or (problems and data is None):
        raise InputError(problems, stopped=reader.stopped)
    if not isinstance(data, dict):
        found = "an empty file" if data is None else f"a {_yaml_type(data)}"
        message = f"the file must be a mapping with calendar, sources, series and events; found {found}"
        raise InputError([*problems, Problem(name, 1, 1, "", message)])
    suggestions = Suggestions()
    with collector_paused():
        records, located = _validate_records(data, suggestions, max_bytes)
    already = {problem.path for problem in problems}  # a bad tag is not also a bad value
    located = [each for each in located if path_text(each.loc) not in already]
    stopped = len(located) >= MAX_PROBLEMS
    if not stopped:
        findings = islice(
            check_file(records, today=today, suggestions=suggestions, cited_text=max_bytes),
            MAX_PROBLEMS - len(located) + 1,
        )
        located += [Located(f.loc, f.message, f.hint) for f in findings]
        stopped = len(located) > MAX_PROBLEMS
    if located:
        where = positions(text, [each.loc for each in located])
        for each in located:
            line, column = where[(each.loc, each.at_key)]
            problems.append(Problem(name, line, column, path_text(each.loc), each.message, each.hint))
    if problems:
        raise InputError([named(problem, records.ids) for problem in problems], stopped=stopped)
    return records.complete()


def named(problem: Problem, ids: dict[str, list[str | None]]) -> Problem:
    """The problem with the id of the record it is in ("events[6]..." in depot-opens), when the
    record has a valid one: a curator knows an event by its id better than by its place."""
    found = RECORD_PATH.match(problem.path)
    known = ids.get(found[1], []) if found else []
    index = int(found[2]) if found else -1
    record = known[index] if 0 <= index < len(known) else None
    if record is None or not SLUG.fullmatch(record):
        return problem
    return dataclasses.replace(problem, record=record)


SLUG = re.compile(SLUG_PATTERN)
RECORD_PATH = re.compile(r"(kinds|sources|series|events)\[(\d{1,9})\]")
SECTIONS: dict[str, type[BaseModel]] = {"kinds": Kind, "sources": Source, "series": Series, "events": Event}


def _too_many(section: str, count: int, max_bytes: int) -> Located | None:
    """Kinds and series each publish a calendar and a feed in three formats: a file may declare
    at most MAX_KINDS kinds, and a series for each KiB of its size limit (512 under 512 KiB)."""
    if section == "kinds" and count > MAX_KINDS:
        hint = (
            "each kind is a calendar, a feed and a row of the page's chart: group related sorts"
            " of event under one kind, or tell them apart with tags or series"
        )
        return Located((section,), f"{count:,} kinds; the limit is {MAX_KINDS}", hint, at_key=True)
    most = max_bytes // SERIES_BYTES
    if section == "series" and count > most:
        message = f"{count:,} series; the limit is {most:,}, one for each KiB of the size limit"
        hint = (
            "each series is a calendar and a feed in three formats: leave events that have no"
            " story of their own out of series, or raise the limit (sinotime --max-input-mb)"
        )
        return Located((section,), message, hint, at_key=True)
    return None


def _validate_records(
    data: dict[str, Any], suggestions: Suggestions, max_bytes: int
) -> tuple[Records, list[Located]]:
    """Validate each record on its own, so that one bad record hides no other problem."""
    located: list[Located] = []
    for key in data:
        if key not in EventsFile.model_fields:
            guess = difflib.get_close_matches(key, list(EventsFile.model_fields), n=1)
            hint = f"did you mean '{guess[0]}'?" if guess else "use calendar, kinds, sources, series, events"
            located.append(Located((key,), f"unknown key '{key}'", hint, at_key=True))
    for key in ("calendar", "sources", "events"):
        if key not in data:
            located.append(Located((), f"missing required key '{key}'"))
    calendar: CalendarInfo | None = None
    if "calendar" in data:
        calendar = _validate_one(CalendarInfo, data["calendar"], ("calendar",), located, suggestions)
    records = Records(calendar=calendar)
    for section, model in SECTIONS.items():
        items = data.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            located.append(Located((section,), f"expected a list; found {_describe(items)}"))
            continue
        if not items and section != "series":
            located.append(Located((section,), f"needs at least one entry in {section}"))
        if (too_many := _too_many(section, len(items), max_bytes)) is not None:
            located.append(too_many)
        ids = records.ids[section] = []
        known_sources = {i for i in records.ids.get("sources", []) if i}
        known_series = {i for i in records.ids.get("series", []) if i}
        known_kinds = _known_kinds(data, records)
        for index, item in enumerate(items):
            if len(located) >= MAX_PROBLEMS:  # checking stops here: see errors.MAX_PROBLEMS
                return records, located
            getattr(records, section).append(
                _validate_one(model, item, (section, index), located, suggestions)
            )
            ids.append(_id_of(item))
            if section == "series" and (unknown := unknown_translation_sources(item, known_sources)):
                records.series_references[index] = unknown
            if section == "events":
                if refs := references_to_check(item, known_sources, known_series, known_kinds):
                    records.references[index] = refs
                items[index] = None  # the model holds what is needed: let the data go
    return records, located


def _known_kinds(data: dict[str, Any], records: Records) -> set[str] | None:
    """The kind ids events may name: the declared ones (valid or not), else the default kinds;
    None when `kinds` is there but not a list (that is the mistake reported, not every event)."""
    if "kinds" not in data:
        return {kind.id for kind in default_kinds()}
    if "kinds" not in records.ids:
        return None
    return {i for i in records.ids["kinds"] if i}


def _id_of(item: Any) -> str | None:
    identifier = item.get("id") if isinstance(item, dict) else None
    return identifier if isinstance(identifier, str) else None


_M = typing.TypeVar("_M", bound=BaseModel)


def _validate_one(
    model: type[_M], value: Any, loc: Loc, located: list[Located], suggestions: Suggestions
) -> _M | None:
    try:
        return model.model_validate(value, context={SUGGESTIONS: suggestions})
    except ValidationError as error:
        located.extend(
            Located((*loc, *each.loc), each.message, each.hint, each.at_key)
            for each in _located_from_pydantic(error, model)
        )
        return None


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise InputError(
            [
                Problem(
                    name,
                    line,
                    column,
                    "",
                    f"not UTF-8: byte 0x{raw[error.start]:02x} cannot be decoded",
                    "save the file as UTF-8",
                )
            ]
        ) from None


# -- pydantic errors, mapped by their type code -------------------------------------------


def _located_from_pydantic(error: ValidationError, model: type[BaseModel]) -> Iterator[Located]:
    details = error.errors(include_url=False)
    failed = [tuple(d["loc"]) for d in details if d["type"] != "too_short"]
    misspelt = {
        (*d["loc"][:-1], guess)
        for d in details
        if d["type"] == "extra_forbidden"
        for guess in difflib.get_close_matches(
            str(d["loc"][-1]), _field_names(model, tuple(d["loc"][:-1])), n=1
        )
    }
    for detail in details:
        if detail["type"] == "too_short" and any(f[: len(detail["loc"])] == detail["loc"] for f in failed):
            continue  # pydantic also counts the items that failed as missing
        loc: Loc = tuple(part for part in detail["loc"] if not _is_union_tag(part))
        kind = detail["type"]
        value = detail.get("input")
        ctx = detail.get("ctx") or {}
        field = next((p for p in reversed(loc) if isinstance(p, str)), "value")
        if kind == "missing" and loc in misspelt:
            continue  # reported once, as the unknown key with its "did you mean"
        if kind == "missing":
            yield Located(loc[:-1], f"missing required key '{loc[-1]}'")
        elif kind == "extra_forbidden":
            allowed = _field_names(model, loc[:-1])
            guess = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
            hint = f"did you mean '{guess[0]}'?" if guess else f"allowed keys: {', '.join(allowed)}"
            yield Located(loc, f"unknown key '{loc[-1]}'", hint, at_key=True)
        elif kind == "enum":
            choices = [c.strip(" '") for c in str(ctx.get("expected", "")).replace(" or ", ",").split(",")]
            choices = [c for c in choices if c]
            guess = difflib.get_close_matches(str(value), choices, n=1)
            hint = f"did you mean '{guess[0]}'?" if guess else f"use one of: {', '.join(choices)}"
            yield Located(loc, f"unknown {field} {value!r}", hint)
        elif kind == "hinted":
            at_key = bool(detail["loc"]) and detail["loc"][-1] == "[key]"  # a whole record's own has no key
            yield Located(loc, detail["msg"], ctx.get("hint") or None, at_key=at_key)
        elif kind == "string_pattern_mismatch" and str(ctx.get("pattern", "")).startswith("^[a-z0-9]"):
            yield Located(
                loc, f"{value!r} is not a valid id", "use lowercase letters, digits and single hyphens"
            )
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            yield Located(loc, f"expected a mapping; found {_describe(value)}")
        elif kind in ("list_type", "tuple_type"):
            yield Located(loc, f"expected a list; found {_describe(value)}")
        elif kind == "value_error":
            yield Located(loc, str(ctx.get("error", detail["msg"])))
        elif kind == "too_short":
            yield Located(loc, f"needs at least {ctx.get('min_length', 1)} item(s)")
        elif kind == "string_too_long":
            yield Located(loc, f"is {len(str(value)):,} characters; the limit is {ctx['max_length']:,}")
        else:
            message = f"{detail['msg'][0].lower()}{detail['msg'][1:]}; found {_describe(value)}"
            yield Located(loc, message, _unquoted_window_hint(field, value))


def _unquoted_window_hint(field: str, value: Any) -> str | None:
    """A window written without quotes, `target: [2026-12-01..2026-12-10]`, is a list to YAML."""
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str) and ".." in value[0]:
        return f'quote a window, or YAML reads its brackets as a list: {field}: "[{value[0]}]"'
    return None


def _is_union_tag(part: str | int) -> bool:
    return isinstance(part, str) and (part.startswith("function-") or part in {"str", "int", "[key]"})


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


def _yaml_type(value: Any) -> str:
    return "list" if isinstance(value, list) else "mapping" if isinstance(value, dict) else "text value"


def _field_names(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys allowed in the mapping at `loc` of `model`, found by walking its annotations."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else Any
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional from an annotation."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = options[0] if len(options) == 1 else annotation
            if len(options) != 1:
                return annotation
        else:
            return annotation
