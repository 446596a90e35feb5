"""The committee's tasks as plain rules: open, done or overdue; which tasks a brief reports on;
what a task must say before it is recorded."""

from datetime import date

import pytest

from cds_core.errors import CdsError
from cds_core.periods import Period
from cds_core.tasks import WHAT_MAX, Task, TaskState, check, for_brief, ordered, state_of

DUE = date(2024, 9, 30)


def test_a_task_is_open_until_its_date_overdue_after_it_and_done_once_marked():
    assert state_of(DUE, None, date(2024, 7, 1)) is TaskState.OPEN
    assert state_of(DUE, None, DUE) is TaskState.OPEN
    assert state_of(DUE, None, date(2024, 10, 1)) is TaskState.OVERDUE
    assert state_of(DUE, date(2024, 10, 5), date(2025, 1, 1)) is TaskState.DONE


def task(id_, meeting, state, due=DUE, person="Văn phòng", unit=None):
    return Task(id_, Period.parse(meeting), f"Việc {id_}", person, unit and unit[0],
                unit and unit[1], due, None, None, state)  # fmt: skip


def test_the_brief_shows_the_last_meetings_tasks_and_older_ones_not_done():
    tasks = [
        task(1, "2024Q1", TaskState.DONE),  # the last meeting's, done: still reported
        task(2, "2024Q1", TaskState.OPEN),
        task(3, "2023Q4", TaskState.OVERDUE),  # older, not done: carried
        task(4, "2023Q4", TaskState.DONE),  # older and done: no longer
        task(5, "2024Q2", TaskState.OPEN),  # this quarter's meeting comes after the brief
    ]
    assert [t.id for t in for_brief(tasks, Period.parse("2024Q2"))] == [3, 2, 1]


def test_overdue_first_then_open_then_done_each_by_its_date():
    rows = [task(1, "2024Q1", TaskState.DONE), task(2, "2024Q1", TaskState.OPEN, date(2024, 8, 1)),
            task(3, "2024Q1", TaskState.OPEN, date(2024, 7, 1)),
            task(4, "2024Q1", TaskState.OVERDUE)]  # fmt: skip
    assert [t.id for t in ordered(rows)] == [4, 3, 2, 1]


def test_who_is_the_person_the_unit_or_both():
    assert task(1, "2024Q1", TaskState.OPEN).who == "Văn phòng"
    assert task(1, "2024Q1", TaskState.OPEN, person="", unit=("AP1", "Ấp 1")).who == "Ấp 1"
    assert task(1, "2024Q1", TaskState.OPEN, person="Ông A", unit=("AP1", "Ấp 1")).who == (
        "Ông A (Ấp 1)"
    )


@pytest.mark.parametrize(
    ("what", "person", "has_unit", "due", "indicator", "key"),
    [
        ("  ", "Ông A", False, DUE, None, "err_task_what"),
        ("x" * (WHAT_MAX + 1), "Ông A", False, DUE, None, "err_task_what_long"),
        ("Tập huấn", "", False, DUE, None, "err_task_who"),
        ("Tập huấn", "y" * 201, False, DUE, None, "err_task_who_long"),
        ("Tập huấn", "Ông A", False, None, None, "err_task_due"),
        ("Tập huấn", "Ông A", False, DUE, "no_such_rate", "err_task_indicator"),
    ],
)
def test_a_task_that_does_not_say_what_who_or_when_is_refused_naming_the_field(
    what, person, has_unit, due, indicator, key
):
    with pytest.raises(CdsError) as info:
        check(what, person, has_unit, due, indicator)
    assert info.value.key == key


def test_a_task_is_kept_trimmed_and_a_unit_alone_says_who():
    kept = check("  Tập huấn DVC  ", "", True, DUE, "dvc_full_rate")
    assert (kept.what, kept.person, kept.indicator) == ("Tập huấn DVC", "", "dvc_full_rate")
