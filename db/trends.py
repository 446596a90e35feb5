"""Rollups across quarters and across child units, each in one GROUP BY.

``history`` gives a unit's subtree per quarter (for trends, change and pace); ``children``
gives each child's subtree in one quarter (for the comparison heatmap and ranking). Both add
counts up the tree, so a parent's rate is the sum of numerators over the sum of denominators,
never an average of its children's rates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from cds_core import scorecard
from cds_core.catalogue import VALUE_CODES, Kind
from cds_core.indicators import INDICATORS
from cds_core.periods import Period
from db.models import DataValue, OrgUnit
from db.orgunits import children as child_units
from db.orgunits import get as get_unit
from db.targets import in_force


def _fold(code: str, total: float, average: float) -> float | None:
    """A summed value; a ``pct`` element has no counts to add, so it takes the plain average
    (the rule of ``db.values.rollup``)."""
    vc = VALUE_CODES.get(code)
    if vc is None or vc.kind is Kind.TEXT:
        return None
    return float(average if vc.kind is Kind.PCT else total)


def by_quarter(
    session: Session, unit: OrgUnit, elements: Iterable[str] | None = None
) -> dict[Period, dict[str, float]]:
    """Quarter → element → value of ``unit``'s subtree, every quarter that holds data."""
    stmt = (
        select(
            DataValue.period,
            DataValue.element,
            func.sum(DataValue.value_num),
            func.avg(DataValue.value_num),
        )
        .join(OrgUnit, OrgUnit.id == DataValue.org_unit_id)
        .where(OrgUnit.path.startswith(unit.path), DataValue.value_num.is_not(None))
        .group_by(DataValue.period, DataValue.element)
    )
    if elements is not None:
        stmt = stmt.where(DataValue.element.in_(list(elements)))
    out: dict[Period, dict[str, float]] = {}
    for period, code, total, average in session.exec(stmt):
        value = _fold(code, total, average)
        if value is not None:
            out.setdefault(Period.parse(period), {})[code] = value
    return out


def history(
    session: Session, org_code: str, indicator: str | None = None
) -> dict[Period, list[scorecard.Row]]:
    """Scorecard rows of every quarter with data, oldest first, each judged against the targets
    in force in its year; only ``indicator``'s row (and its elements' query) when one is named."""
    unit = get_unit(session, org_code)
    elements = INDICATORS[indicator].elements if indicator else None
    targets = in_force(session)
    out = {}
    for period, values in sorted(by_quarter(session, unit, elements).items()):
        rows = scorecard.build(
            values, targets, org_unit=unit.code, level=unit.level, year=period.year
        )
        out[period] = [r for r in rows if indicator is None or r.indicator == indicator]
    return out


def rates(history_rows: dict[Period, list[scorecard.Row]], indicator: str) -> dict[Period, float]:
    """One indicator's rate per quarter, from :func:`history`; quarters without one left out."""
    out = {}
    for period, rows in history_rows.items():
        row = next(r for r in rows if r.indicator == indicator)
        if row.value.rate is not None:
            out[period] = row.value.rate
    return out


@dataclass(frozen=True)
class Child:
    code: str
    name: str
    level: str
    rows: list[scorecard.Row]


def children(session: Session, parent_code: str, period: str) -> list[Child]:
    """Each child unit of ``parent_code`` with its subtree's scorecard for ``period``.

    One GROUP BY over (child, element): every data value joins the child whose path prefixes
    its unit's path. A child without any data is still listed (its rows say "no data").
    """
    parent = get_unit(session, parent_code)
    p = Period.parse(period)
    child, below = aliased(OrgUnit), aliased(OrgUnit)
    stmt = (
        select(
            child.code,
            DataValue.element,
            func.sum(DataValue.value_num),
            func.avg(DataValue.value_num),
        )
        .select_from(child)
        .join(below, below.path.startswith(child.path))
        .join(DataValue, DataValue.org_unit_id == below.id)
        .where(
            child.parent_id == parent.id,
            DataValue.period == p.code,
            DataValue.value_num.is_not(None),
        )
        .group_by(child.code, DataValue.element)
    )
    values: dict[str, dict[str, float]] = {}
    for code, element, total, average in session.exec(stmt):
        value = _fold(element, total, average)
        if value is not None:
            values.setdefault(code, {})[element] = value
    targets = in_force(session)
    return [
        Child(
            u.code,
            u.name,
            u.level,
            scorecard.build(
                values.get(u.code, {}), targets, org_unit=u.code, level=u.level, year=p.year
            ),
        )
        for u in child_units(session, parent)
    ]
