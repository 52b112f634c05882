"""The iCalendar half of `feeds/`: calendars that Google, Apple, Outlook and Thunderbird subscribe to.

`render_calendars(timeline, site)` returns `sinotime.ics` (every event), `kind-<kind>.ics` (one
per kind that has events) and `series-<id>.ics` (one per series that has events), as bytes.
It is pure: the same timeline gives the same bytes, and nothing comes from the wall clock.

Where an event lands in the calendar grid (the date-placement rule, also in README.md):

- a day, or a span of days, is an all-day event (DTEND is the day after the last day);
- a day with a time is a timed event in the event's zone (or the calendar's), with a VTIMEZONE;
- a date known only to within 31 days (a month, a short window such as "end of May") is an
  all-day event across every day it may be, and its summary says so: "sometime in June 2014";
- a plan whose target is vaguer (a season, a quarter, a half-year, a year, a longer window) is
  a deadline: one all-day event on the target's latest possible day, "Due by the end of summer
  2026: …" (`deadline_words`);
- an outcome known only that vaguely, an open date and a plan with no date are left out of the
  grid (there is no honest day to put them on): they stay in the feeds and the report.

A plan sits at its latest announced target ("Planned: …", or its status words such as
"Overdue: …" once that target has passed with no outcome); an outcome sits at its actual date.
Which calendars there are, and which events each holds, is `sets`' business.

No text in an event names the as-of day, so a rebuild on a later day changes an event only when
its status does. Its revision is derived from the data and the as-of day alone, never from the
wall clock or from stored state (`Timeline.changes`): SEQUENCE counts the days on which its
words changed (a target announced, a target's last day passed, news dated, the outcome known);
DTSTAMP and LAST-MODIFIED are the newest of its record's `changed` day and the last such day.

METHOD is left out on purpose: METHOD:PUBLISH makes the file an iTIP message (RFC 5546), which
requires an ORGANIZER on every event, and sinotime has no honest organizer to name. Subscribed
calendars need no METHOD.

The package, top down: `files` writes each calendar that `sets` chooses; `events` makes one
VEVENT (its words); `grid` places it; `zones` makes the VTIMEZONEs; `lines` escapes and folds
the content lines.
"""

from sinotime.calendars.files import GRID_NOTE, on_grid, render_calendars
from sinotime.calendars.grid import Placement, placement

__all__ = ["GRID_NOTE", "Placement", "on_grid", "placement", "render_calendars"]
