"""The `sinotime` group: global options, messages, and mistakes said without a traceback.

The only place that turns a SinotimeError into a message on stderr and its exit status.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from sinotime import __version__
from sinotime.console import COLOR_CHOICES, Console

DEFAULT_FILE = "events.yaml"  # as loading.DEFAULT_FILE; not imported, to keep --help fast
STDOUT = "-"  # -o -: standard output, as most tools take it
DEFAULT_MAX_INPUT_MB = 0.5  # as loading.MAX_FILE_BYTES; not imported, to keep --help fast


def say(text: str, *, err: bool = False, nl: bool = True, level: str = "info") -> None:
    """Print a message, every line of it safe for a terminal: file names, search texts and lines
    of files come from elsewhere, and an escape sequence in them must not act on the screen.

    `level`: "error" is always said; "info" not with --quiet; "detail" only with --verbose.
    """
    console = _console()
    if level == "detail" and not (console.verbose and not console.quiet):
        return
    if level == "info" and console.quiet:
        return
    console.done()
    click.echo(safe_lines(text), err=err, nl=nl)


def safe_lines(text: str) -> str:
    """`text` with every line made safe for a terminal (`text.terminal_safe`), line breaks kept."""
    from sinotime.text import terminal_safe

    return "\n".join(terminal_safe(line) for line in text.split("\n"))


def _console() -> Console:
    context = click.get_current_context(silent=True)
    obj = context.find_root().obj if context is not None else None
    return obj["console"] if isinstance(obj, dict) and "console" in obj else Console()


def _made_safe(error: click.ClickException) -> click.ClickException:
    """click's own messages quote what was typed (a bad value, a file name): make them safe."""
    vars(error)["message"] = safe_lines(error.message)  # click declares it final; read only when printed
    return error


class SinotimeCommand(click.Command):
    """A command that says an option value the data refuses (`OptionError`) as click says a bad
    value, and stops on Ctrl-C, TERM or HUP as shells expect (`stops_as_exits`)."""

    def invoke(self, ctx: click.Context) -> Any:
        from sinotime.errors import OptionError

        with stops_as_exits(ctx):
            try:
                return super().invoke(ctx)
            except OptionError as error:
                raise click.BadParameter(str(error), ctx=ctx, param_hint=f"'{error.option}'") from None


class Stopped(BaseException):
    """TERM or HUP, raised wherever the command is, so that it tidies up as after Ctrl-C."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


@contextmanager
def stops_as_exits(ctx: click.Context) -> Iterator[None]:
    """Ctrl-C, TERM and HUP stop a command as an exception, so that what it was doing is tidied
    up on the way out (a build's temporary files taken away, or its files all put in place
    first), and it exits with 128 plus the signal's number, as a shell reports a signal:
    130 for Ctrl-C (said as "interrupted"), 143 for TERM, 129 for HUP. A closed pipe (PIPE)
    ends the command as it ends any Unix tool, silently, whatever the format written."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():  # only there can signals be caught
        yield
        return

    def stop(number: int, _frame: object) -> None:
        raise Stopped(number)

    previous = {number: signal.signal(number, stop) for number in (signal.SIGTERM, signal.SIGHUP)}
    if hasattr(signal, "SIGPIPE"):  # a reader that has seen enough (`| head`) ends us quietly, as any tool
        previous[signal.SIGPIPE] = signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        yield
    except KeyboardInterrupt:
        say("interrupted", err=True, level="error")
        ctx.exit(128 + signal.SIGINT)
    except Stopped as stopped:
        ctx.exit(128 + stopped.number)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


class SinotimeGroup(click.Group):
    """A group that prints a user's mistakes as messages, never as tracebacks."""

    command_class = SinotimeCommand

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.ClickException as error:
            raise _made_safe(error) from None

    def invoke(self, ctx: click.Context) -> Any:
        from sinotime.errors import SinotimeError

        # A command reads the file, keeps every record until it is done, and makes little
        # cyclic garbage: the cyclic garbage collector would only walk that growing heap over
        # and over (seconds for 100,000 events). It is paused while a command runs.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return super().invoke(ctx)
        except click.NoSuchOption as error:
            raise _made_safe(_placed(error, ctx)) from None
        except click.ClickException as error:
            raise _made_safe(error) from None
        except SinotimeError as error:
            say(str(error), err=True, level="error")
            ctx.exit(error.exit_code)
        finally:
            if collecting:
                gc.enable()


