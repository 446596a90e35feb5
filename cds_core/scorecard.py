"""A scorecard: every indicator of one org unit and quarter with its target, status and
coverage (how many of the units that should have reported its figures did)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from cds_core.formatting import csv_pct
from cds_core.indicators import INDICATORS, Indicator, IndicatorValue, compute, from_sums, level_of
from cds_core.status import Status, status_of
from cds_core.targets import Target, resolve

COLUMNS = ("indicator", "numerator", "denominator", "value", "target", "status", "coverage")


@dataclass(frozen=True)
class Coverage:
    """``reported`` of the ``expected`` units that should have reported a figure did: hamlets
    for hamlet elements, communes for a province, predecessors for a merged commune."""

    reported: int
    expected: int
    # The level of the units counted (``ap``, ``xa``) when they are all of one; None when
    # they are not (a district's hamlets beside communes with no hamlet on the map).
    level: str | None = None

    @property
    def partial(self) -> bool:
        return self.reported < self.expected

    def text(self) -> str:
        return f"{self.reported}/{self.expected}"


@dataclass(frozen=True)
class Sums:
    """One indicator over several units. ``numerator`` and ``denominator`` add up only the
    ``reported`` units that gave both (a missing count never dilutes a rate); ``any_*`` add up
    every unit that gave that side, shown when no unit gave both."""

    numerator: float | None
    denominator: float | None
    reported: int
    any_numerator: float | None = None
    any_denominator: float | None = None


@dataclass(frozen=True)
class Row:
    value: IndicatorValue
    target: Target | None
    status: Status
    coverage: Coverage | None = None
    # False before a unit existed when one of its predecessors was split: no figure is
    # comparable there, and none is shown.
    comparable: bool = True

    @property
    def indicator(self) -> str:
        return self.value.code

    def as_record(self) -> dict[str, str]:
        """The row in the command line's CSV/JSON form (percent with ``.``, empty where none)."""
        v = self.value
        return {
            "indicator": v.code,
            "numerator": _count(v.numerator),
            "denominator": _count(v.denominator),
            "value": csv_pct(v.rate),
            "target": csv_pct(self.target.value) if self.target else "",
            "status": self.status.value,
            "coverage": self.coverage.text() if self.coverage else "",
        }


def _count(x: float | None) -> str:
    if x is None:
        return ""
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def build(
    values: Mapping[str, float | None],
    targets: Iterable[Target],
    *,
    org_unit: str | None = None,
    level: str | None = None,
    year: int | None = None,
) -> list[Row]:
    """Rows in catalogue order from one unit's own element values (coverage 1/1 where the unit
    gave the figures, 0/1 where not)."""
    targets = list(targets)
    rows = []
    for code, indicator in INDICATORS.items():
        value = compute(indicator, values)
        target = resolve(targets, code, org_unit=org_unit, level=level, year=year)
        reported = int(value.rate is not None or value.denominator == 0)
        rows.append(Row(value, target, status_of(value, target, year), Coverage(reported, 1)))
    return rows


def value_of(indicator: Indicator, sums: Sums | None) -> IndicatorValue:
    if sums is None:
        return from_sums(indicator, None, None)
    if sums.reported:
        return from_sums(indicator, sums.numerator, sums.denominator)
    return from_sums(indicator, sums.any_numerator, sums.any_denominator)


def in_force(
    targets: Iterable[Target], *, org_unit: str | None, level: str | None, year: int | None
) -> dict[str, Target | None]:
    """The target that applies to each indicator (see :func:`cds_core.targets.resolve`)."""
    targets = tuple(targets)
    return _in_force(targets, org_unit, level, year)


@lru_cache(maxsize=256)
def _in_force(targets: tuple[Target, ...], org_unit, level, year) -> dict[str, Target | None]:
    # A trend judges every quarter of a year against the same targets: resolve them once.
    return {
        code: resolve(targets, code, org_unit=org_unit, level=level, year=year)
        for code in INDICATORS
    }


def build_rollup(
    sums: Mapping[str, Sums],
    expected: Mapping[str, int],
    targets: Iterable[Target],
    *,
    org_unit: str | None = None,
    level: str | None = None,
    year: int | None = None,
    comparable: bool = True,
    mixed: Collection[str] = (),
) -> list[Row]:
    """Rows in catalogue order from sums over several units; ``expected`` counts the units
    that should have reported, by the level where an indicator is entered (``xa``, ``ap``);
    ``mixed`` names the levels whose count holds units of another level too."""
    resolved = in_force(targets, org_unit=org_unit, level=level, year=year)
    rows = []
    for code, indicator in INDICATORS.items():
        s = sums.get(code) if comparable else None
        value = value_of(indicator, s)
        target = resolved[code]
        entered = level_of(indicator).value
        coverage = (
            Coverage(
                s.reported if s else 0,
                expected.get(entered, 0),
                None if entered in mixed else entered,
            )
            if comparable
            else None
        )
        rows.append(Row(value, target, status_of(value, target, year), coverage, comparable))
    return rows


def counts(rows: Iterable[Row]) -> dict[Status, int]:
    out = dict.fromkeys(Status, 0)
    for row in rows:
        out[row.status] += 1
    return out
