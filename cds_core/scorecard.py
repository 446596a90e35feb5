"""A scorecard: every indicator of one org unit and quarter with its target and status."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cds_core.formatting import csv_pct
from cds_core.indicators import INDICATORS, IndicatorValue, compute
from cds_core.status import Status, status_of
from cds_core.targets import Target, resolve

COLUMNS = ("indicator", "numerator", "denominator", "value", "target", "status")


@dataclass(frozen=True)
class Row:
    value: IndicatorValue
    target: Target | None
    status: Status

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
    """Rows in catalogue order from one unit's (already rolled-up) element values."""
    targets = list(targets)
    rows = []
    for code, indicator in INDICATORS.items():
        value = compute(indicator, values)
        target = resolve(targets, code, org_unit=org_unit, level=level, year=year)
        rows.append(Row(value, target, status_of(value, target)))
    return rows


def counts(rows: Iterable[Row]) -> dict[Status, int]:
    out = dict.fromkeys(Status, 0)
    for row in rows:
        out[row.status] += 1
    return out
