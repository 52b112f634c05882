"""sinotime's benchmark: every command on 1,000 to 100,000 events, against yaml2ics and a floor.

    python benchmarks/run.py [--sizes 1000,10000,100000] [--runs 5] [--data benchmarks/data]

Run it by hand with the venv's Python (`.venv/bin/python benchmarks/run.py`), in which sinotime
and yaml2ics are installed (`pip install -e '.[bench]'`). It prints Markdown: the machine, one
table a size, whether the targets are met, and the start-up times; docs/benchmarks.md keeps
the latest results. Generated data goes to `--data` (git-ignored); nothing is committed.

Each round runs every command once, in the same order (yaml2ics, build cold, build after one
change, validate, report, the bare libyaml parse), so that a slow patch of the machine hits all
of them alike; the table gives the median of the rounds and the fastest and slowest. Every
command is a fresh process, run from start to exit; what is compared is its CPU time (user and
system, from the kernel's accounting of that process: wait4), which a machine shared with other
work changes far less than the time on the clock (given beside it). Its peak memory (maximum
resident set size) comes from the same accounting.

- `build cold`: an empty output folder and no cache;
- `build, 1 changed`: the same folder and cache, after one event in the middle of the file was
  retitled (its `changed` day stays within the file's newest, as when a curator fixes a typo);
- `yaml2ics`: the same events, those that sinotime puts in its calendar grid, in yaml2ics's
  format (see generate.py); it writes one calendar where sinotime writes one per kind and per
  series, the feeds and the page;
- `libyaml floor`: `yaml.load(file, Loader=yaml.CSafeLoader)` with the garbage collector paused,
  in a fresh interpreter: reading the file into Python objects and nothing else.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import LAST_DAY, Files, write_files

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
FLOOR = "import gc, sys, yaml; gc.disable(); yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"
CACHE_FOLDER = ".sinotime-cache"  # next to the events file

INPUT_LIMIT_MB = 512  # `sinotime --max-input-mb`: the 100,000-event file is about 152 MB


@dataclass
class Sample:
    seconds: float  # CPU time, user and system
    wall: float  # time on the clock
    peak_mb: float


@dataclass
class Result:
    name: str
    samples: list[Sample] = field(default_factory=list)
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def wall(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def peak_mb(self) -> float:
        return max(s.peak_mb for s in self.samples)


class CommandFailed(RuntimeError):
    pass


# Linux counts in a process's peak memory that of the process it was forked from (the benchmark's
# own, with the generated data): start every command from a small launcher instead, which times
# it and reads its CPU time and peak from wait4. Its own start-up is not in the time.
LAUNCHER = """
import os, sys, time
report, argv = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.posix_spawnp(argv[0], argv, os.environ)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
with open(report, "w") as handle:
    cpu = usage.ru_utime + usage.ru_stime
    handle.write(f"{cpu} {seconds} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def run(argv: Sequence[str], *, stdout: Path | None = None) -> Sample:
    """Run a command to its end; its CPU time, its wall time and its peak resident memory."""
    report = Path(tempfile.gettempdir()) / f"sinotime-bench-{os.getpid()}.txt"
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL  # noqa: SIM115
    try:
        done = subprocess.run(
            [sys.executable, "-I", "-S", "-c", LAUNCHER, str(report), *argv],
            stdout=out,
            stderr=subprocess.PIPE,
            check=False,
        )
    finally:
        if stdout:
            out.close()  # type: ignore[union-attr]
    cpu, wall, peak_kib, code = report.read_text().split()
    report.unlink()
    if done.returncode != 0 or code != "0":
        raise CommandFailed(f"{' '.join(map(str, argv))} exited {code}: {done.stderr.decode()[-2000:]}")
    return Sample(float(cpu), float(wall), int(peak_kib) / 1024)  # ru_maxrss is in KiB on Linux


def tool(name: str) -> list[str]:
    """A console script of this venv."""
    path = BIN / name
    if not path.exists():
        raise SystemExit(f"{name} is not installed in {BIN}: pip install -e '.[bench]'")
    return [str(path)]


def have(name: str) -> bool:
    return (BIN / name).exists()


# --- one size ------------------------------------------------------------------------------


@dataclass
class Size:
    count: int
    files: Files
    results: dict[str, Result]
    output_bytes: int = 0
    output_files: int = 0
    page_bytes: int = 0


def bench_size(count: int, runs: int, data: Path, with_yaml2ics: bool) -> Size:
    files = write_files(count, data / str(count))
    folder = files.events.parent
    out = folder / "feeds"
    cache = folder / CACHE_FOLDER
    # big synthetic timelines exceed the default 32 MiB input limit on purpose
    sinotime = [*tool("sinotime"), "--max-input-mb", str(INPUT_LIMIT_MB)]
    as_of = ["--as-of", LAST_DAY.isoformat()]

    def clean() -> None:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)

    steps: list[tuple[str, Callable[[], Sample]]] = []
    if with_yaml2ics:
        steps.append(
            (
                "yaml2ics",
                lambda: run([*tool("yaml2ics"), str(files.yaml2ics)], stdout=folder / "yaml2ics.ics"),
            )
        )

    def build_cold() -> Sample:
        clean()
        return run([*sinotime, "build", str(files.events), "--out", str(out)])

    steps += [
        ("build cold", build_cold),
        ("build, 1 changed", lambda: run([*sinotime, "build", str(files.changed), "--out", str(out)])),
        ("validate", lambda: run([*sinotime, "validate", str(files.events)])),
        ("report", lambda: run([*sinotime, "report", str(files.events), *as_of])),
        ("libyaml floor", lambda: run([sys.executable, "-c", FLOOR, str(files.events)])),
    ]
    results = {name: Result(name) for name, _ in steps}
    for round_ in range(runs):
        for name, step in steps:
            sample = step()
            results[name].samples.append(sample)
            print(
                f"  {count:>7,} events, round {round_ + 1}/{runs}: {name:<17} {sample.seconds:7.2f} s CPU"
                f" {sample.wall:7.2f} s wall",
                file=sys.stderr,
            )
    # the output of the last cold build, rebuilt: what a user publishes
    clean()
    run([*sinotime, "build", str(files.events), "--out", str(out)])
    written = [p for p in out.rglob("*") if p.is_file()]
    size = Size(count, files, results)
    size.output_files = len(written)
    size.output_bytes = sum(p.stat().st_size for p in written)
    size.page_bytes = (out / "index.html").stat().st_size if (out / "index.html").exists() else 0
    return size


