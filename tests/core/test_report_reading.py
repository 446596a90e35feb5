"""Past reports as files and through `manage.py extract-report`: a Word copy of the seed reads as
the text does, the values CSV and problem lines keep their contract, bad files get one line."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

import pytest

import manage
from cds_core.errors import CdsError
from cds_core.extraction import extract
from cds_core.interchange import parse_values
from cds_core.report_text import Line, Row, blocks_from_text
from report_variants import SEED_REPORT, docx_from_text
from reporting.report_reading import read_blocks

PROBLEM_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+): (?P<code>[\w.]+|\?): (?P<message>.+)$")


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED_REPORT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_docx(seed_text) -> bytes:
    return docx_from_text(seed_text)


def run(capsys, *args: str) -> tuple[int, list[str], list[str]]:
    code = manage.main(["extract-report", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def test_a_word_copy_of_the_seed_gives_the_same_figures_and_problems(seed_text, seed_docx):
    text = extract(blocks_from_text(seed_text))
    word = extract(read_blocks("bao-cao.docx", seed_docx))
    assert word.values() == text.values()
    assert sorted((p.code, p.key) for p in word.problems) == sorted(
        (p.code, p.key) for p in text.problems
    )


def test_word_numbers_paragraphs_and_table_rows_in_one_sequence(seed_docx):
    blocks = read_blocks("bao-cao.docx", seed_docx)
    numbers = [b.number for b in blocks]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    rows = [b for b in blocks if isinstance(b, Row)]
    assert rows[0].cells[3] == rows[0].cells[6] == "Số lượng"  # a merged cell, seen in each column
    assert any(isinstance(b, Line) and b.text.startswith("BÁO CÁO") for b in blocks)


def test_ticks_of_word_checkboxes_are_read():
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document()
    document.add_paragraph("Báo cáo trong Quý II/2023")
    p = document.add_paragraph("- Mạng nội bộ (LAN): có ")
    symbol = OxmlElement("w:sym")  # Wingdings ☒, as Insert > Symbol puts it
    symbol.set(qn("w:font"), "Wingdings")
    symbol.set(qn("w:char"), "F0FE")
    p.add_run()._r.append(symbol)
    p.add_run(" không ☐")
    out = BytesIO()
    document.save(out)
    assert extract(read_blocks("r.docx", out.getvalue())).values() == {"ht_lan": 1.0}


def test_extract_report_writes_the_values_csv_and_one_problem_a_line(capsys, tmp_path):
    out = tmp_path / "values.csv"
    code, lines, err = run(capsys, str(SEED_REPORT), "--org", "PHU_TAN", "--out", str(out))
    assert code == 0
    records = parse_values(out.read_text(encoding="utf-8"))  # importable as it stands
    assert {(r.org_unit, r.period) for r in records} == {("PHU_TAN", "2024Q1")}
    by_code = {r.element: r for r in records}
    assert by_code["ht_staff_with_pc"].value == 21
    assert by_code["ht_staff_with_pc"].comment.startswith("Có 21/22 cán bộ, công chức")
    parsed = [PROBLEM_LINE.match(line) for line in lines]
    assert all(parsed) and {m["file"] for m in parsed} == {str(SEED_REPORT)}
    assert "41: ht_staff_with_pc: Báo cáo ghi 100%, tính từ số liệu được 95,5%" in "\n".join(lines)
    assert len(err) == 1 and str(len(records)) in err[0]


def test_a_folder_of_reports_gives_each_its_own_quarter(capsys, tmp_path, seed_text):
    folder = tmp_path / "bao-cao"
    folder.mkdir()
    (folder / "quy-1.txt").write_text(seed_text, encoding="utf-8")
    second = seed_text.replace("trong Quý I/2024", "trong Quý II/2024")
    (folder / "quy-2.docx").write_bytes(docx_from_text(second))
    (folder / "ghi-chu.md").write_text("not a report", encoding="utf-8")
    out = tmp_path / "values.csv"
    code, _, _ = run(capsys, str(folder), "--org", "PHU_TAN", "--out", str(out))
    assert code == 0
    periods = {r.period for r in parse_values(out.read_text(encoding="utf-8"))}
    assert periods == {"2024Q1", "2024Q2"}


def test_a_period_that_contradicts_the_title_is_one_line_and_nothing_written(capsys, tmp_path):
    out = tmp_path / "values.csv"
    args = (str(SEED_REPORT), "--org", "PHU_TAN", "--period", "2024Q2", "--out", str(out))
    code, lines, err = run(capsys, *args)
    assert (code, lines, len(err)) == (1, [], 1)
    assert "Quý II/2024" in err[0] and "Quý I/2024" in err[0]
    assert not out.exists()


def _ole(stream_name: str) -> bytes:
    # The compound-file signature and a directory entry name, as Word writes them.
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + stream_name.encode("utf-16-le")


def _truncated_docx() -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("word/document.xml", "<w:document")
    return out.getvalue()


BAD_FILES = [
    ("bao-cao.doc", _ole("WordDocument"), "lưu lại dưới dạng .docx"),
    ("bao-cao.docx", _ole("EncryptedPackage"), "mật khẩu"),
    ("bao-cao.docx", b"PK\x03\x04 this zip was cut short", "bị hỏng"),
    ("bao-cao.docx", _truncated_docx(), "bị hỏng"),
    ("bao-cao.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    ("bao-cao.txt", "Báo cáo Quy I/2024: 93".encode("cp1252"), "UTF-8"),  # an old code page
    ("thu-moi.txt", "Kính gửi: các đồng chí.\nTrân trọng.".encode(), "Không phải báo cáo"),
]


@pytest.mark.parametrize(("name", "data", "says"), BAD_FILES, ids=[b[2] for b in BAD_FILES])
def test_a_bad_file_gets_one_clear_line_and_nothing_written(capsys, tmp_path, name, data, says):
    path = tmp_path / name
    path.write_bytes(data)
    out = tmp_path / "values.csv"
    code, lines, err = run(capsys, str(path), "--org", "PHU_TAN", "--period", "2024Q1",
                           "--out", str(out))  # fmt: skip
    assert (code, lines, len(err)) == (1, [], 1)
    assert err[0].startswith(f"Lỗi: {path}: ") and says in err[0]
    assert not out.exists()


def test_one_bad_file_among_good_ones_writes_nothing(capsys, tmp_path):
    bad = tmp_path / "cu.doc"
    bad.write_bytes(_ole("WordDocument"))
    out = tmp_path / "values.csv"
    code, _, err = run(capsys, str(SEED_REPORT), str(bad), "--org", "PHU_TAN", "--out", str(out))
    assert code == 1 and str(bad) in err[0] and not out.exists()


def test_an_oversized_upload_is_refused_before_it_is_read():
    with pytest.raises(CdsError) as info:
        read_blocks("big.txt", b"x" * (21 * 1024 * 1024))
    assert info.value.key == "err_report_too_large"
