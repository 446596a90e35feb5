"""Targets of catalogue.md section 9, and which one applies (the most specific)."""

import pytest

from cds_core.errors import CdsError
from cds_core.indicators import INDICATORS
from cds_core.targets import DEFAULT_TARGETS, NO_TARGET_REASON, Comparator, Target, resolve

GE, GT, LE = Comparator.GE, Comparator.GT, Comparator.LE
BY_ID = {t.id: t for t in DEFAULT_TARGETS}

SECTION_9 = [
    ("T1", "dvc_full_rate", GE, 80, 2025),
    ("T2", "dvc_online_dossier_rate", GT, 80, 2025),
    ("T3", "dvc_national_portal_rate", GE, 60, 2025),
    ("T4", "vb_electronic_rate", GE, 95, 2025),
    ("T5", "dvc_satisfaction", GE, 60, 2025),
    ("T6", "dvc_financial_online_rate", GE, 40, 2025),
    ("T7", "dvc_payment_online_rate", GE, 10, 2025),
    ("N1", "xh_smartphone_rate", GE, 80, 2025),
    ("N2", "xh_fiber_rate", GT, 80, 2025),
    ("N3", "xh_epayment_rate", GT, 80, 2030),
    ("N4", "xh_digital_signature_rate", GT, 50, 2025),
    ("C1", "ht_staff_pc_rate", GE, 100, 2025),
    ("C2", "em_account_rate", GE, 100, 2025),
    ("C3", "vb_in_digitized_rate", GE, 100, 2025),
    ("C4", "mc_software_rate", GE, 100, 2025),
    ("C5", "mc_on_time_rate", GE, 100, 2025),
    ("C6", "at_av_coverage", GE, 100, 2025),
]


@pytest.mark.parametrize(("id_", "indicator", "comparator", "value", "deadline"), SECTION_9)
def test_default_target_matches_catalogue_section_9(id_, indicator, comparator, value, deadline):
    t = BY_ID[id_]
    assert (t.indicator, t.comparator, t.value, t.deadline) == (
        indicator,
        comparator,
        value,
        deadline,
    )
    assert t.source.strip()
    assert (t.org_unit, t.level, t.year, t.amber_from) == (None, None, None, None)


def test_there_are_exactly_the_seventeen_targets_of_section_9():
    assert [t.id for t in DEFAULT_TARGETS] == [row[0] for row in SECTION_9]


@pytest.mark.parametrize("id_", ["C1", "C2", "C3", "C4", "C5", "C6"])
def test_commune_norms_say_they_are_norms(id_):
    assert BY_ID[id_].note == "norm"


@pytest.mark.parametrize("code", list(INDICATORS))
def test_every_indicator_has_a_target_or_a_reason_not_both(code):
    has_target = any(t.indicator == code for t in DEFAULT_TARGETS)
    has_reason = code in NO_TARGET_REASON and all(r.strip() for r in NO_TARGET_REASON[code])
    assert has_target != has_reason


def test_no_target_reasons_name_real_indicators():
    assert set(NO_TARGET_REASON) <= set(INDICATORS)


def test_each_indicator_has_at_most_one_default_target():
    indicators = [t.indicator for t in DEFAULT_TARGETS]
    assert len(indicators) == len(set(indicators))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (">=", GE),
        ("≥", GE),
        ("ge", GE),
        (">", GT),
        ("gt", GT),
        ("<=", LE),
        ("≤", LE),
        (" le ", LE),
    ],
)
def test_comparator_parses_symbols_and_aliases(text, expected):
    assert Comparator.parse(text) is expected


@pytest.mark.parametrize("text", ["", "=", "<", "at least"])
def test_bad_comparator_raises_cds_error(text):
    with pytest.raises(CdsError) as exc:
        Comparator.parse(text)
    assert exc.value.key == "err_bad_comparator"


