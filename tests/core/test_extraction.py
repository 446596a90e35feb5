"""Reading a past report's text: Vietnamese numbers and spellings, the seed's figures and its
five slips, and every way a figure is left out and reported rather than guessed."""

from __future__ import annotations

import pytest

from cds_core.catalogue import REPORT_WORDS, VALUE_CODES, Kind
from cds_core.errors import CdsError
from cds_core.extraction import UNKNOWN, Extraction, extract
from cds_core.interchange import parse_values
from cds_core.periods import Period
from cds_core.report_text import blocks_from_text, normalize, parse_number
from report_variants import NOT_STATED, SEED_CSV, SEED_REPORT, TABLE_ZEROS


@pytest.fixture(scope="module")
def seed() -> Extraction:
    return extract(blocks_from_text(SEED_REPORT.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def curated() -> dict:
    return {r.element: r.value for r in parse_values(SEED_CSV.read_text(encoding="utf-8"))}


def read(body: str, title: str = "Báo cáo tình hình thực hiện trong Quý III/2023") -> Extraction:
    return extract(blocks_from_text(f"{title}\n{body}"))


def codes(extraction: Extraction, key: str | None = None) -> set[str]:
    return {p.code for p in extraction.problems if key is None or p.key == key}


@pytest.mark.parametrize(
    ("written", "number"),
    [("1.096", 1096), ("12,5", 12.5), ("01", 1), ("1.772,5", 1772.5), ("0", 0),
     ("12.5", None), ("1,2,3", None), ("", None), ("mười", None)],
)  # fmt: skip
def test_numbers_are_read_as_vietnamese_writes_them(written, number):
    assert parse_number(written) == number


@pytest.mark.parametrize(
    ("one", "other"),
    [("Tỉ lệ hồ sơ", "tỷ lệ hs"), ("DVC TT mức độ 3", "DVCTT mức độ 3"),
     ("dịch vụ công trực tuyến", "DVCTT"), ("số hoá", "số hóa"), ("thủ tục hành chính", "TTHC"),
     ("cán bộ, công chức", "CBCC"), ("QLVB&DH", "QLVB&ĐH")],
)  # fmt: skip
def test_spellings_the_catalogue_lists_read_alike(one, other):
    assert normalize(one) == normalize(other)


def test_the_quarter_word_keeps_its_tone_mark():
    assert normalize("Quý I/2024") == "quý i/2024"


def test_every_report_word_names_a_catalogue_code():
    from cds_core.indicators import INDICATORS

    assert set(REPORT_WORDS) <= set(VALUE_CODES) | set(INDICATORS)


# -- the seed --------------------------------------------------------------------------------


def test_the_seed_names_its_own_quarter(seed):
    assert seed.period == Period(2024, 1)


def test_every_curated_figure_of_the_seed_comes_out_or_is_reported(seed, curated):
    got = seed.values()
    reported = codes(seed)
    figures = {k: v for k, v in curated.items() if VALUE_CODES[k].kind is not Kind.TEXT}
    wrong = {k: (got[k], v) for k, v in figures.items() if k in got and got[k] != v}
    silent = {k for k in figures if k not in got and k not in reported}
    assert wrong == {} and silent == set()
    # What the text does not state as a figure is exactly what is reported instead.
    assert {k for k in figures if k not in got} == set(NOT_STATED)


def test_the_seed_table_zeros_are_read_as_written(seed):
    assert {k: seed.values()[k] for k in TABLE_ZEROS} == TABLE_ZEROS


def test_the_seed_narratives_come_out_word_for_word(seed, curated):
    for code in ("nar_leadership", "nar_digital_economy", "nar_digital_society",
                 "nar_difficulties", "nar_next_quarter", "vb_print_frequency"):  # fmt: skip
        assert seed.values()[code] == curated[code], code


@pytest.mark.parametrize(
    ("code", "words"),
    [("nl_it_qualification", "trình độ B tin học"),
     ("sw_vendors", "VNPT, VIETTEL, công ty phần mềm Misa")],
)  # fmt: skip
def test_texts_keep_the_reports_own_wording(seed, curated, code, words):
    # The demo CSV tidied them ("Tin học B"); extraction gives what the report says.
    assert seed.values()[code] == words != curated[code]


# line, element, what the report says: the seed's five arithmetic slips
SLIPS = [
    (41, "ht_staff_with_pc", "Báo cáo ghi 100%, tính từ số liệu được 95,5%"),
    (180, "dvc_tthc_info", "Báo cáo ghi 0,06%, tính từ số liệu được 0,6%"),
    (188, "bc_results_returned", "Báo cáo ghi 8,4%, tính từ số liệu được 8,5%"),
    (187, "bc_dossiers_received", "Báo cáo ghi 0% nhưng mẫu số bằng 0: tỷ lệ không áp dụng"),
    (72, "ht_pc_broadband", "Máy tính kết nối internet băng rộng (35) lớn hơn Máy tính kết nối "
                            "internet (21)"),
]  # fmt: skip


@pytest.mark.parametrize(("line", "code", "message"), SLIPS)
def test_the_seeds_five_slips_are_reported_on_their_lines(seed, line, code, message):
    from reporting.report_reading import problem_text

    found = [problem_text(p) for p in seed.problems if (p.line, p.code) == (line, code)]
    assert found == [message]


def test_a_stated_rate_that_its_counts_bear_out_is_not_a_problem(seed):
    # "8/156 TTHC, đạt tỷ lệ 5,13%": 5,128…% is 5,1% at the one decimal both are compared at.
    assert not [p for p in seed.problems if p.line == 183]


# -- what is never guessed --------------------------------------------------------------------


@pytest.mark.parametrize("blank", ["…", "...", "....", "", "chưa có số liệu"])
def test_a_placeholder_or_blank_figure_is_absent_not_zero(blank):
    ex = read(f"- Tổng số văn bản đi: {blank}\n- Tổng số văn bản đến: 5")
    assert "vb_out_total" not in ex.values() and "vb_out_total" not in codes(ex)


def test_two_different_values_for_one_element_give_none_and_a_problem():
    ex = read("- Tổng số văn bản đi: 93\n- Tổng số văn bản đến: 5\n- Số văn bản đi: 94")
    assert "vb_out_total" not in ex.values()
    assert codes(ex, "ext_conflict") == {"vb_out_total"}


def test_the_same_value_given_twice_is_one_figure():
    ex = read("- Tổng số văn bản đi: 93\n- Số văn bản đi trong quý: 93")
    assert ex.values()["vb_out_total"] == 93 and not codes(ex, "ext_conflict")


def test_a_figure_that_matches_no_element_is_reported_with_its_passage():
    ex = read("- Tổng số văn bản đi: 93\n- Số con gà của xã: 12")
    [problem] = [p for p in ex.problems if p.code == UNKNOWN]
    assert problem.line == 3 and "Số con gà của xã: 12" in problem.params["text"]


@pytest.mark.parametrize("written", ["10-20", "12.5", "chín mươi"])
def test_an_unreadable_number_is_reported(written):
    ex = read(f"- Tổng số văn bản đi: {written}\n- Tổng số văn bản đến: 5")
    assert "vb_out_total" not in ex.values()
    assert codes(ex, "ext_unreadable") == {"vb_out_total"}


def test_a_count_with_decimals_is_refused_as_a_count():
    ex = read("- Tổng số văn bản đi: 12,5\n- Tổng số văn bản đến: 5")
    assert "vb_out_total" not in ex.values() and codes(ex, "err_not_integer") == {"vb_out_total"}


def test_a_ticked_box_is_read_and_a_lost_one_reported():
    ex = read("- Mạng nội bộ (LAN): ☒ có ☐ không\n- Mạng diện rộng (WAN): Có Không")
    assert ex.values()["ht_lan"] == 1.0 and "ht_wan" not in ex.values()
    assert codes(ex, "ext_checkbox_lost") == {"ht_wan"}


def test_a_value_on_the_next_line_belongs_to_its_label():
    ex = read("- Sử dụng mạng truyền số liệu chuyên dùng:\nkhông\n- Tổng số văn bản đi: 3")
    assert ex.values()["ht_tslcd"] == 0.0


def test_a_count_of_a_whole_gives_both_counts_and_its_stated_rate_is_checked():
    ex = read("- Hồ sơ giải quyết trực tuyến mức độ 3, 4: 1.050/1.100 hs, đạt 95,5%")
    assert (ex.values()["dvc_dossiers_online"], ex.values()["dvc_dossiers_total"]) == (1050, 1100)
    assert not ex.problems


def test_a_line_under_a_dash_line_may_name_only_what_differs():
    ex = read("- Mạng diện rộng (WAN): ☒ có ☐ không\nSố lượng máy tính kết nối: 34")
    assert ex.values()["ht_wan_pcs"] == 34


def test_money_in_dong_is_not_taken_for_million_dong():
    ex = read(
        "- Tổng chi ngân sách cho ứng dụng CNTT (triệu đồng): 5.000.000 đồng\n"
        "- Chi mua sắm phần cứng (triệu đồng): 5"
    )
    assert "nl_budget_total" not in ex.values() and codes(ex, "ext_unit") == {"nl_budget_total"}


def test_a_total_the_catalogue_does_not_keep_is_checked_against_its_parts():
    ex = read(
        "- Tổng chữ ký số được cấp: 05\n+ Cấp cho cơ quan, tổ chức: 01\n+ Cấp cho cá nhân: 03"
    )
    assert (ex.values()["cks_org"], ex.values()["cks_personal"]) == (1, 3)
    assert codes(ex, "ext_total") == {"cks_org"}


def test_targets_in_section_ii1_are_not_figures():
    ex = read(
        "- Có 80% dịch vụ công trực tuyến mức độ 4.\n"
        "- 60% người dân, doanh nghiệp hài lòng với các dịch vụ.\n"
        "- Tổng số văn bản đi: 1"
    )
    assert set(ex.values()) == {"vb_out_total"}


# -- the quarter ------------------------------------------------------------------------------


def test_a_period_that_contradicts_the_title_is_refused():
    blocks = blocks_from_text("Báo cáo trong Quý I/2024\n- Tổng số văn bản đi: 1")
    with pytest.raises(CdsError) as info:
        extract(blocks, Period(2024, 2))
    assert info.value.key == "err_extract_period"
    assert extract(blocks, Period(2024, 1)).values() == {"vb_out_total": 1}


def test_a_report_without_a_quarter_needs_one_given():
    blocks = blocks_from_text("BÁO CÁO\n- Tổng số văn bản đi: 1")
    with pytest.raises(CdsError) as info:
        extract(blocks)
    assert info.value.key == "err_extract_no_period"
    assert extract(blocks, Period(2023, 4)).period == Period(2023, 4)


def test_a_text_with_no_figure_is_not_a_report():
    with pytest.raises(CdsError) as info:
        read("Kính gửi: Phòng Văn hóa - Thông tin.\nXin trân trọng cảm ơn.")
    assert info.value.key == "err_not_a_report"