# --- start-up ------------------------------------------------------------------------------


# The least a click program's --help costs: a group with a version and one command.
MINIMAL_CLICK = """
import click

@click.group()
@click.version_option("1.0")
def main():
    '''A group.'''

@main.command()
def one():
    '''A command.'''

main()
"""


def compile_sinotime() -> None:
    """Write sinotime's bytecode, as pip does for what it installs: an editable install run with
    PYTHONDONTWRITEBYTECODE set (as on the benchmark machine) would otherwise compile the modules
    it imports at every start, which --help would pay for (about 15 ms)."""
    spec = importlib.util.find_spec("sinotime")
    if spec is not None and spec.origin is not None:
        compileall.compile_dir(Path(spec.origin).parent, quiet=1)


def bench_startup(runs: int) -> dict[str, Result]:
    compile_sinotime()
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "python -c 'import click'": [sys.executable, "-c", "import click"],  # what --help cannot do without
        "a minimal click group's --help": [sys.executable, "-c", MINIMAL_CLICK, "--help"],
        "sinotime --version": [*tool("sinotime"), "--version"],
        "sinotime --help": [*tool("sinotime"), "--help"],
        "sinotime build --help": [*tool("sinotime"), "build", "--help"],
        "sinotime report --help": [*tool("sinotime"), "report", "--help"],
    }
    results = {name: Result(name) for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            results[name].samples.append(run(argv))
    return results


# --- the machine ---------------------------------------------------------------------------


def machine() -> list[str]:
    cpu = "unknown CPU"
    memory = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    versions = []
    for package in ("sinotime", "PyYAML", "pydantic", "icalendar", "feedgen", "yaml2ics", "ics"):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} (not installed)")
    import yaml

    libyaml = "with libyaml" if getattr(yaml, "__with_libyaml__", False) else "WITHOUT libyaml"
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores; memory {memory}",
        f"- {platform.python_implementation()} {platform.python_version()} on {platform.platform()}",
        f"- {', '.join(versions)} (PyYAML {libyaml})",
    ]


# --- the report ----------------------------------------------------------------------------


def seconds(value: float) -> str:
    return f"{value:.2f}" if value < 100 else f"{value:.0f}"


