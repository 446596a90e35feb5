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
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import Integer
from sqlmodel import Session, select

from cds_core import scorecard
from cds_core.indicators import INDICATORS
from cds_core.periods import Period
from db.models import DataValue, OrgUnit
from db.orgunits import children as child_units
from db.orgunits import get as get_unit
from db.rollups import fold, in_subtree, summable
from db.targets import in_force


class _strpos(FunctionElement):
    """Position of a substring (1-based, 0 if absent): ``strpos`` here, ``instr`` in SQLite."""

    type = Integer()
    inherit_cache = True


@compiles(_strpos)
def _strpos_default(element, compiler, **kw):
    return f"strpos({compiler.process(element.clauses, **kw)})"


@compiles(_strpos, "sqlite")
def _strpos_sqlite(element, compiler, **kw):
    return f"instr({compiler.process(element.clauses, **kw)})"


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
        .where(in_subtree(unit), summable())
        .group_by(DataValue.period, DataValue.element)
    )
    if elements is not None:
        stmt = stmt.where(DataValue.element.in_(list(elements)))
    out: dict[str, dict[str, float]] = {}
    for period, code, total, average in session.exec(stmt):
        value = fold(code, total, average)
        if value is not None:
            out.setdefault(period, {})[code] = value
    return {Period.parse(period): values for period, values in out.items()}


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

    One GROUP BY over (child, element). A unit below the parent belongs to the child whose path
    is its own path cut after the next "/" past the parent's ("/1/5/23/" under "/1/" → "/1/5/"):
    one pass over the parent's subtree, where joining every child to every unit by a path
    prefix would compare each pair. A child without any data is still listed ("no data").
    """
    parent = get_unit(session, parent_code)
    p = Period.parse(period)
    cut = len(parent.path)
    child_path = func.substr(
        OrgUnit.path, 1, cut + _strpos(func.substr(OrgUnit.path, cut + 1), "/")
    ).label("child_path")
    stmt = (
        select(
            child_path,
            DataValue.element,
            func.sum(DataValue.value_num),
            func.avg(DataValue.value_num),
        )
        .join(OrgUnit, OrgUnit.id == DataValue.org_unit_id)
        .where(
            in_subtree(parent),
            OrgUnit.id != parent.id,
            DataValue.period == p.code,
            summable(),
        )
        .group_by(child_path, DataValue.element)
    )
    values: dict[str, dict[str, float]] = {}
    for path, element, total, average in session.exec(stmt):
        value = fold(element, total, average)
        if value is not None:
            values.setdefault(path, {})[element] = value
    targets = in_force(session)
    return [
        Child(
            u.code,
            u.name,
            u.level,
            scorecard.build(
                values.get(u.path, {}), targets, org_unit=u.code, level=u.level, year=p.year
            ),
        )
        for u in child_units(session, parent)
    ]
