"""Progress toward the deadline (the straight line from the first reported value to the target
at the end of its deadline year) and the change since the previous quarter."""

import pytest

from cds_core.periods import Period
from cds_core.progress import Pace, change, expected, progress
from cds_core.targets import Comparator, Target

Q = Period.parse
GE80 = Target("X", "dvc_full_rate", Comparator.GE, 80.0, 2025, "test")
LE10 = Target("Y", "dvc_full_rate", Comparator.LE, 10.0, 2025, "test")


def test_the_line_runs_from_the_first_value_to_the_target_at_the_end_of_the_deadline_year():
    # 2024Q1 → 2025Q4 is 7 quarters; from 10% to 80% that is 10 points a quarter.
    assert expected(Q("2024Q1"), 10.0, GE80, Q("2024Q1")) == 10.0
    assert expected(Q("2024Q1"), 10.0, GE80, Q("2024Q4")) == pytest.approx(40.0)
    assert expected(Q("2024Q1"), 10.0, GE80, Q("2025Q4")) == 80.0
    assert expected(Q("2024Q1"), 10.0, GE80, Q("2026Q2")) == 80.0


def test_on_track_when_the_value_is_on_the_line():
    state = progress({Q("2024Q1"): 10.0, Q("2024Q4"): 40.0}, Q("2024Q4"), GE80)
    assert state.pace is Pace.ON_TRACK
    assert state.first == Q("2024Q1")
    assert state.expected == pytest.approx(40.0)


def test_off_track_when_the_value_is_below_the_line():
    state = progress({Q("2024Q1"): 10.0, Q("2024Q4"): 39.9}, Q("2024Q4"), GE80)
    assert state.pace is Pace.OFF_TRACK


def test_the_value_is_compared_as_shown_rounded_to_one_decimal():
    assert progress({Q("2024Q1"): 10.0, Q("2024Q4"): 39.95}, Q("2024Q4"), GE80).pace is (
        Pace.ON_TRACK
    )


def test_for_a_le_target_on_track_means_on_or_below_the_line():
    series = {Q("2024Q1"): 80.0, Q("2024Q4"): 50.0}  # line: 80 → 10 over 7 quarters: 50 at Q4
    assert progress(series, Q("2024Q4"), LE10).pace is Pace.ON_TRACK
    series[Q("2024Q4")] = 51.0
    assert progress(series, Q("2024Q4"), LE10).pace is Pace.OFF_TRACK


def test_a_met_target_is_on_track_even_below_a_line_that_starts_above_it():
    series = {Q("2024Q1"): 100.0, Q("2024Q2"): 85.0}
    assert progress(series, Q("2024Q2"), GE80).pace is Pace.ON_TRACK


def test_in_the_deadline_year_only_meeting_the_target_is_on_track():
    series = {Q("2024Q1"): 10.0, Q("2025Q4"): 79.0}
    assert progress(series, Q("2025Q4"), GE80).pace is Pace.OFF_TRACK
    series[Q("2025Q4")] = 80.0
    assert progress(series, Q("2025Q4"), GE80).pace is Pace.ON_TRACK


def test_after_the_deadline_year_short_of_the_target_says_the_deadline_passed():
    series = {Q("2024Q1"): 10.0, Q("2026Q1"): 79.0}
    assert progress(series, Q("2026Q1"), GE80).pace is Pace.PASSED
    # Even a first reported value: there is no line left to draw.
    assert progress({Q("2026Q1"): 79.0}, Q("2026Q1"), GE80).pace is Pace.PASSED
    series[Q("2026Q1")] = 80.0
    assert progress(series, Q("2026Q1"), GE80).pace is Pace.ON_TRACK


@pytest.mark.parametrize(
    ("series", "target"),
    [
        ({Q("2024Q1"): 10.0}, GE80),  # the first quarter draws no line
        ({Q("2024Q1"): 10.0, Q("2024Q2"): 30.0}, None),  # no target
        ({Q("2024Q1"): 10.0, Q("2024Q2"): None}, GE80),  # no value this quarter
    ],
)
def test_pace_is_unknown_without_a_line_a_target_or_a_value(series, target):
    assert progress(series, Q("2024Q2") if len(series) > 1 else Q("2024Q1"), target).pace is (
        Pace.UNKNOWN
    )


def test_later_quarters_do_not_count():
    series = {Q("2024Q1"): 10.0, Q("2024Q2"): 20.0, Q("2023Q4"): None}
    state = progress({**series, Q("2025Q1"): 99.0}, Q("2024Q2"), GE80)
    assert state.first == Q("2024Q1")


def test_change_is_in_points_of_the_shown_values_with_an_arrow():
    delta = change(42.35, 40.04, GE80)  # shown 42.4 and 40.0
    assert delta.points == 2.4
    assert delta.text("vi") == "↑ +2,4 điểm"
    assert delta.better is True
    assert change(40.0, 42.0, GE80).text("en") == "↓ -2.0 pts"
    assert change(40.0, 40.0, GE80).arrow == "→"


def test_down_is_better_for_a_le_target():
    assert change(8.0, 12.0, LE10).better is True
    assert change(12.0, 8.0, LE10).better is False


def test_no_change_without_the_previous_quarter():
    assert change(40.0, None, GE80) is None
    assert progress({Q("2024Q1"): 10.0, Q("2024Q3"): 30.0}, Q("2024Q3"), GE80).change is None
