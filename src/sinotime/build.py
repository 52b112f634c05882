"""`sinotime build`: gather everything, render every file, then put them all in place.

Rendering is pure (a Timeline and a Site in, bytes out) and happens completely before the
first file is put in place (each renderer's files wait in temporary files, so that they need
not all be held in memory), so a failed build leaves the output folder exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from sinotime.catalogue import FEED_FORMATS, Catalogue, published
from sinotime.errors import MissingSettingError
from sinotime.folderstate import locked, record_warnings
from sinotime.loading import MAX_FILE_BYTES, input_name, load_events
from sinotime.models import EventsFile
from sinotime.output import Staging, WriteResult, leftover_files, previous_names, stale_files
from sinotime.site import Site
from sinotime.text import base_url_problem, idna_host, terminal_safe
from sinotime.timeline import Timeline, build_timeline

__all__ = ["BuildResult", "Renderer", "Site", "build", "render_files", "renderers", "site_for"]

# A renderer gives its files by name, all at once or (for big ones) one at a time.
Renderer = Callable[[Timeline, Site], Mapping[str, bytes] | Iterable[tuple[str, bytes]]]


PROGRESS_EVERY = 20  # files rendered between two progress notes


def renderers() -> list[Renderer]:
    """Every renderer whose files `build` writes, imported only when building."""
    from sinotime.calendars import render_calendars
    from sinotime.feeds import iter_feeds

    return [render_calendars, iter_feeds]


def site_for(data: EventsFile, base_url: str | None) -> Site:
    """Where the output folder is served from: `--base-url`, else `calendar.base_url` (both by
    the rule of every address), with a non-ASCII host written as IDNA and a final slash."""
    url = base_url or data.calendar.base_url
    if url is None:
        return Site(base_url=None)
    if problem := base_url_problem(url):
        raise MissingSettingError(f"--base-url '{terminal_safe(url)}': {problem}")
    try:
        url = idna_host(url)
    except UnicodeError:
        raise MissingSettingError(
            f"--base-url '{terminal_safe(url)}': its host is not a valid name"
        ) from None
    return Site(base_url=url if url.endswith("/") else url + "/")


def _refuse_to_unpublish_feeds(out: Path, site: Site) -> None:
    """A build without an address writes no feed; over published feeds that would break every
    subscriber's address for want of one option, so it is refused before anything is touched."""
    if site.base_url is not None:
        return
    suffixes = tuple(f".{fmt.extension}" for fmt in FEED_FORMATS)
    feeds = [name for name in previous_names(out) if name.endswith(suffixes)]
    if feeds:
        raise MissingSettingError(
            f"{out} holds {len(feeds)} published feeds ({feeds[0]}, ...), and a feed needs the "
            "public address it is served from: give --base-url URL or set calendar.base_url in the "
            "events file. Nothing was changed."
        )


def render_files(timeline: Timeline, site: Site) -> Iterator[tuple[str, bytes]]:
    """Every file, by name: the calendars and feeds first, then the page that links to them.

    One renderer's files at a time, so that a build can write each set away before the next.
    """
    from sinotime.page import render_page

    names: set[str] = set()
    for render in renderers():
        rendered = render(timeline, site)
        for name, content in rendered.items() if isinstance(rendered, Mapping) else rendered:
            if name in names:
                raise AssertionError(f"two renderers write {name}")
            names.add(name)
            yield name, content
    for name, content in render_page(timeline, site, published(timeline, names)).items():
        if name in names:
            raise AssertionError(f"two renderers write {name}")
        yield name, content


@dataclass(frozen=True, slots=True)
class BuildResult:
    files: tuple[str, ...]  # the name of every file the build makes
    written: list[str]
    unchanged: list[str]
    stale: list[str]
    catalogue: Catalogue  # what of it is offered to readers, by scope and format
    removed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # about the folder's own records
    namespace_note: str | None = None  # see CalendarInfo.namespace_note


def build(
    file: Path,
    out: Path,
    *,
    today: date,
    base_url: str | None = None,
    as_of: date | None = None,
    check: bool = False,
    max_bytes: int = MAX_FILE_BYTES,
    on_wait: Callable[[str], None] | None = None,
    on_progress: Callable[[str], None] | None = None,
) -> BuildResult:
    """Render every output of `file` into `out`; with `check`, only say which files are stale.

    `as_of` decides every status; the command line passes today (UTC) unless told a day. When
    None it is the newest change in the data, so a library call never reads the wall clock:
    the same input and as-of day give the same bytes on any day. Each renderer's files go to
    temporary files as soon as they are made (a build of 100,000 events makes gigabytes), and
    are renamed into place only when every file is made; a build that fails changes nothing.
    The folder is locked for the whole build: a second build waits, and `on_wait` is told.
    """
    progress = on_progress or (lambda _: None)
    progress(f"reading {input_name(file)}")
    data = load_events(file, today=today, max_bytes=max_bytes)
    progress("rendering")
    timeline = build_timeline(data, as_of=as_of or data.last_changed())
    site = site_for(data, base_url)
    _refuse_to_unpublish_feeds(out, site)
    names: list[str] = []
    note = data.calendar.namespace_note()
    if check:
        if not out.is_dir():
            names = [name for name, _ in render_files(timeline, site)]
            catalogue = published(timeline, names)
            return BuildResult(tuple(sorted(names)), [], [], sorted(names), catalogue, namespace_note=note)
        with locked(out, shared=True, on_wait=on_wait):
            return replace(_check(out, timeline, site), namespace_note=note)
    with Staging(out, manifest=True, on_wait=on_wait) as staging:
        for name, content in render_files(timeline, site):
            names.append(name)
            staging.add(name, content)
            if len(names) % PROGRESS_EVERY == 0:
                progress(f"rendered {len(names)} files")
        progress(f"putting {len(names)} files in place")
        result: WriteResult = staging.commit()
    return BuildResult(
        tuple(sorted(names)),
        result.written,
        result.unchanged,
        [],
        published(timeline, names),
        result.removed,
        result.warnings,
        note,
    )


def _check(out: Path, timeline: Timeline, site: Site) -> BuildResult:
    """Which files a build would write or remove, rendering one file at a time."""
    names: list[str] = []
    stale: list[str] = []
    for name, content in render_files(timeline, site):
        names.append(name)
        stale += stale_files(out, {name: content})
    stale += leftover_files(out, set(names))
    catalogue = published(timeline, names)
    return BuildResult(tuple(sorted(names)), [], [], sorted(stale), catalogue, warnings=record_warnings(out))
