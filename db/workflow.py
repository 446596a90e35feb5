"""The quarterly workflow: draft → submitted → approved (→ reopened), and who submitted when.

Submitting needs a form without rule errors and with every warning explained (a comment this
quarter, or last quarter's on the same figures); approving
and reopening belong to an editor or admin of the parent unit. Every step is audited, and
the audit log is where "when was it submitted" is read from.
"""

from __future__ import annotations

import os
from datetime import date, timedelta

from sqlmodel import Session

from cds_core.errors import CdsError
from cds_core.periods import Period
from cds_core.roles import WRITERS, Role
from cds_core.rules import Violation, check, unexplained
from cds_core.submissions import SubmissionStatus
from db import audit, oplog
from db.errors import PermissionDenied
from db.models import OrgUnit, utcnow
from db.orgunits import get as get_unit
from db.permissions import Actor, in_scope
from db.values import submission, unit_values

DRAFT, SUBMITTED, APPROVED, REOPENED = SubmissionStatus
DEFAULT_DEADLINE_DAYS = 10
STEPS = {SUBMITTED: "submit", APPROVED: "approve", REOPENED: "reopen"}  # the log's event names


def deadline(period: str, days: int | None = None) -> date:
    """Reports are due ``days`` after the quarter ends (``CDS_DEADLINE_DAYS``, default 10)."""
    if days is None:
        days = int(os.environ.get("CDS_DEADLINE_DAYS", DEFAULT_DEADLINE_DAYS))
    return Period.parse(period).last_day + timedelta(days=days)


def open_problems(session: Session, unit: OrgUnit, period: str) -> list[Violation]:
    """Rule errors, and warnings nobody explained (this quarter, or last quarter on the same
    figures): what blocks submitting."""
    cells = unit_values(session, unit, period)
    previous = unit_values(session, unit, Period.parse(period).previous().code)
    values = {code: cell.value for code, cell in cells.items()}
    before = {code: cell.value for code, cell in previous.items()}
    history = [before] if previous else []
    return unexplained(
        check(values, history),
        values,
        {code: cell.comment for code, cell in cells.items()},
        before,
        {code: cell.comment for code, cell in previous.items()},
    )


def _check_editor(actor: Actor, unit: OrgUnit) -> None:
    if actor.role not in WRITERS or not in_scope(actor, unit):
        raise PermissionDenied("err_perm_scope", org=unit.code)
    if actor.role == Role.HAMLET_EDITOR and unit.code != actor.scope:
        raise PermissionDenied("err_perm_scope", org=unit.code)


def _check_approver(actor: Actor, unit: OrgUnit) -> None:
    """An admin, or an editor whose scope holds the unit's parent (not the unit alone)."""
    if actor.is_admin:
        return
    if actor.role != Role.EDITOR or actor.scope in (None, unit.code):
        raise PermissionDenied("err_perm_approve", org=unit.code)
    if not in_scope(actor, unit):
        raise PermissionDenied("err_perm_approve", org=unit.code)


def can_approve(actor: Actor, unit: OrgUnit) -> bool:
    try:
        _check_approver(actor, unit)
    except PermissionDenied:
        return False
    return True


def _move(session: Session, actor: Actor, unit: OrgUnit, period: str, to: str, reason: str):
    sub = submission(session, unit, period)
    before = sub.status
    sub.status, sub.updated_by, sub.updated_at = to, actor.username, utcnow()
    session.add(sub)
    audit.record(
        session,
        actor=actor,
        action=f"status_{to}",
        org_unit=unit.code,
        period=period,
        version=sub.version,
        old_value=before,
        new_value=to,
        reason=reason,
    )
    session.flush()
    oplog.on_commit(session, STEPS[to], user=actor.username, org=unit.code, period=period,
                    status=to, previous=before, version=sub.version)  # fmt: skip
    return sub


def submit(session: Session, *, actor: Actor, org_code: str, period: str) -> None:
    unit = get_unit(session, org_code)
    period = Period.parse(period).code
    _check_editor(actor, unit)
    sub = submission(session, unit, period)
    if sub.status not in (DRAFT, REOPENED):
        raise CdsError("err_wf_state", status=sub.status)
    if sub.version == 0:
        raise CdsError("err_wf_empty")
    problems = open_problems(session, unit, period)
    if problems:
        raise CdsError("err_wf_problems", count=len(problems))
    _move(session, actor, unit, period, SUBMITTED, "")


def approve(session: Session, *, actor: Actor, org_code: str, period: str) -> None:
    unit = get_unit(session, org_code)
    period = Period.parse(period).code
    _check_approver(actor, unit)
    if submission(session, unit, period).status != SUBMITTED:
        raise CdsError("err_wf_not_submitted")
    _move(session, actor, unit, period, APPROVED, "")


def reopen(session: Session, *, actor: Actor, org_code: str, period: str, reason: str) -> None:
    unit = get_unit(session, org_code)
    period = Period.parse(period).code
    _check_approver(actor, unit)
    if not reason.strip():
        raise CdsError("err_wf_reason")
    if submission(session, unit, period).status not in (SUBMITTED, APPROVED):
        raise CdsError("err_wf_state", status=submission(session, unit, period).status)
    _move(session, actor, unit, period, REOPENED, reason.strip())
