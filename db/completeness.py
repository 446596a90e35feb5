"""Who has reported a quarter to a parent unit, read from the database: every unit that should
(the map's ``parts``: children in force at the quarter's end, or a merged unit's predecessors),
its report's state, its first submission, the deadline and whether it is late, in a few queries
for all of them (see ``cds_core.completeness``)."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, select

from cds_core.completeness import UnitReport, is_late, ordered, state_of
from cds_core.completeness import today as today_in_vietnam
from cds_core.periods import Period
from cds_core.submissions import SubmissionStatus
from db.models import AuditEvent, DataValue, OrgUnitMember, Submission
from db.orgmap import parts
from db.orgunits import get as get_unit
from db.workflow import deadline


def for_parent(
    session: Session,
    org_code: str,
    period: str,
    *,
    on: date | None = None,
    deadline_days: int | None = None,
) -> list[UnitReport]:
    """The units that should report ``period`` to ``org_code``, late ones first, judged on day
    ``on`` (today in Vietnam by default); empty when no unit reports to it."""
    quarter = Period.parse(period)
    units = parts(session, get_unit(session, org_code), quarter)
    if not units:
        return []
    period = quarter.code
    due = deadline(period, deadline_days)
    day = on or today_in_vietnam()
    ids = [u.id for u in units]
    with_figures = _with_figures(session, ids, period)
    subs = {
        s.org_unit_id: s
        for s in session.exec(
            select(Submission).where(Submission.period == period, Submission.org_unit_id.in_(ids))
        )
    }
    first_sent = _first_submissions(session, [u.code for u in units], period)
    out = []
    for unit in units:
        sub = subs.get(unit.id)
        entered = unit.id in with_figures or (sub is not None and sub.version > 0)
        state = state_of(sub.status if sub else None, entered)
        sent = first_sent.get(unit.code)
        out.append(UnitReport(unit.code, unit.name, state, sent, due, is_late(sent, due, day),
                              unit.id in with_figures))  # fmt: skip
    return ordered(out)


def _with_figures(session: Session, ids: list[int], period: str) -> set[int]:
    """Which of ``ids`` hold a value counted in their figure for ``period`` (their own or a
    unit's below them): the same units the coverage beside the rolled-up figures counts."""
    return set(
        session.exec(
            select(OrgUnitMember.ancestor_id)
            .join(DataValue, DataValue.org_unit_id == OrgUnitMember.member_id)
            .where(
                OrgUnitMember.ancestor_id.in_(ids),
                OrgUnitMember.comparable.is_(True),
                OrgUnitMember.first_period <= period,
                OrgUnitMember.last_period >= period,
                DataValue.period == period,
            )
            .distinct()
        )
    )


def _first_submissions(session: Session, codes: list[str], period: str) -> dict[str, datetime]:
    """When each unit first sent its report for ``period`` (the audit log's first step)."""
    stmt = (
        select(AuditEvent.org_unit, AuditEvent.at)
        .where(
            AuditEvent.period == period,
            AuditEvent.action == f"status_{SubmissionStatus.SUBMITTED}",
            AuditEvent.org_unit.in_(codes),
        )
        .order_by(AuditEvent.at)
    )
    first: dict[str, datetime] = {}
    for code, at in session.exec(stmt):
        first.setdefault(code, at)
    return first
