"""The traffic light: rules of design.md "Status", and that it is readable without colour."""

import pytest

from cds_core.indicators import IndicatorValue, Outcome
from cds_core.status import ORDER, STYLES, Status, judge, status_of, word
from cds_core.targets import DEFAULT_TARGETS, Comparator, Target


def target(comparator=Comparator.GE, value=80.0, amber_from=None) -> Target:
    return Target("X", "dvc_full_rate", comparator, value, 2025, "test", amber_from=amber_from)


def ok(rate: float) -> IndicatorValue:
    return IndicatorValue("dvc_full_rate", rate, 100, rate, Outcome.OK)


GE80, GT80, LE10 = target(), target(Comparator.GT), target(Comparator.LE, 10.0)


def test_met_at_exactly_target_for_ge():
    assert judge(80.0, GE80) is Status.MET


def test_met_above_target_for_ge():
    assert judge(100.0, GE80) is Status.MET


@pytest.mark.parametrize("rate", [64.0, 70.0, 79.9])
def test_amber_when_within_band_below_target(rate):
    assert judge(rate, GE80) is Status.NEAR


@pytest.mark.parametrize("rate", [0.0, 40.0, 63.9])
def test_red_below_the_amber_band(rate):
    assert judge(rate, GE80) is Status.NOT_MET


def test_not_met_at_exactly_target_for_gt_is_near_or_not():
    # "> 80" is not reached by 80,0%; with the default band it is amber, not green.
    assert judge(80.0, GT80) is Status.NEAR
    assert judge(80.1, GT80) is Status.MET
    assert judge(63.9, GT80) is Status.NOT_MET


@pytest.mark.parametrize("t", DEFAULT_TARGETS, ids=lambda t: t.id)
def test_default_band_starts_at_four_fifths_of_the_target(t):
    assert t.band_start == pytest.approx(0.8 * t.value)
    assert judge(0.8 * t.value, t) is Status.NEAR
    assert judge(0.8 * t.value - 0.1, t) is Status.NOT_MET


@pytest.mark.parametrize(
    ("rate", "expected"),
    [(100.0, Status.MET), (95.0, Status.NEAR), (90.0, Status.NEAR), (89.9, Status.NOT_MET)],
)
def test_per_target_amber_from_replaces_the_default_band(rate, expected):
    assert judge(rate, target(value=100.0, amber_from=90.0)) is expected


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        (0.0, Status.MET),
        (10.0, Status.MET),
        (10.1, Status.NEAR),
        (12.0, Status.NEAR),  # default band for ≤: up to 1.2 × T
        (12.1, Status.NOT_MET),
        (50.0, Status.NOT_MET),
    ],
)
def test_le_target_is_met_at_or_below_and_amber_up_to_six_fifths(rate, expected):
    assert judge(rate, LE10) is expected


def test_le_target_with_its_own_band():
    assert judge(15.0, target(Comparator.LE, 10.0, amber_from=15.0)) is Status.NEAR
    assert judge(15.1, target(Comparator.LE, 10.0, amber_from=15.0)) is Status.NOT_MET


@pytest.mark.parametrize(
    ("rate", "t", "expected"),
    [
        (79.96, GE80, Status.MET),  # shows 80,0%
        (79.95, GE80, Status.MET),  # half up: shows 80,0%
        (79.94, GE80, Status.NEAR),  # shows 79,9%
        (63.95, GE80, Status.NEAR),  # shows 64,0%
        (63.94, GE80, Status.NOT_MET),
        (80.04, GT80, Status.NEAR),  # shows 80,0%, not above 80
        (80.05, GT80, Status.MET),  # shows 80,1%
        (10.04, LE10, Status.MET),  # shows 10,0%
        (10.05, LE10, Status.NEAR),
    ],
)
def test_status_judges_the_value_rounded_to_one_decimal_as_shown(rate, t, expected):
    assert judge(rate, t) is expected


@pytest.mark.parametrize(
    ("year", "expected"),
    [(None, Status.NEAR), (2024, Status.NEAR), (2025, Status.NEAR), (2026, Status.NOT_MET)],
)
def test_after_the_deadline_year_a_value_short_of_the_target_is_not_met(year, expected):
    # GE80 is due in 2025: in 2026 there is nothing left to be near to.
    assert judge(70.0, GE80, year) is expected
    assert judge(85.0, GE80, 2030) is Status.MET
    assert judge(12.0, LE10, 2026) is Status.NOT_MET  # in the band of "≤ 10": near until 2025