def table(size: Size) -> list[str]:
    results = size.results
    reference = results.get("yaml2ics")
    floor = results["libyaml floor"]
    lines = [
        f"### {size.count:,} events",
        "",
        f"Input: {size.files.events.stat().st_size / 1e6:.1f} MB "
        f"({size.files.events.stat().st_size / size.count:,.0f} bytes an event, sources included); "
        f"yaml2ics gets the {size.files.grid_events:,} events that sit in the calendar grid "
        f"({size.files.yaml2ics.stat().st_size / 1e6:.1f} MB). "
        f"`build` writes {size.output_files:,} files, {size.output_bytes / 1e6:.0f} MB "
        f"(index.html: {size.page_bytes / 1e6:.1f} MB). "
        f"{len(floor.samples)} rounds.",
        "",
        "| command | CPU s (median) | min–max | wall s | ms CPU an event | × yaml2ics | × floor | peak MB |",
        "|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for result in results.values():
        times = [s.seconds for s in result.samples]
        ratio = f"{result.median / reference.median:.2f}" if reference else "–"
        lines.append(
            f"| {result.name} | {seconds(result.median)} | {seconds(min(times))}–{seconds(max(times))} "
            f"| {seconds(result.wall)} | {result.median / size.count * 1000:.3f} | {ratio} "
            f"| {result.median / floor.median:.2f} "
            f"| {result.peak_mb:.0f} |"
        )
    limit = INPUT_LIMIT_MB * 1024 * 1024
    if size.files.events.stat().st_size > limit:
        lines += ["", f"Note: the input is larger than the limit the benchmark sets ({INPUT_LIMIT_MB} MiB)."]
    return lines


def verdicts(sizes: dict[int, Size], startup: dict[str, Result]) -> list[str]:
    lines = ["### Targets", ""]

    def check(ok: bool, text: str) -> None:
        lines.append(f"- {'met' if ok else '**missed**'}: {text}")

    if (s := sizes.get(10_000)) is not None:
        r = s.results
        if "yaml2ics" in r:
            speedup = r["yaml2ics"].median / r["build cold"].median
            check(
                speedup >= 3,
                f"10,000 events: build cold {speedup:.1f} times faster than yaml2ics (target ≥ 3)",
            )
        for name in ("build, 1 changed", "validate", "report"):
            check(r[name].median <= 1.5, f"10,000 events: {name} {r[name].median:.2f} s (target ≤ 1.5 s)")
        peak = max(r[name].peak_mb for name in r if name not in ("yaml2ics", "libyaml floor"))
        check(peak < 400, f"10,000 events: peak memory of sinotime {peak:.0f} MB (target < 400 MB)")
    if (big := sizes.get(100_000)) is not None and (s := sizes.get(10_000)) is not None:
        for name in ("build cold", "build, 1 changed", "validate", "report"):
            growth = (big.results[name].median / 100_000) / (s.results[name].median / 10_000)
            check(
                growth <= 1.3,
                f"100,000 events: {name} costs {growth:.2f} × as much an event as at 10,000 (target ≤ 1.3)",
            )
    helped = startup["sinotime --help"].median
    check(helped <= 0.060, f"sinotime --help {helped * 1000:.0f} ms of CPU (target ≤ 60 ms)")
    return lines


def startup_table(startup: dict[str, Result]) -> list[str]:
    lines = [
        "### Start-up",
        "",
        "| command | CPU ms (median) | min–max | wall ms | peak MB |",
        "|---|--:|--:|--:|--:|",
    ]
    for result in startup.values():
        times = [s.seconds * 1000 for s in result.samples]
        spread = f"{min(times):.0f}–{max(times):.0f}"
        lines.append(
            f"| `{result.name}` | {result.median * 1000:.0f} | {spread} | {result.wall * 1000:.0f} "
            f"| {result.peak_mb:.0f} |"
        )
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="sinotime's benchmark (see the module's docstring)")
    parser.add_argument("--sizes", default="1000,10000,100000", help="event counts [1000,10000,100000]")
    parser.add_argument("--runs", type=int, default=5, help="rounds a size [5]")
    parser.add_argument("--large-runs", type=int, default=3, help="rounds for 50,000 events or more [3]")
    parser.add_argument(
        "--data", type=Path, default=HERE / "data", help="folder for generated data [benchmarks/data]"
    )
    parser.add_argument("--no-yaml2ics", action="store_true", help="leave yaml2ics out")
    args = parser.parse_args(argv)
    counts = [int(part) for part in args.sizes.split(",") if part.strip()]
    with_yaml2ics = not args.no_yaml2ics
    if with_yaml2ics and not have("yaml2ics"):
        raise SystemExit(
            "yaml2ics is not installed in this venv: pip install -e '.[bench]' (or --no-yaml2ics)"
        )

    sizes: dict[int, Size] = {}
    for count in counts:
        runs = args.large_runs if count >= 50_000 else args.runs
        sizes[count] = bench_size(count, runs, args.data, with_yaml2ics)
    startup = bench_startup(max(args.runs, 10))

    lines = [f"## Results of {date.today().isoformat()}", "", *machine(), ""]  # noqa: DTZ011
    for size in sizes.values():
        lines += [*table(size), ""]
    lines += [*startup_table(startup), "", *verdicts(sizes, startup)]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
