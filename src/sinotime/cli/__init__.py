"""The command line: a thin layer that parses options, calls the library and prints.

This is the only package that imports click. `app` holds the group, its messages and how a
mistake is said; `options` the options commands share; `publish` the commands that make files
(init, validate, build, schema); `read` those that read (report, extract, changes, diff). Every
command parses its options, makes one library call and prints. Heavy modules are imported
inside the commands that need them, so that `sinotime --help` starts quickly.
"""

from sinotime.cli import publish, read
from sinotime.cli.app import main, run
from sinotime.cli.options import FIRST_YEAR, FLAG_VALUES, LAST_YEAR

__all__ = ["FIRST_YEAR", "FLAG_VALUES", "LAST_YEAR", "main", "publish", "read", "run"]
