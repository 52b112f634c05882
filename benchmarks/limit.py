"""The costliest valid files under the default size limit, and what each command costs on them.

    python benchmarks/limit.py --out /tmp/sinotime-limit            # every shape, every command
    python benchmarks/limit.py --shape news --mib 2                 # one shape at another limit

Each shape fills the limit (512 KiB, or `--mib N`) with valid events of one kind of costliness
(the first seven; the last four were found by reviewers trying to break the limit),
so that together they find the worst case per byte for each command:

- minimal: as many minimal events as fit (an id, a title, a kind, one citation, one dated
  outcome, two days), all on one day, the worst case for the page's chart;
- plans and news: events of 100 plans or 100 news each (the most an event may hold), each a
  change with a feed entry that shows the newest 20 steps of the story so far;
- described: events of 100 plans and a description of 19,000 characters, shown in every entry;
- upcoming: minimal events of one plan each, due in 2030 (a calendar for each upcoming plan);
- kinds: minimal events of the most kinds a file may declare (100), a calendar and a feed each;
- series: minimal events in the most series a file may declare under the limit (one a KiB:
  512), a calendar and a feed each;
- reports: outcomes with 100 other reports each, each a change;
- centuries: an event a month from the year 1000 on, a page a month;
- zones: moments in the years 1000 and 2999 in every time zone in turn (each zone's offsets);
- addresses: news citing a source of a 2,000-character address, as many as the limit on cited
  text allows (each shown in up to 20 entries of up to three feeds in three formats), then
  minimal events.

Each command is run once under /usr/bin/time -v; its wall time, CPU time (user and system) and
peak resident memory are printed. Issue 13's aim: no command above 10 s and 500 MB.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import zoneinfo
from collections.abc import Callable
from pathlib import Path

DEFAULT_MIB = 0.5  # sinotime's default limit (loading.MAX_FILE_BYTES)
MAX_KINDS = 100  # the most kinds a file may declare (fields.MAX_KINDS)
MAX_SERIES = int(DEFAULT_MIB * 1024)  # the most series under the default limit (loading.SERIES_BYTES)
AS_OF = "2026-11-23"
HEAD = f"""calendar:
  name: limit
  description: The costliest files under the size limit.
  base_url: https://example.org/limit/
sources:
  - id: s
    publisher: P
    title: T
    published: "2020"
  - id: long
    publisher: P
    title: T
    url: https://example.org/{"a" * 1970}
    published: "2020"
