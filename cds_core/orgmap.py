"""The map of org units over time: each unit's versions (validity, name, parent), its lineage
(the units it continues), the checks a map must pass, and which units' figures make up each
unit's figure in each quarter (its *members*), as plain values.

A quarter belongs to the version in force on its last day: a report describes the end of its
quarter, and the 2025 reform (units ending 30 June, new ones from 1 July) falls on that line.
Before a unit existed, its figure is the sum of its predecessors' (recursively); a predecessor
shared by several successors (a split) is not shared out by guess: those quarters are marked
not comparable.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from cds_core.catalogue import LEVEL_RANK, Level
from cds_core.errors import CdsError
from cds_core.interchange import CsvError, OrgUnitRecord
from cds_core.periods import Period

# Open ends of a validity, as quarter codes (codes sort as text, so SQL compares them as such).
MIN_PERIOD, MAX_PERIOD = "0000Q1", "9999Q4"


def first_quarter(day: date | None) -> str:
    """The first quarter whose last day falls on or after ``day``."""
    return MIN_PERIOD if day is None else Period.containing(day).code


def last_quarter(day: date | None) -> str:
    """The last quarter whose last day falls on or before ``day``."""
    if day is None:
        return MAX_PERIOD
    p = Period.containing(day)
    return (p if day == p.last_day else p.previous()).code


def span(valid_from: date | None, valid_to: date | None) -> tuple[str, str] | None:
    """The quarters (first, last) whose last day lies in the validity; None if there is none."""
    first, last = first_quarter(valid_from), last_quarter(valid_to)
    return (first, last) if first <= last else None


def covers(first: str, last: str, period: str) -> bool:
    return first <= period <= last


def day_text(day: date | None) -> str:
    return "…" if day is None else day.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class Version:
    """One period of a unit's life: its name and parent from ``valid_from`` to ``valid_to``."""

    valid_from: date | None
    valid_to: date | None
    name: str
    parent: str | None  # parent code
    line: int = 0  # the CSV line it came from; 0 when it is already in the database

    def on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True)
class Unit:
    code: str
    level: str
    versions: tuple[Version, ...]  # in date order
    predecessors: tuple[str, ...] = ()
    line: int = 0  # the CSV line that states the lineage; 0 when it is in the database
    is_demo: bool = False

    @property
    def start(self) -> date | None:
        return self.versions[0].valid_from if self.versions else None

    @property
    def end(self) -> date | None:
        ends = [v.valid_to for v in self.versions]
        return None if not ends or None in ends else max(ends)  # type: ignore[type-var]

    @property
    def current(self) -> Version:
        """The latest version: what the unit is (or was, when it has ended)."""
        return self.versions[-1]

    def version_on(self, day: date) -> Version | None:
        return next((v for v in self.versions if v.on(day)), None)

    def in_force(self, period: Period) -> bool:
        return self.version_on(period.last_day) is not None

    @property
    def first_line(self) -> int:
        return self.line or next((v.line for v in self.versions if v.line), 0)


def ordered(versions: Iterable[Version]) -> tuple[Version, ...]:
    return tuple(sorted(versions, key=lambda v: v.valid_from or date.min))


# -- the checks ------------------------------------------------------------------------------


def _refuse(line: int, column: str, key: str, **params: object) -> CsvError:
    return CsvError(line, column, CdsError(key, **params))


def _within(inner: Version, outer: Iterable[Version]) -> bool:
    """Whether ``outer``'s versions together cover every day of ``inner``."""
    day = inner.valid_from  # the first day not yet covered; None: the open past
    for v in sorted(outer, key=lambda v: v.valid_from or date.min):
        if v.valid_from is not None and (day is None or v.valid_from > day):
            return False  # a day before this version that nothing covers
        if v.valid_to is None:
            return True
        if day is None or v.valid_to >= day:
            day = v.valid_to + timedelta(days=1)
            if inner.valid_to is not None and day > inner.valid_to:
                return True
    return False


