"""Targets in force: the catalogue's defaults, overridden or extended by database rows; and the
administrator's writes to those rows (checked and audited here, not only hidden in the UI)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from cds_core.catalogue import Level
from cds_core.errors import CdsError
from cds_core.formatting import csv_pct
from cds_core.indicators import INDICATORS
from cds_core.targets import DEFAULT_TARGETS, Comparator, Target
from db import audit
from db.errors import FieldErrors, NotFound
from db.models import TargetRow, utcnow
from db.orgunits import get as get_unit
from db.permissions import Actor, check_admin

# A target is a share of something: anything outside 0–100 % is a typing slip.
VALUE_RANGE = (0.0, 100.0)
DEADLINE_RANGE = (2020, 2100)


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


def catalogue_default(indicator: str) -> Target | None:
    """The catalogue's own target for ``indicator`` (shown beside any override)."""
    return next((t for t in DEFAULT_TARGETS if t.indicator == indicator), None)


@dataclass(frozen=True)
class Override:
    """A target row of the database, with who set it last."""

    row_id: int
    target: Target
    updated_by: str
    updated_at: datetime


def overrides(session: Session) -> list[Override]:
    rows = session.exec(select(TargetRow).order_by(TargetRow.indicator, TargetRow.id))
    return [Override(r.id, _target(r), r.updated_by, r.updated_at) for r in rows]


def describe(target: Target) -> str:
    """One line for the audit log: what the target says and where it applies."""
    scope = ", ".join(
        f"{name}={value}"
        for name, value in (
            ("org", target.org_unit),
            ("level", target.level),
            ("year", target.year),
        )
        if value is not None
    )
    band = "" if target.amber_from is None else f" amber {csv_pct(target.amber_from)}"
    return (
        f"{target.id} {target.comparator.value} {csv_pct(target.value)}{band} "
        f"by {target.deadline}" + (f" [{scope}]" if scope else "")
    )


def _check(target: Target, session: Session, reason: str) -> None:
    """Every bad field at once, keyed by field name, as the form shows them."""
    errors: dict[str, CdsError] = {}
    if not reason.strip():
        errors["reason"] = CdsError("err_required")
    low, high = VALUE_RANGE
    if not low <= target.value <= high:
        errors["value"] = CdsError("err_target_range", value=target.value)
    if target.amber_from is not None:
        if not low <= target.amber_from <= high:
            errors["amber_from"] = CdsError("err_target_range", value=target.amber_from)
        elif (target.comparator is Comparator.LE) != (target.amber_from >= target.value):
            # For ≥/> the band lies below the target; for ≤ above it.
            errors["amber_from"] = CdsError(
                "err_target_band", amber=target.amber_from, target=target.value
            )
    if not DEADLINE_RANGE[0] <= target.deadline <= DEADLINE_RANGE[1]:
        errors["deadline"] = CdsError("err_target_year", value=target.deadline)
    if target.year is not None and not DEADLINE_RANGE[0] <= target.year <= DEADLINE_RANGE[1]:
        errors["year"] = CdsError("err_target_year", value=target.year)
    elif target.year is not None and target.year > target.deadline:
        # A horizon that starts after its own deadline would be past due from its first day.
        errors["year"] = CdsError("err_target_after_deadline", year=target.year,
                                  deadline=target.deadline)  # fmt: skip
    default = catalogue_default(target.indicator)
    if not target.source.strip():
        errors["source"] = CdsError("err_required")
    elif default is not None and target.source == default.source.strip():
        # An override cites the decision that set it, never the text it replaces.
        errors["source"] = CdsError("err_target_source_kept")
    if target.level is not None and target.level not in {lv.value for lv in Level}:
        errors["level"] = CdsError("err_target_level", value=target.level)
    if target.org_unit is not None:
        try:
            get_unit(session, target.org_unit)
        except NotFound as exc:
            errors["org_unit"] = exc
    if errors:
        raise FieldErrors(errors)


def save(
    session: Session,
    *,
    actor: Actor,
    indicator: str,
    comparator: str,
    value: float,
    deadline: int,
    source: str,
    amber_from: float | None = None,
    org_unit: str | None = None,
    level: str | None = None,
    year: int | None = None,
    reason: str = "",
) -> Target:
    """Set the target of ``indicator`` for a scope (none: the framework default), admin only.

    The row takes the catalogue target's id, so a scope-less row replaces the default and a
    scoped one sits beside it (the most specific wins when a status is judged). Saving again
    for the same scope changes that row. A reason is required and the source must name the
    decision behind the new target (not the catalogue's). Audited with the old and new target.
    """
    check_admin(actor)
    if indicator not in INDICATORS:
        raise FieldErrors({"indicator": CdsError("err_target_indicator", value=indicator)})
    default = catalogue_default(indicator)
    target = Target(
        id=default.id if default else indicator,
        indicator=indicator,
        comparator=Comparator.parse(comparator),
        value=float(value),
        deadline=int(deadline),
        source=source.strip(),
        amber_from=None if amber_from is None else float(amber_from),
        org_unit=org_unit or None,
        level=level or None,
        year=year,
    )
    _check(target, session, reason)
    row = session.exec(
        select(TargetRow).where(
            TargetRow.target_id == target.id,
            _is(TargetRow.org_unit, target.org_unit),
            _is(TargetRow.level, target.level),
            _is(TargetRow.year, target.year),
        )
    ).first()
    before = _target(row) if row else None
    if before is None and not (target.org_unit or target.level or target.year):
        before = default
    row = row or TargetRow(target_id=target.id, indicator=indicator)
    row.comparator, row.value, row.amber_from = (
        target.comparator.value,
        target.value,
        target.amber_from,
    )
    row.deadline, row.source, row.framework = target.deadline, target.source, target.framework
    row.org_unit, row.level, row.year = target.org_unit, target.level, target.year
    row.updated_by, row.updated_at = actor.username, utcnow()
    session.add(row)
    audit.record(session, actor=actor, action="target", org_unit=target.org_unit,
                 element=indicator, old_value=describe(before) if before else None,
                 new_value=describe(target), reason=reason.strip())  # fmt: skip
    session.flush()
    return target


def remove(session: Session, *, actor: Actor, row_id: int, reason: str = "") -> None:
    """Delete a database target (a scope-less one brings the catalogue default back); audited."""
    check_admin(actor)
    row = session.get(TargetRow, row_id)
    if row is None:
        raise NotFound("err_target_not_found", id=row_id)
    audit.record(session, actor=actor, action="target_removed", org_unit=row.org_unit,
                 element=row.indicator, old_value=describe(_target(row)), new_value=None,
                 reason=reason)  # fmt: skip
    session.delete(row)
    session.flush()


def _is(column, value):
    return column.is_(None) if value is None else column == value
