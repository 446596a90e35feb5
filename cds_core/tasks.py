"""The Steering Committee's decisions as plain values: a meeting's tasks (what, who — a person
or a unit —, by when, an indicator where one applies), each open, done or overdue; which of them
the next brief shows; and the checks a task must pass before it is recorded."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from cds_core.errors import CdsError
from cds_core.indicators import INDICATORS
from cds_core.periods import Period

WHAT_MAX = 500  # characters: a task is a line of the report's Phần thứ hai, not a plan
WHO_MAX = 200
CONCLUSIONS_MAX = 5000


class TaskState(StrEnum):
    OPEN = "open"
    DONE = "done"
    OVERDUE = "overdue"  # past its date and not done


def state_of(due: date, done_on: date | None, on: date) -> TaskState:
    """A task is done once marked so; else overdue from the day after its date."""
    if done_on is not None:
        return TaskState.DONE
    return TaskState.OVERDUE if on > due else TaskState.OPEN


@dataclass(frozen=True)
class Task:
    id: int
    meeting: Period  # the quarter whose meeting decided it
    what: str
    person: str  # who does it: a person, ...
    owner_unit: str | None  # ... a unit within the meeting's (its code), or both
    owner_name: str | None  # that unit's name
    due: date
    indicator: str | None
    done_on: date | None
    state: TaskState

    @property
    def who(self) -> str:
        return who_text(self.person, self.owner_name)


_RANK = {TaskState.OVERDUE: 0, TaskState.OPEN: 1, TaskState.DONE: 2}


def ordered(tasks: Iterable[Task]) -> list[Task]:
    """Overdue first, then open, then done; each by its date."""
    return sorted(tasks, key=lambda t: (_RANK[t.state], t.due, t.id))


def for_brief(tasks: Iterable[Task], period: Period) -> list[Task]:
    """The tasks a brief of ``period`` reports on: every one the last meeting (on the quarter
    before) decided, whatever its state, and any older one not done yet."""
    last = period.previous()
    return ordered(
        t
        for t in tasks
        if t.meeting == last or (t.meeting < last and t.state is not TaskState.DONE)
    )


def who_text(person: str, unit_name: str | None) -> str:
    if person and unit_name:
        return f"{person} ({unit_name})"
    return person or unit_name or ""


@dataclass(frozen=True)
class TaskInput:
    what: str
    person: str
    due: date
    indicator: str | None


def check(
    what: str, person: str, has_unit: bool, due: date | None, indicator: str | None
) -> TaskInput:
    """The task as it will be kept (trimmed), or :class:`CdsError` naming the field."""
    what, person = (what or "").strip(), (person or "").strip()
    if not what:
        raise CdsError("err_task_what")
    if len(what) > WHAT_MAX:
        raise CdsError("err_task_what_long", length=len(what), limit=WHAT_MAX)
    if len(person) > WHO_MAX:
        raise CdsError("err_task_who_long", length=len(person), limit=WHO_MAX)
    if not person and not has_unit:
        raise CdsError("err_task_who")
    if due is None:
        raise CdsError("err_task_due")
    if indicator is not None and indicator not in INDICATORS:
        raise CdsError("err_task_indicator", code=indicator)
    return TaskInput(what, person, due, indicator or None)
