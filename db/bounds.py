"""Stored values outside the catalogue's plausible bounds (``Element.maximum``): values saved
before the bounds existed, found so that someone can correct them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, or_, select

from cds_core.catalogue import VALUE_CODES
from db.models import DataValue, OrgUnit


@dataclass(frozen=True)
class OutOfBounds:
    org_unit: str
    period: str
    element: str
    value: float
    maximum: float


def out_of_bounds(connection: Connection) -> list[OutOfBounds]:
    """Every stored number below 0 or above its element's maximum (infinity included), one
    query per maximum, by unit, quarter and element."""
    by_limit: dict[float, list[str]] = {}
    for code, vc in VALUE_CODES.items():
        if vc.element.maximum is not None:
            by_limit.setdefault(vc.element.maximum, []).append(code)
    value = DataValue.__table__.c.value_num
    found = []
    for limit, codes in by_limit.items():
        stmt = (
            select(OrgUnit.__table__.c.code, DataValue.__table__.c.period,
                   DataValue.__table__.c.element, value)
            .join(OrgUnit.__table__, OrgUnit.__table__.c.id == DataValue.__table__.c.org_unit_id)
            .where(DataValue.__table__.c.element.in_(codes), or_(value > limit, value < 0))
        )  # fmt: skip
        found += [OutOfBounds(*row, limit) for row in connection.execute(stmt)]
    return sorted(found, key=lambda f: (f.org_unit, f.period, f.element))
