"""The largest valid file under the default size limit, and what each command costs on it.

    python benchmarks/limit.py --out /tmp/sinotime-limit          # writes the file, runs every command

The file holds as many minimal events as fit in the limit, 32 MiB or `--mib N` (about 230,000
at 32 MiB: an id, a title, a kind, one citation, one dated outcome, two days), all on one day,
which is the worst case for the page's chart (every event in one row). Each command is run once
under /usr/bin/time -v and its wall time, CPU time and peak resident memory are printed: the
aim of issue 13 is no command above 10 s and 500 MB.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

LIMIT = 32 * 1024 * 1024
HEAD = """calendar:
  name: limit
  description: The largest file under the size limit.
  base_url: https://example.org/limit/
sources:
  - id: s
    publisher: P
    title: T
    published: "2020"
events:
"""
EVENT = "- {{id: e{n}, title: Event {n}, kind: gathering, cites: [s], outcome: {{date: '2020-01-01', source: s}}, added: '2026-01-01', changed: '2026-01-01'}}\n"  # noqa: E501


def write_file(path: Path, limit: int = LIMIT) -> int:
    """Write the largest file under `limit` bytes; return how many events it holds."""
    size, count, parts = len(HEAD), 0, [HEAD]
    while True:
        line = EVENT.format(n=count)
        if size + len(line) > limit:
            break
        parts.append(line)
        size += len(line)
        count += 1
    path.write_text("".join(parts), encoding="utf-8")
    return count


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


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "sinotime-limit")
    parser.add_argument("--mib", type=int, default=LIMIT // 2**20, help="the size limit to fill, in MiB")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    events = args.out / "limit.yaml"
    count = write_file(events, args.mib * 2**20)
    print(f"{events}: {count:,} events, {events.stat().st_size:,} bytes")
    sinotime = [sys.executable, "-m", "sinotime", "--max-input-mb", str(args.mib)]
    commands = {
        "validate": [*sinotime, "validate", str(events)],
        "report": [*sinotime, "report", str(events), "--as-of", "2026-11-23", "-o", str(args.out / "r.txt")],
        "report --format json": [
            *sinotime,
            "report",
            str(events),
            "--as-of",
            "2026-11-23",
            "--format",
            "json",
            "-o",
            str(args.out / "r.json"),
        ],
        "report --format csv": [
            *sinotime,
            "report",
            str(events),
            "--as-of",
            "2026-11-23",
            "--format",
            "csv",
            "-o",
            str(args.out / "r.csv"),
        ],
        "build": [*sinotime, "build", str(events), "--out", str(args.out / "feeds")],
    }
    for name, command in commands.items():
        seconds, cpu, megabytes, status = measure(command)
        print(f"{name:24} {seconds:7.1f} s {cpu:7.1f} s CPU {megabytes:6,} MB  exit {status}", flush=True)


if __name__ == "__main__":
    main()
