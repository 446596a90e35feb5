"""Consistency rules of catalogue.md section 10: each fires when broken, and only then."""

import pytest

from cds_core.indicators import INDICATORS, compute
from cds_core.rules import (
    RULES,
    RULES_BY_ID,
    Severity,
    check,
    check_hamlet_totals,
    check_stated_rate,
    unexplained,
)
from texts import describe

E, W = Severity.ERROR, Severity.WARNING

# rule id, severity, values that break it, values that keep it.
CASES = [
    ("part_whole.dvc_full_rate", E,
     {"dvc_tthc_full": 157, "dvc_tthc_total": 156}, {"dvc_tthc_full": 73, "dvc_tthc_total": 156}),
    ("part_whole.ht_staff_pc_rate", E,
     {"ht_staff_with_pc": 23, "ht_staff_total": 22},
     {"ht_staff_with_pc": 22, "ht_staff_total": 22}),
    ("part_whole.dvc_online_dossier_rate", E,
     {"dvc_dossiers_online": 60, "dvc_dossiers_total": 59},
     {"dvc_dossiers_online": 50, "dvc_dossiers_total": 59}),
    ("part_whole.vb_electronic_rate", E,
     {"vb_out_electronic_only": 93, "vb_out_total": 93, "vb_out_secret": 1},
     {"vb_out_electronic_only": 92, "vb_out_total": 93, "vb_out_secret": 1}),
    ("part_whole.vb_out_on_software", E,
     {"vb_out_on_software": 93, "vb_out_total": 93, "vb_out_secret": 2},
     {"vb_out_on_software": 91, "vb_out_total": 93, "vb_out_secret": 2}),
    ("part_whole.vb_out_signed_valid", E,
     {"vb_out_signed_valid": 94, "vb_out_total": 93},
     {"vb_out_signed_valid": 93, "vb_out_total": 93}),
    ("part_whole.vb_in_digitized_signed", E,
     {"vb_in_digitized_signed": 278, "vb_in_digitized": 277},
     {"vb_in_digitized_signed": 0, "vb_in_digitized": 277}),
    ("part_whole.vb_in_digitized_rate", E,
     {"vb_in_digitized": 278, "vb_in_total": 277}, {"vb_in_digitized": 277, "vb_in_total": 277}),
    ("part_whole.mc_on_time_rate", E,
     {"mc_dossiers_on_time": 60, "mc_dossiers_on_software": 59},
     {"mc_dossiers_on_time": 59, "mc_dossiers_on_software": 59}),
    ("part_whole.mc_software_rate", E,
     {"mc_dossiers_on_software": 60, "mc_dossiers_received": 59},
     {"mc_dossiers_on_software": 59, "mc_dossiers_received": 59}),
    ("part_whole.bc_tthc_with_dossiers", E,
     {"bc_tthc_with_dossiers": 6, "bc_tthc_deployed": 5},
     {"bc_tthc_with_dossiers": 1, "bc_tthc_deployed": 5}),
    ("part_whole.em_account_rate", W,
     {"em_accounts": 23, "ht_staff_total": 22}, {"em_accounts": 21, "ht_staff_total": 22}),
    ("part_whole.at_av_coverage", W,
     {"at_av_provincial": 6, "at_av_self": 33, "ht_device.desktop.total": 37,
      "ht_device.laptop.total": 1},
     {"at_av_provincial": 6, "at_av_self": 30, "ht_device.desktop.total": 37,
      "ht_device.laptop.total": 1}),
    ("part_whole.ht_device.desktop.over_5y", E,
     {"ht_device.desktop.over_5y": 38, "ht_device.desktop.total": 37},
     {"ht_device.desktop.over_5y": 35, "ht_device.desktop.total": 37}),
    ("part_whole.ht_device.printer.broken", E,
     {"ht_device.printer.broken": 31, "ht_device.printer.total": 30},
     {"ht_device.printer.broken": 30, "ht_device.printer.total": 30}),
    ("part_whole.ht_device.laptop.new", E,
     {"ht_device.laptop.new": 2, "ht_device.laptop.total": 1},
     {"ht_device.laptop.new": 0, "ht_device.laptop.total": 1}),
    ("sum.dvc_dossiers_online", E,
     {"dvc_dossiers_online_partial": 33, "dvc_dossiers_online_full": 18,
      "dvc_dossiers_online": 50},
     {"dvc_dossiers_online_partial": 33, "dvc_dossiers_online_full": 17,
      "dvc_dossiers_online": 50}),
    ("sum.dvc_tthc_levels", E,
     {"dvc_tthc_info": 1, "dvc_tthc_partial": 82, "dvc_tthc_full": 74, "dvc_tthc_total": 156},
     {"dvc_tthc_info": 1, "dvc_tthc_partial": 80, "dvc_tthc_full": 73, "dvc_tthc_total": 156}),
    ("plausible.ht_pc_broadband", W,
     {"ht_pc_broadband": 35, "ht_pc_internet": 21}, {"ht_pc_broadband": 21, "ht_pc_internet": 21}),
    ("plausible.ht_pc_total", W,
     {"ht_pc_broadband": 37, "ht_pc_offline_security": 2, "ht_device.desktop.total": 37,
      "ht_device.laptop.total": 1},
     {"ht_pc_broadband": 35, "ht_pc_offline_security": 2, "ht_device.desktop.total": 37}),
    ("part_whole.xh_smartphone_rate", E,
     {"xh_smartphone_adults": 501, "xh_adults": 500},
     {"xh_smartphone_adults": 500, "xh_adults": 500}),
    ("part_whole.xh_citizen_app_users", E,
     {"xh_citizen_app_users": 501, "xh_adults": 500},
     {"xh_citizen_app_users": 12, "xh_adults": 500}),
    ("part_whole.xh_fiber_rate", E,
     {"xh_fiber_households": 301, "xh_households": 300},
     {"xh_fiber_households": 250, "xh_households": 300}),
]  # fmt: skip


