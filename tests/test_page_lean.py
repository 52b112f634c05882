"""The page's lean paths write exactly what the plain ones would.

`esc` replaces what `html.escape(text, quote=True)` replaces, in the same order; each source's
item in the list of sources is made once a render and shared by every event that cites it.
"""

from __future__ import annotations

import html
import sys
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

from generate import make_timeline, sinotime_yaml

from sinotime.loading import parse_events
from sinotime.page.listing import SourceList, entry_html
from sinotime.page.markup import esc
from sinotime.timeline import build_timeline

MARKUP = st.text(alphabet=st.sampled_from(list("&<>\"'amp;lt#x27 \u00e9黑\n")) | st.characters())


@given(MARKUP)
def test_escaping_is_html_escape_with_quotes(text: str) -> None:
    assert esc(text) == html.escape(text, quote=True)


def test_an_events_sources_are_listed_alike_when_a_render_shares_each_sources_item() -> None:
    data = parse_events(
        sinotime_yaml(make_timeline(300)).encode(), "synthetic.yaml", today=date(2026, 11, 23)
    )
    timeline = build_timeline(data, as_of=data.last_changed())
    shared = SourceList(timeline.sources)
    listed = {entry.event.id: entry_html(entry, timeline, "", shared) for entry in reversed(timeline.entries)}
    cited = [source for entry in timeline for source in entry.event.source_ids()]
    assert len(cited) > 2 * len(set(cited))  # most sources are cited by several events
    assert listed == {entry.event.id: entry_html(entry, timeline) for entry in timeline}
