"""Who is late, as plain rules: each state of a unit's report, and each lateness rule (sent
after the deadline, not sent past it, a quarter not yet due, Vietnam's day at midnight)."""

from datetime import UTC, date, datetime

import pytest

from cds_core.completeness import (
    COLUMNS,
    ReportState,
    Tally,
    UnitReport,
    is_late,
    ordered,
    state_of,
)

DUE = date(2024, 7, 10)


@pytest.mark.parametrize(
    ("status", "entered", "state"),
    [
        (None, False, ReportState.MISSING),  # never touched
        ("draft", False, ReportState.MISSING),  # a workflow row, every figure since cleared
        (None, True, ReportState.DRAFT),  # only its hamlets entered figures
        ("draft", True, ReportState.DRAFT),
        ("reopened", True, ReportState.DRAFT),  # back with the unit: not sent any more
        ("submitted", True, ReportState.SUBMITTED),
        ("approved", True, ReportState.APPROVED),
    ],
)
def test_each_state_of_a_report(status, entered, state):
    assert state_of(status, entered) is state


def test_sent_after_the_deadline_is_late_and_on_its_day_is_not():
    assert is_late(datetime(2024, 7, 11, 3, 0, tzinfo=UTC), DUE, date(2025, 1, 1))
    assert not is_late(datetime(2024, 7, 10, 9, 0, tzinfo=UTC), DUE, date(2025, 1, 1))


def test_the_day_is_vietnams_not_utcs():
    # 17:30 UTC on the 10th is 00:30 on the 11th in Vietnam: a day late.
    assert is_late(datetime(2024, 7, 10, 17, 30, tzinfo=UTC), DUE, DUE)
    # A moment stored without a zone (SQLite) is UTC.
    assert not is_late(datetime(2024, 7, 10, 16, 59), DUE, DUE)


def test_not_sent_is_late_only_once_the_deadline_has_passed():
    assert not is_late(None, DUE, date(2024, 7, 1))  # the quarter is over, not yet due
    assert not is_late(None, DUE, DUE)  # the deadline's own day
    assert is_late(None, DUE, date(2024, 7, 11))


def report(code, state, late, sent_at=None):
    return UnitReport(
        code, code.title(), state, sent_at, DUE, late, state is not ReportState.MISSING
    )


def test_late_ones_come_first_the_least_advanced_first_otherwise_in_map_order():
    rows = [
        report("a", ReportState.APPROVED, False),
        report("b", ReportState.DRAFT, True),
        report("c", ReportState.SUBMITTED, True),
        report("d", ReportState.MISSING, True),
        report("e", ReportState.MISSING, False),
        report("f", ReportState.MISSING, True),
    ]
    assert [r.code for r in ordered(rows)] == ["d", "f", "b", "c", "e", "a"]


def test_the_command_lines_record_names_every_column_in_vietnams_time():
    sent = report("PHU_TAN", ReportState.SUBMITTED, True, datetime(2024, 7, 12, 2, 30))
    record = sent.as_record()
    assert tuple(record) == COLUMNS
    assert record == {"unit": "PHU_TAN", "name": "Phu_Tan", "status": "submitted",
                      "submitted_at": "2024-07-12T09:30:00+07:00", "deadline": "2024-07-10",
                      "late": "yes"}  # fmt: skip
    missing = report("PHU_DONG", ReportState.MISSING, False).as_record()
    assert (missing["submitted_at"], missing["late"]) == ("", "no")


def test_the_tally_counts_sent_with_figures_and_late():
    rows = [report("a", ReportState.APPROVED, False), report("b", ReportState.DRAFT, True),
            report("c", ReportState.MISSING, True)]  # fmt: skip
    assert Tally.of(rows) == Tally(expected=3, sent=1, with_figures=2, late=2)
