"""Org units: lookups, the tree as it stands below a unit, and the all-or-nothing CSV import
of the map (versions and lineage, checked whole)."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from sqlalchemy import delete
from sqlmodel import Session, select

from cds_core import orgmap
from cds_core.errors import CdsError
from cds_core.interchange import CsvError, OrgUnitRecord
from db import audit, oplog
from db import orgmap as orgmap_db
from db.errors import NotFound
from db.models import OrgUnit, OrgUnitLineage, OrgUnitVersion
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
    """Every org unit, in tree order (a parent before its children, siblings as created)."""
    units = session.exec(select(OrgUnit)).all()
    # By the path's numbers: as text, "/3/8/10/" would sort before "/3/8/9/".
    return sorted(units, key=lambda u: [int(part) for part in u.path.strip("/").split("/") if part])


def children(session: Session, unit: OrgUnit) -> list[OrgUnit]:
    return list(
        session.exec(select(OrgUnit).where(OrgUnit.parent_id == unit.id).order_by(OrgUnit.code))
    )


def descendants(session: Session, unit: OrgUnit) -> list[OrgUnit]:
    """The unit and everything below it."""
    stmt = select(OrgUnit).where(OrgUnit.path.startswith(unit.path)).order_by(OrgUnit.path)
    return list(session.exec(stmt))


def upsert(
    session: Session,
    *,
    actor: Actor,
    records: Iterable[OrgUnitRecord],
    demo_codes: Collection[str] = (),
) -> tuple[int, int]:
    """Create or update org units from CSV records; returns (created, updated).

    A code's rows in the file are its versions (periods of its life, each with its name and
    parent), replacing those it had; its predecessors are the file's when the file has that
    column. Parents may come later in the same file or already exist. The whole map, file and
    database together, must pass :func:`cds_core.orgmap.check`: else :class:`CsvError` names
    the line, and the caller's transaction writes nothing. The members table follows.
    """
    check_admin(actor)
    records = list(records)
    current = orgmap_db.load(session)
    by_code: dict[str, list[OrgUnitRecord]] = {}
    for r in records:
        by_code.setdefault(r.code, []).append(r)
    given: dict[str, orgmap.Unit] = {}
    for code, rows in by_code.items():
        stated = [r for r in rows if r.predecessors is not None]
        if stated:
            preds = tuple(dict.fromkeys(p for r in stated for p in r.predecessors or ()))
        else:
            preds = current[code].predecessors if code in current else ()
        given[code] = orgmap.Unit(
            code,
            rows[0].level,
            orgmap.ordered(
                orgmap.Version(r.valid_from, r.valid_to, r.name, r.parent_code, r.line)
                for r in rows
            ),
            preds,
            line=stated[0].line if stated else 0,
            is_demo=code in demo_codes,
        )
    merged = {**current, **given}
    if any(code in current and current[code].level != u.level for code, u in given.items()):
        code = next(c for c, u in given.items() if c in current and current[c].level != u.level)
        raise CsvError(by_code[code][0].line, "level", CdsError("err_org_level_fixed", code=code))
    orgmap.check(merged)

    existing = {u.code: u for u in session.exec(select(OrgUnit))}
    created = updated = 0
    for code, unit in given.items():
        if code not in existing:
            row = OrgUnit(code=code, name=unit.current.name, level=unit.level)
            session.add(row)
            existing[code] = row
            created += 1
    session.flush()  # ids for the new units, which parents and lineage point to
    ids = {code: row.id for code, row in existing.items()}
    for code, unit in given.items():
        row = existing[code]
        before = current.get(code)
        if before is not None and _same(before, unit):
            continue
        if before is not None:
            updated += 1
        _write(session, row, unit, ids)
        audit.record(
            session,
            actor=actor,
            action="org_unit",
            org_unit=code,
            old_value=None if before is None else _describe(before),
            new_value=_describe(unit),
        )
    session.flush()
    _repath(session, {code: rows[0].line for code, rows in by_code.items()})
    orgmap_db.rebuild_members(session, merged)
    session.flush()
    oplog.on_commit(session, "import", user=actor.username, kind="org_units", rows=len(records),
                    new=created, changed=updated)  # fmt: skip
    return created, updated


def _same(a: orgmap.Unit, b: orgmap.Unit) -> bool:
    def key(u: orgmap.Unit):
        versions = tuple((v.valid_from, v.valid_to, v.name, v.parent) for v in u.versions)
        return versions, u.predecessors, u.is_demo

    return key(a) == key(b)


def _describe(unit: orgmap.Unit) -> str:
    """One line for the audit log: each version, then the predecessors."""
    day = orgmap.day_text
    text = "; ".join(
        f"{v.name} [{v.parent or '-'}] {day(v.valid_from)}–{day(v.valid_to)}" for v in unit.versions
    )
    return text + (f" ← {', '.join(unit.predecessors)}" if unit.predecessors else "")


def _write(session: Session, row: OrgUnit, unit: orgmap.Unit, ids: dict[str, int]) -> None:
    """The unit's row (its latest version and whole validity), versions and lineage."""
    latest = unit.current
    row.name, row.level, row.is_demo = latest.name, unit.level, unit.is_demo
    row.parent_id = ids[latest.parent] if latest.parent else None
    row.valid_from, row.valid_to = unit.start, unit.end
    session.add(row)
    session.execute(delete(OrgUnitVersion).where(OrgUnitVersion.org_unit_id == row.id))
    session.execute(delete(OrgUnitLineage).where(OrgUnitLineage.org_unit_id == row.id))
    for v in unit.versions:
        session.add(
            OrgUnitVersion(
                org_unit_id=row.id,
                valid_from=v.valid_from,
                valid_to=v.valid_to,
                name=v.name,
                parent_id=ids[v.parent] if v.parent else None,
            )
        )
    for pred in unit.predecessors:
        session.add(OrgUnitLineage(org_unit_id=row.id, predecessor_id=ids[pred]))


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
