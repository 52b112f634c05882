"""`sinotime build`: gather everything, render every file, then write them all.

Rendering is pure (a Timeline and a Site in, bytes out) and happens completely before the
first file is written, so a failed build leaves the output folder exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sinotime.errors import SinotimeError
from sinotime.loading import MAX_FILE_BYTES, load_events
from sinotime.models import EventsFile
from sinotime.output import WriteResult, stale_files, write_files
from sinotime.site import Site
from sinotime.timeline import Timeline, build_timeline

__all__ = ["BuildResult", "Renderer", "Site", "build", "render_site", "renderers", "site_for"]


Renderer = Callable[[Timeline, Site], dict[str, bytes]]


def renderers() -> list[Renderer]:
    """Every renderer whose files `build` writes, imported only when building."""
    from sinotime.calendars import render_calendars
    from sinotime.feeds import render_feeds

    return [render_calendars, render_feeds]


def site_for(data: EventsFile, base_url: str | None) -> Site:
    url = base_url or data.calendar.base_url
    if url is not None and not url.startswith(("https://", "http://")):
        raise SinotimeError(f"--base-url must be an http:// or https:// address, not {url!r}")
    if url is not None and not url.endswith("/"):
        url += "/"
    return Site(base_url=url)


def render_site(timeline: Timeline, site: Site) -> dict[str, bytes]:
    """Every file: the calendars and feeds first, then the page that links to them."""
    from sinotime.page import render_page

    files: dict[str, bytes] = {}
    for render in renderers():
        for name, content in render(timeline, site).items():
            if name in files:
                raise AssertionError(f"two renderers write {name}")
            files[name] = content
    for name, content in render_page(timeline, site, sorted(files)).items():
        if name in files:
            raise AssertionError(f"two renderers write {name}")
        files[name] = content
    return files


@dataclass(frozen=True, slots=True)
class BuildResult:
    files: dict[str, bytes]
    written: list[str]
    unchanged: list[str]
    stale: list[str]
    removed: list[str] = field(default_factory=list)


def build(
    file: Path,
    out: Path,
    *,
    today: date,
    base_url: str | None = None,
    as_of: date | None = None,
    check: bool = False,
    max_bytes: int = MAX_FILE_BYTES,
) -> BuildResult:
    """Render every output of `file` into `out`; with `check`, only say which files are stale.

    `as_of` (which plans are overdue) defaults to the newest change in the data, never the
    wall clock, so the same input gives the same bytes on any day.
    """
    data = load_events(file, today=today, max_bytes=max_bytes)
    timeline = build_timeline(data, as_of=as_of or data.last_changed())
    files = render_site(timeline, site_for(data, base_url))
    if check:
        return BuildResult(files, [], [], stale_files(out, files, manifest=True))
    result: WriteResult = write_files(out, files, manifest=True)
    return BuildResult(files, result.written, result.unchanged, [], result.removed)
