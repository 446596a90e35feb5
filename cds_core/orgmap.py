"""The map of org units over time: each unit's versions (validity, name, kind, parent), its
lineage (the units it continues), which unit held an official code when, the checks a map must
pass, and which units' figures make up each unit's figure in each quarter (its *members*), as
plain values.

Units are keyed by a unique *key*: the unit's code, or — for a unit that took over a code
another unit held before (design.md, "Official codes are reused across the break": new xã Tân
Phú Đông is 28696, old xã Phú Thạnh's code) — ``CODE@YYYY-MM-DD``, the code and the first day
it held it. A key is also a reference that names its unit (the unit holding CODE on that day);
a plain code names a unit only with a day or a quarter (:meth:`Holders.resolve`).

A quarter belongs to the version in force on its last day: a report describes the end of its
quarter, and the 2025 reform (units ending 30 June, new ones from 1 July) falls on that line.
Before a unit existed, its figure is the sum of its predecessors' (recursively); a predecessor
shared by several successors (a split) is not shared out by guess: those quarters are marked
not comparable.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from cds_core import kinds
from cds_core.catalogue import LEVEL_RANK, Level
from cds_core.errors import CdsError
from cds_core.interchange import REF_MARK, CsvError, OrgUnitRecord
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
    """One period of a unit's life: its name, kind and parent from ``valid_from`` to
    ``valid_to``."""

    valid_from: date | None
    valid_to: date | None
    name: str
    parent: str | None  # parent key
    line: int = 0  # the CSV line it came from; 0 when it is already in the database
    kind: str = ""  # cds_core.kinds; "" for the tier's own word

    def on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True)
class Unit:
    code: str  # the unit's key (see the module's docstring)
    level: str
    versions: tuple[Version, ...]  # in date order
    predecessors: tuple[str, ...] = ()
    line: int = 0  # the CSV line that states the lineage; 0 when it is in the database
    is_demo: bool = False

    @property
    def official(self) -> str:
        """The code as the country uses it."""
        return official_code(self.code)

    def kind_of(self, version: Version) -> str:
        return version.kind or kinds.default(self.level)

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


# -- codes across the break -------------------------------------------------------------------


def official_code(key: str) -> str:
    """The code as the country uses it: ``28696`` of the key ``28696@2025-07-01``."""
    return key.split(REF_MARK, 1)[0]


def key_of(code: str, day: date) -> str:
    """The key of a unit that holds ``code`` on ``day`` while another unit holds it too."""
    return f"{code}{REF_MARK}{day.isoformat()}"


def parse_ref(ref: str) -> tuple[str, date | None]:
    """``28696@2025-07-01`` → (``28696``, 1 July 2025); a plain code has no day."""
    code, mark, day = ref.strip().partition(REF_MARK)
    if not mark:
        return code, None
    try:
        return code, date.fromisoformat(day)
    except ValueError:
        raise CdsError("err_bad_date", value=day) from None


@dataclass(frozen=True)
class Holding:
    key: str
    start: date | None
    end: date | None

    def on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class Holders:
    """Which unit held each official code when: the one rule by which a code written in a
    file, a command or a URL names a unit (design.md, "Official codes are reused across the
    break")."""

    def __init__(self, spans: Iterable[tuple[str, date | None, date | None]]) -> None:
        self._by_code: dict[str, list[Holding]] = {}
        for key, start, end in spans:
            self._by_code.setdefault(official_code(key), []).append(Holding(key, start, end))
        for held in self._by_code.values():
            held.sort(key=lambda h: h.start or date.min)

    def of(self, code: str) -> list[Holding]:
        """The units that held ``code``, in date order."""
        return self._by_code.get(code, [])

    def reused(self) -> Iterable[tuple[str, list[Holding]]]:
        """Each code that more than one unit held, with its holders in date order."""
        return ((c, held) for c, held in self._by_code.items() if len(held) > 1)

    def on(self, code: str, day: date) -> str | None:
        """The key of the unit holding ``code`` on ``day``."""
        return next((h.key for h in self.of(code) if h.on(day)), None)

    def now(self, code: str, today: date) -> str | None:
        """The unit holding ``code`` on ``today``, else the last that held it."""
        held = self.of(code)
        return self.on(code, today) or (held[-1].key if held else None)

    def before(self, code: str, day: date | None, today: date) -> str | None:
        """What a predecessor's code names in a row starting on ``day``: the unit that held it
        the day before, else the last one that had ended by then, else any holder (the map's
        checks then say what is wrong)."""
        if day is not None:
            if key := self.on(code, day - timedelta(days=1)):
                return key
            ended = [h for h in self.of(code) if h.end is not None and h.end < day]
            if ended:
                return ended[-1].key
        return self.now(code, today)

    def during(self, code: str, first: date | None, last: date | None, today: date) -> str | None:
        """What a parent's code names in a row from ``first`` to ``last``: the unit holding it
        on the row's first day (or its last, for an open past), else any holder."""
        day = first or last
        return (self.on(code, day) if day else None) or self.now(code, today)

    def resolve(
        self,
        ref: str,
        *,
        today: date,
        period: Period | None = None,
        as_of: date | None = None,
    ) -> str | None:
        """The key a reference names: with ``as_of`` (or the day of ``CODE@DAY``), the unit
        that held the code on that day; with a quarter, the unit that held it at the quarter's
        end; otherwise, or if none did, the unit holding it now (whose earlier quarters are its
        predecessors' sums), else the last that held it. None for a code nobody held."""
        code, day = parse_ref(ref)
        day = as_of or day
        if day is not None:
            return self.on(code, day)
        if period is not None and (key := self.on(code, period.last_day)):
            return key
        return self.now(code, today)

    def reference(
        self,
        key: str,
        start: date | None,
        end: date | None,
        *,
        today: date,
        period: Period | None = None,
    ) -> str:
        """What names the unit ``key`` (in force from ``start`` to ``end``) where a code and
        ``period`` meet: its official code when that names it then, else ``CODE@DAY`` for a day
        it held the code (its key, or its last day for the first holder)."""
        code = official_code(key)
        if self.resolve(code, today=today, period=period) == key:
            return code
        if key != code:
            return key
        day = end or start
        return key_of(code, day) if day else code


def holders(units: Mapping[str, Unit]) -> Holders:
    return Holders((u.code, u.start, u.end) for u in units.values())


@dataclass
class _Group:
    """A file's rows that state one unit: one code's rows up to the next row that lists that
    code among its predecessors (which starts a new unit)."""

    code: str
    rows: list[OrgUnitRecord]
    pinned: str | None = None  # a key given instead of a code (the map page's own edits)

    @property
    def start(self) -> date | None:
        return self.rows[0].valid_from

    @property
    def end(self) -> date | None:
        ends = [r.valid_to for r in self.rows]
        return None if None in ends else max(ends)  # type: ignore[type-var]

    @property
    def reuses(self) -> bool:
        return self.code in (self.rows[0].predecessors or ())


def _groups(records: Iterable[OrgUnitRecord]) -> list[_Group]:
    by_code: dict[str, list[OrgUnitRecord]] = {}
    for r in records:
        by_code.setdefault(r.code, []).append(r)
    out: list[_Group] = []
    for given, rows in by_code.items():
        rows = sorted(rows, key=lambda r: (r.valid_from or date.min, r.line))
        code = official_code(given)
        if code != given:
            out.append(_Group(code, rows, pinned=given))
            continue
        group = _Group(code, [rows[0]])
        for r in rows[1:]:
            if code in (r.predecessors or ()):
                out.append(group)
                group = _Group(code, [])
            group.rows.append(r)
        out.append(group)
    return out


def _overlap(a: tuple[date | None, date | None], b: tuple[date | None, date | None]) -> bool:
    return (a[0] is None or b[1] is None or a[0] <= b[1]) and (
        b[0] is None or a[1] is None or b[0] <= a[1]
    )


def _key(
    group: _Group, held: Holders, current: Mapping[str, Unit], taken: set[str], assigned: list
) -> str:
    """The key of the unit a group of rows states: the unit already holding its code over
    those dates, else (a unit continuing, not a new one) the code's earlier holder, else a new
    key — the code itself if it is free. A new unit is never the one it continues, nor one
    that an earlier group of the file states."""
    line = group.rows[0].line
    if group.pinned is not None:
        if group.pinned not in current:
            raise CsvError(line, "code", CdsError("err_org_not_found", code=group.pinned))
        return group.pinned
    span = (group.start, group.end)
    continued = (
        held.on(group.code, group.start - timedelta(days=1))
        if group.reuses and group.start is not None
        else None
    )
    same = [
        h.key
        for h in held.of(group.code)
        if _overlap((h.start, h.end), span) and h.key != continued and h.key not in assigned
    ]
    if len(same) > 1:
        raise CsvError(line, "valid_from", CdsError("err_org_overlap", code=group.code,
                                                    first="—"))  # fmt: skip
    others = [h for h in held.of(group.code) if h.key not in assigned]
    if not same and not group.reuses and others:
        earlier = [h for h in others if h.end is not None and span[0] is not None
                   and h.end < span[0]]  # fmt: skip
        same = [(earlier or others)[-1].key]
    if same:
        return same[0]
    if group.code not in taken:
        return group.code
    day = group.start or group.end
    if day is None:
        raise CsvError(line, "valid_from", CdsError("err_org_overlap", code=group.code,
                                                    first="—"))  # fmt: skip
    return key_of(group.code, day)


def _kind(record: OrgUnitRecord, before: Unit | None) -> str:
    """The row's kind; without the file's column, the one recorded for the unit."""
    if record.kind is not None:
        return record.kind or kinds.default(record.level)
    if before is not None:
        same = next((v for v in before.versions if v.valid_from == record.valid_from), None)
        return before.kind_of(same or before.current)
    return kinds.default(record.level)


def read_records(
    records: Iterable[OrgUnitRecord],
    current: Mapping[str, Unit],
    *,
    today: date,
    demo_codes: Collection[str] = (),
) -> dict[str, Unit]:
    """The units a file's records state, keyed and linked as the map is (design.md, "Official
    codes are reused across the break").

    A code's rows in date order are one unit — its versions, replacing those it had — up to a
    row that lists the code among its own predecessors: that row starts a new unit, which
    continues the unit that held the code before it. A parent's code names the unit holding it
    on the row's first day, a predecessor's the unit that held it the day before the new unit's
    first. Refusals are :class:`CsvError` naming the line; :func:`check` refuses the rest.
    """
    groups = _groups(records)
    held = holders(current)
    taken = set(current)
    keys: list[str] = []
    for group in groups:
        key = _key(group, held, current, taken, keys)
        if key in keys:
            raise CsvError(group.rows[0].line, "valid_from",
                           CdsError("err_org_overlap", code=group.code, first="—"))  # fmt: skip
        keys.append(key)
        taken.add(key)
    spans = {k: (u.start, u.end) for k, u in current.items()}
    spans.update({key: (g.start, g.end) for key, g in zip(keys, groups, strict=True)})
    index = Holders((k, s, e) for k, (s, e) in spans.items())
    out: dict[str, Unit] = {}
    for key, group in zip(keys, groups, strict=True):
        first = group.rows[0]
        for r in group.rows[1:]:
            if r.level != first.level:
                raise CsvError(r.line, "level",
                               CdsError("err_org_level_changes", first=first.line))  # fmt: skip
        before = current.get(key)
        stated = [r for r in group.rows if r.predecessors is not None]
        if stated:
            preds = tuple(
                dict.fromkeys(
                    index.before(code, group.start, today) or code
                    for r in stated
                    for code in r.predecessors or ()
                )
            )
        else:
            preds = before.predecessors if before is not None else ()
        versions = [
            Version(r.valid_from, r.valid_to, _name(r), _parent(index, r, today), r.line,
                    _kind(r, before))
            for r in group.rows
        ]  # fmt: skip
        out[key] = Unit(
            key,
            first.level,
            ordered(versions),
            preds,
            line=stated[0].line if stated else 0,
            is_demo=group.code in demo_codes,
        )
    return out


def _name(record: OrgUnitRecord) -> str:
    """The row's name; a kind stated beside a bare name puts its word before it (``3`` as a
    khu phố is Khu phố 3), so that everything naming the unit says what it is."""
    return kinds.full_name(record.name, record.kind) if record.kind else record.name


def _parent(index: Holders, record: OrgUnitRecord, today: date) -> str | None:
    if record.parent_code is None:
        return None
    code, day = parse_ref(record.parent_code)
    if day is not None:
        return index.on(code, day) or record.parent_code
    found = index.during(code, record.valid_from, record.valid_to, today)
    return found or record.parent_code


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
    successor starts, a cycle in the lineage, and a code held by two units at once or taken
    over by a unit that does not continue its earlier holder."""
    for unit in units.values():
        _check_versions(unit)
    _check_reused_codes(units)
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


def _check_reused_codes(units: Mapping[str, Unit]) -> None:
    for code, held in holders(units).reused():
        for a, b in zip(held, held[1:], strict=False):
            later, earlier = units[b.key], units[a.key]
            line = later.first_line or earlier.first_line
            if a.end is None or b.start is None or b.start <= a.end:
                raise _refuse(line, "valid_from", "err_org_overlap", code=code,
                              first=earlier.first_line or "—")  # fmt: skip
            if a.key not in later.predecessors:
                raise _refuse(line, "predecessors", "err_org_code_reused", code=code,
                              start=day_text(b.start), before=earlier.current.name)  # fmt: skip


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
    """The map as org-units CSV records, in official codes: one per version, the predecessors
    on the first (a later row listing its own code would start a new unit: a unit that took
    over a code lists that code there)."""
    return [
        OrgUnitRecord(
            0,
            u.official,
            v.name,
            u.level,
            v.parent and official_code(v.parent),
            v.valid_from,
            v.valid_to,
            tuple(map(official_code, u.predecessors)) if i == 0 else (),
            u.kind_of(v),
        )  # fmt: skip
        for u in units.values()
        for i, v in enumerate(u.versions)
    ]
