"""Where a unit's figures stand in the workflow, per quarter: every unit of the subtree that
holds figures, with its report's status (``cds_core.submissions.FiguresState``), and the newest
quarter whose figures someone has sent up (a viewer's default)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import and_, func
from sqlmodel import Session, select

from cds_core.periods import Period
from cds_core.submissions import SENT, FiguresState
from db.models import DataValue, OrgUnit, Submission
from db.orgunits import children
from db.orgunits import get as get_unit
from db.rollups import in_subtree


def _units(session: Session, unit: OrgUnit, period: str | None = None):
    """(quarter, unit path, workflow status or None) of every unit below ``unit`` (itself
    included) that holds figures: one query, a unit read once per quarter."""
    holding = select(DataValue.org_unit_id, DataValue.period).where(in_subtree(unit))
    if period is not None:
        holding = holding.where(DataValue.period == period)
    holding = holding.distinct().subquery()
    stmt = (
        select(holding.c.period, OrgUnit.path, Submission.status)
        .select_from(holding)
        .join(OrgUnit, OrgUnit.id == holding.c.org_unit_id)
        .outerjoin(
            Submission,
            and_(
                Submission.org_unit_id == holding.c.org_unit_id,
                Submission.period == holding.c.period,
            ),
        )
    )
    return session.exec(stmt).all()


def state(session: Session, org_code: str, period: str) -> FiguresState:
    """The figures of ``org_code`` and everything below it in ``period``."""
    rows = _units(session, get_unit(session, org_code), Period.parse(period).code)
    return FiguresState.of(status for _, _, status in rows)


def history(session: Session, org_code: str) -> dict[str, FiguresState]:
    """Quarter code → state, for every quarter in which the subtree holds figures."""
    statuses: dict[str, list[str | None]] = defaultdict(list)
    for period, _, status in _units(session, get_unit(session, org_code)):
        statuses[period].append(status)
    return {period: FiguresState.of(found) for period, found in statuses.items()}


def by_child(session: Session, org_code: str, period: str) -> dict[str, FiguresState]:
    """Child code → the state of that child's subtree in ``period`` (every child listed)."""
    parent = get_unit(session, org_code)
    kids = children(session, parent)
    statuses: dict[str, list[str | None]] = {k.path: [] for k in kids}
    cut = len(parent.path)
    for _, path, status in _units(session, parent, Period.parse(period).code):
        if path == parent.path:
            continue  # the parent's own figures belong to no child
        child_path = path[: path.index("/", cut) + 1]
        statuses.setdefault(child_path, []).append(status)
    return {k.code: FiguresState.of(statuses[k.path]) for k in kids}


def newest_sent(session: Session, scope_path: str | None) -> str | None:
    """The newest quarter in which a unit within ``scope_path`` (None: everywhere) submitted
    or had approved its figures; ``None`` if none has yet."""
    stmt = (
        select(func.max(Submission.period))
        .join(OrgUnit, OrgUnit.id == Submission.org_unit_id)
        .where(Submission.status.in_([s.value for s in SENT]))
    )
    if scope_path is not None:
        stmt = stmt.where(OrgUnit.path.startswith(scope_path))
    return session.exec(stmt).first()
