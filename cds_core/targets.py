"""Targets: comparator, value, deadline and source per indicator, and which one applies.

The defaults below are the catalogue's section 9. They are data: the database may hold
overrides (for an org unit, a level or from a year on), and :func:`resolve` picks the most
specific one that applies.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from cds_core.errors import CdsError
from cds_core.indicators import INDICATORS

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
    note: str = ""

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


_NQ08 = "Báo cáo NQ 08-NQ/TU (xã) mục II.1"
_NORM = "Định mức của xã (báo cáo coi là đương nhiên, không dẫn văn bản)"

DEFAULT_TARGETS: tuple[Target, ...] = (
    Target("T1", "dvc_full_rate", Comparator.GE, 80, 2025,
           f"{_NQ08}; QĐ 749/QĐ-TTg (2025: 80%, 2030: 100%)"),
    Target("T2", "dvc_online_dossier_rate", Comparator.GT, 80, 2025, _NQ08),
    Target("T3", "dvc_national_portal_rate", Comparator.GE, 60, 2025, _NQ08),
    Target("T4", "vb_electronic_rate", Comparator.GE, 95, 2025, _NQ08),
    Target("T5", "dvc_satisfaction", Comparator.GE, 60, 2025, _NQ08),
    Target("T6", "dvc_financial_online_rate", Comparator.GE, 40, 2025, _NQ08),
    Target("T7", "dvc_payment_online_rate", Comparator.GE, 10, 2025, _NQ08),
    Target("N1", "xh_smartphone_rate", Comparator.GE, 80, 2025,
           "Kế hoạch CĐS quốc gia năm 2023 (thuê bao dùng điện thoại thông minh > 80%)"),
    Target("N2", "xh_fiber_rate", Comparator.GT, 80, 2025,
           "QĐ 749/QĐ-TTg (cáp quang phủ trên 80% hộ gia đình)"),
    Target("N3", "xh_epayment_rate", Comparator.GT, 80, 2030,
           "QĐ 749/QĐ-TTg (trên 80% dân số có tài khoản thanh toán điện tử)"),
    Target("N4", "xh_digital_signature_rate", Comparator.GT, 50, 2025,
           "QĐ 411/QĐ-TTg (> 50% 2025, > 70% 2030)"),
    Target("C1", "ht_staff_pc_rate", Comparator.GE, 100, 2025,
           f"{_NORM}: báo cáo ghi “đạt tỉ lệ 100%”", note="norm"),
    Target("C2", "em_account_rate", Comparator.GE, 100, 2025,
           f"{_NORM}: “Tỷ lệ số hộp thư điện tử được cấp/tổng số CBCC: 100%”", note="norm"),
    Target("C3", "vb_in_digitized_rate", Comparator.GE, 100, 2025,
           f"{_NORM}: 277/277", note="norm"),
    Target("C4", "mc_software_rate", Comparator.GE, 100, 2025, f"{_NORM}: 59/59", note="norm"),
    Target("C5", "mc_on_time_rate", Comparator.GE, 100, 2025,
           f"{_NORM}: “không có hồ sơ trễ hạn”", note="norm"),
    Target("C6", "at_av_coverage", Comparator.GE, 100, 2025,
           f"{_NORM}: mọi máy tính được bảo vệ", note="norm"),
)  # fmt: skip

# Indicators deliberately without a target, and why, in Vietnamese and English (a test holds
# every indicator to a target or a reason; the rules page shows the reason in the user's words).
NO_TARGET_REASON = {
    "dvc_partial_rate": (
        "bối cảnh của T1: mức độ 3 là bước trước mức độ 4",
        "context for T1: level 3 is the step before level 4",
    ),
    "dvc_info_rate": (
        "bối cảnh của T1: thủ tục chỉ cung cấp thông tin",
        "context for T1: information-only procedures",
    ),
    "dvc_tthc_with_dossiers_rate": (
        "phản ánh nhu cầu của người dân, xã không điều khiển được",
        "describes demand, which the commune does not steer",
    ),
    "bc_receive_rate": (
        "NQ 08 và kế hoạch của xã không đặt mục tiêu",
        "no target in NQ 08 or the commune's plan",
    ),
    "bc_return_rate": (
        "NQ 08 và kế hoạch của xã không đặt mục tiêu",
        "no target in NQ 08 or the commune's plan",
    ),
    "xh_vneid_rate": (
        "Đề án 06 không đặt tỷ lệ cấp xã cho tài khoản định danh mức 2 đã kích hoạt",
        "Đề án 06 sets no commune rate for activated level-2 accounts",
    ),
}


def no_target_reason(indicator: str, lang: str = "vi") -> str:
    vi, en = NO_TARGET_REASON[indicator]
    return vi if lang == "vi" else en


def _validate() -> None:
    ids = set()
    for t in DEFAULT_TARGETS:
        if t.indicator not in INDICATORS or t.id in ids:
            raise RuntimeError(f"target {t.id}: unknown indicator or duplicate id")
        ids.add(t.id)


_validate()


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


def expired(targets: Iterable[Target], year: int) -> list[Target]:
    """The framework-wide targets in force in ``year`` whose deadline has passed: after it, a
    value short of the target is simply not met, until a next horizon's target is added."""
    targets = list(targets)
    out = []
    for code in INDICATORS:
        t = resolve(targets, code, year=year)
        if t is not None and t.deadline < year:
            out.append(t)
    return out
