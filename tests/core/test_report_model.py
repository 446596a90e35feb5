"""The report's content from plain values: the seed's figures with corrected rates, in order."""

from datetime import date

import pytest
from test_seed_figures import seed_values

from cds_core import report_model as rm
from cds_core.indicators import INDICATORS, IndicatorValue, Outcome
from cds_core.periods import Period
from cds_core.scorecard import build as scorecard
from cds_core.targets import DEFAULT_TARGETS

META = rm.Meta(
    number="15",
    doc_date=date(2024, 4, 5),
    signer_name="Phan Ngọc Nhất",
    recipients=("Phòng VH-TT", "Lưu: VT, VH-XH"),
)


def seed_report(meta: rm.Meta = META, comments=None) -> rm.Report:
    values = seed_values()
    return rm.build(
        org_name="Xã Phú Tân",
        parent="UBND HUYỆN TÂN PHÚ ĐÔNG",
        period=Period(2024, 1),
        values=values,
        comments=comments or {},
        rows=scorecard(values, DEFAULT_TARGETS),
        meta=meta,
    )


def lines(section: rm.Section) -> list[str]:
    out = []
    for b in section.blocks:
        if isinstance(b, rm.Item):
            out.append(f"{b.mark} {b.label}: {b.value}")
        elif isinstance(b, rm.Heading | rm.Para):
            out.append(b.text)
    return out


def text(report: rm.Report) -> str:
    return "\n".join(line for s in report.sections for line in lines(s))


@pytest.fixture(scope="module")
def report():
    return seed_report()


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2024, 4, 5), "Phú Tân, ngày 05 tháng 4 năm 2024"),
        (date(2024, 1, 9), "Phú Tân, ngày 09 tháng 01 năm 2024"),
        (date(2024, 2, 15), "Phú Tân, ngày 15 tháng 02 năm 2024"),
        (date(2024, 3, 10), "Phú Tân, ngày 10 tháng 3 năm 2024"),
        (date(2024, 12, 31), "Phú Tân, ngày 31 tháng 12 năm 2024"),
    ],
)
def test_date_line_pads_days_below_ten_and_months_one_and_two(on, expected):
    assert rm.date_line("Phú Tân", on) == expected


def test_date_line_without_a_date_leaves_room_for_a_pen():
    assert rm.date_line("Phú Tân", None).startswith("Phú Tân, ngày ")
    assert not any(ch.isdigit() for ch in rm.date_line("Phú Tân", None))


def test_number_line_leaves_the_gap_for_the_clerk_when_empty():
    assert rm.number_line("15") == "Số: 15/BC-UBND"
    assert rm.number_line("  ").replace(" ", "") == "Số:/BC-UBND"


CHAIN = [
    ("tinh", "Tỉnh Tiền Giang", None, None),
    ("huyen", "Huyện Tân Phú Đông", None, date(2025, 6, 30)),
]


@pytest.mark.parametrize(
    ("on", "authority"),
    [
        (date(2024, 4, 5), "UBND HUYỆN TÂN PHÚ ĐÔNG"),
        (date(2025, 6, 30), "UBND HUYỆN TÂN PHÚ ĐÔNG"),
        (date(2025, 7, 1), "UBND TỈNH TIỀN GIANG"),
    ],
)
def test_parent_authority_is_the_province_once_districts_ended(on, authority):
    assert rm.parent_authority(CHAIN, on) == authority


def test_recipients_get_dashes_semicolons_and_a_final_full_stop():
    assert rm.recipient_lines(["Phòng VH-TT", "- Lưu: VT, VH-XH;", ""]) == (
        "- Phòng VH-TT;",
        "- Lưu: VT, VH-XH.",
    )


@pytest.mark.parametrize(
    ("numerator", "denominator", "rate", "outcome", "shown"),
    [
        (50, 59, 50 * 100 / 59, Outcome.OK, "50/59 hồ sơ, đạt 84,7%"),
        (0, 0, None, Outcome.NOT_APPLICABLE, "0/0 hồ sơ (không áp dụng)"),
        (0, None, None, Outcome.NO_DATA, "0 hồ sơ, chưa có số liệu để tính tỷ lệ"),
        (None, None, None, Outcome.NO_DATA, "chưa có số liệu"),
    ],
)
def test_figure_phrases(numerator, denominator, rate, outcome, shown):
    value = IndicatorValue("x", numerator, denominator, rate, outcome)
    assert rm.figure(value, "hồ sơ") == shown


