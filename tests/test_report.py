"""The report's data: which events it keeps, and what it says about each plan."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import BUNDLED_KINDS, build
from sinotime.loading import load_events
from sinotime.models import EventsFile
from sinotime.report import (
    Filters,
    Report,
    history_steps,
    make_report,
    render_csv,
    render_json,
    render_markdown,
    render_text,
    select,
)
from sinotime.report.words import slip_line
from sinotime.timeline import Flag, build_timeline
from sinotime.words import status_words

FIXTURE = Path(__file__).parent / "data" / "report-fixture.yaml"
AS_OF = date(2026, 11, 23)
DATA = load_events(FIXTURE, today=AS_OF)


def fixture_report(as_of: date = AS_OF, **filters: Any) -> Report:
    return make_report(build_timeline(DATA, as_of=as_of), Filters(**filters))


def ids(report: Report) -> list[str]:
    return [row.id for row in report.rows]


def row_of(report: Report, event_id: str) -> Any:
    return next(row for row in report.rows if row.id == event_id)


def events_file(*events: dict[str, Any]) -> EventsFile:
    return build(
        {
            "kinds": BUNDLED_KINDS,
            "calendar": {"name": "t", "description": "d"},
            "sources": [{"id": "s", "publisher": "P", "title": "T", "published": "2017-02-16"}],
            "events": list(events),
        }
    )


def planned(target: str | None, outcome: str | None = None, event_id: str = "e") -> dict[str, Any]:
    plan: dict[str, Any] = {"wording": "soon", "announced": "2017-02-16", "source": "s"}
    if target is not None:
        plan["target"] = target
    event: dict[str, Any] = {
        "id": event_id,
        "title": "An event",
        "kind": "infrastructure",
        "cites": ["s"],
        "plans": [plan],
        "added": "2026-11-20",
        "changed": "2026-11-20",
    }
    if outcome is not None:
        event["outcome"] = {"date": outcome, "source": "s"}
    return event


def flag_on(target: str | None, as_of: date, outcome: str | None = None) -> Flag:
    report = make_report(build_timeline(events_file(planned(target, outcome)), as_of=as_of), Filters())
    return report.rows[0].status.flag


# The fixture, read on 23 November 2026 ------------------------------------------------------


def test_the_bridges_are_completed_late_by_their_slips() -> None:
    report = fixture_report()
    rail, road = row_of(report, "rail-bridge-opening"), row_of(report, "highway-bridge-opening")
    assert (rail.status.flag, rail.status.slip.words(), rail.status.slip.days) == (
        Flag.COMPLETED_LATE,
        "+3 y 11 m",
        1416,
    )
    assert (road.status.flag, road.status.slip.words()) == (Flag.COMPLETED_LATE, "+2 y 5 m")


def test_the_rail_bridge_history_reads_target_by_target_then_the_outcome() -> None:
    steps = history_steps(row_of(fixture_report(), "rail-bridge-opening"))
    assert steps == [
        "Target 2018: “in operation in 2018”, announced 16 February 2017 by China Daily",
        "Target between 18 June 2019 and 31 December 2019: “completion later this year”,"
        " announced 18 June 2019 by Xinhua",
        "Happened 16 November 2022: “16 November”, reported 18 November 2022 by SeaNews",
    ]


def test_a_plan_with_three_successive_targets_keeps_them_in_the_order_announced() -> None:
    cableway = row_of(fixture_report(), "cableway-opening")
    assert [t.wording for t in cableway.targets] == [
        "completion expected in 2021",
        "completion in the second half of 2022",
        "operation during the summer",
    ]
    assert [t.announced.text for t in cableway.targets] == ["2019-07-20", "2021-04-06", "2026-03-02"]
    text = render_text(fixture_report(flags=(Flag.UNVERIFIED,)))
    flat = " ".join(text.split())
    history = flat[flat.index("history: ") :]
    positions = [history.index(t.wording) for t in cableway.targets]
    assert positions == sorted(positions)
    assert "-> No outcome recorded" in flat
    assert "Past due, no news since 2 March 2026 · " in flat


def test_the_cableway_with_no_news_after_its_last_target_is_unverified_from_the_day_after() -> None:
    cableway = row_of(fixture_report(), "cableway-opening")
    assert cableway.status.flag is Flag.UNVERIFIED
    assert cableway.status.date.text == "2026-22"  # summer 2026, the latest target
    assert (cableway.status.overdue_since, cableway.overdue_days, cableway.past_due_for) == (
        date(2026, 9, 1),
        84,
        "3 m",
    )
    assert status_words(cableway.status) == "Past due, no news since 2 March 2026"
    assert row_of(fixture_report(date(2026, 8, 31)), "cableway-opening").status.flag is Flag.SLIPPING


def test_a_target_reached_early_is_completed_and_ahead() -> None:
    trade = row_of(fixture_report(), "trade-200bn")
    assert (trade.status.flag, trade.status.slip, trade.ahead) == (Flag.COMPLETED, None, True)
    assert status_words(trade.status) == "Completed, ahead of target"
    assert history_steps(trade)[-1].startswith("Happened November 2023: ")


def test_announced_visits_show_what_became_of_them() -> None:
    visit = row_of(fixture_report(), "khabarovsk-visit-2023")
    assert visit.status.flag is Flag.COMPLETED
    assert history_steps(visit) == [
        "Target on or after 13 April 2023: “in the near future”, announced between 13 April 2023 and"
        " 24 May 2023 by Consulate General of China in Khabarovsk",
        "Happened 24 May 2023: “Khabarovsk, 24 May”, reported 24 May 2023 by Interfax",
    ]


def test_a_cancelled_plan_says_so_with_its_source() -> None:
    fair = row_of(fixture_report(), "culture-fair-2020")
    assert fair.status.flag is Flag.CANCELLED
    assert history_steps(fair)[-1] == "Cancelled, reported 25 March 2021 by Teleport2001"
    assert fair.outcome.note == "not held because of the pandemic"


def test_a_postponed_plan_and_an_unscheduled_plan() -> None:
    report = fixture_report()
    postponed = row_of(report, "cableway-test-runs")
    assert postponed.status.flag is Flag.POSTPONED
    assert history_steps(postponed)[-1] == "Postponed, no new date, reported 2 March 2026 by Interfax"
    pumps = row_of(report, "pump-production-start")
    assert (pumps.status.flag, pumps.status.date) == (Flag.UNSCHEDULED, None)
    assert history_steps(pumps) == [
        "No target date: “when the core equipment is ready”, announced 16 February 2017 by China Daily",
        "No outcome yet",
    ]


def test_every_event_comes_in_the_order_it_happened() -> None:
    report = fixture_report()
    assert ids(report) == [
        "rail-bridge-construction-start",
        "pump-production-start",  # unscheduled: at its announcement, 16 Feb 2017
        "expo-6",
        "culture-fair-2020",
        "highway-bridge-opening",
        "rail-bridge-opening",
        "khabarovsk-visit-2023",
        "amur-business-forum-heihe",
        "expo-7",
        "trade-200bn",
        "expo-8",
        "cableway-test-runs",
        "cableway-opening",
        "expo-10",
    ]


def test_the_date_prefers_the_source_wording_beside_the_normalised_words() -> None:
    report = fixture_report()
    assert (row_of(report, "rail-bridge-opening").wording, row_of(report, "expo-6").wording) == (
        "16 November",
        None,
    )
    text = render_text(report)
    assert '  date: "16 November" (16 November 2022)\n' in text
    assert '  date: "operation during the summer" (summer 2026)\n' in text


def test_the_summary_counts_flags_and_kinds_and_lists_slips_and_overdue() -> None:
    summary = fixture_report().summary
    assert summary.total == 14
    assert summary.flags == {
        Flag.COMPLETED: 6,
        Flag.COMPLETED_LATE: 3,
        Flag.COMPLETED_PARTLY: 0,
        Flag.UPCOMING: 1,
        Flag.SLIPPING: 0,
        Flag.OVERDUE: 0,
        Flag.UNVERIFIED: 1,
        Flag.UNSCHEDULED: 1,
        Flag.CANCELLED: 1,
        Flag.POSTPONED: 1,
    }
    assert summary.kinds["expo"] == 4
    assert summary.kinds["infrastructure"] == 5
    assert list(summary.kinds) == [kind.id for kind in DATA.kinds]  # the file's kinds, in its order
    assert sum(summary.kinds.values()) == 14
    assert [row.id for row in summary.longest_slips] == [
        "rail-bridge-opening",
        "highway-bridge-opening",
        "expo-7",
    ]
    assert [row.id for row in summary.overdue] == []
    assert [row.id for row in summary.unverified] == ["cableway-opening"]
    assert [row.id for row in summary.coming_next] == ["expo-10"]


def test_a_series_reads_as_one_story_in_order() -> None:
    stories = {story.series.id: [row.id for row in story.rows] for story in fixture_report().series}
    assert stories == {
        "tongjiang-rail-bridge": ["rail-bridge-construction-start", "rail-bridge-opening"],
        "china-russia-expo": ["expo-6", "expo-7", "expo-8", "expo-10"],
        "blagoveshchensk-heihe-bridge": ["highway-bridge-opening"],
        "heihe-cableway": ["cableway-test-runs", "cableway-opening"],
    }


# Flags on their boundary days ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "as_of", "flag"),
    [
        ("2018", date(2018, 12, 31), Flag.UPCOMING),
        ("2018", date(2019, 1, 1), Flag.UNVERIFIED),  # no news after the target: unverified
        ("2019-06-15", date(2019, 6, 15), Flag.UPCOMING),
        ("2019-06-15", date(2019, 6, 16), Flag.UNVERIFIED),
        ("2026-22", date(2026, 8, 31), Flag.UPCOMING),  # summer 2026 ends on 31 August
        ("2026-22", date(2026, 9, 1), Flag.UNVERIFIED),
        ("[2019-06-18..2019-12-31]", date(2019, 12, 31), Flag.UPCOMING),
        ("[2019-06-18..2019-12-31]", date(2020, 1, 1), Flag.UNVERIFIED),
        ("[2017-03-01..]", date(2017, 8, 16), Flag.UPCOMING),  # open: due six months after its source
        ("[2017-03-01..]", date(2017, 8, 17), Flag.UNVERIFIED),
        (None, date(2099, 1, 1), Flag.UNSCHEDULED),
    ],
)
def test_a_plan_is_upcoming_through_its_targets_latest_day_and_past_due_after(
    target: str | None, as_of: date, flag: Flag
) -> None:
    assert flag_on(target, as_of) is flag


@pytest.mark.parametrize(
    ("target", "happened", "flag", "slip"),
    [
        ("2018", "2018-12-31", Flag.COMPLETED, None),
        ("2018", "2019-01-01", Flag.COMPLETED_LATE, "+1 d"),
        ("2018", "2019", Flag.COMPLETED_LATE, "+1 d"),  # measured from the outcome's earliest day
        ("2018", "2018-03", Flag.COMPLETED, None),
        ("2019-06-15", "2019-06-15", Flag.COMPLETED, None),
        ("2019-06-15", "2019-07-20", Flag.COMPLETED_LATE, "+1 m"),
    ],
)
def test_an_outcome_is_late_only_after_its_first_targets_latest_day(
    target: str, happened: str, flag: Flag, slip: str | None
) -> None:
    report = make_report(build_timeline(events_file(planned(target, happened)), as_of=AS_OF), Filters())
    row = report.rows[0]
    assert (row.status.flag, row.status.slip.words() if row.status.slip else None) == (flag, slip)


def test_the_flags_in_the_text_report_follow_the_as_of_date() -> None:
    data = events_file(planned("2018"))
    before = render_text(make_report(build_timeline(data, as_of=date(2018, 12, 31)), Filters()))
    after = render_text(make_report(build_timeline(data, as_of=date(2019, 1, 1)), Filters()), width=200)
    assert "\n  Planned · Bridge or infrastructure\n" in before
    assert "\n  Past due, no news since 16 February 2017 · Bridge or infrastructure\n" in after
    assert "past due, no news since 16 February 2017, for 1 d" in after  # the summary says how long
    assert after.index("SUMMARY") < after.index("EVENTS")  # the summary comes first


def test_news_after_the_last_day_makes_a_plan_overdue_and_the_report_says_why() -> None:
    data = events_file(
        planned("2018") | {"news": [{"date": "2024-05-10", "says": "not built yet", "source": "s"}]}
    )
    text = render_text(make_report(build_timeline(data, as_of=date(2026, 11, 28)), Filters()), width=200)
    assert "\n  Overdue since 1 January 2019 · Bridge or infrastructure\n" in text
    assert "  why: Not done by 2018: “not built yet” (P, 10 May 2024).\n" in text
    assert 'target 2018 ("soon"), overdue since 1 January 2019, for 7 y 11 m' in text


# Filters ------------------------------------------------------------------------------------


def test_filters_combine_with_and_and_values_of_one_filter_with_or() -> None:
    assert ids(fixture_report(kinds=("expo",))) == ["expo-6", "expo-7", "expo-8", "expo-10"]
    assert ids(fixture_report(kinds=("expo",), flags=(Flag.COMPLETED,))) == ["expo-6", "expo-8"]
    assert ids(fixture_report(kinds=("expo",), flags=(Flag.COMPLETED, Flag.UPCOMING))) == [
        "expo-6",
        "expo-8",
        "expo-10",
    ]
    assert ids(fixture_report(kinds=("expo", "target"), flags=(Flag.COMPLETED,), search="2")) == [
        "trade-200bn"
    ]
    assert ids(fixture_report(series=("heihe-cableway",), flags=(Flag.UNVERIFIED,))) == ["cableway-opening"]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # expo-6 lasted 15-19 June 2019: any overlap keeps it
        (date(2019, 6, 19), date(2019, 6, 30), ["expo-6"]),
        (date(2019, 6, 1), date(2019, 6, 15), ["expo-6"]),
        (date(2019, 6, 20), date(2019, 12, 31), []),
        # the cableway's target is summer 2026; the 10th expo's is all of 2027
        (date(2026, 8, 31), None, ["cableway-opening", "expo-10"]),
        (None, date(2014, 2, 26), ["rail-bridge-construction-start"]),
    ],
)
def test_a_date_range_keeps_events_whose_date_overlaps_it(
    start: date | None, end: date | None, expected: list[str]
) -> None:
    assert ids(fixture_report(start=start, end=end)) == expected


def test_a_date_range_leaves_out_plans_without_a_date() -> None:
    assert "pump-production-start" in ids(fixture_report())
    assert "pump-production-start" not in ids(fixture_report(start=date(1000, 1, 1)))


def test_an_open_date_overlaps_every_range_after_its_start() -> None:
    data = events_file(planned("[2023-05-01..]"))
    timeline = build_timeline(data, as_of=AS_OF)
    assert select(timeline, Filters(start=date(2900, 1, 1))) != []
    assert select(timeline, Filters(end=date(2023, 4, 30))) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OPENS TO TRAFFIC", ["rail-bridge-opening"]),  # title, any case
        ("iron ore", ["rail-bridge-opening"]),  # description
        ("yekaterinburg", ["expo-7"]),  # place name
        ("jewish autonomous", ["rail-bridge-opening"]),  # place region
        ("han zheng", ["expo-8"]),  # participants
        ("Border Crossing", ["highway-bridge-opening", "rail-bridge-opening"]),  # tags
        ("cross-border cableway", ["cableway-test-runs", "cableway-opening"]),  # series title
        ("no such words", []),
    ],
)
def test_search_looks_in_title_description_place_participants_tags_and_series(
    text: str, expected: list[str]
) -> None:
    assert ids(fixture_report(search=text)) == expected


def test_filters_describe_themselves_as_the_options_that_give_them() -> None:
    filters = Filters(
        flags=(Flag.OVERDUE, Flag.COMPLETED),
        kinds=("target", "expo", "expo"),
        series=("b", "a"),
        start=date(2019, 1, 1),
        end=date(2019, 12, 31),
        search="it's",
    )
    assert filters.describe() == (
        "--kind expo --kind target --flag completed --flag overdue --series a --series b "
        "--from 2019-01-01 --to 2019-12-31 --search 'it'\"'\"'s'"
    )
    assert Filters().describe() == ""
    assert Filters(search="  ").search is None


def test_an_empty_result_says_so_plainly() -> None:
    report = fixture_report(kinds=("expo",), flags=(Flag.OVERDUE,))
    assert report.rows == ()
    assert report.empty_message == "No events match: --kind expo --flag overdue"
    assert render_text(report) == (
        "sinotime report fixture: plans and outcomes as of 23 November 2026\n"
        "No events match: --kind expo --flag overdue\n"
    )
    assert "No events match: --kind expo --flag overdue" in render_markdown(report)
    assert render_csv(report).count("\r\n") == 1  # the header alone
    assert '"events": []' in render_json(report)


# Invariants ---------------------------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(st.permutations(range(len(DATA.events))))
def test_the_report_does_not_depend_on_the_order_of_events_in_the_file(order: list[int]) -> None:
    shuffled = DATA.model_copy(update={"events": tuple(DATA.events[i] for i in order)})
    a = make_report(build_timeline(DATA, as_of=AS_OF), Filters())
    b = make_report(build_timeline(shuffled, as_of=AS_OF), Filters())
    assert render_text(a) == render_text(b)
    assert render_json(a) == render_json(b)
    assert render_csv(a) == render_csv(b)
    assert render_markdown(a) == render_markdown(b)


def test_a_plan_moved_later_is_among_the_longest_slips_with_its_slip_so_far() -> None:
    """In July 2019 the rail bridge had not opened, and its target had moved from 2018 to the end
    of 2019: the summary lists that slip beside the slips of what happened late."""
    report = fixture_report(as_of=date(2019, 7, 1))
    (bridge,) = [row for row in report.summary.longest_slips if row.id == "rail-bridge-opening"]
    assert bridge.status.flag is Flag.SLIPPING
    assert slip_line(bridge) == (
        "+1 y so far against the first target (2018), now set for between 18 June 2019 and 31 December 2019"
    )
    (listed,) = [s for s in json.loads(render_json(report))["summary"]["longest_slips"] if s["so_far"]]
    assert (listed["id"], listed["slip_days"]) == ("rail-bridge-opening", 365)


def test_the_markdown_summary_names_kinds_as_the_report_does_and_leaves_out_what_is_none() -> None:
    text = render_markdown(fixture_report())
    summary = text.split("## Summary")[1].split("## Events")[0]
    assert "| Bridge or infrastructure (infrastructure) | 5 |" in summary  # the label, then --kind's value
    assert "| Overdue | 0 |" not in summary and "| Overdue |" not in summary  # as the text report: no zeros
