"""Rollups: the figures of a unit and everything below it for one quarter, in one GROUP BY.

Counts add up and rates are recomputed from the sums, never averaged (catalogue.md section 8).
"""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from cds_core.catalogue import LARGEST, VALUE_CODES, Kind
from db.models import DataValue, OrgUnit

# Read once per result row of every rollup: plain sets, not a catalogue lookup each time.
_AVERAGED = frozenset(c for c, vc in VALUE_CODES.items() if vc.kind is Kind.PCT)
_SUMMED = frozenset(c for c, vc in VALUE_CODES.items() if vc.kind not in (Kind.PCT, Kind.TEXT))


def fold(code: str, total: float, average: float) -> float | None:
    """The value of ``code`` over several units, from its SQL ``SUM`` and ``AVG``.

    Counts and numbers add up (a rate is then the sum of numerators over the sum of
    denominators, never an average of rates); a ``pct`` element has no counts to add, so it
    takes the plain average of the units that reported it. Text has no rollup (``None``).
    """
    if code in _AVERAGED:
        return float(average)
    return float(total) if code in _SUMMED else None


def summable():
    """The numbers a rollup adds up. A value no catalogue element allows (stored before the
    bounds; migration 0005 lists it for correction) counts as no figure: a sum of two such
    values overflows (PostgreSQL refuses it, SQLite gives infinity) for every page above them.
    """
    return DataValue.value_num.between(0, LARGEST)


def in_subtree(unit: OrgUnit):
    """``DataValue`` rows of ``unit`` and everything below it.

    Written as ``org_unit_id IN (ids under the path)`` so that both databases walk the few
    units of the subtree and read each one's quarter through the (unit, period, element) key,
    instead of scanning a whole quarter of every unit.
    """
    below = select(OrgUnit.id).where(OrgUnit.path.startswith(unit.path))
    return DataValue.org_unit_id.in_(below.scalar_subquery())


def rollup(session: Session, unit: OrgUnit, period: str) -> dict[str, float]:
    """Numeric values of ``unit`` and everything below it, in one GROUP BY (see :func:`fold`)."""
    stmt = (
        select(DataValue.element, func.sum(DataValue.value_num), func.avg(DataValue.value_num))
        .where(in_subtree(unit), DataValue.period == period, summable())
        .group_by(DataValue.element)
    )
    out: dict[str, float] = {}
    for code, total, average in session.exec(stmt):
        value = fold(code, total, average)
        if value is not None:
            out[code] = value
    return out