def test_the_deadline_rule_reaches_the_status_of_a_computed_value():
    value = IndicatorValue("dvc_full_rate", 70, 100, 70.0, Outcome.OK)
    assert status_of(value, GE80, 2025) is Status.NEAR
    assert status_of(value, GE80, 2026) is Status.NOT_MET


def test_the_targets_past_their_deadline_in_a_year():
    from cds_core.targets import expired

    horizon = Target("T1", "dvc_full_rate", Comparator.GE, 100.0, 2030, "QĐ 749", year=2026)
    assert {t.indicator for t in expired(DEFAULT_TARGETS, 2025)} == set()
    past = expired(DEFAULT_TARGETS, 2026)
    # N3 (e-payment) runs to 2030; every other default ends in 2025.
    assert len(past) == len(DEFAULT_TARGETS) - 1
    assert "xh_epayment_rate" not in {t.indicator for t in past}
    assert "dvc_full_rate" not in {t.indicator for t in expired([*DEFAULT_TARGETS, horizon], 2026)}


def test_denominator_zero_is_not_applicable_even_with_a_target():
    value = IndicatorValue("dvc_full_rate", 0, 0, None, Outcome.NOT_APPLICABLE)
    assert status_of(value, GE80) is Status.NOT_APPLICABLE


@pytest.mark.parametrize(
    "value",
    [
        IndicatorValue("dvc_full_rate", None, None, None, Outcome.NO_DATA),
        IndicatorValue("dvc_full_rate", 3, None, None, Outcome.NO_DATA),
        IndicatorValue("dvc_full_rate", None, 156, None, Outcome.NO_DATA),
    ],
)
def test_missing_figures_are_no_data(value):
    assert status_of(value, GE80) is Status.NO_DATA


def test_no_target_is_not_applicable_even_with_a_value():
    assert status_of(ok(46.8), None) is Status.NOT_APPLICABLE
    assert status_of(IndicatorValue("x", None, None, None, Outcome.NO_DATA), None) is (
        Status.NOT_APPLICABLE
    )


@pytest.mark.parametrize(
    ("rate", "expected"), [(80.0, Status.MET), (70.0, Status.NEAR), (10.0, Status.NOT_MET)]
)
def test_status_of_a_computed_value_judges_it_against_the_target(rate, expected):
    assert status_of(ok(rate), GE80) is expected


def test_every_status_has_a_style_and_a_place_in_the_order():
    assert set(STYLES) == set(Status)
    assert sorted(ORDER) == sorted(Status)
    assert len(ORDER) == len(set(ORDER))


@pytest.mark.parametrize(
    "attribute", ["icon", "word_vi", "word_en", "colour", "background"], ids=str
)
def test_every_status_has_a_distinct_non_empty(attribute):
    got = [getattr(STYLES[s], attribute) for s in Status]
    assert all(v.strip() for v in got)
    assert len(set(got)) == len(got)


@pytest.mark.parametrize(
    ("status", "vi", "en"),
    [
        (Status.MET, "đạt", "met"),
        (Status.NEAR, "gần đạt", "near"),
        (Status.NOT_MET, "chưa đạt", "not met"),
        (Status.NO_DATA, "chưa có số liệu", "no data"),
        (Status.NOT_APPLICABLE, "không áp dụng", "not applicable"),
    ],
)
def test_status_words_follow_design_md(status, vi, en):
    assert word(status) == vi
    assert word(status, "vi") == vi
    assert word(status, "en") == en


def _luminance(colour: str) -> float:
    """Relative luminance per WCAG 2.1."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_helper_matches_known_wcag_values():
    assert _contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert _contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert _contrast("#ffffff", "#ffffff") == pytest.approx(1.0)


@pytest.mark.parametrize("status", list(Status))
def test_status_colour_passes_wcag_aa_on_white_and_on_its_background(status):
    style = STYLES[status]
    assert _contrast(style.colour, "#ffffff") >= 4.5
    assert _contrast(style.colour, style.background) >= 4.5
