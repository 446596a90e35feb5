"""The Steering Committee's decisions in the database: for a unit's quarter, its meeting's
conclusions and tasks; marking a task done; the tasks a brief reports on; and the report's
Phần thứ hai written from the open tasks.

Editors and administrators whose scope holds the unit write (checked here, in the write path);
everyone whose scope holds it reads. Every change is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from cds_core import tasks as rules
from cds_core.completeness import today as today_in_vietnam
from cds_core.errors import CdsError
from cds_core.periods import Period
from cds_core.roles import Role
from cds_core.tasks import Task
from db import audit, values
from db.errors import NotFound, PermissionDenied
from db.models import Meeting, MeetingTask, OrgUnit, utcnow
from db.orgmap import reach
from db.orgunits import all_units, get_visible
from db.orgunits import get as get_unit
from db.permissions import Actor, in_scope
from texts import t

PART_TWO = "nar_next_quarter"  # the report's Phần thứ hai: next quarter's tasks
SECRETARIES = (Role.ADMIN, Role.EDITOR)


def _writable(session: Session, actor: Actor, org_code: str, period: str) -> OrgUnit:
    unit = get_unit(session, org_code)
    if actor.role not in SECRETARIES or not in_scope(actor, unit):
        raise PermissionDenied("err_perm_tasks", org=unit.code)
    values.check_in_force(unit, Period.parse(period))
    return unit


def may_write(actor: Actor, unit_code: str) -> bool:
    return actor.role in SECRETARIES and (actor.is_admin or unit_code in actor.reach)


def _meeting(session: Session, unit: OrgUnit, period: str, *, create: bool) -> Meeting | None:
    row = session.exec(
        select(Meeting).where(Meeting.org_unit_id == unit.id, Meeting.period == period)
    ).first()
    if row is None and create:
        row = Meeting(org_unit_id=unit.id, period=period)
        session.add(row)
        session.flush()
    return row


@dataclass(frozen=True)
class MeetingRecord:
    """One meeting as pages and the brief read it."""

    unit: str
    period: Period
    held_on: date | None
    conclusions: str
    tasks: tuple[Task, ...]


def save_conclusions(
    session: Session,
    *,
    actor: Actor,
    org_code: str,
    period: str,
    text: str,
    held_on: date | None = None,
) -> None:
    period = Period.parse(period).code
    unit = _writable(session, actor, org_code, period)
    text = (text or "").strip()
    if len(text) > rules.CONCLUSIONS_MAX:
        raise CdsError("err_conclusions_too_long", length=len(text), limit=rules.CONCLUSIONS_MAX)
    meeting = _meeting(session, unit, period, create=True)
    if (meeting.conclusions, meeting.held_on) == (text, held_on):
        return
    old = meeting.conclusions
    meeting.conclusions, meeting.held_on = text, held_on
    meeting.updated_by, meeting.updated_at = actor.username, utcnow()
    session.add(meeting)
    audit.record(session, actor=actor, action="meeting_conclusions", org_unit=unit.code,
                 period=period, old_value=old, new_value=text,
                 reason=held_on.isoformat() if held_on else "")  # fmt: skip
    session.flush()


def _owner_unit(session: Session, unit: OrgUnit, code: str | None) -> OrgUnit | None:
    """The unit a task is given to: the meeting's unit or one within it (at any time)."""
    if not code:
        return None
    owner = session.exec(select(OrgUnit).where(OrgUnit.code == code)).first()
    if owner is None or owner.code not in reach(session, unit.id):
        raise CdsError("err_task_owner_unit", code=code)
    return owner


def add_task(
    session: Session,
    *,
    actor: Actor,
    org_code: str,
    period: str,
    what: str,
    due: date | None,
    person: str = "",
    owner_unit: str | None = None,
    indicator: str | None = None,
) -> int:
    """Record a task decided at the meeting on ``org_code``'s ``period``; its id."""
    period = Period.parse(period).code
    unit = _writable(session, actor, org_code, period)
    owner = _owner_unit(session, unit, owner_unit)
    task = rules.check(what, person, owner is not None, due, indicator)
    meeting = _meeting(session, unit, period, create=True)
    row = MeetingTask(meeting_id=meeting.id, what=task.what, person=task.person,
                      owner_unit_id=owner.id if owner else None, due=task.due,
                      indicator=task.indicator, created_by=actor.username,
                      updated_by=actor.username)  # fmt: skip
    session.add(row)
    session.flush()
    _audit(session, actor, "task_add", unit, period, row, old=None)
    return row.id


def _task(session: Session, actor: Actor, task_id: int) -> tuple[MeetingTask, OrgUnit, str]:
    row = session.get(MeetingTask, task_id)
    meeting = session.get(Meeting, row.meeting_id) if row else None
    unit = session.get(OrgUnit, meeting.org_unit_id) if meeting else None
    if row is None or unit is None:
        raise NotFound("err_task_not_found", id=task_id)
    _writable(session, actor, unit.code, meeting.period)
    return row, unit, meeting.period