# The seed's own slips, and what the generated report says instead.
@pytest.mark.parametrize(
    ("correct", "slip"),
    [
        ("21/22 cán bộ, công chức, đạt 95,5%", "21/22 cán bộ, công chức, đạt 100%"),
        ("1/156 TTHC, đạt 0,6%", "0,06%"),
        ("5/59 hồ sơ, đạt 8,5%", "8,4%"),
        ("0/0 hồ sơ (không áp dụng)", "0/0 hồ sơ, đạt 0%"),
    ],
)
def test_seed_figures_carry_corrected_rates(report, correct, slip):
    assert correct in text(report)
    assert slip not in text(report)


@pytest.mark.parametrize(
    "phrase",
    [
        "50/59 hồ sơ, đạt 84,7% (mức độ 3: 33/59 hồ sơ, đạt 55,9%; "
        "mức độ 4: 17/59 hồ sơ, đạt 28,8%)",
        "73/156 TTHC, đạt 46,8%; đánh giá: chưa đạt.",
        "82/156 TTHC, đạt 52,6%",
        "8/156 TTHC, đạt 5,1%",
        "93/93 văn bản, đạt 100%",
        "277/277 văn bản, đạt 100%",
        "59/59 hồ sơ, đạt 100%",
        "36/38 máy tính, đạt 94,7%",
        "Tổng số chữ ký số được cấp: 4",
        "Tốc độ đường truyền cáp quang (Mbps): 100 Mbps",
        "Chế độ in sổ công văn đi, đến: 06 tháng/lần",
    ],
)
def test_seed_figures_are_in_the_report(report, phrase):
    assert phrase in text(report)


def test_sections_follow_the_paper_report(report):
    assert [s.code for s in report.sections] == [
        "I", "II.1", "2.1", "2.2", "2.3", "2.4", "2.5", "3", "4", "III", "P2",
    ]  # fmt: skip
    headings = [b.text for b in report.blocks if isinstance(b, rm.Heading)]
    assert headings.index("III. NHỮNG KHÓ KHĂN, HẠN CHẾ") < headings.index("Phần thứ hai")
    assert "PHƯƠNG HƯỚNG, NHIỆM VỤ THỰC HIỆN VỀ CHUYỂN ĐỔI SỐ TRONG QUÝ II/2024" in headings


def test_narratives_print_in_place_line_by_line(report):
    difficulties = lines(next(s for s in report.sections if s.code == "III"))
    assert difficulties[0] == "III. NHỮNG KHÓ KHĂN, HẠN CHẾ"
    assert difficulties[1].startswith("- Chuyển đổi số vẫn là một khái niệm mới")
    assert len(difficulties) == 4


def test_a_missing_narrative_leaves_a_visible_blank():
    values = {**seed_values(), "nar_difficulties": None}
    report = rm.build(
        org_name="Xã Phú Tân", parent="", period=Period(2024, 1), values=values, comments={},
        rows=scorecard(values, DEFAULT_TARGETS), meta=META,
    )  # fmt: skip
    assert lines(next(s for s in report.sections if s.code == "III"))[1:] == [rm.BLANK]


def test_target_lines_carry_the_comment_on_their_figures():
    report = seed_report(
        comments={"dvc_tthc_financial_online": "Chưa thực hiện được do xã chưa có hóa đơn điện tử"}
    )
    assert "đánh giá: chưa có số liệu. Chưa thực hiện được do xã chưa có hóa đơn điện tử." in text(
        report
    )


def test_device_table_lists_every_device_with_the_seed_counts(report):
    table = next(b for b in report.blocks if isinstance(b, rm.Table))
    assert len(table.rows) == 12
    desktop = next(r for r in table.rows if r[1] == "Máy vi tính để bàn")
    assert desktop[3:] == ("37", "35", "", "2")
    assert sum(table.widths_cm) <= 16.5


def test_appendix_lists_every_indicator_with_target_and_status(report):
    (table,) = report.appendix.blocks
    assert len(table.rows) == len(INDICATORS) == len(table.statuses)
    staff = next(r for r in table.rows if r[1] == "Tỷ lệ CBCC được trang bị máy tính")
    assert staff[2:] == ("21/22", "95,5%", "≥ 100%", "2025", "◐ gần đạt")


def test_header_signature_and_closing(report):
    assert report.header.issuer_lines == ("ỦY BAN NHÂN DÂN", "XÃ PHÚ TÂN")
    assert report.header.number_line == "Số: 15/BC-UBND"
    assert report.signature == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    assert report.closing.endswith("của Ủy ban nhân dân xã Phú Tân quý I năm 2024./.")
    assert "đến năm 2025 và định hướng" in report.subject
    assert report.subject.endswith("trong Quý I/2024")


def test_sheet_names_are_unique_and_fit_excel(report):
    names = [s.sheet for s in report.sections]
    assert len(set(names)) == len(names)
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
