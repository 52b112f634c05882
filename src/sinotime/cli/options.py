"""Options and arguments several commands share, and the values they accept."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

import click
from click.decorators import FC

from sinotime.cli.app import DEFAULT_FILE

if TYPE_CHECKING:
    from pathlib import Path

    from click.shell_completion import CompletionItem

FIRST_YEAR, LAST_YEAR = 1000, 2999  # as dates.MIN_YEAR and MAX_YEAR (tests check they agree)


class PathType(click.Path["Path"]):
    """A file or folder named on the command line, given to the command as a `pathlib.Path`.

    As `click.Path(path_type=Path)`, but pathlib (and the urllib.parse it imports) is imported
    when a path is converted, not when the commands are declared: `sinotime --help` needs neither.
    """

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path:
        from pathlib import Path

        return Path(super().convert(value, param, ctx))


events_file_argument = click.argument(
    "file",
    type=PathType(dir_okay=False, allow_dash=True),
    default=DEFAULT_FILE,
    required=False,
)


class DayType(click.ParamType[date]):
    """A day written YYYY-MM-DD, refused with the reason when it does not exist."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        from sinotime.text import terminal_safe

        if isinstance(value, date):
            return value
        text = str(value).strip()
        try:
            if not (len(text) == 10 and text[4] == text[7] == "-" and text.replace("-", "").isdigit()):
                raise ValueError("write it YYYY-MM-DD")
            day = _existing_day(text)
            if not FIRST_YEAR <= day.year <= LAST_YEAR:
                raise ValueError(f"years {FIRST_YEAR}-{LAST_YEAR} only, as in the data")
            return day
        except ValueError as error:
            self.fail(f"'{terminal_safe(text)}' is not a day: {error}", param, ctx)


DAY = DayType()


def _existing_day(text: str) -> date:
    """The day `text` (YYYY-MM-DD) names, or why there is none, in the validator's words."""
    import calendar

    year, month, day = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        raise ValueError(f"there is no month {month:02d}")
    days = calendar.monthrange(year, month)[1]
    if day == 0:
        raise ValueError("there is no day 00")
    if day > days:
        raise ValueError(f"{calendar.month_name[month]} {year} has {days} days")
    return date(year, month, day)


def web_address(value: str | None) -> str | None:
    """--base-url, by the rule of `calendar.base_url` and every source address."""
    from sinotime.text import base_url_problem, terminal_safe

    if value is not None and (problem := base_url_problem(value)):
        raise click.BadParameter(f"'{terminal_safe(value)}': {problem}")
    return value


def day_bound(*, latest: bool) -> Any:
    """Parse --from/--to: a day, a month, a season or a year; "2019" is 1 January or 31 December."""

    def convert(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
        if value is None:
            return None
        from sinotime.dates import DateSyntaxError, parse_point

        try:
            point = parse_point(value.strip())
        except DateSyntaxError as error:
            raise click.BadParameter(
                f"{error.message} (write a day 2019-06-15, a month 2019-06 or a year 2019)"
            ) from None
        return point.latest if latest else point.earliest

    return convert


REPORT_FORMATS = ("text", "markdown", "json", "csv")
# The values of timeline.Flag, spelled out so that `sinotime --help` need not import pydantic;
# tests/test_report_cli.py checks that they stay equal to the enum.
FLAG_VALUES = (
    "completed",
    "completed-late",
    "completed-partly",
    "upcoming",
    "slipping",
    "overdue",
    "unverified",
    "unscheduled",
    "cancelled",
    "postponed",
)


# What a reader may type for a flag: its value, the words the outputs show for it, and the
# words a reader is likely to use for them; tests/test_report_cli.py checks every label is here.
FLAG_WORDS = {
    "completed in part": "completed-partly",
    "planned": "upcoming",
    "planned, moved": "slipping",
    "moved": "slipping",
    "past due, no news": "unverified",
    "past due": "unverified",
    "overdue, no news": "unverified",
    "no news": "unverified",
    "planned, no date": "unscheduled",
    "no date": "unscheduled",
    "late": "completed-late",
    "partly": "completed-partly",
}


def _letters(text: str) -> str:
    """ "Past due, no news" and "past-due-no-news" alike: "pastduenonews"."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def flag_meant(value: str) -> str | None:
    """The flag a mistyped `--flag` most likely means: by its value or by the words the outputs
    show ("past-due", "Past due, no news" -> unverified), spelt exactly or nearly; else None."""
    import difflib

    said = {_letters(flag): flag for flag in FLAG_VALUES}
    said |= {_letters(words): flag for words, flag in FLAG_WORDS.items()}
    if _letters(value) in said:
        return said[_letters(value)]
    close = difflib.get_close_matches(_letters(value), sorted(said), n=1, cutoff=0.75)
    return said[close[0]] if close else None


class FlagChoice(click.Choice[str]):
    """A flag's value; a wrong one gets a "did you mean" (the value, or the status's words)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as error:
            guess = flag_meant(str(value))
            if guess is None:
                raise
            self.fail(f"{error.message} (did you mean {guess!r}?)", param, ctx)


def complete_kinds(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The kinds of the events file, each with its heading; the default kinds when it cannot be
    read. The file is ./events.yaml in practice: click's completion drops a FILE written before
    an option that still waits for its value (`report my.yaml --kind <TAB>`)."""
    from pathlib import Path

    from click.shell_completion import CompletionItem

    from sinotime.clock import today_somewhere
    from sinotime.errors import InputError
    from sinotime.kinds import default_kinds
    from sinotime.loading import STDIN, load_events

    path = ctx.params.get("file") or Path(DEFAULT_FILE)
    try:
        kinds = default_kinds() if path == STDIN else load_events(path, today=today_somewhere()).kinds
    except InputError:
        kinds = default_kinds()
    return [CompletionItem(kind.id, help=kind.heading) for kind in kinds if kind.id.startswith(incomplete)]


def checked_by_extract(name: str) -> Any:
    """An option callback: sinotime.extract's function `name` parses the value, or says why not."""

    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
        import sinotime.extract

        try:
            return None if value is None else getattr(sinotime.extract, name)(value)
        except ValueError as error:
            hint = getattr(error, "hint", None)
            raise click.BadParameter(f"{error} ({hint})" if hint else str(error)) from None

    return callback


def output_option(help_text: str) -> Callable[[FC], FC]:
    """-o/--output FILE: where a command writes what it would print (- for standard output)."""
    return click.option(
        "-o",
        "--output",
        type=PathType(dir_okay=False, allow_dash=True),
        default=None,
        help=help_text,
    )


def day_bound_option(flag: str, name: str, *, latest: bool, help_text: str) -> Callable[[FC], FC]:
    """--from/--to DATE: a bound on the days an event's date reaches (see `day_bound`)."""
    return click.option(flag, name, metavar="DATE", callback=day_bound(latest=latest), help=help_text)
