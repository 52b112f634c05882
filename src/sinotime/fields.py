"""The field types of the data model: slugs, lines and texts under the one text rule, web
addresses, days, time zones, language tags, colours, and `Strict`, the base of every record.

Each type refuses a bad value with a message and a hint; `models` builds the records from them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import date
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError

from sinotime.text import base_url_problem, unsafe_character, web_url_problem

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_TEXT = 20_000  # characters in one description, quote or note
MAX_LINE = 500  # characters in a title, a name, a wording
# Plans, news and other reports in one event together: each is a change, and each change's feed
# entry shows the newest steps of the story up to it.
MAX_STEPS = 100
# Kinds declared in one file: each has a calendar, a feed and a row of the page's chart, a list
# a reader chooses from (the default kinds are 12).
MAX_KINDS = 100

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=100),
    Field(description="A lowercase slug of letters, digits and single hyphens: `rail-bridge-opening`."),
]
# Which characters text may hold is `text`'s rule, the one for every text field: it is
# refused with such characters rather than silently changed in some outputs.


def _check_characters(value: str) -> str:
    found = unsafe_character(value)
    if found:
        raise PydanticCustomError(
            "hinted",
            "contains the control character U+{code} at position {position}",
            {
                "code": f"{ord(found[0]):04X}",
                "position": found[1],
                "hint": "remove it; control characters and bidirectional overrides are not allowed in text",
            },
        )
    return value


Line = Annotated[str, StringConstraints(min_length=1, max_length=MAX_LINE), AfterValidator(_check_characters)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT), AfterValidator(_check_characters)]
# A short quote from the source, beside what a record says it says.
Quote = Annotated[Text | None, Field(description="A short quote from the source.")]
# The source a record rests on: an id from the file's `sources`.
SourceId = Annotated[Slug, Field(description="The id of the source.")]
Tag = Annotated[str, StringConstraints(min_length=1, max_length=100), AfterValidator(_check_characters)]


def _refusing(problem_of: Callable[[str], str | None]) -> Callable[[str], str]:
    """A validator that refuses a value for the problem `problem_of` finds in it."""

    def check(value: str) -> str:
        if problem := problem_of(value):
            raise ValueError(problem)
        return value

    return check


WebUrl = Annotated[
    str,
    StringConstraints(max_length=2000),
    AfterValidator(_refusing(web_url_problem)),
    Field(description="An http:// or https:// address.", json_schema_extra={"format": "uri"}),
]
BaseUrl = Annotated[  # the address of a folder: file names are added to it
    str,
    StringConstraints(max_length=2000),
    AfterValidator(_refusing(base_url_problem)),
    Field(
        description="An http:// or https:// address of a folder, without ?query or #fragment.",
        json_schema_extra={"format": "uri", "pattern": "^[^?#]*$"},
    ),
]


def _check_day(value: str | date) -> date:
    if isinstance(value, date):
        return value
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("must be a day written YYYY-MM-DD")
    return date.fromisoformat(value)


Day = Annotated[
    date,
    BeforeValidator(_check_day),
    Field(description="A day, YYYY-MM-DD.", json_schema_extra={"format": "date"}),
]


@functools.cache
def _time_zones() -> frozenset[str]:
    """Every IANA zone name; read once, as listing them scans the tz database (milliseconds)."""
    from zoneinfo import available_timezones

    return frozenset(available_timezones())


SUGGESTIONS = "suggestions"  # validation context key: a run's `Suggestions`, to bound "did you mean"


def _check_timezone(value: str, info: ValidationInfo) -> str:
    from sinotime.suggest import Suggestions

    zones = _time_zones()
    if value not in zones:
        suggestions = (info.context or {}).get(SUGGESTIONS) or Suggestions()
        guess = suggestions.closest(value, zones)
        hint = f"did you mean '{guess}'?" if guess else "use an IANA name such as Asia/Harbin"
        raise PydanticCustomError("hinted", "unknown time zone {value}", {"value": repr(value), "hint": hint})
    return value


TimeZoneName = Annotated[
    str,
    AfterValidator(_check_timezone),
    Field(description="An IANA time zone name, e.g. `Asia/Harbin`, `Asia/Vladivostok`."),
]


# A well-formed BCP 47 tag (RFC 5646) of the forms a name needs: language, optional script,
# optional region, optional variants: `ru`, `zh-Hans`, `zh-Hant-TW`, `de-CH-1996`.
_LANGUAGE_TAG = re.compile(
    r"(?P<language>[A-Za-z]{2,3})(?:-(?P<script>[A-Za-z]{4}))?(?:-(?P<region>[A-Za-z]{2}|[0-9]{3}))?"
    r"(?P<variants>(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*)"
)


def _check_language_tag(value: str) -> str:
    """A BCP 47 tag, in its conventional case: `zh-hans` becomes `zh-Hans`."""
    found = _LANGUAGE_TAG.fullmatch(value)
    if found is None:
        dashed = value.replace("_", "-")
        hint = (
            f"did you mean '{_check_language_tag(dashed)}'?"
            if _LANGUAGE_TAG.fullmatch(dashed)
            else "use a tag such as ru, zh, zh-Hans (simplified) or zh-Hant (traditional)"
        )
        raise PydanticCustomError(
            "hinted", "{value} is not a BCP 47 language tag", {"value": repr(value), "hint": hint}
        )
    parts = [found["language"].lower()]
    if found["script"]:
        parts.append(found["script"].title())
    if found["region"]:
        parts.append(found["region"].upper())
    tag = "-".join(parts) + found["variants"].lower()
    unknown = None if tag in REGISTERED_TAGS else _unregistered_subtag(tag)
    if unknown is not None:
        raise PydanticCustomError(
            "hinted",
            "{value} is not a BCP 47 language tag: {why}",
            {"value": repr(value), "why": unknown[0], "hint": unknown[1]},
        )
    return tag


# Tags most files write, all registered (tests/test_region_subject.py asks langcodes): known
# without importing langcodes, whose import compiles the whole registry into one pattern (0.1 s).
REGISTERED_TAGS = frozenset(
    ("en", "ru", "zh", "zh-Hans", "zh-Hant", "de", "fr", "it", "es", "ja", "ko", "mn")
)

# Region codes for private use (RFC 5646, 2.2.4): no country, so no language to suggest.
_PRIVATE_REGION = re.compile(r"AA|Q[M-Z]|X[A-Z]|ZZ")


def _unregistered_subtag(tag: str) -> tuple[str, str] | None:
    """Why a well-formed tag is not a registered one, with a hint; None when it is.

    `langcodes` holds the IANA language subtag registry: ISO 639 languages, ISO 15924 scripts,
    ISO 3166 regions. A country code given as a language (`dk`, Denmark's; Danish is `da`)
    gets the country's main language as its hint.
    """
    import langcodes  # imported when a tag is checked, so that `--help` stays quick

    if langcodes.tag_is_valid(tag):
        return None
    language = tag.split("-", 1)[0]
    if not langcodes.tag_is_valid(language):
        why = f"{language!r} is not an ISO 639 language code"
        region = language.upper()
        if (
            len(language) == 2
            and not _PRIVATE_REGION.fullmatch(region)
            and langcodes.tag_is_valid(f"und-{region}")
        ):
            spoken = langcodes.Language.get(f"und-{region}").maximize().language
            if spoken and spoken != language:
                return f"{why} ({region} is a country code)", f"did you mean {spoken!r}?"
        return (
            why,
            "use a language code such as en, da, ru, zh, zh-Hans (simplified) or zh-Hant (traditional)",
        )
    return (
        "its script or region is not a registered one",
        "write it as language-Script-REGION: zh-Hans, pt-BR",
    )


LanguageTag = Annotated[
    str,
    StringConstraints(max_length=35),
    AfterValidator(_check_language_tag),
    Field(description="A BCP 47 language tag: `ru`, `zh-Hans`, `zh-Hant`."),
]
# The same rule for editors: JSON Schema patterns have no named groups.
LANGUAGE_TAG_PATTERN = "^" + re.sub(r"\?P<\w+>", "?:", _LANGUAGE_TAG.pattern) + "$"
LANGUAGE_TAG_SCHEMA = {
    "maxLength": 35,
    "pattern": LANGUAGE_TAG_PATTERN,
    "description": "A BCP 47 language tag: `ru`, `zh-Hans`, `zh-Hant`.",
}


class Strict(BaseModel):
    """Every model forbids unknown keys and is immutable once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"


def _check_colour(value: object) -> str:
    """A colour as `#rrggbb` and nothing else: it goes into the page's style sheet."""
    if value == "":  # `colour: #1f77b4` unquoted: YAML reads a comment and leaves the key empty
        raise PydanticCustomError(
            "hinted",
            "colour is empty",
            {"hint": 'in YAML a # starts a comment: quote the colour, colour: "#1f77b4"'},
        )
    if not isinstance(value, str) or not re.fullmatch(COLOUR_PATTERN, value.strip()):
        raise PydanticCustomError(
            "hinted",
            "{value} is not a colour written #rrggbb",
            {"value": repr(value), "hint": 'write six hexadecimal digits after a #, quoted: "#1f77b4"'},
        )
    return value.strip().lower()


Colour = Annotated[
    str,
    BeforeValidator(_check_colour),
    Field(json_schema_extra={"pattern": COLOUR_PATTERN}),
]


NAMESPACE_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$"
Namespace = Annotated[str, StringConstraints(pattern=NAMESPACE_PATTERN, max_length=200)]


@functools.lru_cache(maxsize=64)  # asked for every UID and feed id
def namespace_from(base_url: str | None, name: str) -> str:
    """A namespace made from a public address (host, then path) or, without one, a name:
    `https://example.org/library/` gives `example.org-library`; "Riverside library" gives
    `riverside-library`; a name with no Latin letters or digits gives `timeline`."""
    if base_url is not None:
        host, _, path = base_url.split("://", 1)[1].partition("/")
        text = host.split("@")[-1].split(":")[0].lower() + "-" + path
    else:
        text = name.lower()
    labels = [re.sub(r"[^a-z0-9-]+", "-", label).strip("-")[:63].strip("-") for label in text.split(".")]
    return ".".join(label for label in labels if label)[:200].strip(".-") or "timeline"
