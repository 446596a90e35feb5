"""Org units: lookups, the tree as it stands below a unit, and the all-or-nothing CSV import
of the map (versions and lineage, checked whole)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date

from sqlalchemy import delete
from sqlmodel import Session, select

from cds_core import orgmap
from cds_core.errors import CdsError
from cds_core.interchange import REF_MARK, CsvError, OrgUnitRecord
from cds_core.periods import Period
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


def get_visible(
    session: Session,
    actor: Actor,
    code: str,
    period: str | None = None,
    *,
    held: orgmap.Holders | None = None,
) -> OrgUnit:
    """The unit a code names in ``period`` (:func:`resolve`), if ``actor`` may see it; a unit
    outside their scope is refused exactly as an unknown code is, so that nobody learns which
    codes exist elsewhere."""
    try:
        unit = resolve(session, code, period=period, held=held)
    except NotFound:
        raise NotFound("err_org_not_found", code=code) from None
    if not in_scope(actor, unit):
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


def holders(session: Session) -> orgmap.Holders:
    """Who held each official code when, over the whole map (one read)."""
    rows = session.exec(select(OrgUnit.code, OrgUnit.valid_from, OrgUnit.valid_to)).all()
    return orgmap.Holders(rows)


def resolve(
    session: Session,
    ref: str,
    *,
    period: str | Period | None = None,
    as_of: date | None = None,
    held: orgmap.Holders | None = None,
) -> OrgUnit:
    """The unit a code written by a person names — in a file, a command or a URL — by the
    map's one rule (:meth:`cds_core.orgmap.Holders.resolve`): with ``as_of`` (or a reference
    ``CODE@YYYY-MM-DD``) the unit that held the code on that day; with a quarter the unit that
    held it at the quarter's end, else the unit holding it now. ``held`` spares the read when a
    caller resolves many codes. :class:`NotFound` if none."""
    code, day = orgmap.parse_ref(ref)
    if held is None:
        held = _holders_of(session, code)
    quarter = Period.parse(period) if isinstance(period, str) else period
    key = held.resolve(ref, today=date.today(), period=quarter, as_of=as_of)
    if key is None:
        on = as_of or day
        if on is not None and held.of(code):
            raise NotFound("err_org_not_held", code=code, day=orgmap.day_text(on))
        raise NotFound("err_org_not_found", code=ref)
    return get(session, key)


def reference(
    session: Session,
    unit: OrgUnit,
    period: str | Period | None = None,
    *,
    held: orgmap.Holders | None = None,
) -> str:
    """What to write for ``unit`` where a code and ``period`` meet (a URL, an export): its
    official code when that names it then, else a reference naming it by a day it held it."""
    if held is None:
        held = _holders_of(session, unit.official_code)
    quarter = Period.parse(period) if isinstance(period, str) else period
    return held.reference(unit.code, unit.valid_from, unit.valid_to, period=quarter,
                          today=date.today())  # fmt: skip


def _holders_of(session: Session, code: str) -> orgmap.Holders:
    rows = session.exec(
        select(OrgUnit.code, OrgUnit.valid_from, OrgUnit.valid_to).where(
            (OrgUnit.code == code) | OrgUnit.code.startswith(code + REF_MARK, autoescape=True)
        )
    ).all()
    return orgmap.Holders(rows)


def upsert(
    session: Session,
    *,
    actor: Actor,
    records: Iterable[OrgUnitRecord],
    demo_codes: Collection[str] = (),
) -> tuple[int, int]:
    """Create or update org units from CSV records; returns (created, updated).

    The records state units as :func:`cds_core.orgmap.read_records` reads them: a code's rows
    are its versions (periods of its life, each with its name, kind and parent), replacing
    those it had, up to a row that takes the code over as a new unit; its predecessors are the
    file's when the file has that column. Parents may come later in the same file or already
    exist. The whole map, file and database together, must pass :func:`cds_core.orgmap.check`:
    else :class:`CsvError` names the line, and the caller's transaction writes nothing. The
    members table follows.
    """
    check_admin(actor)
    records = list(records)
    current = orgmap_db.load(session)
    given = orgmap.read_records(records, current, today=date.today(), demo_codes=demo_codes)
    merged = {**current, **given}
    lines = {key: unit.first_line or unit.versions[0].line for key, unit in given.items()}
    if any(key in current and current[key].level != u.level for key, u in given.items()):
        key = next(k for k, u in given.items() if k in current and current[k].level != u.level)
        raise CsvError(lines[key], "level", CdsError("err_org_level_fixed", code=key))
    orgmap.check(merged)
    existing = {u.code: u for u in session.exec(select(OrgUnit))}
    created = updated = 0
    for code, unit in given.items():
        if code not in existing:
            row = OrgUnit(code=code, name=unit.current.name, level=unit.level,
                          kind=unit.kind_of(unit.current))  # fmt: skip
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
    _repath(session, lines)
    orgmap_db.rebuild_members(session, merged)
    session.flush()
    oplog.on_commit(session, "import", user=actor.username, kind="org_units", rows=len(records),
                    new=created, changed=updated)  # fmt: skip
    return created, updated


def _same(a: orgmap.Unit, b: orgmap.Unit) -> bool:
    def key(u: orgmap.Unit):
        versions = tuple(
            (v.valid_from, v.valid_to, v.name, u.kind_of(v), v.parent) for v in u.versions
        )
        return versions, u.predecessors, u.is_demo

    return key(a) == key(b)


def _describe(unit: orgmap.Unit) -> str:
    """One line for the audit log: each version, then the predecessors."""
    day = orgmap.day_text
    text = "; ".join(
        f"{v.name} ({unit.kind_of(v)}) [{v.parent or '-'}] {day(v.valid_from)}–{day(v.valid_to)}"
        for v in unit.versions
    )
    return text + (f" ← {', '.join(unit.predecessors)}" if unit.predecessors else "")


def _write(session: Session, row: OrgUnit, unit: orgmap.Unit, ids: dict[str, int]) -> None:
    """The unit's row (its latest version and whole validity), versions and lineage."""
    latest = unit.current
    row.name, row.level, row.is_demo = latest.name, unit.level, unit.is_demo
    row.kind = unit.kind_of(latest)
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
                kind=unit.kind_of(v),
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
