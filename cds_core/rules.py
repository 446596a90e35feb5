"""Consistency rules checked on entry (catalogue section 10).

Each rule has a severity (an error blocks submitting, a warning asks for a comment) and names the
value codes it involves, so a form can point at the offending cells. A rule stays silent while
any side of it is empty: an unfinished form is not an inconsistent one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from cds_core.catalogue import (
    DEVICE_TYPES,
    ELEMENTS,
    Kind,
    Level,
    Time,
)
from cds_core.formatting import round_half_up
from cds_core.indicators import INDICATORS, Term

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


@dataclass(frozen=True)
class Rule:
    """``sum(left) <= sum(right)`` (or ``==`` with ``equal``) over signed terms."""

    id: str
    severity: Severity
    left: tuple[Term, ...]
    right: tuple[Term, ...]
    equal: bool = False

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
        return Violation(self.id, self.severity, self.elements, key, {"left": left, "right": right})


def _side(terms: tuple[Term, ...], values: Values) -> float | None:
    """Signed sum, or ``None`` if no positive term has a number (subtracted ones count as 0)."""
    positives = [values.get(c) for c, s in terms if s > 0]
    if all(not isinstance(v, float | int) for v in positives):
        return None
    return sum(s * v for c, s in terms if isinstance(v := values.get(c), float | int))


def _p(*codes: str) -> tuple[Term, ...]:
    return tuple((c, 1) for c in codes)


def _build_rules() -> tuple[Rule, ...]:
    E, W = Severity.ERROR, Severity.WARNING
    rules: list[Rule] = []
    # Every indicator's numerator fits in its denominator; two count things outside the whole.
    loose = {"em_account_rate", "at_av_coverage"}
    for ind in INDICATORS.values():
        if ind.denominator is not None:
            sev = W if ind.code in loose else E
            rules.append(Rule(f"part_whole.{ind.code}", sev, ind.numerator, ind.denominator))
    not_secret = (("vb_out_total", 1), ("vb_out_secret", -1))
    pairs = [
        ("dvc_dossiers_online", _p("dvc_dossiers_total")),
        ("vb_out_on_software", not_secret),
        ("vb_out_signed_valid", not_secret),
        ("vb_in_digitized_signed", _p("vb_in_digitized")),
        ("vb_in_digitized", _p("vb_in_total")),
        ("mc_dossiers_on_time", _p("mc_dossiers_on_software")),
        ("mc_dossiers_on_software", _p("mc_dossiers_received")),
        ("bc_tthc_with_dossiers", _p("bc_tthc_deployed")),
        ("vb_out_secret", _p("vb_out_total")),
        ("dvc_tthc_financial_online", _p("dvc_tthc_financial")),
        ("dvc_payments_online", _p("dvc_payments_total")),
        ("bc_dossiers_received", _p("bc_dossiers_eligible")),
    ]
    for device, _, _ in DEVICE_TYPES:
        for column in ("over_5y", "broken", "new"):
            pairs.append((f"ht_device.{device}.{column}", _p(f"ht_device.{device}.total")))
    for population, parts in HAMLET_POPULATIONS.items():
        pairs.extend((part, _p(population)) for part in parts)
    seen = {(r.left, r.right) for r in rules}
    for part, whole in pairs:
        if (_p(part), whole) not in seen:
            rules.append(Rule(f"part_whole.{part}", E, _p(part), whole))
            seen.add((_p(part), whole))
    rules += [
        Rule("sum.dvc_dossiers_online", E,
             _p("dvc_dossiers_online_partial", "dvc_dossiers_online_full"),
             _p("dvc_dossiers_online"), equal=True),
        Rule("sum.dvc_tthc_levels", E,
             _p("dvc_tthc_info", "dvc_tthc_partial", "dvc_tthc_full"), _p("dvc_tthc_total")),
        Rule("plausible.ht_pc_broadband", W, _p("ht_pc_broadband"), _p("ht_pc_internet")),
        Rule("plausible.ht_pc_total", W, _p("ht_pc_broadband", "ht_pc_offline_security"),
             _p("ht_device.desktop.total", "ht_device.laptop.total")),
    ]  # fmt: skip
    return tuple(rules)


# Hamlet counts and the population element each must fit in.
HAMLET_POPULATIONS: dict[str, tuple[str, ...]] = {
    "xh_adults": (
        "xh_smartphone_adults",
        "xh_vneid_activated",
        "xh_epayment_adults",
        "xh_digital_signature_adults",
        "xh_citizen_app_users",
    ),
    "xh_households": ("xh_fiber_households",),
}

RULES: tuple[Rule, ...] = _build_rules()

STOCK_CHANGE_LIMIT = 0.5  # a stock moving by more than 50% in a quarter is worth a second look
ZERO_FLOW_HISTORY = 3


def check(values: Values, history: Sequence[Values] = ()) -> list[Violation]:
    """Every rule broken by one org unit's quarter.

    ``history`` holds the same unit's previous quarters, most recent first, for the rules that
    compare with the past (a stock jumping by more than half, a flow dropping to zero).
    """
    found = [v for rule in RULES if (v := rule.check(values))]
    if history:
        found += _temporal(values, history)
    return found


def _temporal(values: Values, history: Sequence[Values]) -> list[Violation]:
    found = []
    previous = history[0]
    for code, element in ELEMENTS.items():
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


def check_hamlet_totals(commune: Values, hamlet_sums: Values) -> list[Violation]:
    """A hamlet element entered at commune level too must equal the sum of the hamlets."""
    found = []
    for code, element in ELEMENTS.items():
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
    involved = elements or INDICATORS[indicator].elements
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


RULES_BY_ID = {r.id: r for r in RULES}


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
