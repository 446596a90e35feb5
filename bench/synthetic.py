"""Synthetic org trees and quarterly values for the benchmark: plain values, deterministic from a
seed, and consistent with the catalogue's rules (every part fits in its whole).

A commune gets every commune-level cell (the device grid included), a hamlet every hamlet-level
one; the commune's section-6 figures are its hamlets' sum, as the rollup computes them.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from cds_core.catalogue import VALUE_CODES, Kind, Level
from cds_core.periods import Period
from cds_core.rules import RULES, Rule, Severity

Value = float | str


class Scale(StrEnum):
    COMMUNE = "commune"
    PROVINCE = "province"
    NATIONAL = "national"


@dataclass(frozen=True)
class Shape:
    provinces: int
    communes: int
    hamlets: int


SHAPES = {
    Scale.COMMUNE: Shape(1, 1, 10),
    Scale.PROVINCE: Shape(1, 102, 1000),
    Scale.NATIONAL: Shape(34, 3300, 33000),
}
QUARTERS = 12


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    level: Level
    parent_code: str | None


def _spread(total: int, parts: int) -> list[int]:
    """``total`` split over ``parts`` as evenly as whole numbers allow, larger shares first."""
    base, extra = divmod(total, parts)
    return [base + (i < extra) for i in range(parts)]


def units(scale: Scale) -> list[Unit]:
    """The org tree of a scale, parents before children."""
    shape = SHAPES[scale]
    out: list[Unit] = []
    communes = iter(_spread(shape.hamlets, shape.communes))
    for p, n_communes in enumerate(_spread(shape.communes, shape.provinces), start=1):
        province = f"SYN_T{p:02d}"
        out.append(Unit(province, f"Tỉnh Mẫu {p:02d}", Level.TINH, None))
        for x in range(1, n_communes + 1):
            commune = f"{province}_X{x:03d}"
            out.append(Unit(commune, f"Xã Mẫu {p:02d}.{x:03d}", Level.XA, province))
            for a in range(1, next(communes) + 1):
                out.append(Unit(f"{commune}_A{a:02d}", f"Ấp {a} (Xã Mẫu {x:03d})", Level.AP,
                                commune))  # fmt: skip
    return out


def quarters(last: Period, count: int = QUARTERS) -> list[Period]:
    """``count`` quarters ending with ``last``, oldest first."""
    out = [last]
    while len(out) < count:
        out.append(out[-1].previous())
    return out[::-1]


def _codes(level: Level) -> list[str]:
    return [c for c, vc in VALUE_CODES.items() if vc.element.level is level]


def _rules(codes: list[str]) -> list[Rule]:
    """The error rules among ``codes`` (the warnings are allowed to fire, as in real data)."""
    have = set(codes)
    return [r for r in RULES if r.severity is Severity.ERROR and set(r.elements) <= have]


CODES = {level: _codes(level) for level in (Level.XA, Level.AP)}
_LEVEL_RULES = {level: _rules(codes) for level, codes in CODES.items()}
# Hamlet populations are drawn first and everything else as a share of them.
_HAMLET_SIZE = {"xh_households": (150, 600), "xh_adults": (400, 1800)}


def _draw(rng: random.Random, code: str) -> Value:
    kind = VALUE_CODES[code].kind
    if kind is Kind.TEXT:
        return f"Nội dung mẫu {rng.randint(1, 999)}"
    if kind is Kind.BOOL:
        return float(rng.random() < 0.7)
    if kind is Kind.PCT:
        return float(rng.randint(50, 100))
    if kind is Kind.NUMBER:
        return round(rng.uniform(0, 500), 1)
    low, high = _HAMLET_SIZE.get(code, (0, 400))
    return float(rng.randint(low, high))


def _total(terms, values: dict[str, Value]) -> float:
    return sum(sign * values[code] for code, sign in terms)


def _repair(rng: random.Random, rules: list[Rule], values: dict[str, Value]) -> None:
    """Shrink parts into their wholes until no error rule is broken.

    Parts only ever shrink (a random share of the room left), so wholes stay put and the loop
    ends; the one equality (online dossiers = partial + full) splits its whole afresh.
    """
    for _ in range(50):
        broken = False
        for rule in rules:
            left, right = _total(rule.left, values), _total(rule.right, values)
            if rule.equal:
                if left != right:
                    broken = True
                    first, *rest = [c for c, _ in rule.left]
                    room = max(right, 0.0)
                    for code in rest:
                        values[code] = float(rng.randint(0, int(room)))
                        room -= values[code]
                    values[first] = room
            elif left > right:
                broken = True
                if left <= 0:  # the whole is negative (total minus secret): its own rule fixes it
                    continue
                share = max(right, 0.0) / left * rng.uniform(0.6, 1.0)
                for code, sign in rule.left:
                    if sign > 0:
                        values[code] = float(int(values[code] * share))
        if not broken:
            return
    raise RuntimeError("synthetic: the rules did not settle")  # a catalogue rule we cannot meet


def unit_values(rng: random.Random, level: Level) -> dict[str, Value]:
    """Every cell of one unit's quarter at ``level`` (commune or hamlet), rules satisfied."""
    values = {code: _draw(rng, code) for code in CODES[level]}
    _repair(rng, _LEVEL_RULES[level], values)
    return values


def values(
    scale: Scale, *, last: Period, seed: int = 1, count: int = QUARTERS
) -> Iterator[tuple[str, str, str, Value]]:
    """(org code, period, value code, value) for every commune and hamlet, ``count`` quarters
    ending with ``last``; the same seed gives the same values."""
    rng = random.Random(seed)
    periods = [p.code for p in quarters(last, count)]
    for unit in units(scale):
        if unit.level not in CODES:
            continue
        for period in periods:
            for code, value in unit_values(rng, unit.level).items():
                yield unit.code, period, code, value
