"""Indicator formulas of catalogue.md section 8 and their computation from plain values."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cds_core.formatting import format_pct
from cds_core.indicators import INDICATORS, Outcome, compute, compute_all
from cds_core.status import Status, status_of
from cds_core.targets import DEFAULT_TARGETS, resolve

# code → numerator, denominator (None: a pct element taken as it is); "-x" subtracts x.
SECTION_8 = [
    ("dvc_full_rate", ["dvc_tthc_full"], ["dvc_tthc_total"]),
    ("dvc_online_dossier_rate", ["dvc_dossiers_online"], ["dvc_dossiers_total"]),
    ("dvc_national_portal_rate", ["dvc_tthc_national_portal"], ["dvc_tthc_total"]),
    ("vb_electronic_rate", ["vb_out_electronic_only"], ["vb_out_total", "-vb_out_secret"]),
    ("dvc_satisfaction", ["dvc_satisfaction_pct"], None),
    ("dvc_financial_online_rate", ["dvc_tthc_financial_online"], ["dvc_tthc_financial"]),
    ("dvc_payment_online_rate", ["dvc_payments_online"], ["dvc_payments_total"]),
    ("dvc_partial_rate", ["dvc_tthc_partial"], ["dvc_tthc_total"]),
    ("dvc_info_rate", ["dvc_tthc_info"], ["dvc_tthc_total"]),
    ("dvc_tthc_with_dossiers_rate", ["dvc_tthc_with_dossiers"], ["dvc_tthc_total"]),
    ("ht_staff_pc_rate", ["ht_staff_with_pc"], ["ht_staff_total"]),
    ("em_account_rate", ["em_accounts"], ["ht_staff_total"]),
    ("vb_in_digitized_rate", ["vb_in_digitized"], ["vb_in_total"]),
    ("mc_software_rate", ["mc_dossiers_on_software"], ["mc_dossiers_received"]),
    ("mc_on_time_rate", ["mc_dossiers_on_time"], ["mc_dossiers_on_software"]),
    ("bc_receive_rate", ["bc_dossiers_received"], ["bc_dossiers_eligible"]),
    ("bc_return_rate", ["bc_results_returned"], ["dvc_dossiers_total"]),
    (
        "at_av_coverage",
        ["at_av_provincial", "at_av_self"],
        ["ht_device.desktop.total", "ht_device.laptop.total"],
    ),
    ("xh_smartphone_rate", ["xh_smartphone_adults"], ["xh_adults"]),
    ("xh_fiber_rate", ["xh_fiber_households"], ["xh_households"]),
    ("xh_vneid_rate", ["xh_vneid_activated"], ["xh_adults"]),
    ("xh_epayment_rate", ["xh_epayment_adults"], ["xh_adults"]),
    ("xh_digital_signature_rate", ["xh_digital_signature_adults"], ["xh_adults"]),
]
WITH_DENOMINATOR = [code for code, _, den in SECTION_8 if den is not None]


def terms(codes):
    return tuple((c.lstrip("-"), -1 if c.startswith("-") else 1) for c in codes)


@pytest.mark.parametrize(("code", "numerator", "denominator"), SECTION_8)
def test_formula_matches_catalogue_section_8(code, numerator, denominator):
    indicator = INDICATORS[code]
    assert indicator.numerator == terms(numerator)
    assert indicator.denominator == (None if denominator is None else terms(denominator))
    assert indicator.name_vi.strip()
    assert indicator.name_en.strip()


def test_indicator_list_is_exactly_section_8_in_its_order():
    assert list(INDICATORS) == [code for code, _, _ in SECTION_8]


def positives(codes):
    return [c for c, sign in codes if sign > 0]


@pytest.mark.parametrize("code", WITH_DENOMINATOR)
def test_denominator_zero_is_not_applicable_never_zero_percent(code):
    ind = INDICATORS[code]
    got = compute(ind, dict.fromkeys(ind.elements, 0))
    assert got.outcome is Outcome.NOT_APPLICABLE
    assert got.rate is None
    assert got.denominator == 0
    assert format_pct(got.rate) == ""


@pytest.mark.parametrize("code", WITH_DENOMINATOR)
def test_positive_numerator_over_zero_denominator_raises_nothing(code):
    ind = INDICATORS[code]
    values = dict.fromkeys(ind.elements, 0) | dict.fromkeys(positives(ind.numerator), 5)
    got = compute(ind, values)
    assert got.outcome is Outcome.NOT_APPLICABLE
    assert got.rate is None


def test_secret_documents_equal_to_all_documents_make_vb_electronic_rate_not_applicable():
    got = compute(
        INDICATORS["vb_electronic_rate"],
        {"vb_out_electronic_only": 0, "vb_out_total": 4, "vb_out_secret": 4},
    )
    assert got.outcome is Outcome.NOT_APPLICABLE


@pytest.mark.parametrize("code", WITH_DENOMINATOR)
def test_missing_numerator_or_denominator_is_no_data(code):
    ind = INDICATORS[code]
    only_den = {c: 10 for c in positives(ind.denominator)}
    only_num = {c: 1 for c in positives(ind.numerator)}
    for values in ({}, only_den, only_num):
        got = compute(ind, values)
        assert got.outcome is Outcome.NO_DATA
        assert got.rate is None


def test_zero_numerator_is_zero_percent_not_missing():
    got = compute(INDICATORS["dvc_full_rate"], {"dvc_tthc_full": 0, "dvc_tthc_total": 156})
    assert (got.outcome, got.rate) == (Outcome.OK, 0)


def test_vb_electronic_rate_subtracts_secret_documents():
    got = compute(
        INDICATORS["vb_electronic_rate"],
        {"vb_out_electronic_only": 90, "vb_out_total": 100, "vb_out_secret": 10},
    )
    assert (got.numerator, got.denominator, got.rate) == (90, 90, 100)


def test_vb_electronic_rate_reads_missing_secret_count_as_zero():
    got = compute(
        INDICATORS["vb_electronic_rate"], {"vb_out_electronic_only": 90, "vb_out_total": 100}
    )
    assert (got.denominator, got.rate) == (100, 90)


def test_vb_electronic_rate_without_total_is_no_data_even_with_secret_count():
    got = compute(
        INDICATORS["vb_electronic_rate"], {"vb_out_electronic_only": 0, "vb_out_secret": 0}
    )
    assert got.outcome is Outcome.NO_DATA


def test_at_av_coverage_counts_a_missing_laptop_row_as_zero():
    got = compute(
        INDICATORS["at_av_coverage"],
        {"at_av_provincial": 6, "at_av_self": 30, "ht_device.desktop.total": 37},
    )
    assert (got.numerator, got.denominator, got.outcome) == (36, 37, Outcome.OK)
    assert format_pct(got.rate) == "97,3%"


def test_at_av_coverage_counts_a_missing_antivirus_row_as_zero():
    got = compute(
        INDICATORS["at_av_coverage"],
        {"at_av_self": 30, "ht_device.desktop.total": 37, "ht_device.laptop.total": 1},
    )
    assert (got.numerator, got.denominator) == (30, 38)


def test_pct_indicator_is_its_element_as_entered():
    got = compute(INDICATORS["dvc_satisfaction"], {"dvc_satisfaction_pct": 72.5})
    assert (got.rate, got.outcome) == (72.5, Outcome.OK)
    assert compute(INDICATORS["dvc_satisfaction"], {}).outcome is Outcome.NO_DATA


def test_compute_all_covers_every_indicator_without_values():
    got = compute_all({})
    assert set(got) == set(INDICATORS)
    assert all(v.outcome is Outcome.NO_DATA for v in got.values())


@pytest.mark.parametrize(("n", "d", "shown"), [(23, 80, "28,8%"), (41, 80, "51,3%")])
def test_exact_half_rates_round_up_when_shown(n, d, shown):
    got = compute(INDICATORS["dvc_full_rate"], {"dvc_tthc_full": n, "dvc_tthc_total": d})
    assert format_pct(got.rate) == shown


def test_exact_band_edge_rate_is_judged_as_shown():
    got = compute(INDICATORS["dvc_full_rate"], {"dvc_tthc_full": 1279, "dvc_tthc_total": 2000})
    assert status_of(got, resolve(DEFAULT_TARGETS, "dvc_full_rate")) is Status.NEAR


def _split(draw, total: int, parts: int) -> list[int]:
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=parts - 1, max_size=parts - 1)))
    bounds = [0, *cuts, total]
    return [b - a for a, b in zip(bounds, bounds[1:], strict=False)]


@st.composite
def counts_for(draw, code: str):
    ind = INDICATORS[code]
    denominator = draw(st.integers(1, 10**9))
    numerator = draw(st.integers(0, denominator))
    values: dict[str, float] = {}
    subtracted = [c for c, s in ind.denominator if s < 0]
    extra = draw(st.integers(0, 10**6)) if subtracted else 0
    for c in subtracted:
        values[c] = extra
    den_codes = positives(ind.denominator)
    values |= dict(zip(den_codes, _split(draw, denominator + extra, len(den_codes)), strict=True))
    num_codes = positives(ind.numerator)
    values |= dict(zip(num_codes, _split(draw, numerator, len(num_codes)), strict=True))
    return values


@pytest.mark.parametrize("code", WITH_DENOMINATOR)
@given(data=st.data())
def test_rate_of_a_part_within_its_whole_is_between_0_and_100(code, data):
    values = data.draw(counts_for(code))
    got = compute(INDICATORS[code], values)
    assert got.outcome is Outcome.OK
    assert 0 <= got.rate <= 100
    assert got.numerator <= got.denominator
