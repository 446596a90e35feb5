"""Indicators: formulas over data elements, and their computation from plain values.

Officers type counts; every rate is computed here. A denominator of 0 makes an indicator not
applicable (never 0%, never an exception); a missing numerator or denominator means no data, and
so does a sum that overflowed to infinity (figures stored before the catalogue's bounds).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from cds_core.catalogue import VALUE_CODES, Kind


class Pillar(StrEnum):
    LEADERSHIP = "leadership"
    INFRASTRUCTURE = "infrastructure"
    GOVERNMENT = "digital_government"
    ECONOMY = "digital_economy"
    SOCIETY = "digital_society"
    SECURITY = "security"


PILLAR_NAMES = {
    Pillar.LEADERSHIP: ("Lãnh đạo, chỉ đạo", "Leadership"),
    Pillar.INFRASTRUCTURE: ("Hạ tầng", "Infrastructure"),
    Pillar.GOVERNMENT: ("Chính quyền số", "Digital government"),
    Pillar.ECONOMY: ("Kinh tế số", "Digital economy"),
    Pillar.SOCIETY: ("Xã hội số", "Digital society"),
    Pillar.SECURITY: ("An toàn thông tin", "Information security"),
}

Term = tuple[str, int]  # (value code, +1 or -1)


@dataclass(frozen=True)
class Indicator:
    code: str
    name_vi: str
    name_en: str
    numerator: tuple[Term, ...]
    # None: the indicator is a ``pct`` element taken as it is (no counts behind it).
    denominator: tuple[Term, ...] | None
    pillar: Pillar

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


def _p(*codes: str) -> tuple[Term, ...]:
    return tuple((c, 1) for c in codes)


_G, _I, _S, _E = Pillar.GOVERNMENT, Pillar.INFRASTRUCTURE, Pillar.SOCIETY, Pillar.SECURITY

# fmt: off
INDICATORS: dict[str, Indicator] = {i.code: i for i in (
    Indicator("dvc_full_rate", "Tỷ lệ DVCTT toàn trình (mức độ 4)",
              "Fully online public services (level 4)",
              _p("dvc_tthc_full"), _p("dvc_tthc_total"), _G),
    Indicator("dvc_online_dossier_rate", "Tỷ lệ hồ sơ giải quyết trực tuyến mức độ 3, 4",
              "Dossiers settled online (levels 3-4)",
              _p("dvc_dossiers_online"), _p("dvc_dossiers_total"), _G),
    Indicator("dvc_national_portal_rate", "Tỷ lệ TTHC tích hợp Cổng DVC quốc gia",
              "Procedures on the National Public Service Portal",
              _p("dvc_tthc_national_portal"), _p("dvc_tthc_total"), _G),
    Indicator("vb_electronic_rate", "Tỷ lệ văn bản đi ký số, gửi hoàn toàn điện tử (trừ mật)",
              "Outgoing documents signed and sent fully electronically (excl. secret)",
              _p("vb_out_electronic_only"), (("vb_out_total", 1), ("vb_out_secret", -1)), _G),
    Indicator("dvc_satisfaction", "Mức độ hài lòng của người dân, doanh nghiệp",
              "Citizen and business satisfaction",
              _p("dvc_satisfaction_pct"), None, _G),
    Indicator("dvc_financial_online_rate", "Tỷ lệ TTHC có nghĩa vụ tài chính thanh toán trực tuyến",
              "Procedures with a financial obligation payable online",
              _p("dvc_tthc_financial_online"), _p("dvc_tthc_financial"), _G),
    Indicator("dvc_payment_online_rate", "Tỷ lệ giao dịch thanh toán trực tuyến",
              "Payments made online",
              _p("dvc_payments_online"), _p("dvc_payments_total"), _G),
    Indicator("dvc_partial_rate", "Tỷ lệ DVCTT một phần (mức độ 3)",
              "Partly online public services (level 3)",
              _p("dvc_tthc_partial"), _p("dvc_tthc_total"), _G),
    Indicator("dvc_info_rate", "Tỷ lệ TTHC chỉ cung cấp thông tin (mức độ 2)",
              "Procedures with online information only (level 2)",
              _p("dvc_tthc_info"), _p("dvc_tthc_total"), _G),
    Indicator("dvc_tthc_with_dossiers_rate", "Tỷ lệ TTHC mức độ 3, 4 có phát sinh hồ sơ",
              "Level 3-4 procedures that received dossiers",
              _p("dvc_tthc_with_dossiers"), _p("dvc_tthc_total"), _G),
    Indicator("ht_staff_pc_rate", "Tỷ lệ CBCC được trang bị máy tính",
              "Civil servants equipped with a computer",
              _p("ht_staff_with_pc"), _p("ht_staff_total"), _I),
    Indicator("em_account_rate", "Tỷ lệ CBCC được cấp hộp thư công vụ",
              "Civil servants with an official mailbox",
              _p("em_accounts"), _p("ht_staff_total"), _I),
    Indicator("vb_in_digitized_rate", "Tỷ lệ văn bản đến được số hóa",
              "Incoming documents digitised",
              _p("vb_in_digitized"), _p("vb_in_total"), _G),
    Indicator("mc_software_rate", "Tỷ lệ hồ sơ một cửa xử lý trên phần mềm",
              "One-stop dossiers processed on the software",
              _p("mc_dossiers_on_software"), _p("mc_dossiers_received"), _G),
    Indicator("mc_on_time_rate", "Tỷ lệ hồ sơ giải quyết đúng hạn",
              "Dossiers settled on time",
              _p("mc_dossiers_on_time"), _p("mc_dossiers_on_software"), _G),
    Indicator("bc_receive_rate", "Tỷ lệ hồ sơ tiếp nhận qua BCCI",
              "Dossiers received through the postal service",
              _p("bc_dossiers_received"), _p("bc_dossiers_eligible"), _G),
    Indicator("bc_return_rate", "Tỷ lệ kết quả TTHC trả qua BCCI",
              "Results returned through the postal service",
              _p("bc_results_returned"), _p("dvc_dossiers_total"), _G),
    Indicator("at_av_coverage", "Tỷ lệ máy tính có diệt virus bản quyền",
              "Computers with licensed antivirus",
              _p("at_av_provincial", "at_av_self"),
              _p("ht_device.desktop.total", "ht_device.laptop.total"), _E),
    Indicator("xh_smartphone_rate", "Tỷ lệ người trưởng thành dùng điện thoại thông minh",
              "Adults using a smartphone",
              _p("xh_smartphone_adults"), _p("xh_adults"), _S),
    Indicator("xh_fiber_rate", "Tỷ lệ hộ gia đình có cáp quang",
              "Households with fibre internet",
              _p("xh_fiber_households"), _p("xh_households"), _S),
    Indicator("xh_vneid_rate", "Tỷ lệ người trưởng thành có tài khoản định danh điện tử",
              "Adults with an electronic ID account",
              _p("xh_vneid_activated"), _p("xh_adults"), _S),
    Indicator("xh_epayment_rate", "Tỷ lệ người trưởng thành có tài khoản thanh toán điện tử",
              "Adults with an electronic payment account",
              _p("xh_epayment_adults"), _p("xh_adults"), Pillar.ECONOMY),
    Indicator("xh_digital_signature_rate", "Tỷ lệ người trưởng thành có chữ ký số cá nhân",
              "Adults with a personal digital signature",
              _p("xh_digital_signature_adults"), _p("xh_adults"), _S),
)}
# fmt: on


def _validate() -> None:
    for ind in INDICATORS.values():
        for code in ind.elements:
            if code not in VALUE_CODES:
                raise RuntimeError(f"indicator {ind.code}: unknown element {code}")
        if ind.denominator is None and VALUE_CODES[ind.numerator[0][0]].kind is not Kind.PCT:
            raise RuntimeError(f"indicator {ind.code}: only a pct element stands alone")


_validate()


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
    numerator = _finite(_sum(indicator.numerator, values))
    if indicator.denominator is None:
        outcome = Outcome.NO_DATA if numerator is None else Outcome.OK
        return IndicatorValue(indicator.code, None, None, numerator, outcome)
    denominator = _finite(_sum(indicator.denominator, values))
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


def compute_all(values: Mapping[str, float | None]) -> dict[str, IndicatorValue]:
    return {code: compute(ind, values) for code, ind in INDICATORS.items()}
