"""Org units: lookups, the tree below a unit, and the all-or-nothing CSV import."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, select

from cds_core.catalogue import LEVEL_RANK, Level
from cds_core.errors import CdsError
from cds_core.interchange import CsvError, OrgUnitRecord
from db import audit, oplog
from db.errors import NotFound
from db.models import OrgUnit
from db.permissions import Actor, check_admin, in_scope


def get(session: Session, code: str) -> OrgUnit:
    unit = session.exec(select(OrgUnit).where(OrgUnit.code == code)).first()
    if unit is None:
        raise NotFound("err_org_not_found", code=code)
    return unit


def get_visible(session: Session, actor: Actor, code: str) -> OrgUnit:
    """The unit, if ``actor`` may see it; a unit outside their scope is refused exactly as an
    unknown code is, so that nobody learns which codes exist elsewhere."""
    unit = session.exec(select(OrgUnit).where(OrgUnit.code == code)).first()
    if unit is None or not in_scope(actor, unit):
        raise NotFound("err_org_not_found", code=code)
    return unit


def all_units(session: Session) -> list[OrgUnit]:
    """Every org unit, in tree order (a parent before its children)."""
    return list(session.exec(select(OrgUnit).order_by(OrgUnit.path)).all())


def children(session: Session, unit: OrgUnit) -> list[OrgUnit]:
    return list(
        session.exec(select(OrgUnit).where(OrgUnit.parent_id == unit.id).order_by(OrgUnit.code))
    )


def descendants(session: Session, unit: OrgUnit) -> list[OrgUnit]:
    """The unit and everything below it."""
    stmt = select(OrgUnit).where(OrgUnit.path.startswith(unit.path)).order_by(OrgUnit.path)
    return list(session.exec(stmt))


def ancestors(session: Session, unit: OrgUnit) -> list[OrgUnit]:
    """From the top of the tree down to the unit itself."""
    ids = [int(part) for part in unit.path.strip("/").split("/") if part]
    units = {u.id: u for u in session.exec(select(OrgUnit).where(OrgUnit.id.in_(ids)))}
    return [units[i] for i in ids]


def _place(session: Session, unit: OrgUnit, parent: OrgUnit | None) -> None:
    unit.parent_id = parent.id if parent else None
    session.add(unit)
    session.flush()  # assigns the id the path needs
    unit.path = f"{parent.path if parent else '/'}{unit.id}/"


def upsert(
    session: Session,
    *,
    actor: Actor,
    records: Iterable[OrgUnitRecord],
    is_demo: bool = False,
) -> tuple[int, int]:
    """Create or update org units from CSV records; returns (created, updated).

    Parents may come later in the same file or already exist. A bad record raises
    :class:`CsvError` naming its line; the caller's transaction then writes nothing.
    """
    check_admin(actor)
    records = list(records)
    by_code = {r.code: r for r in records}
    existing = {u.code: u for u in session.exec(select(OrgUnit))}
    created = updated = 0
    done: dict[str, OrgUnit] = {}

    def ensure(record: OrgUnitRecord, chain: tuple[str, ...] = ()) -> OrgUnit:
        nonlocal created, updated
        if record.code in done:
            return done[record.code]
        if record.code in chain:
            raise CsvError(record.line, "parent_code", CdsError("err_org_cycle"))
        parent = None
        if record.parent_code:
            if record.parent_code in by_code:
                parent = ensure(by_code[record.parent_code], (*chain, record.code))
            elif record.parent_code in existing:
                parent = existing[record.parent_code]
            else:
                raise CsvError(
                    record.line,
                    "parent_code",
                    NotFound("err_org_not_found", code=record.parent_code),
                )
            if LEVEL_RANK[Level(parent.level)] >= LEVEL_RANK[Level(record.level)]:
                raise CsvError(record.line, "level", CdsError("err_org_level_order"))
        unit = existing.get(record.code)
        before = None
        if unit is None:
            unit = OrgUnit(code=record.code, name=record.name, level=record.level)
            created += 1
        else:
            before = (unit.name, unit.level, unit.parent_id, unit.valid_from, unit.valid_to)
        unit.name, unit.level = record.name, record.level
        unit.valid_from, unit.valid_to, unit.is_demo = record.valid_from, record.valid_to, is_demo
        _place(session, unit, parent)
        after = (unit.name, unit.level, unit.parent_id, unit.valid_from, unit.valid_to)
        if before is not None and before != after:
            updated += 1
        if before != after:
            audit.record(
                session,
                actor=actor,
                action="org_unit",
                org_unit=unit.code,
                old_value=None if before is None else repr(before),
                new_value=repr(after),
            )
        done[record.code] = unit
        return unit

    for rec in records:
        ensure(rec)
    _repath(session, {code: by_code[code].line for code in done})
    oplog.on_commit(session, "import", user=actor.username, kind="org_units", rows=len(records),
                    new=created, changed=updated)  # fmt: skip
    return created, updated


def _repath(session: Session, lines: dict[str, int]) -> None:
    """Recompute every path from the roots down, in memory.

    A moved unit drags its whole subtree along, grandchildren included; only rows whose path
    changed are written. A unit the walk never reaches hangs in a cycle: ``lines`` (code →
    CSV line of the units just written) names the line to blame.
    """
    units = list(session.exec(select(OrgUnit)))
    kids: dict[int | None, list[OrgUnit]] = {}
    for unit in units:
        kids.setdefault(unit.parent_id, []).append(unit)
    stack = [(unit, "/") for unit in kids.get(None, [])]
    reached: set[str] = set()
    while stack:
        unit, prefix = stack.pop()
        reached.add(unit.code)
        path = f"{prefix}{unit.id}/"
        if unit.path != path:
            unit.path = path
        stack.extend((child, path) for child in kids.get(unit.id, []))
    if len(reached) != len(units):
        line = min((n for code, n in lines.items() if code not in reached), default=0)
        raise CsvError(line, "parent_code", CdsError("err_org_cycle"))