BAD = {rule: bad for rule, _, bad, _ in CASES}


@pytest.mark.parametrize(("rule", "severity", "bad", "good"), CASES)
def test_rule_fires_with_its_severity_on_violating_input(rule, severity, bad, good):
    fired = [v for v in check(bad) if v.rule == rule]
    assert len(fired) == 1
    assert fired[0].severity is severity
    assert fired[0].elements == RULES_BY_ID[rule].elements
    assert set(fired[0].elements) >= set(bad) - {"vb_out_secret"}


@pytest.mark.parametrize(("rule", "severity", "bad", "good"), CASES)
def test_rule_is_silent_on_consistent_input(rule, severity, bad, good):
    assert check(good) == []


@pytest.mark.parametrize(("rule", "severity", "bad", "good"), CASES)
def test_rule_is_silent_while_a_side_is_empty(rule, severity, bad, good):
    r = RULES_BY_ID[rule]
    for side in (r.left, r.right):
        # the violating figures with every positive term of one side left empty
        emptied = {c for c, s in side if s > 0}
        assert check({k: v for k, v in bad.items() if k not in emptied}) == []
    assert check({}) == []


def test_sum_rule_fires_when_parts_fall_short_too():
    values = {"dvc_dossiers_online_partial": 33, "dvc_dossiers_online_full": 16}
    fired = check(values | {"dvc_dossiers_online": 50})
    assert [v.rule for v in fired] == ["sum.dvc_dossiers_online"]


def test_text_and_none_values_do_not_count_as_figures():
    assert check({"ht_staff_with_pc": "hai mươi ba", "ht_staff_total": 22}) == []
    assert check({"ht_staff_with_pc": 23, "ht_staff_total": None}) == []


