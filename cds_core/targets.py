"""Targets: comparator, value, deadline and source per indicator, and which one applies.

A framework's file sets its targets (``DEFAULT_TARGETS`` here are Resolution 08's, the
catalogue's section 9). They are data: the database may hold overrides (for an org unit, a
level or from a year on), and :func:`resolve` picks the most specific one that applies.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from cds_core.errors import CdsError
from cds_core.indicators import Indicator

FRAMEWORK = "NQ08"


class Comparator(StrEnum):
    GE = ">="
    GT = ">"
    LE = "<="

    @property
    def symbol(self) -> str:
        return {"<=": "≤", ">=": "≥", ">": ">"}[self.value]

    @classmethod
    def parse(cls, text: str) -> Comparator:
        aliases = {"≥": ">=", "≤": "<=", "ge": ">=", "gt": ">", "le": "<="}
        try:
            return cls(aliases.get(text.strip(), text.strip()))
        except ValueError:
            raise CdsError("err_bad_comparator", value=text) from None


@dataclass(frozen=True)
class Target:
    id: str
    indicator: str
    comparator: Comparator
    value: float  # percent
    deadline: int  # year
    source: str
    # Where the amber band starts (for ≥/>: the lowest value still "near"; for ≤: the highest).
    # None means the default of design.md: 0.8 × T for ≥/>, 1.2 × T for ≤.
    amber_from: float | None = None
    framework: str = FRAMEWORK
    org_unit: str | None = None  # org unit code
    level: str | None = None  # org unit level
    year: int | None = None  # applies from this year on
    note: str = ""  # "norm": a commune norm the report takes for granted, citing no document
    # Its source is not verified (a document whose annex could not be read): shown as proposed.
    proposed: bool = False

    @property
    def band_start(self) -> float:
        if self.amber_from is not None:
            return self.amber_from
        return self.value * (1.2 if self.comparator is Comparator.LE else 0.8)

    @property
    def specificity(self) -> tuple[int, int]:
        """Higher wins: org unit + year, org unit, level, framework default; then later year."""
        if self.org_unit is not None:
            rank = 3 if self.year is not None else 2
        elif self.level is not None:
            rank = 1
        else:
            rank = 0
        return rank, self.year or 0

    def label(self) -> str:
        from cds_core.formatting import format_pct

        return f"{self.comparator.symbol} {format_pct(self.value)}"


def no_target_reason(indicator: Indicator, lang: str = "vi") -> str:
    """Why ``indicator`` deliberately has no target, in ``lang`` ("" if it gives no reason)."""
    if indicator.no_target is None:
        return ""
    vi, en = indicator.no_target
    return vi if lang == "vi" else en


def __getattr__(name: str):
    # Resolution 08's targets and reasons, for code not given a framework (see catalogue).
    if name in ("DEFAULT_TARGETS", "NO_TARGET_REASON"):
        from cds_core.framework import nq08

        framework = nq08()
        if name == "DEFAULT_TARGETS":
            return framework.targets
        return {c: i.no_target for c, i in framework.indicators.items() if i.no_target}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def resolve(
    targets: Iterable[Target],
    indicator: str,
    *,
    org_unit: str | None = None,
    level: str | None = None,
    year: int | None = None,
) -> Target | None:
    """The target that applies to ``indicator`` for this org unit, level and year.

    Org unit + year beats org unit, which beats level, which beats the framework default;
    among equals the latest applicable year wins.
    """
    applicable = [
        t
        for t in targets
        if t.indicator == indicator
        and (t.org_unit is None or t.org_unit == org_unit)
        and (t.level is None or t.level == level)
        and (t.year is None or year is None or t.year <= year)
    ]
    if not applicable:
        return None
    return max(applicable, key=lambda t: t.specificity)


def expired(
    targets: Iterable[Target], year: int, indicators: Iterable[str] | None = None
) -> list[Target]:
    """The framework-wide targets in force in ``year`` whose deadline has passed: after it, a
    value short of the target is simply not met, until a next horizon's target is added.
    One per indicator of ``indicators`` (its framework's, in order; else the targets')."""
    targets = list(targets)
    out = []
    for code in indicators or dict.fromkeys(t.indicator for t in targets):
        t = resolve(targets, code, year=year)
        if t is not None and t.deadline < year:
            out.append(t)
    return out
