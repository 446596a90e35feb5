"""The map over time as the database holds it: reading it whole (for checks and the admin
page), keeping the members table in step with it, and what one unit was in one quarter — its
name and the chain above it, its lineage, the units its figure is made of."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, insert
from sqlalchemy.orm import InstrumentedAttribute
from sqlmodel import Session, select

from cds_core import orgmap
from cds_core.periods import Period
from db.models import OrgUnit, OrgUnitLineage, OrgUnitMember, OrgUnitVersion

CHUNK = 5000  # ids per IN (...): within every database's parameter limit


def load(session: Session) -> dict[str, orgmap.Unit]:
    """Every unit with its versions and predecessors, by code, in tree order."""
    units = list(session.exec(select(OrgUnit).order_by(OrgUnit.path)))
    codes = {u.id: u.code for u in units}
    versions: dict[int, list[orgmap.Version]] = {}
    for v in session.exec(select(OrgUnitVersion)):
        versions.setdefault(v.org_unit_id, []).append(
            orgmap.Version(v.valid_from, v.valid_to, v.name, codes.get(v.parent_id), kind=v.kind)
        )
    preds: dict[int, list[str]] = {}
    for row in session.exec(select(OrgUnitLineage)):
        preds.setdefault(row.org_unit_id, []).append(codes[row.predecessor_id])
    return {
        u.code: orgmap.Unit(
            u.code,
            u.level,
            orgmap.ordered(versions.get(u.id, ())),
            tuple(sorted(preds.get(u.id, ()))),
            is_demo=u.is_demo,
        )
        for u in units
    }


def member_rows(units: Mapping[str, orgmap.Unit], ids: Mapping[str, int]) -> list[dict]:
    """The members table of a checked map, as rows to insert."""
    return [
        {"ancestor_id": ids[m.ancestor], "member_id": ids[m.member], "member_level": m.level,
         "first_period": m.first, "last_period": m.last, "comparable": m.comparable}
        for m in orgmap.members(units)
    ]  # fmt: skip


def rebuild_members(session: Session, units: Mapping[str, orgmap.Unit]) -> None:
    """Write the members of ``units`` (the whole, checked map): only rows that changed."""
    ids = dict(session.exec(select(OrgUnit.code, OrgUnit.id)).all())
    wanted = {tuple(r.values()) for r in member_rows(units, ids)}
    m = OrgUnitMember
    cols = (m.ancestor_id, m.member_id, m.member_level, m.first_period, m.last_period,
            m.comparable)  # fmt: skip
    have = {tuple(row[1:]): row[0] for row in session.exec(select(OrgUnitMember.id, *cols))}
    stale = [row_id for key, row_id in have.items() if key not in wanted]
    for start in range(0, len(stale), CHUNK):
        session.execute(
            delete(OrgUnitMember).where(OrgUnitMember.id.in_(stale[start : start + CHUNK]))
        )
    new = [dict(zip([c.key for c in cols], key, strict=True)) for key in wanted - have.keys()]
    if new:
        session.execute(insert(OrgUnitMember.__table__), new)


def reach(session: Session, scope_id: int) -> frozenset[str]:
    """Codes of every unit ``scope_id`` holds in any quarter, itself included: a commune's
    hamlets before and after a move, a new commune's predecessors and their hamlets."""
    stmt = (
        select(OrgUnit.code)
        .join(OrgUnitMember, OrgUnitMember.member_id == OrgUnit.id)
        .where(OrgUnitMember.ancestor_id == scope_id)
    )
    return frozenset(session.exec(stmt))


@dataclass(frozen=True)
class Lineage:
    """What a trend or a page needs to say about the break in a unit's series."""

    code: str
    start: Period | None  # the first quarter the unit is in force (None: since always)
    end: Period | None  # the last one (None: still in force)
    predecessors: tuple[tuple[str, str], ...]  # (code, name)
    successors: tuple[tuple[str, str], ...]
    # The last quarter before the unit that its figures cannot be compared (a split
    # predecessor); None when every earlier quarter sums up.
    not_comparable_until: Period | None

    def basis(self, period: Period) -> str:
        """``own``, ``predecessors`` (the sum of them), ``not_comparable`` or ``ended``."""
        if self.not_comparable_until is not None and period <= self.not_comparable_until:
            return "not_comparable"
        if self.start is not None and period < self.start:
            return "predecessors" if self.predecessors else "own"
        if self.end is not None and period > self.end:
            return "ended"
        return "own"