# Every pair section 10 names: left ≤ right (terms, "-x" subtracts), severity.
SECTION_10 = [
    (["ht_staff_with_pc"], ["ht_staff_total"], E),
    (["dvc_dossiers_online"], ["dvc_dossiers_total"], E),
    (["vb_out_on_software"], ["vb_out_total", "-vb_out_secret"], E),
    (["vb_out_signed_valid"], ["vb_out_total", "-vb_out_secret"], E),
    (["vb_out_electronic_only"], ["vb_out_total", "-vb_out_secret"], E),
    (["vb_in_digitized_signed"], ["vb_in_digitized"], E),
    (["vb_in_digitized"], ["vb_in_total"], E),
    (["mc_dossiers_on_time"], ["mc_dossiers_on_software"], E),
    (["mc_dossiers_on_software"], ["mc_dossiers_received"], E),
    (["bc_tthc_with_dossiers"], ["bc_tthc_deployed"], E),
    (["dvc_tthc_info", "dvc_tthc_partial", "dvc_tthc_full"], ["dvc_tthc_total"], E),
    (["em_accounts"], ["ht_staff_total"], W),
    (["ht_pc_broadband"], ["ht_pc_internet"], W),
    (
        ["ht_pc_broadband", "ht_pc_offline_security"],
        ["ht_device.desktop.total", "ht_device.laptop.total"],
        W,
    ),
] + [
    ([f"ht_device.{t}.{c}"], [f"ht_device.{t}.total"], E)
    for t in ("server_dedicated", "desktop", "laptop", "printer", "photocopier")
    for c in ("over_5y", "broken", "new")
]


def _terms(codes):
    return tuple((c.lstrip("-"), -1 if c.startswith("-") else 1) for c in codes)


@pytest.mark.parametrize(("left", "right", "severity"), SECTION_10)
def test_every_pair_section_10_names_is_a_rule(left, right, severity):
    matching = [
        r for r in RULES if r.left == _terms(left) and r.right == _terms(right) and not r.equal
    ]
    assert [r.severity for r in matching] == [severity]


@pytest.mark.parametrize("code", [c for c, i in INDICATORS.items() if i.denominator])
def test_every_indicator_numerator_has_a_part_whole_rule(code):
    rule = RULES_BY_ID[f"part_whole.{code}"]
    expected = W if code in ("em_account_rate", "at_av_coverage") else E
    assert (rule.left, rule.right, rule.severity) == (
        INDICATORS[code].numerator,
        INDICATORS[code].denominator,
        expected,
    )


def test_rule_ids_are_unique():
    assert len(RULES_BY_ID) == len(RULES)


# Stock change and zero flow compare with the past (history: most recent first).


@pytest.mark.parametrize(
    ("before", "now", "fires"),
    [(22, 34, True), (22, 10, True), (22, 33, False), (22, 11, False), (22, 22, False)],
)
def test_stock_change_over_half_from_previous_quarter_warns(before, now, fires):
    fired = check({"ht_staff_total": now}, history=[{"ht_staff_total": before}])
    expected = [("stock_change.ht_staff_total", W)] if fires else []
    assert [(v.rule, v.severity) for v in fired] == expected


@pytest.mark.parametrize("history", [[], [{}], [{"ht_staff_total": None}], [{"ht_staff_total": 0}]])
def test_stock_change_is_silent_without_a_previous_figure(history):
    assert check({"ht_staff_total": 40}, history=history) == []


def test_stock_change_compares_with_the_most_recent_quarter_only():
    history = [{"ht_staff_total": 30}, {"ht_staff_total": 10}]
    assert check({"ht_staff_total": 31}, history=history) == []


def test_flow_doubling_is_not_a_stock_change():
    assert check({"vb_out_total": 300}, history=[{"vb_out_total": 93}]) == []


