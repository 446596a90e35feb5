"""Where a unit's figures stand in the workflow, per quarter: every unit of the subtree that
holds figures, with its report's status (``cds_core.submissions.FiguresState``), and the newest
quarter whose figures someone has sent up (a viewer's default)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import and_, func
from sqlmodel import Session, select

from cds_core.periods import Period
from cds_core.submissions import SENT, FiguresState
from db.models import DataValue, OrgUnit, OrgUnitMember, Submission
from db.orgmap import parts
from db.orgunits import get as get_unit

M = OrgUnitMember


def _units(session: Session, ancestor_ids: list[int], period: str | None = None):
    """(ancestor id, quarter, workflow status or None) of every unit that holds figures counted
    in one of ``ancestor_ids`` (itself included, across moves and mergers), once per quarter:
    one query."""
    holding = (
        select(M.ancestor_id, DataValue.period, DataValue.org_unit_id)
        .join(
            M,
            and_(
                M.member_id == DataValue.org_unit_id,
                DataValue.period >= M.first_period,
                DataValue.period <= M.last_period,
            ),
        )
        .where(M.ancestor_id.in_(ancestor_ids), M.comparable.is_(True))
    )
    if period is not None:
        holding = holding.where(DataValue.period == period)
    holding = holding.distinct().subquery()
    stmt = (
        select(holding.c.ancestor_id, holding.c.period, Submission.status)
        .select_from(holding)
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
    """The figures counted in ``org_code``'s figure for ``period``: its subtree then, or its
    predecessors' before it existed."""
    unit = get_unit(session, org_code)
    rows = _units(session, [unit.id], Period.parse(period).code)
    return FiguresState.of(status for _, _, status in rows)


def history(session: Session, org_code: str) -> dict[str, FiguresState]:
    """Quarter code → state, for every quarter in which the unit's figure holds figures."""
    statuses: dict[str, list[str | None]] = defaultdict(list)
    for _, period, status in _units(session, [get_unit(session, org_code).id]):
        statuses[period].append(status)
    return {period: FiguresState.of(found) for period, found in statuses.items()}


def by_child(session: Session, org_code: str, period: str) -> dict[str, FiguresState]:
    """Code → the state in ``period`` of each unit that made up ``org_code``'s figure then
    (its children, or its predecessors before it existed); every such unit listed."""
    quarter = Period.parse(period)
    kids = parts(session, get_unit(session, org_code), quarter)
    statuses: dict[int, list[str | None]] = {k.id: [] for k in kids}
    for ancestor, _, status in _units(session, list(statuses), quarter.code):
        statuses[ancestor].append(status)
    return {k.code: FiguresState.of(statuses[k.id]) for k in kids}


def newest_sent(session: Session, scope: frozenset[str] | None) -> str | None:
    """The newest quarter in which a unit within ``scope`` (codes; None: everywhere) submitted
    or had approved its figures; ``None`` if none has yet."""
    stmt = (
        select(func.max(Submission.period))
        .join(OrgUnit, OrgUnit.id == Submission.org_unit_id)
        .where(Submission.status.in_([s.value for s in SENT]))
    )
    if scope is not None:
        stmt = stmt.where(OrgUnit.code.in_(scope))
    return session.exec(stmt).first()
