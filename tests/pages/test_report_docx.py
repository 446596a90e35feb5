"""The Word report of the demo (Phú Tân, Quý I/2024) opened with python-docx: layout, header,
figures; the remembered document fields; the command line and the page."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from command_line import Cli
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from apptest import ROOT, signed_in, sqlite_copy
from apptest import actor as scoped
from cds_core.report_model import Meta
from db import reports
from db.database import session_scope
from db.errors import PermissionDenied
from db.permissions import SYSTEM, Actor
from reporting.files import docx_file

META = Meta(
    number="15",
    place="Phú Tân",
    doc_date=date(2024, 4, 5),
    signer_authority="KT. Chủ tịch",
    signer_title="Phó Chủ tịch",
    signer_name="Phan Ngọc Nhất",
    recipients=("Phòng VH-TT", "Lưu: VT, VH-XH"),
)
OFFICER = Actor("officer", "editor", None)


def squash(text: str) -> str:
    return " ".join(text.split())


def all_paragraphs(doc):
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


@pytest.fixture
def doc(demo_session):
    reports.save_meta(demo_session, actor=SYSTEM, org_code="PHU_TAN", period="2024Q1", meta=META)
    return Document(BytesIO(docx_file(demo_session, "PHU_TAN", "2024Q1")))


def test_page_is_a4_with_decree_30_margins(doc):
    section = doc.sections[0]
    # Word stores twentieths of a point: compare in whole millimetres.
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25
    assert 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20


def test_every_run_is_times_new_roman(doc):
    runs = [r for p in all_paragraphs(doc) for r in p.runs]
    assert runs
    assert {r.font.name for r in runs} == {"Times New Roman"}
    assert doc.styles["Normal"].font.name == "Times New Roman"


def test_page_numbers_are_at_the_top_and_not_on_page_one(doc):
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "PAGE" in header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_header_is_a_borderless_two_column_table_with_the_decree_texts(doc):
    header = doc.tables[0]
    assert len(header.columns) == 2
    assert 'w:val="nil"' in header._tbl.tblPr.xml
    left = squash(" ".join(c.text for c in header.columns[0].cells))
    right = squash(" ".join(c.text for c in header.columns[1].cells))
    assert left == "UBND HUYỆN TÂN PHÚ ĐÔNG ỦY BAN NHÂN DÂN XÃ PHÚ TÂN Số: 15/BC-UBND"
    assert right == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
        "Phú Tân, ngày 05 tháng 4 năm 2024"
    )


def test_header_type_sizes_and_styles(doc):
    runs = {
        squash(p.text): p.runs[0]
        for c in doc.tables[0]._cells
        for p in c.paragraphs
        if p.text.strip()
    }
    national = runs["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert national.bold and Pt(12) <= national.font.size <= Pt(13)
    motto = runs["Độc lập - Tự do - Hạnh phúc"]
    assert motto.bold and Pt(13) <= motto.font.size <= Pt(14)
    parent = runs["UBND HUYỆN TÂN PHÚ ĐÔNG"]
    assert not parent.bold and not parent.italic and Pt(12) <= parent.font.size <= Pt(13)
    assert runs["ỦY BAN NHÂN DÂN XÃ PHÚ TÂN"].bold
    assert runs["Số: 15/BC-UBND"].font.size == Pt(13)
    assert runs["Phú Tân, ngày 05 tháng 4 năm 2024"].italic


def test_title_subject_and_body_layout(doc):
    title = next(p for p in doc.paragraphs if p.text == "BÁO CÁO")
    assert title.runs[0].bold and title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    subject = next(p for p in doc.paragraphs if p.text.startswith("Tình hình thực hiện"))
    assert subject.runs[0].bold
    body = next(p for p in doc.paragraphs if p.text.startswith("Căn cứ Kế hoạch số 200"))
    fmt = body.paragraph_format
    assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert Cm(1) <= fmt.first_line_indent <= Cm(1.27)
    assert fmt.space_after >= Pt(6)
    assert Pt(13) <= body.runs[0].font.size <= Pt(14)


@pytest.mark.parametrize(
    "phrase",
    [
        "50/59 hồ sơ, đạt 84,7%",
        "21/22 cán bộ, công chức, đạt 95,5%",
        "1/156 TTHC, đạt 0,6%",
        "5/59 hồ sơ, đạt 8,5%",
        "73/156 TTHC, đạt 46,8%",
    ],
)
def test_figures_and_rates(doc, phrase):
    assert any(phrase in p.text for p in doc.paragraphs)


def test_device_and_appendix_tables_are_real_tables(doc):
    texts = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    devices = next(t for t in texts if t[0][1] == "Tên thiết bị")
    assert ["5", "Máy vi tính để bàn", "Cái", "37", "35", "", "2"] in devices
    appendix = next(t for t in texts if t[0][1] == "Chỉ số")
    assert ["11", "Tỷ lệ CBCC được trang bị máy tính", "21/22", "95,5%", "≥ 100%", "2025",
            "◐ gần đạt"] in appendix  # fmt: skip


def test_closing_recipients_and_signature(doc):
    signature = doc.tables[-2]
    left, right = (squash(c.text) for c in signature.rows[0].cells)
    assert left == "Nơi nhận: - Phòng VH-TT; - Lưu: VT, VH-XH."
    assert right == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Phan Ngọc Nhất"
    heading = signature.rows[0].cells[0].paragraphs[0].runs[0]
    assert heading.bold and heading.italic and heading.font.size == Pt(12)
    assert signature.rows[0].cells[0].paragraphs[1].runs[0].font.size == Pt(11)


def test_charts_are_embedded_as_images_when_asked(demo_session):
    plain = Document(BytesIO(docx_file(demo_session, "PHU_TAN", "2024Q1", meta=META)))
    with_charts = Document(
        BytesIO(docx_file(demo_session, "PHU_TAN", "2024Q1", meta=META, charts=True))
    )
    assert not plain.inline_shapes
    assert len(with_charts.inline_shapes) == 1


def test_a_report_is_headed_with_the_hierarchy_in_force_in_its_quarter(demo_session):
    # Q2/2025 is the district's last quarter, even when the report is signed in July.
    later = Meta(**{**META.__dict__, "doc_date": date(2025, 7, 15)})
    report = reports.build(demo_session, "PHU_TAN", "2025Q2", meta=later)
    assert report.header.parent_authority == "UBND HUYỆN TÂN PHÚ ĐÔNG"
    # From Q3/2025 the commune is Tân Phú Đông, under the province of Đồng Tháp.
    report = reports.build(demo_session, "XA_TAN_PHU_DONG", "2025Q3", meta=later)
    assert report.header.parent_authority == "UBND TỈNH ĐỒNG THÁP"
    assert report.header.issuer_lines == ("ỦY BAN NHÂN DÂN", "XÃ TÂN PHÚ ĐÔNG")


# -- the remembered fields -----------------------------------------------------------------


def test_fields_are_remembered_per_commune_and_quarter(demo_session):
    reports.save_meta(demo_session, actor=SYSTEM, org_code="PHU_TAN", period="2024Q1", meta=META)
    assert reports.load_meta(demo_session, "PHU_TAN", "2024Q1") == Meta(
        **{**META.__dict__, "signer_authority": "KT. Chủ tịch"}
    )
    # The next quarter keeps place, signer and recipients; number and date are the new report's.
    following = reports.load_meta(demo_session, "PHU_TAN", "2024Q2")
    assert (following.number, following.doc_date) == ("", None)
    assert (following.signer_name, following.recipients) == (META.signer_name, META.recipients)


def test_a_fresh_commune_starts_from_its_own_name(demo_session):
    assert reports.load_meta(demo_session, "PHU_TAN", "2024Q1").place == "Phú Tân"


def test_only_editors_and_admins_of_the_commune_save_fields(demo_session):
    viewer = scoped(demo_session, "committee", "viewer", "PHU_TAN")
    other = Actor("elsewhere", "editor", "KHAC", frozenset({"KHAC"}))
    for actor in (viewer, other):
        with pytest.raises(PermissionDenied):
            reports.save_meta(
                demo_session, actor=actor, org_code="PHU_TAN", period="2024Q1", meta=META
            )
    editor = scoped(demo_session, "officer", "editor", "PHU_TAN")
    reports.save_meta(demo_session, actor=editor, org_code="PHU_TAN", period="2024Q1", meta=META)
    assert reports.load_meta(demo_session, "PHU_TAN", "2024Q1").number == "15"


def test_a_report_is_for_a_commune_only(demo_session):
    with pytest.raises(reports.CdsError, match="err_report_level"):
        reports.build(demo_session, "TIEN_GIANG", "2024Q1")


# -- command line and page -----------------------------------------------------------------


def test_command_line_writes_the_docx(tmp_path, sqlite_templates, monkeypatch):
    # The demo as `init` and `seed-demo` leave it (tests/db/test_cli.py runs those two).
    run = Cli(tmp_path, monkeypatch, url=sqlite_copy(sqlite_templates["demo"], tmp_path))
    done = run(
        "report", "--org", "PHU_TAN", "--period", "2024Q1", "--out", str(tmp_path / "r.docx")
    )
    assert done.returncode == 0, done.stderr
    # The demo's figures are drafts: written where asked (scripts rely on --out), marked inside,
    # and the command says so.
    out = tmp_path / "r.docx"
    assert str(out) in done.stdout and "DỰ THẢO" in done.stdout
    doc = Document(str(out))
    top = doc.sections[0]
    assert all(any("DỰ THẢO" in p.text for p in h.paragraphs)
               for h in (top.first_page_header, top.header))  # fmt: skip
    assert any("50/59 hồ sơ, đạt 84,7%" in p.text for p in doc.paragraphs)
    refused = run("report", "--org", "PHU_TAN", "--period", "2024Q1", "--out", "r.pdf")
    assert refused.returncode == 1
    assert refused.stderr.strip() == "Lỗi: Tệp ra phải có đuôi .docx hoặc .xlsx: r.pdf"
    run.close()


PAGE = str(Path(ROOT) / "app_pages" / "reports.py")


def test_page_generates_and_offers_both_downloads(app_db):
    at = signed_in("officer", "editor")
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.title[0].value == "Báo cáo"
    fields = {t.label: t for t in at.text_input}
    assert fields["Địa danh"].value == "Phú Tân"  # pre-filled from the commune's name
    fields["Số văn bản (phần trước /BC-UBND; để trống để văn thư ghi)"].input("15")
    next(b for b in at.button if b.label == "Tạo báo cáo").click().run()
    assert not at.exception
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Tải báo cáo Word (.docx)", "Tải bảng tính Excel (.xlsx)"]
    with session_scope(app_db) as session:  # the officer's fields are remembered
        assert reports.load_meta(session, "PHU_TAN", "2024Q1").number == "15"


def test_a_viewer_downloads_but_saves_nothing(app_db):
    at = signed_in("committee", "viewer")
    at.switch_page(PAGE).run()
    assert "Bạn chỉ xem" in " ".join(c.value for c in at.caption)
    next(b for b in at.button if b.label == "Tạo báo cáo").click().run()
    assert not at.exception
    assert len(at.get("download_button")) == 2
    with session_scope(app_db) as session:
        assert reports.load_meta(session, "PHU_TAN", "2024Q1").doc_date is None