def test_flow_zero_after_three_non_zero_quarters_warns():
    history = [{"vb_out_total": 93}, {"vb_out_total": 80}, {"vb_out_total": 70}]
    fired = check({"vb_out_total": 0}, history=history)
    assert [(v.rule, v.severity, v.elements) for v in fired] == [
        ("flow_zero.vb_out_total", W, ("vb_out_total",))
    ]


@pytest.mark.parametrize(
    ("now", "history"),
    [
        (0, [{"vb_out_total": 93}, {"vb_out_total": 80}]),  # only two quarters known
        (0, [{"vb_out_total": 93}, {"vb_out_total": 0}, {"vb_out_total": 70}]),
        (0, [{"vb_out_total": 93}, {}, {"vb_out_total": 70}]),
        (5, [{"vb_out_total": 93}, {"vb_out_total": 80}, {"vb_out_total": 70}]),
        (None, [{"vb_out_total": 93}, {"vb_out_total": 80}, {"vb_out_total": 70}]),
    ],
)
def test_flow_zero_is_silent_unless_three_non_zero_quarters_precede_a_zero(now, history):
    assert check({"vb_out_total": now}, history=history) == []


def test_stock_at_zero_after_three_quarters_is_a_stock_change_not_a_flow_zero():
    history = [{"ht_staff_total": 22}] * 3
    assert [v.rule for v in check({"ht_staff_total": 0}, history=history)] == [
        "stock_change.ht_staff_total"
    ]


def test_hamlet_total_differing_from_commune_figure_warns():
    fired = check_hamlet_totals({"xh_households": 1200}, {"xh_households": 1180})
    assert [(v.rule, v.severity, v.params) for v in fired] == [
        ("hamlet_total.xh_households", W, {"commune": 1200, "hamlets": 1180})
    ]


@pytest.mark.parametrize(
    ("commune", "hamlets"),
    [
        ({"xh_households": 1200}, {"xh_households": 1200}),
        ({"xh_households": 1200}, {}),
        ({}, {"xh_households": 1180}),
        ({"ht_staff_total": 22}, {"ht_staff_total": 25}),  # not a hamlet element
    ],
)
def test_hamlet_total_is_silent_when_equal_missing_or_not_a_hamlet_element(commune, hamlets):
    assert check_hamlet_totals(commune, hamlets) == []


SEED_COUNTS = {
    "ht_staff_with_pc": 21,
    "ht_staff_total": 22,
    "dvc_tthc_info": 1,
    "dvc_tthc_total": 156,
    "bc_results_returned": 5,
    "dvc_dossiers_total": 59,
    "dvc_dossiers_online": 50,
}


@pytest.mark.parametrize(
    ("indicator", "stated", "warns"),
    [
        ("ht_staff_pc_rate", 100, True),  # 21/22 = 95,5%
        ("dvc_info_rate", 0.06, True),  # 1/156 = 0,6%
        ("bc_return_rate", 8.4, True),  # 5/59 = 8,5%
        ("dvc_online_dossier_rate", 84.7, False),  # 50/59 = 84,7%
    ],
)
def test_stated_rate_differing_from_the_computed_one_warns(indicator, stated, warns):
    computed = compute(INDICATORS[indicator], SEED_COUNTS).rate
    got = check_stated_rate(indicator, stated, computed)
    if warns:
        assert got is not None
        assert (got.rule, got.severity) == (f"stated.{indicator}", W)
        assert got.elements == INDICATORS[indicator].elements
    else:
        assert got is None


def test_stated_rate_without_a_computed_one_is_silent():
    assert check_stated_rate("dvc_full_rate", 50, None) is None


def test_describe_names_both_elements_and_their_values_in_vietnamese():
    (violation,) = check({"ht_staff_with_pc": 23, "ht_staff_total": 22})
    assert (
        describe(violation)
        == "CBCC được trang bị máy tính (23) lớn hơn Tổng số cán bộ, công chức (22)"
    )