def check(units: Mapping[str, Unit]) -> None:
    """Refuse a map that cannot be true, naming the CSV line to blame (see :class:`CsvError`):
    overlapping validity for one code, a parent that is unknown, not above the unit or not in
    force on all of the unit's dates, a predecessor that is unknown or has not ended before its
    successor starts, and a cycle in the lineage."""
    for unit in units.values():
        _check_versions(unit)
    for unit in units.values():
        for v in unit.versions:
            _check_parent(units, unit, v)
    for unit in units.values():
        for pred in unit.predecessors:
            if pred not in units:
                raise _refuse(unit.first_line, "predecessors", "err_org_pred_unknown", code=pred)
    _check_lineage_cycles(units)
    for unit in units.values():
        _check_predecessors_ended(units, unit)


def _check_versions(unit: Unit) -> None:
    vs = unit.versions
    for before, after in zip(vs, vs[1:], strict=False):
        if (
            before.valid_to is None
            or (after.valid_from is not None and after.valid_from <= before.valid_to)
            or after.valid_from is None
        ):
            blame = after if after.line else before
            other = before if blame is after else after
            raise _refuse(blame.line, "valid_from", "err_org_overlap", code=unit.code,
                          first=other.line or "—")  # fmt: skip


def _check_parent(units: Mapping[str, Unit], unit: Unit, v: Version) -> None:
    if v.parent is None:
        return
    parent = units.get(v.parent)
    if parent is None:
        raise _refuse(v.line, "parent_code", "err_org_not_found", code=v.parent)
    if LEVEL_RANK[Level(parent.level)] >= LEVEL_RANK[Level(unit.level)]:
        raise _refuse(v.line, "level", "err_org_level_order")
    if not _within(v, parent.versions):
        # A file that shortened the parent is to blame when the child's line is not in it.
        line, column = (v.line, "parent_code") if v.line else (parent.first_line, "valid_to")
        raise _refuse(line, column, "err_org_parent_dates", parent=parent.code, code=unit.code,
                      start=day_text(v.valid_from), end=day_text(v.valid_to))  # fmt: skip


def _check_lineage_cycles(units: Mapping[str, Unit]) -> None:
    done: set[str] = set()

    def visit(code: str, chain: tuple[str, ...]) -> None:
        if code in chain:
            loop = chain[chain.index(code) :] + (code,)
            line = next((units[c].first_line for c in loop if units[c].first_line), 0)
            raise _refuse(line, "predecessors", "err_org_lineage_cycle", chain=" → ".join(loop))
        if code in done:
            return
        for pred in units[code].predecessors:
            visit(pred, (*chain, code))
        done.add(code)

    for code in units:
        visit(code, ())


def _check_predecessors_ended(units: Mapping[str, Unit], unit: Unit) -> None:
    if not unit.predecessors:
        return
    if unit.start is None:
        raise _refuse(unit.first_line, "valid_from", "err_org_pred_no_start", code=unit.code)
    for code in unit.predecessors:
        pred = units[code]
        if pred.end is None or pred.end >= unit.start:
            line, column = (
                (unit.first_line, "predecessors")
                if unit.first_line
                else (pred.first_line, "valid_to")
            )
            raise _refuse(line, column, "err_org_pred_not_ended", code=unit.code,
                          start=day_text(unit.start), pred=pred.code,
                          end=day_text(pred.end))  # fmt: skip


# -- members ---------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Member:
    """``member``'s own values count in ``ancestor``'s figure for quarters first…last.

    ``comparable`` False marks the quarters where ``ancestor``'s figure would need a share of a
    split unit (``member``): its figure there is not comparable, and nothing is summed.
    """

    ancestor: str
    member: str
    level: str
    first: str
    last: str
    comparable: bool = True