def _quarter(code: str) -> Period | None:
    return None if code in (orgmap.MIN_PERIOD, orgmap.MAX_PERIOD) else Period.parse(code)


def _linked(
    session: Session, found: InstrumentedAttribute, given: InstrumentedAttribute, unit_id: int
) -> list[tuple[str, str]]:
    """Code and name of the units on the ``found`` side of a lineage link from ``unit_id``."""
    return session.exec(
        select(OrgUnit.code, OrgUnit.name)
        .join(OrgUnitLineage, found == OrgUnit.id)
        .where(given == unit_id)
        .order_by(OrgUnit.code)
    ).all()


def lineage(session: Session, unit: OrgUnit) -> Lineage:
    first = orgmap.first_quarter(unit.valid_from)
    last = orgmap.last_quarter(unit.valid_to)
    preds = _linked(session, OrgUnitLineage.predecessor_id, OrgUnitLineage.org_unit_id, unit.id)
    succs = _linked(session, OrgUnitLineage.org_unit_id, OrgUnitLineage.predecessor_id, unit.id)
    split = session.exec(
        select(OrgUnitMember.last_period).where(
            OrgUnitMember.ancestor_id == unit.id, OrgUnitMember.comparable.is_(False)
        )
    ).all()
    return Lineage(
        unit.code,
        _quarter(first),
        _quarter(last),
        tuple(map(tuple, preds)),
        tuple(map(tuple, succs)),
        _quarter(max(split)) if split else None,
    )


def _on(day: date):
    return (
        (OrgUnitVersion.valid_from.is_(None)) | (OrgUnitVersion.valid_from <= day),
        (OrgUnitVersion.valid_to.is_(None)) | (OrgUnitVersion.valid_to >= day),
    )


def version_on(session: Session, unit: OrgUnit, day: date) -> OrgUnitVersion | None:
    """The unit's version in force on ``day``."""
    return session.exec(
        select(OrgUnitVersion).where(OrgUnitVersion.org_unit_id == unit.id, *_on(day))
    ).first()


def chain_on(session: Session, unit: OrgUnit, day: date) -> list[tuple[OrgUnit, OrgUnitVersion]]:
    """The unit and the units above it on ``day``, top first, each with its version then; a
    unit not in force on ``day`` is taken as its nearest version (first or last)."""
    out: list[tuple[OrgUnit, OrgUnitVersion]] = []
    current: OrgUnit | None = unit
    while current is not None and len(out) < 8:
        version = version_on(session, current, day) or _nearest(session, current, day)
        if version is None:
            break
        out.append((current, version))
        current = session.get(OrgUnit, version.parent_id) if version.parent_id else None
    return out[::-1]


def _nearest(session: Session, unit: OrgUnit, day: date) -> OrgUnitVersion | None:
    versions = sorted(
        session.exec(select(OrgUnitVersion).where(OrgUnitVersion.org_unit_id == unit.id)),
        key=lambda v: v.valid_from or date.min,
    )
    if not versions:
        return None
    later = [v for v in versions if v.valid_from is not None and v.valid_from > day]
    return later[0] if later else versions[-1]


def parts(session: Session, unit: OrgUnit, period: Period) -> list[OrgUnit]:
    """The units one level down that make up ``unit``'s figure in ``period``: its children then
    or, before it existed, its predecessors (theirs in turn, until units in force then)."""
    day = period.last_day
    if version_on(session, unit, day) is not None:
        stmt = (
            select(OrgUnit)
            .join(OrgUnitVersion, OrgUnitVersion.org_unit_id == OrgUnit.id)
            .where(OrgUnitVersion.parent_id == unit.id, *_on(day))
            .order_by(OrgUnit.code)
        )
        return list(session.exec(stmt))
    if unit.valid_from is None or day >= unit.valid_from:
        return []  # ended: nothing makes it up any more
    out: list[OrgUnit] = []
    preds = session.exec(
        select(OrgUnit)
        .join(OrgUnitLineage, OrgUnitLineage.predecessor_id == OrgUnit.id)
        .where(OrgUnitLineage.org_unit_id == unit.id)
        .order_by(OrgUnit.code)
    ).all()
    for pred in preds:
        out += [pred] if version_on(session, pred, day) else parts(session, pred, period)
    return out