def test_describe_in_english():
    (violation,) = check({"ht_staff_with_pc": 23, "ht_staff_total": 22})
    text = describe(violation, "en")
    assert text == (
        "Civil servants equipped with a computer (23) is larger than Civil servants, total (22)"
    )


def test_describe_spells_out_sums_differences_and_device_cells():
    (sum_violation,) = check(BAD["sum.dvc_dossiers_online"])
    assert describe(sum_violation) == (
        "trong đó mức độ 3 (một phần) + trong đó mức độ 4 (toàn trình) (51) "
        "phải bằng Hồ sơ giải quyết trực tuyến mức độ 3, 4 (50)"
    )
    (secret,) = check({"vb_out_electronic_only": 93, "vb_out_total": 93, "vb_out_secret": 1})
    assert "Tổng số văn bản đi − Văn bản đi là văn bản mật (92)" in describe(secret)
    (device,) = check({"ht_device.desktop.over_5y": 38, "ht_device.desktop.total": 37})
    assert describe(device) == (
        "Máy vi tính để bàn — Trang bị trước 5 năm (38) lớn hơn Máy vi tính để bàn — Tổng số (37)"
    )


def test_describe_formats_large_values_with_vietnamese_grouping():
    (violation,) = check({"xh_smartphone_adults": 1773, "xh_adults": 1772})
    assert "(1.773)" in describe(violation) and "(1.772)" in describe(violation)


def _all_kinds_of_violation():
    found = [v for _, _, bad, _ in CASES for v in check(bad)]
    found += check({"ht_staff_total": 40}, history=[{"ht_staff_total": 22}])
    found += check({"vb_out_total": 0}, history=[{"vb_out_total": 9}] * 3)
    found += check_hamlet_totals({"xh_households": 1200}, {"xh_households": 1180})
    found.append(check_stated_rate("ht_staff_pc_rate", 100, 21 / 22 * 100))
    return found


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_violation_describes_without_unfilled_placeholders(lang):
    for violation in _all_kinds_of_violation():
        text = describe(violation, lang)
        assert text and "{" not in text and "}" not in text, (violation.rule, text)


def test_describe_stated_rate_shows_the_computed_percentage_as_displayed():
    violation = check_stated_rate("ht_staff_pc_rate", 100, 21 / 22 * 100)
    assert describe(violation) == "Báo cáo ghi 100%, tính từ số liệu được 95,5%"


# The seed explains 35 broadband PCs against 21 connected ones; the next quarter carries both.
BROADBAND = {"ht_pc_broadband": 35, "ht_pc_internet": 21}
EXPLAINED = {"ht_pc_broadband": "Báo cáo ghi 35 máy băng rộng"}


def broadband_warning(values):
    return [v for v in check(values) if v.rule == "plausible.ht_pc_broadband"]


def test_a_warning_explained_last_quarter_on_the_same_figures_does_not_block():
    found = broadband_warning(BROADBAND)
    assert found and unexplained(found, BROADBAND, {}, BROADBAND, EXPLAINED) == []


def test_a_warning_that_still_holds_on_changed_figures_needs_a_new_comment():
    now = {"ht_pc_broadband": 40, "ht_pc_internet": 21}
    found = broadband_warning(now)
    assert unexplained(found, now, {}, BROADBAND, EXPLAINED) == found
    assert unexplained(found, now, {"ht_pc_internet": "đã kiểm tra"}, BROADBAND, EXPLAINED) == []


def test_a_warning_unexplained_last_quarter_and_every_error_still_block():
    found = broadband_warning(BROADBAND)
    assert unexplained(found, BROADBAND, {}, BROADBAND, {}) == found
    error = {"ht_staff_total": 20, "ht_staff_with_pc": 21}
    errors = check(error)
    assert errors and all(v.severity is E for v in errors)
    comments = {"ht_staff_with_pc": "đúng như vậy"}
    assert unexplained(errors, error, comments, error, comments) == errors
