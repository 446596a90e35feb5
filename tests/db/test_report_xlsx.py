"""The Excel workbook of the demo quarter: a scorecard sheet with status colours, a sheet per
section with the same figures as the Word report."""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook

from cds_core.indicators import INDICATORS
from cds_core.status import STYLES, Status
from reporting.files import xlsx_file


@pytest.fixture
def book(demo_session):
    return load_workbook(BytesIO(xlsx_file(demo_session, "PHU_TAN", "2024Q1")))


def test_one_sheet_per_section_after_the_scorecard(book):
    assert book.sheetnames == [
        "Chỉ số", "I. Lãnh đạo, chỉ đạo", "II.1 Mục tiêu", "2.1 Hạ tầng kỹ thuật",
        "2.2 Ứng dụng, dịch vụ", "2.3 Phục vụ người dân, DN", "2.4 Nhân lực CNTT",
        "2.5 An toàn thông tin", "3 Kinh tế số", "4 Xã hội số", "III. Khó khăn, hạn chế",
        "Phần thứ hai. Phương hướng",
    ]  # fmt: skip


def scorecard_rows(book) -> dict[str, tuple]:
    ws = book["Chỉ số"]
    header = next(r for r in ws.iter_rows(min_row=1, max_row=10) if r[0].value == "Mã")[0].row
    return {r[0].value: r for r in ws.iter_rows(min_row=header + 1) if r[0].value}


@pytest.mark.parametrize(
    ("indicator", "numerator", "denominator", "rate", "status"),
    [
        ("ht_staff_pc_rate", 21, 22, 95.5, Status.NEAR),
        ("dvc_online_dossier_rate", 50, 59, 84.7, Status.MET),
        ("dvc_full_rate", 73, 156, 46.8, Status.NOT_MET),
        ("dvc_info_rate", 1, 156, 0.6, Status.NOT_APPLICABLE),
        ("bc_return_rate", 5, 59, 8.5, Status.NOT_APPLICABLE),
    ],
)
def test_scorecard_holds_numbers_and_paints_the_status(
    book, indicator, numerator, denominator, rate, status
):
    row = scorecard_rows(book)[indicator]
    assert (row[3].value, row[4].value, row[5].value) == (numerator, denominator, rate)
    style = STYLES[status]
    assert row[8].value.startswith(style.icon)
    assert row[8].fill.fgColor.rgb == "FF" + style.background.lstrip("#").upper()
    assert row[8].font.color.rgb == "FF" + style.colour.lstrip("#").upper()


def test_scorecard_lists_every_indicator(book):
    assert set(scorecard_rows(book)) == set(INDICATORS)


def test_section_sheets_carry_the_report_figures(book):
    infra = [[c.value for c in r] for r in book["2.1 Hạ tầng kỹ thuật"].iter_rows()]
    assert ["- Số cán bộ, công chức được trang bị máy tính",
            "21/22 cán bộ, công chức, đạt 95,5%"] in [r[:2] for r in infra]  # fmt: skip
    assert ["5", "Máy vi tính để bàn", "Cái", "37", "35", None, "2"] in infra
    services = [r[1].value for r in book["2.3 Phục vụ người dân, DN"].iter_rows()]
    assert "5/59 hồ sơ, đạt 8,5%" in services