def _placed(error: click.NoSuchOption, ctx: click.Context) -> click.NoSuchOption:
    """A global option given after the command (`sinotime build -q`): say where it goes."""
    given = error.option_name.split("=", 1)[0]
    for param in ctx.command.params:
        if (
            isinstance(param, click.Option)
            and not param.is_eager
            and given in (*param.opts, *param.secondary_opts)
        ):
            command = error.ctx.info_name if error.ctx is not None else "COMMAND"
            choices = param.type.choices if isinstance(param.type, click.Choice) else None
            value = "|".join(map(str, choices)) if choices else param.metavar or "VALUE"
            option = given if param.is_flag else f"{given} {value}"
            vars(error)["message"] = (
                f"{error.message.rstrip('.')}: {given} is an option of sinotime itself, and goes"
                f" before the command: sinotime {option} {command} ..."
            )
    return error


def _input_limit(mib: float) -> float:
    """A size limit in MiB from 1/64 (16 KiB) to 4096 (NaN, which compares false, included)."""
    if not 1 / 64 <= mib <= 4096:
        raise click.BadParameter(f"{mib} is not a size from 1/64 (16 KiB) to 4096 MiB")
    return mib


@click.group(cls=SinotimeGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="sinotime")
@click.option(
    "--max-input-mb",
    type=float,
    metavar="MIB",
    callback=lambda _ctx, _param, mib: _input_limit(mib),
    default=DEFAULT_MAX_INPUT_MB,
    show_default=True,
    envvar="SINOTIME_MAX_INPUT_MB",
    show_envvar=True,
    help="Refuse events files and articles larger than this many MiB (0.5 is 512 KiB; up to the"
    " default every command answers within 10 s and 500 MB, and larger files cost in proportion).",
)
@click.option("-q", "--quiet", is_flag=True, help="Say nothing but errors.")
@click.option("-v", "--verbose", is_flag=True, help="Say more: each file written or removed.")
@click.option(
    "--color",
    type=click.Choice(COLOR_CHOICES),
    default="auto",
    show_default=True,
    help="Colour the text report: auto is on a terminal, unless NO_COLOR is set (FORCE_COLOR forces it).",
)
@click.pass_context
def main(ctx: click.Context, max_input_mb: float, quiet: bool, verbose: bool, color: str) -> None:
    """Keep a timeline of planned and completed events, and publish it.

    sinotime reads a curated events.yaml, checks it, and writes calendars, feeds and
    reports that say which plans were kept, which slipped and which are overdue.

    \b
    Example:
      sinotime validate events.yaml
    """
    ctx.obj = {"max_bytes": int(max_input_mb * 1024 * 1024), "console": Console(quiet, verbose, color)}


def run() -> None:
    """`sinotime` as a program (the console script and `python -m sinotime`): `main`, then an
    exit that leaves the heap to the system. A command keeps every record until it is done, and
    Python's own exit frees them one by one: 0.2 to 0.5 s of a 10,000-event `validate`, for
    memory the system takes back whole anyway (mypy ends the same way). Every file a command
    writes is closed (and put in place) before it returns; what is left in the standard
    streams' buffers is flushed here first. Under a profiler or a coverage tool it exits as
    usual. Tests call `main`, which never exits this way."""
    import os

    try:
        main(prog_name="sinotime")
        status = 0
    except SystemExit as stop:
        status = _exit_status(stop.code)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can be said
            status = status or 1
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(status)  # a profiler or a coverage tool writes its findings at a normal exit
    os._exit(status)


def _exit_status(code: object) -> int:
    """The status `sys.exit(code)` would end with: None is 0, a number itself, text 1 (said)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")
    return 1


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def max_input_bytes() -> int:
    """The size limit set with `sinotime --max-input-mb`."""
    obj = click.get_current_context().find_root().obj
    return int(obj["max_bytes"]) if obj else int(DEFAULT_MAX_INPUT_MB * 1024 * 1024)


def count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"