"""
DESCRIPTION = "A long description. " * 950  # 19,000 characters (the limit is 20,000)


def minimal(n: int, extra: str = "", kind: str = "gathering") -> str:
    return (
        f"- {{id: e{n}, title: Event {n}, kind: {kind}, cites: [s], outcome: {{date: '2020-01-01',"
        f" source: s}}, added: '2026-01-01', changed: '2026-01-01'{extra}}}\n"
    )


def plans(count: int) -> str:
    """`count` plans, each announced a year after the one before."""
    said = ", ".join(
        f"{{target: '2010-01-{i % 28 + 1:02d}', wording: by then, announced: '{1900 + i}-01-01', source: s}}"
        for i in range(count)
    )
    return f", plans: [{said}]"


def news(count: int) -> str:
    told = ", ".join(f"{{date: '{1900 + i}-01-01', says: news number {i}, source: s}}" for i in range(count))
    return f", news: [{told}]"


def reports(count: int) -> str:
    """An outcome with `count` other reports of it, one a year."""
    said = ", ".join(f"{{date: '{1900 + i}-01-01', wording: said {i}, source: s}}" for i in range(count))
    return f"outcome: {{date: '2020-01-01', source: s, other_reports: [{said}]}}, added: '2026-01-01'"


def dated(n: int, day: str, extra: str = "") -> str:
    """A minimal event whose outcome happened on `day` (a day, or a moment in a time zone)."""
    return minimal(n, extra).replace("date: '2020-01-01'", f"date: '{day}'")


ZONES = sorted(zone for zone in zoneinfo.available_timezones() if "/" in zone and not zone.startswith("Etc/"))


def upcoming(n: int) -> str:
    return (
        f"- {{id: e{n}, title: Event {n}, kind: gathering, cites: [s], plans: [{{target: '2030-01-"
        f"{n % 28 + 1:02d}', wording: by then, announced: '2020-01-01', source: s}}],"
        " added: '2026-01-01', changed: '2026-01-01'}\n"
    )


# Each shape: the nth event, and what it declares (a kind or a series) under which heading.
SHAPES: dict[str, Callable[[int], tuple[str, str, str]]] = {
    "minimal": lambda n: (minimal(n), "", ""),
    "plans": lambda n: (minimal(n, plans(100)), "", ""),
    "news": lambda n: (minimal(n, news(100)), "", ""),
    "described": lambda n: (minimal(n, plans(100) + f", description: {DESCRIPTION}"), "", ""),
    "upcoming": lambda n: (upcoming(n), "", ""),
    "reports": lambda n: (
        minimal(n).replace("outcome: {date: '2020-01-01', source: s}, added: '2026-01-01'", reports(100)),
        "",
        "",
    ),
    "centuries": lambda n: (dated(n, f"{1000 + n // 12:04d}-{n % 12 + 1:02d}-01"), "", ""),
    "addresses": lambda n: (
        minimal(n, news(100).replace("source: s}", "source: long}")) if n < 2 else minimal(n),
        "",
        "",
    ),
    "zones": lambda n: (
        (
            upcoming(n).replace("2030-01-", "2999-06-").replace("', wording", "T10:00:00', wording")
            if n % 2
            else dated(n, "1000-06-15T10:00:00")
        ).replace("changed: '2026-01-01'", f"changed: '2026-01-01', timezone: {ZONES[n // 2 % len(ZONES)]}"),
        "",
        "",
    ),
    "kinds": lambda n: (
        minimal(n, kind=f"k{n % MAX_KINDS}"),
        "kinds",
        f"  - {{id: k{n}, label: K, heading: K}}\n" if n < MAX_KINDS else "",
    ),
    "series": lambda n: (
        minimal(n, f", series: r{n % MAX_SERIES}"),
        "series",
        f"  - {{id: r{n}, title: R}}\n" if n < MAX_SERIES else "",
    ),
}


def write_file(path: Path, shape: str, limit: int) -> int:
    """Write the largest file of `shape` under `limit` bytes; return how many events it holds."""
    make = SHAPES[shape]
    events: list[str] = []
    declared: list[str] = []
    heading = make(0)[1]
    size = len(HEAD) + len("events:\n") + (len(f"{heading}:\n") if heading else 0)
    while True:
        event, _, declaration = make(len(events))
        if size + len(event) + len(declaration) > limit:
            break
        size += len(event) + len(declaration)
        events.append(event)
        declared.append(declaration)
    text = HEAD + (f"{heading}:\n" + "".join(declared) if heading else "") + "events:\n" + "".join(events)
    path.write_text(text, encoding="utf-8")
    return len(events)


def measure(command: list[str]) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds (user and system), peak resident MB and exit status of one run."""
    done = subprocess.run(["/usr/bin/time", "-v", *command], capture_output=True, text=True, check=False)
    wall = re.search(r"Elapsed \(wall clock\) time .*: (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    cpu = re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", done.stderr)
    assert wall and peak and len(cpu) == 2, done.stderr[-2000:]
    hours, minutes, seconds = (float(g) if g else 0.0 for g in wall.groups())
    clock = hours * 3600 + minutes * 60 + seconds
    return clock, sum(map(float, cpu)), int(peak.group(1)) // 1024, done.returncode


def commands(events: Path, out: Path, mib: float) -> dict[str, list[str]]:
    """Every command that reads an events file, on `events`, writing into `out`."""
    sinotime = [sys.executable, "-m", "sinotime", "--max-input-mb", str(mib)]
    report = [*sinotime, "report", str(events), "--as-of", AS_OF]
    return {
        "validate": [*sinotime, "validate", str(events)],
        "report": [*report, "-o", str(out / "r.txt")],
        "report --format json": [*report, "--format", "json", "-o", str(out / "r.json")],
        "report --format csv": [*report, "--format", "csv", "-o", str(out / "r.csv")],
        "changes": [*sinotime, "changes", str(events), "--as-of", AS_OF],
        "diff": [*sinotime, "diff", str(events), str(events), "--as-of", AS_OF],
        "build": [*sinotime, "build", str(events), "--out", str(out / "feeds"), "--as-of", AS_OF],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "sinotime-limit")
    parser.add_argument("--mib", type=float, default=DEFAULT_MIB, help="the size limit to fill, in MiB")
    parser.add_argument("--shape", choices=sorted(SHAPES), action="append", help="only these shapes")
    parser.add_argument("--command", action="append", help="only these commands (validate, build...)")
    args = parser.parse_args()
    for shape in args.shape or SHAPES:
        out = args.out / shape
        out.mkdir(parents=True, exist_ok=True)
        events = out / "limit.yaml"
        count = write_file(events, shape, int(args.mib * 2**20))
        print(f"{shape}: {count:,} events, {events.stat().st_size:,} bytes", flush=True)
        for name, command in commands(events, out, args.mib).items():
            if args.command and name not in args.command:
                continue
            seconds, cpu, megabytes, status = measure(command)
            line = f"  {name:22} {seconds:6.1f} s {cpu:6.1f} s CPU {megabytes:6,} MB  exit {status}"
            print(line, flush=True)


if __name__ == "__main__":
    main()
