"""What a subscriber sees in the calendars: where each date lands, its status, its sequence."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from builders import event, timeline_of
from calendar_support import NO_SITE, ReadCalendar, icaljs, libical, read_with_ical, read_with_vobject
from sinotime.calendars import render_calendars
from sinotime.site import Site


def calendars(*events: dict[str, Any], site: Site = NO_SITE, **calendar: Any) -> dict[str, bytes]:
    return render_calendars(timeline_of(events, **calendar), site)


def read_all(*events: dict[str, Any], **calendar: Any) -> ReadCalendar:
    return read_with_ical(calendars(*events, **calendar)["sinotime.ics"].decode())


def only_event(*events: dict[str, Any]) -> Any:
    (found,) = read_all(*events).events
    return found


def happened(on: str, **fields: Any) -> dict[str, Any]:
    return event("e", outcome={"date": on, "source": "source-a"}, **fields)


def planned(target: str, **fields: Any) -> dict[str, Any]:
    plan = {"target": target, "wording": "soon", "announced": "2019-01-10", "source": "source-a"}
    return event("e", plans=[plan], **fields)


# --- where a date lands ---------------------------------------------------------------------


def test_a_day_is_an_all_day_event_that_ends_the_next_day() -> None:
    found = only_event(happened("2019-06-15"))
    assert (found.start.type, found.start.value) == ("date", "2019-06-15")
    assert (found.end.type, found.end.value) == ("date", "2019-06-16")


def test_a_span_of_days_ends_the_day_after_its_last_day() -> None:
    found = only_event(happened("2019-06-15/2019-06-19"))
    assert (found.start.value, found.end.value) == ("2019-06-15", "2019-06-20")
    assert found.summary == "Event e"


def test_a_long_span_of_days_is_shown_in_full() -> None:
    found = only_event(happened("2019-06-01/2019-09-30"))
    assert (found.start.value, found.end.value) == ("2019-06-01", "2019-10-01")


def test_a_month_spans_the_whole_month_and_says_so() -> None:
    found = only_event(happened("2014-06"))
    assert (found.start.value, found.end.value) == ("2014-06-01", "2014-07-01")
    assert found.summary == "Event e (sometime in June 2014)"
    assert "the exact day is not known" in found.description


def test_february_of_a_leap_year_ends_on_the_first_of_march() -> None:
    found = only_event(happened("2024-02"))
    assert (found.start.value, found.end.value) == ("2024-02-01", "2024-03-01")


def test_a_short_window_spans_its_days_and_says_so() -> None:
    found = only_event(planned("[2027-05-21..2027-05-31]"))
    assert (found.start.value, found.end.value) == ("2027-05-21", "2027-06-01")
    assert found.summary == "Planned: Event e (sometime between 21 and 31 May 2027)"


def test_a_window_across_two_months_names_both() -> None:
    found = only_event(planned("[2027-05-28..2027-06-03]"))
    assert found.summary == "Planned: Event e (sometime between 28 May and 3 June 2027)"


def test_a_window_between_two_times_is_a_window_not_a_meeting() -> None:
    found = only_event(planned("[2027-05-21T10:00:00..2027-05-23T12:00:00]"))
    assert (found.start.type, found.start.value, found.end.value) == ("date", "2027-05-21", "2027-05-24")
    assert found.summary.startswith("Planned: Event e (sometime between 21 May 2027, 10:00 and 23 May")


@pytest.mark.parametrize(
    ("target", "day", "summary"),
    [
        ("2027", "2027-12-31", "Due by the end of 2027: Event e"),  # a year
        ("2027-22", "2027-08-31", "Due by the end of summer 2027: Event e"),  # a season
        ("2027-24", "2028-02-29", "Due by the end of winter 2027: Event e"),  # into a leap February
        ("2027-36", "2027-12-31", "Due by the end of Q4 2027: Event e"),  # a quarter
        ("2027-40", "2027-06-30", "Due by the end of the first half of 2027: Event e"),  # a half
        ("[2027-05-01..2027-07-31]", "2027-07-31", "Due by 31 July 2027: Event e"),  # a long window
        ("2027-05/2027-07", "2027-07-31", "Due by 31 July 2027: Event e"),  # a span known to months
        ("2027~", "2027-12-31", "Due by the end of 2027 (approximate): Event e"),
    ],
)
def test_a_plan_too_vague_for_the_grid_is_due_on_its_last_possible_day(
    target: str, day: str, summary: str
) -> None:
    found = only_event(planned(target))
    assert (found.start.type, found.start.value) == ("date", day)
    assert found.end.value == (date.fromisoformat(day) + timedelta(days=1)).isoformat()  # one day
    assert (found.summary, found.status) == (summary, "TENTATIVE")
    assert "the calendar shows it on its last possible day" in found.description


def test_a_month_plan_spans_its_month_and_is_past_due_once_it_has_passed() -> None:
    ahead = only_event(planned("2027-06"))
    assert (ahead.start.value, ahead.end.value) == ("2027-06-01", "2027-07-01")
    assert ahead.summary == "Planned: Event e (sometime in June 2027)"
    passed = only_event(planned("2026-06"))
    assert (passed.start.value, passed.end.value) == ("2026-06-01", "2026-07-01")
    assert passed.summary == "Past due, no news: Event e (sometime in June 2026)"


def test_a_deadline_that_has_passed_takes_the_status_words_unverified_or_overdue() -> None:
    unverified = only_event(planned("2026-22"))  # summer 2026, as of 23 November 2026, no news
    assert (unverified.start.value, unverified.end.value) == ("2026-08-31", "2026-09-01")
    assert unverified.summary == "Past due, no news: Event e (due by the end of summer 2026)"
    assert unverified.status == "TENTATIVE"
    assert "Status: Past due, no news since" in unverified.description
    news = [{"date": "2026-10-01", "says": "not open yet", "source": "source-b"}]
    overdue = only_event(planned("2026-22", news=news, cites=["source-a", "source-b"]))
    assert overdue.summary == "Overdue: Event e (due by the end of summer 2026)"
    assert "Status: Overdue since 1 September 2026." in overdue.description


def test_a_moved_deadline_says_when_it_is_due_now() -> None:
    plans = [
        {"target": "2026-06", "wording": "in June", "announced": "2025-01-10", "source": "source-a"},
        {"target": "2027-22", "wording": "next summer", "announced": "2026-05-10", "source": "source-b"},
    ]
    found = only_event(event("e", plans=plans, cites=["source-a", "source-b"]))
    assert (found.start.value, found.summary) == ("2027-08-31", "Due by the end of summer 2027: Event e")
    assert "Status: Planned, moved from June 2026 to summer 2027." in found.description


@pytest.mark.parametrize(
    "record",
    [
        happened("2018"),  # what happened, known only to a year: no honest day to put it on
        happened("2019-22"),
        happened("[2022-01-01..2023-05-24]"),
        planned("[2027-05-01..]"),  # open
        event("e", plans=[{"wording": "soon", "announced": "2019-01-10", "source": "source-a"}]),
    ],
    ids=["outcome-year", "outcome-season", "outcome-long-window", "open-plan", "plan-no-date"],
)
def test_what_has_no_honest_day_stays_off_the_grid_and_makes_no_empty_calendar(
    record: dict[str, Any],
) -> None:
    assert calendars(record) == {}


def test_an_approximate_day_stays_on_its_day_and_says_about() -> None:
    found = only_event(happened("2019-06-15~"))
    assert (found.start.value, found.end.value) == ("2019-06-15", "2019-06-16")
    assert found.summary == "Event e (about 15 June 2019)"


def test_a_timed_event_has_its_zone_and_a_vtimezone_without_comment() -> None:
    files = calendars(happened("2019-09-05T10:00:00", timezone="Asia/Vladivostok"))
    text = files["sinotime.ics"].decode()
    assert "DTSTART;TZID=Asia/Vladivostok:20190905T100000\r\n" in text
    assert "BEGIN:VTIMEZONE\r\nTZID:Asia/Vladivostok\r\n" in text
    assert "COMMENT" not in text
    assert "RDATE" not in text
    found = read_with_vobject(text).events[0]
    # 10:00 in Vladivostok in 2019 is UTC+10, worked out from the file's own VTIMEZONE.
    assert found.start is not None
    assert found.start.utc == 1567641600  # 2019-09-05T00:00:00Z
    assert found.end is None


def test_a_timed_event_without_a_zone_of_its_own_uses_the_calendars() -> None:
    found = only_event(happened("2021-05-12T10:00:00"))
    assert found.start.tzid == "Asia/Harbin"
    assert found.start.utc == 1620784800  # 02:00 UTC


def test_a_timed_span_ends_at_its_end_time() -> None:
    found = only_event(happened("2019-09-05T10:00:00/2019-09-05T13:30:00", timezone="Asia/Vladivostok"))
    assert (found.start.value, found.end.value) == ("2019-09-05T10:00:00", "2019-09-05T13:30:00")


def test_a_zone_that_changed_offset_between_two_events_is_read_right_by_every_parser() -> None:
    events = [
        event(
            "old", outcome={"date": "2012-06-01T10:00:00", "source": "source-a"}, timezone="Asia/Vladivostok"
        ),
        event(
            "new", outcome={"date": "2019-06-01T10:00:00", "source": "source-a"}, timezone="Asia/Vladivostok"
        ),
    ]
    text = calendars(*events)["sinotime.ics"].decode()
    for reader in (read_with_vobject, icaljs(), libical()):
        read = reader(text)
        # Vladivostok was UTC+11 from 2011 to 2014 and has been UTC+10 since.
        old, new = read.event("old@sinotime").start, read.event("new@sinotime").start
        assert old is not None, read.reader
        assert new is not None, read.reader
        assert (old.utc, new.utc) == (1338505200, 1559347200), read.reader


def test_asia_harbin_an_alias_of_asia_shanghai_is_read_at_the_same_instant_by_every_parser() -> None:
    """Asia/Harbin is a link to Asia/Shanghai in the zone database; it is written as the data
    names it, with its VTIMEZONE, and read right (including China's summer time of 1990)."""
    events = [
        event(
            "summer", outcome={"date": "1990-06-15T10:00:00", "source": "source-a"}, timezone="Asia/Harbin"
        ),
        event("now", outcome={"date": "2019-06-15T10:00:00", "source": "source-a"}, timezone="Asia/Harbin"),
    ]
    text = calendars(*events)["sinotime.ics"].decode()
    assert "TZID:Asia/Harbin" in text
    for reader in (read_with_ical, read_with_vobject, icaljs(), libical()):
        read = reader(text)
        summer, now = read.event("summer@sinotime").start, read.event("now@sinotime").start
        assert summer is not None and now is not None, read.reader
        assert (summer.utc, now.utc) == (645411600, 1560564000), read.reader  # UTC+9 then, UTC+8 now


# --- plans, outcomes and their status --------------------------------------------------------


def test_an_upcoming_plan_is_tentative_and_marked_planned() -> None:
    found = only_event(planned("2027-06-15"))
    assert (found.status, found.summary) == ("TENTATIVE", "Planned: Event e")
    assert "Status: Planned." in found.description


def test_a_past_due_plan_says_so_without_naming_the_as_of_day() -> None:
    found = only_event(planned("2025-06-15"))
    assert (found.status, found.summary) == ("TENTATIVE", "Past due, no news: Event e")
    assert "Status: Past due, no news since 10 January 2019." in found.description
    assert "23 November 2026" not in found.description
    news = [{"date": "2025-07-01", "says": "not held yet", "source": "source-b"}]
    overdue = only_event(planned("2025-06-15", news=news, cites=["source-a", "source-b"]))
    assert (overdue.status, overdue.summary) == ("TENTATIVE", "Overdue: Event e")
    assert (
        "Status: Overdue since 16 June 2025.\nNot done by 15 June 2025: “not held yet”" in overdue.description
    )


def test_what_happened_is_confirmed_at_its_actual_date_not_its_target() -> None:
    plan = {"target": "2018", "wording": "in 2018", "announced": "2017-02-16", "source": "source-a"}
    found = only_event(event("e", plans=[plan], outcome={"date": "2022-11-16", "source": "source-b"}))
    assert (found.status, found.summary, found.start.value) == ("CONFIRMED", "Event e", "2022-11-16")
    assert "Status: Completed late, +3 y 11 m against the first target (2018)." in found.description
    # what the slip is measured against
    assert "- Target 2018: “in 2018”, announced 16 February 2017 by Example Daily" in found.description


def test_a_plan_sits_at_its_latest_target() -> None:
    plans = [
        {"target": "2026-03-01", "wording": "in March", "announced": "2025-01-10", "source": "source-a"},
        {"target": "2027-03-01", "wording": "next March", "announced": "2026-01-10", "source": "source-b"},
    ]
    found = only_event(event("e", plans=plans))
    assert found.start.value == "2027-03-01"
    assert "History:\n- Target 1 March 2026: “in March”, announced" in found.description
    assert "\n- Target 1 March 2027: “next March”, announced 10 January 2026 by" in found.description


def test_a_cancelled_event_is_cancelled() -> None:
    found = only_event(
        event(
            "e",
            plans=[
                {
                    "target": "2020-02-10",
                    "wording": "on 10 Feb",
                    "announced": "2020-01-15",
                    "source": "source-a",
                }
            ],
            outcome={"status": "cancelled", "source": "source-b"},
        )
    )
    assert (found.status, found.summary, found.start.value) == (
        "CANCELLED",
        "Cancelled: Event e",
        "2020-02-10",
    )


def test_a_postponed_event_stays_visible_as_tentative_at_its_old_date() -> None:
    found = only_event(
        event(
            "e",
            plans=[
                {
                    "target": "2020-02-10",
                    "wording": "on 10 Feb",
                    "announced": "2020-01-15",
                    "source": "source-a",
                }
            ],
            outcome={"status": "postponed", "source": "source-b"},
        )
    )
    # Not CANCELLED: Google deletes cancelled events from subscribed calendars.
    assert (found.status, found.summary) == ("TENTATIVE", "Postponed: Event e")
    assert "Status: Postponed." in found.description
    assert "- Postponed, no new date, reported 1 March 2020 by Example Wire" in found.description


@pytest.mark.parametrize(
    ("status", "ical", "summary"),
    [
        ("postponed", "TENTATIVE", "Postponed: Event e (was due by the end of spring 2020)"),
        # subscribers saw "Due by the end of spring 2020": it stays there, marked cancelled
        ("cancelled", "CANCELLED", "Cancelled: Event e (was due by the end of spring 2020)"),
    ],
)
def test_a_plan_with_a_vague_target_called_off_stays_visible_on_its_deadline(
    status: str, ical: str, summary: str
) -> None:
    found = only_event(
        event(
            "e",
            plans=[
                {
                    "target": "2020-21",
                    "wording": "in spring 2020",
                    "announced": "2020-01-15",
                    "source": "source-a",
                }
            ],
            outcome={"status": status, "source": "source-b"},
        )
    )
    assert (found.status, found.start.value, found.summary) == (ical, "2020-05-31", summary)


def test_sequence_and_stamps_move_when_the_status_changes_and_only_then() -> None:
    """Derived from the data and the as-of day: a target announced, its last day passing, the
    outcome known; never the day of the build."""
    first = {"target": "2024-03-01", "wording": "in March", "announced": "2023-01-10", "source": "source-a"}
    second = {
        "target": "2025-03-01",
        "wording": "next March",
        "announced": "2024-01-10",
        "source": "source-b",
    }
    outcome = {"date": "2025-03-05", "source": "source-b"}
    record = event("e", plans=[first, second], added="2023-01-10", changed="2023-01-10")

    def on(day: date, **fields: Any) -> Any:
        (found,) = read_with_ical(
            render_calendars(timeline_of([record | fields], as_of=day), NO_SITE)["sinotime.ics"].decode()
        ).events
        return found

    one = on(date(2023, 6, 1), plans=[first])
    moved = on(date(2024, 6, 1))  # slipping since 10 Jan 2024
    same_status = on(date(2025, 3, 1))
    lapsed = on(date(2025, 3, 2))  # past due from 2 March 2025
    done = on(date(2025, 3, 6), outcome=outcome, changed="2025-03-06")  # the record's change is newest
    assert [f.sequence for f in (one, moved, same_status, lapsed, done)] == [0, 1, 1, 2, 3]
    assert [f.last_modified.value[:10] for f in (one, moved, same_status, lapsed, done)] == [
        "2023-01-10",
        "2024-01-10",
        "2024-01-10",
        "2025-03-02",
        "2025-03-06",
    ]
    assert all(f.stamp.value == f.last_modified.value for f in (one, moved, lapsed, done))
    assert one.uid == done.uid == "e@sinotime"


def test_an_outcome_with_no_plan_has_sequence_zero() -> None:
    assert only_event(happened("2019-06-15")).sequence == 0


def test_stamps_come_from_the_records_changed_day_never_the_clock() -> None:
    found = only_event(happened("2019-06-15", added="2026-10-01", changed="2026-10-05"))
    assert found.stamp.value == found.last_modified.value == "2026-10-05T00:00:00"
    assert found.stamp.utc == 1791158400


# --- what else an event carries ---------------------------------------------------------------


def test_an_event_carries_place_geo_url_and_categories() -> None:
    place = {"name": "Harbin", "region": "Heilongjiang", "countries": ["CN"], "lat": 45.75, "lon": 126.63}
    text = calendars(
        happened("2019-06-15", place=place, series="bridge", kind="expo", cites=["source-b", "source-a"])
    )["sinotime.ics"].decode()
    (found,) = read_with_vobject(text).events
    assert found.location == "Harbin, Heilongjiang"
    assert found.geo == (45.75, 126.63)
    # The report of what happened is the link, though another source is cited first.
    assert found.url == "https://example.org/a"
    assert found.categories == ("Expos and trade fairs", "The bridge, north and south")
    assert found.description is not None
    assert "Place: Harbin, Heilongjiang (CN)" in found.description
    assert "- Example Daily: “A report”, 10 January 2019 https://example.org/a" in found.description


def test_no_place_no_location_no_geo() -> None:
    found = only_event(happened("2019-06-15"))
    assert (found.location, found.geo) == (None, None)
    assert "location" not in found.properties
    assert "geo" not in found.properties


def test_events_are_sorted_by_date_then_id_whatever_the_file_order() -> None:
    events = [
        event("b", outcome={"date": "2019-06-15", "source": "source-a"}),
        event("c", outcome={"date": "2018-01-01", "source": "source-a"}),
        event("a", outcome={"date": "2019-06-15", "source": "source-a"}),
    ]
    forward = calendars(*events)
    backward = calendars(*reversed(events))
    assert forward == backward
    uids = [found.uid for found in read_with_ical(forward["sinotime.ics"].decode()).events]
    assert uids == ["c@sinotime", "a@sinotime", "b@sinotime"]


# --- the calendars as a whole -------------------------------------------------------------------


def test_one_calendar_for_all_one_per_kind_and_one_per_series() -> None:
    files = calendars(
        event("a", kind="expo", series="bridge", outcome={"date": "2019-06-15", "source": "source-a"}),
        event("b", kind="forum", outcome={"date": "2019-07-15", "source": "source-a"}),
    )
    assert sorted(files) == ["kind-expo.ics", "kind-forum.ics", "series-bridge.ics", "sinotime.ics"]
    assert [e.uid for e in read_with_ical(files["kind-forum.ics"].decode()).events] == ["b@sinotime"]
    assert [e.uid for e in read_with_ical(files["series-bridge.ics"].decode()).events] == ["a@sinotime"]
    assert len(read_with_ical(files["sinotime.ics"].decode()).events) == 2
    names = read_with_vobject(files["kind-expo.ics"].decode())
    assert names.value("x-wr-calname") == names.value("name") == "Test calendar: Expos and trade fairs"


def test_calendar_properties_that_clients_look_for() -> None:
    site = Site(base_url="https://example.org/feeds/")
    text = calendars(happened("2019-06-15"), site=site)["sinotime.ics"].decode()
    assert "\r\nREFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in text
    assert "\r\nX-PUBLISHED-TTL:PT12H\r\n" in text
    assert "\r\nCALSCALE:GREGORIAN\r\n" in text
    assert "METHOD" not in text  # iTIP's PUBLISH would require an ORGANIZER on every event
    read = read_with_vobject(text)
    assert read.value("version") == "2.0"
    assert read.value("prodid") == "-//sinotime//sinotime calendars//EN"
    assert read.value("name") == read.value("x-wr-calname") == "Test calendar"
    assert read.value("description") == read.value("x-wr-caldesc")
    assert read.value("description").startswith(
        "For tests. Plans are marked with their status; a plan known only to a season, quarter,"
    )
    assert read.value("source") == "https://example.org/feeds/sinotime.ics"
    assert read.value("url") == "https://example.org/feeds/"
    strict = read_with_ical(text)
    assert strict.value("refresh-interval") == "PT12H"


def test_without_a_base_url_there_is_no_source_or_url() -> None:
    read = read_with_vobject(calendars(happened("2019-06-15"))["sinotime.ics"].decode())
    assert "source" not in read.properties
    assert "url" not in read.properties


def test_a_hostile_base_url_cannot_break_a_line() -> None:
    site = Site(base_url="https://example.org/a b\r\nBEGIN:VEVENT\r\n/")
    text = calendars(happened("2019-06-15"), site=site)["sinotime.ics"].decode()
    assert text.split("\r\n").count("BEGIN:VEVENT") == 1
    assert (
        read_with_vobject(text).value("source")
        == "https://example.org/a%20b%0D%0ABEGIN:VEVENT%0D%0A/sinotime.ics"
    )


def test_control_characters_never_reach_the_file() -> None:
    text = calendars(happened("2019-06-15", title="Bell\x07 and \x1b[31mescape\x00 and tab\tstays"))
    body = text["sinotime.ics"].decode()
    assert "\x07" not in body
    assert "\x1b" not in body
    assert "\x00" not in body
    assert (
        only_event(happened("2019-06-15", title="Bell\x07 and \x1b[31mescape")).summary
        == "Bell and [31mescape"
    )


def test_rendering_twice_gives_the_same_bytes() -> None:
    events = [planned("2027-06"), event("x", outcome={"date": "2019-09-05T10:00:00", "source": "source-a"})]
    assert calendars(*events) == calendars(*events)
