"""Consistency rules checked on entry (catalogue section 10), and the checks that compare a
quarter with the past or a commune with its hamlets.

A framework's file lists its rules (``RULES`` here are Resolution 08's, for code not given a
framework). Each has a severity (an error blocks submitting, a warning asks for a comment) and
names the value codes it involves, so a form can point at the offending cells. A rule stays
silent while any side of it is empty: an unfinished form is not an inconsistent one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from cds_core.catalogue import Kind, Level, Time
from cds_core.formatting import round_half_up
from cds_core.indicators import Term

if TYPE_CHECKING:
    from cds_core.framework import Framework

Values = Mapping[str, float | str | None]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Violation:
    rule: str
    severity: Severity
    elements: tuple[str, ...]
    key: str  # message key in texts (the interface's catalogues)
    params: dict[str, object] = field(default_factory=dict)
    # The rule it breaks (its terms name the cells; it may carry its own message).
    definition: Rule | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Rule:
    """``sum(left) <= sum(right)`` (or ``==`` with ``equal``) over signed terms."""

    id: str
    severity: Severity
    left: tuple[Term, ...]
    right: tuple[Term, ...]
    equal: bool = False
    # The framework's own words for it (Vietnamese, English); else the interface's.
    message: tuple[str, str] | None = None

    @property
    def elements(self) -> tuple[str, ...]:
        return tuple(c for c, _ in self.left) + tuple(c for c, _ in self.right)

    def check(self, values: Values) -> Violation | None:
        left, right = _side(self.left, values), _side(self.right, values)
        if left is None or right is None:
            return None
        broken = left != right if self.equal else left > right
        if not broken:
            return None
        key = "rule_sum" if self.equal else "rule_part_whole"
        return Violation(self.id, self.severity, self.elements, key, {"left": left, "right": right},
                         self)  # fmt: skip


def _side(terms: tuple[Term, ...], values: Values) -> float | None:
    """Signed sum, or ``None`` if no positive term has a number (subtracted ones count as 0)."""
    positives = [values.get(c) for c, s in terms if s > 0]
    if all(not isinstance(v, float | int) for v in positives):
        return None
    return sum(s * v for c, s in terms if isinstance(v := values.get(c), float | int))


STOCK_CHANGE_LIMIT = 0.5  # a stock moving by more than 50% in a quarter is worth a second look
ZERO_FLOW_HISTORY = 3


def check(
    values: Values, history: Sequence[Values] = (), framework: Framework | None = None
) -> list[Violation]:
    """Every rule of ``framework`` (Resolution 08 by default) broken by one org unit's quarter.

    ``history`` holds the same unit's previous quarters, most recent first, for the rules that
    compare with the past (a stock jumping by more than half, a flow dropping to zero).
    """
    framework = framework or _nq08()
    found = [v for rule in framework.rules if (v := rule.check(values))]
    if history:
        found += _temporal(values, history, framework)
    return found


def _nq08() -> Framework:
    from cds_core.framework import nq08

    return nq08()


def _temporal(values: Values, history: Sequence[Values], framework: Framework) -> list[Violation]:
    found = []
    previous = history[0]
    for code, element in framework.elements.items():
        if element.kind not in (Kind.COUNT, Kind.NUMBER) or element.categories:
            continue
        now = values.get(code)
        if not isinstance(now, float | int):
            continue
        if element.time is Time.STOCK:
            before = previous.get(code)
            if isinstance(before, float | int) and before > 0:
                change = abs(now - before) / before
                if change > STOCK_CHANGE_LIMIT:
                    found.append(
                        Violation(f"stock_change.{code}", Severity.WARNING, (code,),
                                  "rule_stock_change",
                                  {"before": before, "now": now,
                                   "change": float(round_half_up(change * 100, 0))})
                    )  # fmt: skip
        elif now == 0 and len(history) >= ZERO_FLOW_HISTORY:
            past = [h.get(code) for h in history[:ZERO_FLOW_HISTORY]]
            if all(isinstance(v, float | int) and v > 0 for v in past):
                found.append(
                    Violation(f"flow_zero.{code}", Severity.WARNING, (code,), "rule_flow_zero", {})
                )
    return found


def check_hamlet_totals(
    commune: Values, hamlet_sums: Values, framework: Framework | None = None
) -> list[Violation]:
    """A hamlet element entered at commune level too must equal the sum of the hamlets."""
    found = []
    for code, element in (framework or _nq08()).elements.items():
        if element.level is not Level.AP:
            continue
        own, total = commune.get(code), hamlet_sums.get(code)
        if isinstance(own, float | int) and isinstance(total, float | int) and own != total:
            found.append(
                Violation(f"hamlet_total.{code}", Severity.WARNING, (code,), "rule_hamlet_total",
                          {"commune": own, "hamlets": total})
            )  # fmt: skip
    return found


def check_stated_rate(
    indicator: str,
    stated: float,
    computed: float | None,
    *,
    elements: tuple[str, ...] | None = None,
    zero_denominator: bool = False,
) -> Violation | None:
    """A report's own percentage against the one computed from its counts.

    Compared at the one decimal both are written with: the catalogue's "more than 0,1 point"
    would let the seed's 8,4% pass against 8,47% (8,5% once rounded), its own example of a slip.
    ``elements`` names the counts of a rate that is not one of the catalogue's indicators (a
    report's "mức độ 3: 33/59 hồ sơ, đạt 55,9%"). Over a zero denominator any stated rate is a
    slip: such a rate is not applicable (the seed's "0/0 … đạt tỷ lệ: 0%").
    """
    involved = elements or _nq08().indicators[indicator].elements
    if zero_denominator:
        return Violation(f"stated.{indicator}", Severity.WARNING, involved,
                         "rule_stated_rate_not_applicable", {"stated": stated})  # fmt: skip
    if computed is None or round_half_up(stated, 1) == round_half_up(computed, 1):
        return None
    return Violation(
        f"stated.{indicator}",
        Severity.WARNING,
        involved,
        "rule_stated_rate",
        {"stated": stated, "computed": computed},
    )


def __getattr__(name: str):
    # Resolution 08's rules, for code not given a framework (see catalogue).
    if name == "RULES":
        return _nq08().rules
    if name == "RULES_BY_ID":
        return _nq08().rules_by_id
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def explained_before(
    violation: Violation, values: Values, before: Values, before_comments: Mapping[str, str]
) -> str | None:
    """Last quarter's comment on a warning whose every cell still holds last quarter's figure.

    Such a warning is carried over, not new: the situation it explained has not changed, so it
    asks for no new comment. Once a figure changes and the warning still holds on the new
    figures, it needs a comment of its own quarter. Errors are never explained away.
    """
    if violation.severity is not Severity.WARNING or not before:
        return None
    if any(values.get(code) != before.get(code) for code in violation.elements):
        return None
    return next(
        (before_comments[c] for c in violation.elements if before_comments.get(c, "").strip()),
        None,
    )


def unexplained(
    violations: Sequence[Violation],
    values: Values,
    comments: Mapping[str, str],
    before: Values,
    before_comments: Mapping[str, str],
) -> list[Violation]:
    """What stops a submission: every error, and each warning without a comment on any of its
    cells this quarter that was not already explained last quarter on the same figures."""
    return [
        v
        for v in violations
        if v.severity is Severity.ERROR
        or not (
            any(comments.get(c, "").strip() for c in v.elements)
            or explained_before(v, values, before, before_comments)
        )
    ]