@pytest.mark.parametrize(("id_", "label"), [("T1", "≥ 80%"), ("T2", "> 80%"), ("C1", "≥ 100%")])
def test_target_label_uses_the_symbol_and_vietnamese_percent(id_, label):
    assert BY_ID[id_].label() == label


def make(id_, *, org_unit=None, level=None, year=None, value=80.0) -> Target:
    return Target(
        id_, "dvc_full_rate", GE, value, 2025, "test", org_unit=org_unit, level=level, year=year
    )


DEFAULT = make("default")
LEVEL_XA = make("level", level="xa")
ORG = make("org", org_unit="PHU_TAN", level=None)
ORG_2026 = make("org2026", org_unit="PHU_TAN", year=2026)
OTHER_ORG = make("other", org_unit="PHU_THANH")
ALL = [DEFAULT, LEVEL_XA, ORG, ORG_2026, OTHER_ORG]


@pytest.mark.parametrize(
    ("targets", "kwargs", "expected"),
    [
        (ALL, {"org_unit": "PHU_TAN", "level": "xa", "year": 2026}, "org2026"),
        (ALL, {"org_unit": "PHU_TAN", "level": "xa", "year": 2030}, "org2026"),
        (ALL, {"org_unit": "PHU_TAN", "level": "xa", "year": 2025}, "org"),
        (ALL, {"org_unit": "TAN_THOI", "level": "xa", "year": 2026}, "level"),
        (ALL, {"org_unit": "AP_1", "level": "ap", "year": 2026}, "default"),
        (ALL, {"org_unit": "PHU_THANH", "level": "xa", "year": 2024}, "other"),
        (ALL, {}, "default"),
        ([DEFAULT, LEVEL_XA], {"org_unit": "PHU_TAN", "level": "xa"}, "level"),
        ([ORG, LEVEL_XA, DEFAULT], {"org_unit": "PHU_TAN", "level": "xa"}, "org"),
    ],
)
def test_org_unit_and_year_beats_org_unit_beats_level_beats_default(targets, kwargs, expected):
    got = resolve(targets, "dvc_full_rate", **kwargs)
    assert got is not None
    assert got.id == expected


def test_year_specific_target_applies_only_from_its_year_on():
    targets = [DEFAULT, make("from2026", year=2026, value=90.0)]
    assert resolve(targets, "dvc_full_rate", year=2025).id == "default"
    assert resolve(targets, "dvc_full_rate", year=2026).id == "from2026"
    assert resolve(targets, "dvc_full_rate", year=2031).id == "from2026"


@pytest.mark.parametrize(("year", "expected"), [(2024, "y2024"), (2025, "y2024"), (2030, "y2028")])
def test_most_recent_applicable_year_wins(year, expected):
    targets = [make("y2028", year=2028), DEFAULT, make("y2024", year=2024)]
    assert resolve(targets, "dvc_full_rate", year=year).id == expected


def test_most_recent_applicable_year_wins_for_an_org_unit_too():
    targets = [
        make("o2024", org_unit="PHU_TAN", year=2024),
        make("o2027", org_unit="PHU_TAN", year=2027),
    ]
    assert resolve(targets, "dvc_full_rate", org_unit="PHU_TAN", year=2026).id == "o2024"
    assert resolve(targets, "dvc_full_rate", org_unit="PHU_TAN", year=2027).id == "o2027"


def test_no_applicable_target_resolves_to_none():
    assert resolve(ALL, "dvc_partial_rate") is None
    assert resolve([make("only2030", year=2030)], "dvc_full_rate", year=2025) is None
    assert resolve([OTHER_ORG], "dvc_full_rate", org_unit="PHU_TAN") is None


@pytest.mark.parametrize(("id_", "indicator", "comparator", "value", "deadline"), SECTION_9)
def test_defaults_resolve_to_themselves(id_, indicator, comparator, value, deadline):
    assert resolve(DEFAULT_TARGETS, indicator, org_unit="PHU_TAN", level="xa", year=2024).id == id_
