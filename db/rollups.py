"""Rollups: the figures of a unit — everything that counts in it in a quarter, across moves
and mergers (``org_unit_member``) — each in one GROUP BY.

Counts add up and rates are recomputed from the sums, never averaged (catalogue.md section 8).
An indicator over several units sums only the units that reported both its numerator and its
denominator, so a missing count never dilutes the rate, and says how many of the units that
should have reported did (its coverage).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import (
    Integer,
    String,
    and_,
    bindparam,
    case,
    column,
    exists,
    func,
    literal_column,
    text,
    union_all,
)
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from cds_core.catalogue import LARGEST, VALUE_CODES, Kind, Level
from cds_core.indicators import INDICATORS
from cds_core.scorecard import Sums
from db.models import DataValue, OrgUnit, OrgUnitMember

# Read once per result row of every rollup: plain sets, not a catalogue lookup each time.
_AVERAGED = frozenset(c for c, vc in VALUE_CODES.items() if vc.kind is Kind.PCT)
_SUMMED = frozenset(c for c, vc in VALUE_CODES.items() if vc.kind not in (Kind.PCT, Kind.TEXT))

M = OrgUnitMember


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


def in_subtree(unit: OrgUnit, period: str):
    """``DataValue`` rows that count in ``unit``'s figure for ``period`` (a condition).

    Written as ``org_unit_id IN (the members then)`` so that both databases walk the few
    members and read each one's quarter through the (unit, period, element) key, instead of
    scanning a whole quarter of every unit.
    """
    members = select(M.member_id).where(
        M.ancestor_id == unit.id,
        M.comparable.is_(True),
        M.first_period <= period,
        M.last_period >= period,
    )
    return and_(DataValue.org_unit_id.in_(members.scalar_subquery()), DataValue.period == period)


def rollup(session: Session, unit: OrgUnit, period: str) -> dict[str, float]:
    """Numeric values of ``unit``'s figure in ``period``, in one GROUP BY (see :func:`fold`)."""
    stmt = (
        select(DataValue.element, func.sum(DataValue.value_num), func.avg(DataValue.value_num))
        .where(in_subtree(unit, period), summable())
        .group_by(DataValue.element)
    )
    out: dict[str, float] = {}
    for code, total, average in session.exec(stmt):
        value = fold(code, total, average)
        if value is not None:
            out[code] = value
    return out


# -- indicators, by the units that reported both sides -------------------------------------

NUMERATOR, DENOMINATOR, ALONE = 1, 2, 3  # ALONE: a pct indicator's element, its own value
_TERMS = [
    (code, element, NUMERATOR if ind.denominator is not None else ALONE, sign)
    for code, ind in INDICATORS.items()
    for element, sign in ind.numerator
] + [
    (code, element, DENOMINATOR, sign)
    for code, ind in INDICATORS.items()
    for element, sign in ind.denominator or ()
]


def _rows_of(indicators: Collection[str] | None) -> list[tuple[str, str, int, int]]:
    return [r for r in _TERMS if indicators is None or r[0] in indicators]


def _terms(rows: list[tuple[str, str, int, int]], dialect: str):
    """The catalogue's formulas as a table: (indicator, element, side, sign).

    One piece of SQL text, so that SQLAlchemy finds the cached statement around it by that
    text (``sqlalchemy.values`` is compiled again on every call, and a SELECT of literal
    columns per row is walked on every call). PostgreSQL plans a VALUES list in a tenth of
    the time it takes for as many SELECTs; SQLite indexes the SELECTs' result for the join,
    and not the VALUES list's (both name its columns column1, column2, …).
    """
    if dialect == "postgresql":
        listed = ", ".join(f"('{c}', '{e}', {side}, {sign})" for c, e, side, sign in rows)
        sql = (
            "SELECT column1 AS indicator, column2 AS element, column3 AS side, "
            f"column4 AS sign FROM (VALUES {listed}) AS formulas"
        )
    else:
        sql = " UNION ALL ".join(
            f"SELECT '{c}' AS indicator, '{e}' AS element, {side} AS side, {sign} AS sign"
            for c, e, side, sign in rows
        )
    return (
        text(sql)
        .columns(
            column("indicator", String),
            column("element", String),
            column("side", Integer),
            column("sign", Integer),
        )
        .cte("terms")
    )


def _periods(count: int):
    """``count`` quarters as a table, bound as ``p0``, ``p1``, …"""
    rows = (select(bindparam(f"p{i}", type_=String).label("period")) for i in range(count))
    return union_all(*rows).cte("quarters")


Key = tuple[int, str]  # (ancestor id, period)


def indicator_sums(
    session: Session,
    ancestors: Sequence[int],
    period: str | None = None,
    indicators: Collection[str] | None = None,
) -> dict[Key, dict[str, Sums]]:
    """Each indicator (of ``indicators``, or all) of each ancestor's figure, in ``period`` or
    in every quarter with data (see :func:`_sums_statement`)."""
    dialect = session.get_bind().dialect.name
    stmt = _sums_statement(dialect, len(ancestors) == 1, period is not None,
                           None if indicators is None else frozenset(indicators))  # fmt: skip
    params = {"ancestor": ancestors[0], "ancestors": list(ancestors), "period": period}
    out: dict[Key, dict[str, Sums]] = {}
    for ancestor, at, code, num, den, avg, reported, any_num, any_den in session.exec(
        stmt, params=params
    ):
        if INDICATORS[code].denominator is None:  # a pct: the average of those who gave it
            sums = Sums(_float(avg), None, int(reported))
        else:
            sums = Sums(_float(num), _float(den), int(reported), _float(any_num), _float(any_den))
        out.setdefault((ancestor, at), {})[code] = sums
    return out


