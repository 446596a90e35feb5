"""Nhập/xuất tệp, past reports: an officer uploads a report, sees each figure beside its sentence
and against what is stored, unticks one, corrects one and applies; nothing is written before."""

from __future__ import annotations

from sqlmodel import Session, select

from apptest import signed_in
from db.models import AuditEvent, DataValue
from report_variants import SEED_REPORT

APPLY = "Áp dụng các số đã chọn"


def upload(name: str, text: str):
    at = signed_in("officer", "editor")
    at.switch_page("app_pages/transfer.py").run()
    at.file_uploader(key="review_files").set_value((name, text.encode(), "text/plain")).run()
    assert not at.exception
    return at


def stored(engine, period: str) -> dict[str, DataValue]:
    with Session(engine) as session:
        rows = session.exec(select(DataValue).where(DataValue.period == period))
        return {r.element: r for r in rows if r.org_unit_id and r.element}


def test_an_officer_unticks_a_figure_corrects_another_and_applies(app_db):
    before = set(stored(app_db, "2023Q4"))
    text = SEED_REPORT.read_text(encoding="utf-8").replace("trong Quý I/2024", "trong Quý IV/2023")
    at = upload("bao-cao-quy-4-2023.txt", text)
    table = at.data_editor(key="review_table").value
    row = {code: i for i, code in enumerate(table["code"])}
    assert table.loc[row["ht_staff_with_pc"], "passage"].startswith("Có 21/22 cán bộ")
    assert set(table["compare"]) == {"chưa có"} and table["use"].all()
    assert any("Báo cáo ghi 100%, tính từ số liệu được 95,5%" in t.value for t in at.text)
    assert set(stored(app_db, "2023Q4")) == before  # uploading wrote nothing

    at.session_state["review_table"] = {
        "edited_rows": {row["vb_out_total"]: {"use": False}, row["hn_points"]: {"value": "3"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert [b for b in at.button if b.label == APPLY][0].click().run()
    assert not at.exception
    assert at.success[0].value == f"Đã nhập từ báo cáo: {len(table) - 1} mới, 0 thay đổi."
    after = stored(app_db, "2023Q4")
    assert "vb_out_total" not in after and after["hn_points"].value_num == 3
    assert after["ht_staff_with_pc"].value_num == 21
    with Session(app_db) as session:
        reasons = session.exec(
            select(AuditEvent.reason).where(
                AuditEvent.period == "2023Q4", AuditEvent.action == "value"
            )
        ).all()
    assert set(reasons) - {"seed-demo"} == {"từ báo cáo bao-cao-quy-4-2023.txt"}


def test_the_demo_quarters_report_shows_what_is_the_same_and_a_bad_file_one_line(app_db):
    at = upload("bao-cao-quy-1-2024.txt", SEED_REPORT.read_text(encoding="utf-8"))
    table = at.data_editor(key="review_table").value.set_index("code")
    assert table.loc["ht_staff_with_pc", "compare"] == "giống số đang lưu"
    assert not table.loc["ht_staff_with_pc", "use"]  # the same as stored: nothing to write
    # The report's own words for a text the demo tidied: different, and ticked.
    assert table.loc["nl_it_qualification", "compare"] == "khác số đang lưu"
    assert table.loc["nl_it_qualification", "stored"] == "Tin học B"

    old_word = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le")
    at.file_uploader(key="review_files").set_value(("cu.docx", old_word, "application/msword"))
    at.run()
    # The name is shown as written, never as Markdown.
    assert [e.value for e in at.error] == [
        "cu\\.docx: Tệp Word cũ (.doc): hãy mở bằng Word và lưu lại dưới dạng .docx"
    ]
    assert not at.get("data_editor")
