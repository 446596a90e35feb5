"""Targets in force: the catalogue's defaults, overridden or extended by database rows."""

from __future__ import annotations

from sqlmodel import Session, select

from cds_core.targets import DEFAULT_TARGETS, Comparator, Target
from db.models import TargetRow


def _target(row: TargetRow) -> Target:
    return Target(
        id=row.target_id,
        indicator=row.indicator,
        comparator=Comparator.parse(row.comparator),
        value=row.value,
        deadline=row.deadline,
        source=row.source,
        amber_from=row.amber_from,
        framework=row.framework,
        org_unit=row.org_unit,
        level=row.level,
        year=row.year,
    )


def in_force(session: Session) -> list[Target]:
    """Defaults, with a database row of the same id and scope replacing its default."""
    rows = [_target(r) for r in session.exec(select(TargetRow))]
    scope = {(t.id, t.org_unit, t.level, t.year) for t in rows}
    defaults = [t for t in DEFAULT_TARGETS if (t.id, t.org_unit, t.level, t.year) not in scope]
    return defaults + rows