def update_task(
    session: Session,
    *,
    actor: Actor,
    task_id: int,
    what: str,
    due: date | None,
    person: str = "",
    owner_unit: str | None = None,
    indicator: str | None = None,
) -> None:
    row, unit, period = _task(session, actor, task_id)
    owner = _owner_unit(session, unit, owner_unit)
    task = rules.check(what, person, owner is not None, due, indicator)
    old = _summary(session, row)
    row.what, row.person, row.due, row.indicator = task.what, task.person, task.due, task.indicator
    row.owner_unit_id = owner.id if owner else None
    row.updated_by, row.updated_at = actor.username, utcnow()
    session.add(row)
    session.flush()
    _audit(session, actor, "task_edit", unit, period, row, old=old)


def set_done(session: Session, *, actor: Actor, task_id: int, done_on: date | None) -> None:
    """Mark a task done on ``done_on``, or (``None``) open again."""
    row, unit, period = _task(session, actor, task_id)
    if row.done_on == done_on:
        return
    old = _summary(session, row)
    row.done_on = done_on
    row.updated_by, row.updated_at = actor.username, utcnow()
    session.add(row)
    session.flush()
    _audit(session, actor, "task_done" if done_on else "task_reopen", unit, period, row, old=old)


def _summary(session: Session, row: MeetingTask) -> str:
    """The task in one line of the audit log, as people read it."""
    owner = session.get(OrgUnit, row.owner_unit_id) if row.owner_unit_id else None
    parts = [row.what, rules.who_text(row.person, owner.name if owner else None),
             row.due.isoformat(), row.indicator or "",
             row.done_on.isoformat() if row.done_on else ""]  # fmt: skip
    return " | ".join(parts)


def _audit(session, actor, action, unit, period, row, *, old) -> None:
    audit.record(session, actor=actor, action=action, org_unit=unit.code, period=period,
                 element=f"task:{row.id}", old_value=old,
                 new_value=_summary(session, row))  # fmt: skip


# -- reading -------------------------------------------------------------------------------


def units_within(session: Session, unit: OrgUnit) -> list[tuple[str, str]]:
    """(code, name) of the units a task of ``unit``'s meeting may be given to: itself and the
    units within it (at any time), in tree order."""
    within = reach(session, unit.id)
    return [(u.code, u.name) for u in all_units(session) if u.code in within]


def _tasks(session: Session, unit: OrgUnit, on: date, period: str | None = None) -> list[Task]:
    """Every task of ``unit``'s meetings (of ``period``'s alone, when given)."""
    stmt = (
        select(MeetingTask, Meeting.period, OrgUnit.code, OrgUnit.name)
        .join(Meeting, Meeting.id == MeetingTask.meeting_id)
        .outerjoin(OrgUnit, OrgUnit.id == MeetingTask.owner_unit_id)
        .where(Meeting.org_unit_id == unit.id)
    )
    if period is not None:
        stmt = stmt.where(Meeting.period == period)
    return [
        Task(row.id, Period.parse(quarter), row.what, row.person, code, name, row.due,
             row.indicator, row.done_on, rules.state_of(row.due, row.done_on, on))
        for row, quarter, code, name in session.exec(stmt)
    ]  # fmt: skip


def meeting(
    session: Session, actor: Actor, org_code: str, period: str, *, on: date | None = None
) -> MeetingRecord:
    """The meeting on ``org_code``'s ``period`` (empty if none was recorded)."""
    unit = get_visible(session, actor, org_code)
    quarter = Period.parse(period)
    row = _meeting(session, unit, quarter.code, create=False)
    tasks = _tasks(session, unit, on or today_in_vietnam(), quarter.code)
    return MeetingRecord(unit.code, quarter, row.held_on if row else None,
                         row.conclusions if row else "", tuple(rules.ordered(tasks)))  # fmt: skip


def for_brief(
    session: Session, actor: Actor, org_code: str, period: str, *, on: date | None = None
) -> list[Task]:
    """The tasks the brief of ``period`` reports on (see ``cds_core.tasks.for_brief``)."""
    unit = get_visible(session, actor, org_code)
    return rules.for_brief(_tasks(session, unit, on or today_in_vietnam()), Period.parse(period))


def open_tasks(
    session: Session, actor: Actor, org_code: str, period: str, *, on: date | None = None
) -> list[Task]:
    """Tasks of meetings up to ``period`` not done yet: what the next quarter must do."""
    unit = get_visible(session, actor, org_code)
    quarter = Period.parse(period)
    return rules.ordered(
        task for task in _tasks(session, unit, on or today_in_vietnam())
        if task.meeting <= quarter and task.state is not rules.TaskState.DONE
    )  # fmt: skip


def part_two(tasks: list[Task]) -> str:
    """The report's Phần thứ hai from ``tasks``: a line each, in the report's language."""
    return "\n\n".join(
        t("task_part_two_line", "vi", what=task.what.rstrip("."), who=task.who,
          due=task.due.strftime("%d/%m/%Y"))
        for task in tasks
    )  # fmt: skip


def fill_part_two(
    session: Session, *, actor: Actor, org_code: str, period: str, on: date | None = None
) -> str:
    """Write the open tasks into ``period``'s report as its Phần thứ hai (the unit's figures:
    the write is checked, audited and refused on an approved quarter like any other)."""
    _writable(session, actor, org_code, period)
    text = part_two(open_tasks(session, actor, org_code, period, on=on))
    if not text:
        raise CdsError("err_task_none_open")
    values.save(session, actor=actor, org_code=org_code, period=period,
                entries={PART_TWO: text}, reason=t("task_part_two_reason", "vi"))  # fmt: skip
    return text