@lru_cache(maxsize=64)
def _sums_statement(
    dialect: str, single: bool, one_period: bool, indicators: frozenset[str] | None
):
    """One statement, two GROUP BYs: first each reporting unit's numerator and denominator (and
    whether it gave each), then the sums over the units that gave both, and over all.

    Built once per shape, with the ancestor(s) and the period bound at each call.
    """
    t_rows = _rows_of(indicators)
    t = _terms(t_rows, dialect)
    side, sign, value = t.c.side, t.c.sign, DataValue.value_num
    is_num = side.in_((NUMERATOR, ALONE))
    gives_den = case((and_(side == DENOMINATOR, sign > 0), 1), (side == ALONE, 1), else_=0)
    where = [
        _ancestor_in(single),
        M.comparable.is_(True),
        M.first_period <= DataValue.period,
        M.last_period >= DataValue.period,
        summable(),
        DataValue.element.in_(select(t.c.element)),
    ]
    if one_period:
        where.append(DataValue.period == bindparam("period"))
    per_unit = (
        select(
            M.ancestor_id.label("ancestor"),
            DataValue.period.label("period"),
            t.c.indicator,
            func.sum(case((is_num, sign * value))).label("num"),
            func.sum(case((side == DENOMINATOR, sign * value))).label("den"),
            func.max(case((and_(is_num, sign > 0), 1), else_=0)).label("has_num"),
            func.max(gives_den).label("has_den"),
        )
        .select_from(DataValue)
        .join(M, M.member_id == DataValue.org_unit_id)
        # ``element || ''``: the formulas must not drive the lookup of values (SQLite would
        # probe every member's quarter once per term); each value found then meets the small
        # formula table through an index SQLite builds for it. PostgreSQL hashes it anyway.
        .join(t, t.c.element == DataValue.element.concat(literal_column("''")))
        .where(*where)
        .group_by(M.ancestor_id, DataValue.period, DataValue.org_unit_id, t.c.indicator)
        .subquery()
    )
    u = per_unit.c
    both = and_(u.has_num == 1, u.has_den == 1)
    return select(
        u.ancestor,
        u.period,
        u.indicator,
        func.sum(case((both, u.num))),
        func.sum(case((both, u.den))),
        func.avg(case((both, u.num))),
        func.sum(case((both, 1), else_=0)),
        func.sum(case((u.has_num == 1, u.num))),
        func.sum(case((u.has_den == 1, u.den))),
    ).group_by(u.ancestor, u.period, u.indicator)


def _ancestor_in(single: bool):
    if single:
        return M.ancestor_id == bindparam("ancestor")
    return M.ancestor_id.in_(bindparam("ancestors", expanding=True))


def _float(x) -> float | None:
    return None if x is None else float(x)


# -- who should have reported ----------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    """How many units should have reported, by the level an indicator is entered at; and
    whether a split predecessor makes the figure not comparable."""

    by_level: Mapping[str, int]
    comparable: bool = True
    # Communes with no hamlet on the map, counted among the reporters of hamlet elements.
    bare: int = 0

    @property
    def mixed(self) -> frozenset[str]:
        """Levels whose count holds units of another level (communes among hamlets)."""
        return frozenset({Level.AP.value}) if self.bare else frozenset()


def expected(
    session: Session, ancestors: Sequence[int], periods: Sequence[str]
) -> dict[Key, Expected]:
    """Each ancestor's expected reporters in each quarter, from the members then.

    Communes report commune elements; hamlets report hamlet elements, and so does a commune
    with no hamlet on the map then (nobody else would report them).
    """
    if not ancestors or not periods:
        return {}
    stmt = _expected_statement(len(ancestors) == 1, len(periods))
    params = {"ancestor": ancestors[0], "ancestors": list(ancestors)}
    params.update({f"p{i}": p for i, p in enumerate(periods)})
    rows = session.exec(stmt, params=params)
    levels: dict[Key, dict[str, int]] = {}
    split: set[Key] = set()
    bare: dict[Key, int] = {}
    for ancestor, period, level, comparable, count, bare_count in rows:
        key = (ancestor, period)
        counts = levels.setdefault(key, {Level.XA.value: 0, Level.AP.value: 0})
        if not comparable:
            split.add(key)
            continue
        counts[level] = counts.get(level, 0) + count
        counts[Level.AP.value] += bare_count or 0
        bare[key] = bare.get(key, 0) + (bare_count or 0)
    return {
        key: Expected(counts, key not in split, bare.get(key, 0)) for key, counts in levels.items()
    }


@lru_cache(maxsize=64)
def _expected_statement(single: bool, periods: int):
    q = _periods(periods)
    at = q.c.period
    h = aliased(OrgUnitMember)
    hamlet_then = exists().where(
        h.ancestor_id == M.member_id,
        h.member_level == Level.AP.value,
        h.first_period <= at,
        h.last_period >= at,
    )
    bare = case((and_(M.member_level == Level.XA.value, ~hamlet_then), 1), else_=0)
    return (
        select(M.ancestor_id, at, M.member_level, M.comparable, func.count(), func.sum(bare))
        .select_from(M)
        .join(q, and_(M.first_period <= at, M.last_period >= at))
        .where(_ancestor_in(single))
        .group_by(M.ancestor_id, at, M.member_level, M.comparable)
    )