def successors(units: Mapping[str, Unit]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for unit in units.values():
        for pred in unit.predecessors:
            out.setdefault(pred, []).append(unit.code)
    return out


def _next(code: str) -> str:
    return MAX_PERIOD if code == MAX_PERIOD else Period.parse(code).next().code


def _merge(rows: list[Member]) -> list[Member]:
    """Adjacent or overlapping quarters of one member in one ancestor, as one row."""
    out: list[Member] = []
    for row in sorted(rows, key=lambda r: (r.member, r.comparable, r.first)):
        last = out[-1] if out else None
        if (
            last is not None
            and (last.member, last.comparable) == (row.member, row.comparable)
            and row.first <= _next(last.last)
        ):
            out[-1] = replace(last, last=max(last.last, row.last))
        else:
            out.append(row)
    return out


@dataclass
class _Walk:
    units: Mapping[str, Unit]
    split: set[str]
    children: dict[str, list[tuple[str, Version]]] = field(default_factory=dict)
    memo: dict[str, list[Member]] = field(default_factory=dict)


def _clip(rows: Iterable[Member], ancestor: str, first: str, last: str) -> list[Member]:
    out = []
    for r in rows:
        lo, hi = max(r.first, first), min(r.last, last)
        if lo <= hi:
            out.append(Member(ancestor, r.member, r.level, lo, hi, r.comparable))
    return out


def _members_of(walk: _Walk, code: str) -> list[Member]:
    if code in walk.memo:
        return walk.memo[code]
    unit = walk.units[code]
    rows: list[Member] = []
    for v in unit.versions:
        s = span(v.valid_from, v.valid_to)
        if s:
            rows.append(Member(code, code, unit.level, *s))
    for child, version in walk.children.get(code, []):
        s = span(version.valid_from, version.valid_to)
        if s:
            rows += _clip(_members_of(walk, child), code, *s)
    if unit.predecessors and unit.start is not None:
        before = (MIN_PERIOD, last_quarter(unit.start - timedelta(days=1)))
        for pred in unit.predecessors:
            if pred in walk.split:
                level = walk.units[pred].level
                rows.append(Member(code, pred, level, *before, comparable=False))
            else:
                rows += _clip(_members_of(walk, pred), code, *before)
    walk.memo[code] = _merge(rows)
    return walk.memo[code]


def members(units: Mapping[str, Unit]) -> list[Member]:
    """Every (ancestor, member, quarters) of a checked map: each unit holds itself while in
    force, its children's members while they are its children, and its predecessors' members
    for the quarters before it started (a split predecessor's marked not comparable)."""
    walk = _Walk(units, {c for c, s in successors(units).items() if len(s) > 1})
    for unit in units.values():
        for v in unit.versions:
            if v.parent is not None:
                walk.children.setdefault(v.parent, []).append((unit.code, v))
    return [row for code in units for row in _members_of(walk, code)]


def on(units: Mapping[str, Unit], day: date) -> list[tuple[int, Unit, Version]]:
    """The tree in force on ``day``: (depth, unit, its version), parents before children, each
    level by code."""
    live = {c: (u, v) for c, u in units.items() if (v := u.version_on(day)) is not None}
    kids: dict[str | None, list[str]] = {}
    for code, (_, v) in live.items():
        parent = v.parent if v.parent in live else None
        kids.setdefault(parent, []).append(code)
    out: list[tuple[int, Unit, Version]] = []
    stack = [(0, c) for c in sorted(kids.get(None, []), reverse=True)]
    while stack:
        depth, code = stack.pop()
        out.append((depth, *live[code]))
        stack += [(depth + 1, c) for c in sorted(kids.get(code, []), reverse=True)]
    return out


def as_records(units: Mapping[str, Unit]) -> list[OrgUnitRecord]:
    """The map as org-units CSV records: one per version, the predecessors on each of them."""
    return [
        OrgUnitRecord(
            0, u.code, v.name, u.level, v.parent, v.valid_from, v.valid_to, u.predecessors
        )  # fmt: skip
        for u in units.values()
        for v in u.versions
    ]
