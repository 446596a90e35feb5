"""Scorecards read from the database: a unit's subtree rolled up, judged against targets."""

from __future__ import annotations

from sqlmodel import Session

from cds_core import scorecard
from cds_core.periods import Period
from db.orgunits import get as get_unit
from db.rollups import rollup
from db.targets import in_force


def for_unit(session: Session, org_code: str, period: str) -> list[scorecard.Row]:
    unit = get_unit(session, org_code)
    p = Period.parse(period)
    return scorecard.build(
        rollup(session, unit, p.code),
        in_force(session),
        org_unit=unit.code,
        level=unit.level,
        year=p.year,
    )
