"""Indicators: formulas over data elements, and their computation from plain values.

Which indicators a commune is judged by is its framework's (``cds_core.framework``);
``INDICATORS`` and ``PILLAR_NAMES`` here are Resolution 08's, for code not given one.

Officers type counts; every rate is computed here. A denominator of 0 makes an indicator not
applicable (never 0%, never an exception); a missing numerator or denominator means no data, and
so does a sum that overflowed to infinity (figures stored before the catalogue's bounds).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from cds_core.catalogue import Level

Term = tuple[str, int]  # (value code, +1 or -1)


@dataclass(frozen=True)
class Indicator:
    code: str
    name_vi: str
    name_en: str
    numerator: tuple[Term, ...]
    # None: the indicator is a ``pct`` element taken as it is (no counts behind it).
    denominator: tuple[Term, ...] | None
    pillar: str  # a pillar code of its framework
    # Where its figures are entered (hamlet or commune): who should report them.
    level: Level = Level.XA
    unit: str = ""  # what its counts count, as the report writes it ("hồ sơ")
    # Why it has no target, in Vietnamese and English, where it deliberately has none.
    no_target: tuple[str, str] | None = None

    def name(self, lang: str = "vi") -> str:
        return self.name_vi if lang == "vi" else self.name_en

    @property
    def elements(self) -> tuple[str, ...]:
        """Every value code the formula reads, numerator first."""
        return tuple(c for c, _ in self.numerator) + tuple(c for c, _ in self.denominator or ())


class Outcome(StrEnum):
    OK = "ok"
    NO_DATA = "no_data"
    NOT_APPLICABLE = "not_applicable"  # denominator 0


@dataclass(frozen=True)
class IndicatorValue:
    code: str
    numerator: float | None
    denominator: float | None
    rate: float | None  # in percent
    outcome: Outcome


def _sum(terms: tuple[Term, ...], values: Mapping[str, float | None]) -> float | None:
    """Signed sum of the terms that have a value; ``None`` if no positive term has one.

    An empty cell beside a filled one reads as 0 (a commune with desktops but no laptops
    leaves the laptop row empty, as the seed's device table does).
    """
    if all(values.get(code) is None for code, sign in terms if sign > 0):
        return None
    return sum(sign * (values.get(code) or 0) for code, sign in terms)


def _finite(x: float | None) -> float | None:
    return x if x is not None and math.isfinite(x) else None


def compute(indicator: Indicator, values: Mapping[str, float | None]) -> IndicatorValue:
    """Numerator, denominator and rate (percent) of one indicator from element values."""
    numerator = _sum(indicator.numerator, values)
    denominator = None if indicator.denominator is None else _sum(indicator.denominator, values)
    return from_sums(indicator, numerator, denominator)


def from_sums(
    indicator: Indicator, numerator: float | None, denominator: float | None
) -> IndicatorValue:
    """The indicator's value from its numerator and denominator (for a ``pct`` indicator the
    numerator is the value itself): no data without both, not applicable over 0. A sum that
    overflowed to infinity is no data: it never reaches a page as a figure."""
    numerator = _finite(numerator)
    if indicator.denominator is None:
        outcome = Outcome.NO_DATA if numerator is None else Outcome.OK
        return IndicatorValue(indicator.code, None, None, numerator, outcome)
    denominator = _finite(denominator)
    if numerator is None or denominator is None:
        return IndicatorValue(indicator.code, numerator, denominator, None, Outcome.NO_DATA)
    if denominator == 0:
        return IndicatorValue(indicator.code, numerator, 0, None, Outcome.NOT_APPLICABLE)
    # Multiply first: 23 * 100 / 80 is exactly 28.75, where 23 / 80 * 100 falls just below it
    # and would round down on screen.
    rate = _finite(numerator * 100 / denominator)
    if rate is None:
        return IndicatorValue(indicator.code, numerator, denominator, None, Outcome.NO_DATA)
    return IndicatorValue(indicator.code, numerator, denominator, rate, Outcome.OK)


def level_of(indicator: Indicator) -> Level:
    """Where the indicator's figures are entered (hamlet or commune): who should report them."""
    return indicator.level


def compute_all(
    values: Mapping[str, float | None], indicators: Mapping[str, Indicator] | None = None
) -> dict[str, IndicatorValue]:
    """Every indicator of ``indicators`` (Resolution 08's by default) from element values."""
    if indicators is None:
        from cds_core.framework import nq08

        indicators = nq08().indicators
    return {code: compute(ind, values) for code, ind in indicators.items()}


def __getattr__(name: str):
    # Resolution 08's indicators and pillars, for code not given a framework (see catalogue).
    if name in ("INDICATORS", "PILLAR_NAMES"):
        from cds_core.framework import nq08

        framework = nq08()
        if name == "INDICATORS":
            return framework.indicators
        return {p.code: (p.name_vi, p.name_en) for p in framework.pillars.values()}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
