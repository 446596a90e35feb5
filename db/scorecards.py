"""Scorecards read from the database: a unit's figure (its members then, across moves and
mergers) rolled up, judged against the targets of its year, with each indicator's coverage."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlmodel import Session

from cds_core import scorecard
from cds_core.periods import Period
from cds_core.targets import Target
from db.models import OrgUnit
from db.orgunits import get as get_unit
from db.rollups import expected, indicator_sums
from db.targets import in_force


def for_unit(session: Session, org_code: str, period: str) -> list[scorecard.Row]:
    unit = get_unit(session, org_code)
    p = Period.parse(period)
    return cards(session, [unit], p)[unit.id]


def cards(
    session: Session, units: Sequence[OrgUnit], period: Period
) -> dict[int, list[scorecard.Row]]:
    """The scorecard of each unit in one quarter (two statements for all of them)."""
    ids = [u.id for u in units]
    sums = indicator_sums(session, ids, period.code)
    counts = expected(session, ids, [period.code])
    targets = in_force(session)
    return {u.id: _rows(u, period, sums, counts, targets) for u in units}


def over_time(
    session: Session, unit: OrgUnit, indicators: Collection[str] | None = None
) -> dict[Period, list[scorecard.Row]]:
    """The unit's scorecard in every quarter that holds data for it, oldest first."""
    sums = indicator_sums(session, [unit.id], indicators=indicators)
    periods = sorted({p for _, p in sums})
    counts = expected(session, [unit.id], periods)
    targets = in_force(session)
    return {Period.parse(p): _rows(unit, Period.parse(p), sums, counts, targets) for p in periods}


def _rows(unit: OrgUnit, period: Period, sums, counts, targets: list[Target]):
    key = (unit.id, period.code)
    exp = counts.get(key)
    return scorecard.build_rollup(
        sums.get(key, {}),
        exp.by_level if exp else {},
        targets,
        org_unit=unit.code,
        level=unit.level,
        year=period.year,
        comparable=exp.comparable if exp else True,
        mixed=exp.mixed if exp else (),
    )
