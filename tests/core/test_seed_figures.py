"""The seed report's Q1/2024 figures for Phú Tân, pinned (catalogue.md section 8, seed checks)."""

from pathlib import Path

import pytest

from cds_core.formatting import format_pct
from cds_core.indicators import INDICATORS, Outcome, compute
from cds_core.interchange import parse_values
from cds_core.rules import Severity, check
from cds_core.scorecard import build
from cds_core.status import Status
from cds_core.targets import DEFAULT_TARGETS

SEED_CSV = Path(__file__).resolve().parents[2] / "db" / "demo" / "phu_tan_2024q1.csv"


def seed_values() -> dict[str, float | str | None]:
    records = parse_values(SEED_CSV.read_text(encoding="utf-8"))
    return {r.element: r.value for r in records}


@pytest.fixture(scope="module")
def seed():
    return seed_values()


@pytest.fixture(scope="module")
def rows(seed):
    return {row.indicator: row for row in build(seed, DEFAULT_TARGETS)}


# indicator, numerator, denominator, shown (vi), status; the report's own figure in the comment.
SEED_FIGURES = [
    ("dvc_full_rate", 73, 156, "46,8%", Status.NOT_MET),  # T1 ≥ 80
    ("dvc_online_dossier_rate", 50, 59, "84,7%", Status.MET),  # T2 > 80
    ("dvc_partial_rate", 82, 156, "52,6%", Status.NOT_APPLICABLE),
    ("ht_staff_pc_rate", 21, 22, "95,5%", Status.NEAR),  # report says 100%
    ("em_account_rate", 21, 22, "95,5%", Status.NEAR),
    ("dvc_info_rate", 1, 156, "0,6%", Status.NOT_APPLICABLE),  # report says 0,06%
    ("dvc_tthc_with_dossiers_rate", 8, 156, "5,1%", Status.NOT_APPLICABLE),
    ("vb_electronic_rate", 93, 93, "100%", Status.MET),
    ("vb_in_digitized_rate", 277, 277, "100%", Status.MET),
    ("mc_software_rate", 59, 59, "100%", Status.MET),
    ("mc_on_time_rate", 59, 59, "100%", Status.MET),
    ("bc_return_rate", 5, 59, "8,5%", Status.NOT_APPLICABLE),  # report says 8,4%
    ("at_av_coverage", 36, 38, "94,7%", Status.NEAR),
    ("bc_receive_rate", 0, 0, "", Status.NOT_APPLICABLE),  # report says 0%
    ("dvc_payment_online_rate", 0, None, "", Status.NO_DATA),
]


@pytest.mark.parametrize(("code", "numerator", "denominator", "shown", "status"), SEED_FIGURES)
def test_seed_indicator_figures(seed, rows, code, numerator, denominator, shown, status):
    value = compute(INDICATORS[code], seed)
    assert (value.numerator, value.denominator) == (numerator, denominator)
    assert format_pct(value.rate) == shown
    assert rows[code].status is status
    assert rows[code].value == value


@pytest.mark.parametrize(
    ("code", "outcome"),
    [
        ("dvc_full_rate", Outcome.OK),
        ("bc_receive_rate", Outcome.NOT_APPLICABLE),
        ("dvc_payment_online_rate", Outcome.NO_DATA),
        ("dvc_national_portal_rate", Outcome.NO_DATA),
        ("dvc_satisfaction", Outcome.NO_DATA),
    ],
)
def test_seed_indicator_outcomes(seed, code, outcome):
    assert compute(INDICATORS[code], seed).outcome is outcome


def test_seed_rate_in_english_uses_a_decimal_point(seed):
    assert format_pct(compute(INDICATORS["dvc_online_dossier_rate"], seed).rate, "en") == "84.7%"


def test_scorecard_record_for_dvc_full_rate(rows):
    assert rows["dvc_full_rate"].as_record() == {
        "indicator": "dvc_full_rate",
        "numerator": "73",
        "denominator": "156",
        "value": "46.8",
        "target": "80.0",
        "status": "not_met",
        "coverage": "1/1",  # the commune's own figures
    }


@pytest.mark.parametrize(
    ("code", "record"),
    [
        ("bc_receive_rate", ("0", "0", "", "", "not_applicable", "1/1")),
        # A numerator without its denominator: the commune did not give this figure.
        ("dvc_payment_online_rate", ("0", "", "", "10.0", "no_data", "0/1")),
        ("vb_electronic_rate", ("93", "93", "100.0", "95.0", "met", "1/1")),
        ("at_av_coverage", ("36", "38", "94.7", "100.0", "near", "1/1")),
    ],
)
def test_scorecard_records_leave_missing_figures_empty(rows, code, record):
    got = rows[code].as_record()
    assert tuple(got[c] for c in ("numerator", "denominator", "value", "target", "status",
                                  "coverage")) == record  # fmt: skip


def test_scorecard_has_one_row_per_indicator_in_catalogue_order(seed):
    assert [row.indicator for row in build(seed, DEFAULT_TARGETS)] == list(INDICATORS)


def test_seed_breaks_no_error_rule(seed):
    assert [v.rule for v in check(seed) if v.severity is Severity.ERROR] == []


def test_seed_warnings_are_exactly_the_ones_the_catalogue_predicts(seed):
    fired = {v.rule: v for v in check(seed)}
    assert set(fired) == {"plausible.ht_pc_broadband"}
    broadband = fired["plausible.ht_pc_broadband"]
    assert broadband.severity is Severity.WARNING
    assert broadband.elements == ("ht_pc_broadband", "ht_pc_internet")
    assert broadband.params == {"left": 35, "right": 21}
