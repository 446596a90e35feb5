"""An officer brings in a past quarterly report in headless Chromium: uploads it, unticks one
figure in the review table, applies, and exactly the ticked figures are stored."""

import sqlite3
from pathlib import Path

import pytest
from conftest import OFFICER
from playwright.sync_api import Page, expect
from signing import TIMEOUT_MS, sign_in

pytestmark = pytest.mark.browser

SEED_REPORT = (
    Path(__file__).resolve().parents[2] / "db" / "demo" / "bao-cao-cds-xa-phu-tan-quy-1-2024.txt"
)
# The data grid draws on a canvas: rows are this many pixels high under a header row as high.
ROW_PX = 35


def test_an_officer_uploads_a_past_report_unticks_a_figure_and_applies(
    private_server: str, page: Page, wait_idle, tmp_path: Path
) -> None:
    report = tmp_path / "bao-cao-quy-4-2023.txt"
    text = SEED_REPORT.read_text(encoding="utf-8").replace("trong Quý I/2024", "trong Quý IV/2023")
    report.write_text(text, encoding="utf-8")
    sign_in(page, private_server, wait_idle, OFFICER, "/nhap-xuat")
    expect(page.get_by_role("heading", name="Nhập từ báo cáo quý cũ")).to_be_visible(
        timeout=TIMEOUT_MS
    )
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(report)
    wait_idle(page)
    plan = page.get_by_text("Thử trước, chưa ghi:")
    expect(plan).to_have_text("Thử trước, chưa ghi: 81 giá trị mới, 0 giá trị thay đổi.",
                              timeout=TIMEOUT_MS)  # fmt: skip

    # Untick the third figure, "Số cuộc phổ biến, quán triệt về CĐS", where it is drawn.
    grid = page.get_by_test_id("stDataFrame").first
    expect(page.locator("#glide-cell-3-2")).to_have_text("Số cuộc phổ biến, quán triệt về CĐS")
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 38, box["y"] + ROW_PX + 2 * ROW_PX + ROW_PX / 2)
    wait_idle(page)
    expect(page.locator("#glide-cell-0-2")).to_have_text("false")
    expect(plan).to_have_text("Thử trước, chưa ghi: 80 giá trị mới, 0 giá trị thay đổi.")

    page.get_by_role("button", name="Áp dụng các số đã chọn", exact=True).click()
    wait_idle(page)
    expect(page.get_by_text("Đã nhập từ báo cáo: 80 mới, 0 thay đổi.")).to_be_visible(
        timeout=TIMEOUT_MS
    )
    with sqlite3.connect(tmp_path / "cds.db") as db:
        stored = dict(db.execute(
            "SELECT element, value_num FROM data_value JOIN org_unit ON org_unit.id = org_unit_id"
            " WHERE code = 'PHU_TAN' AND period = '2023Q4'"
        ).fetchall())  # fmt: skip
        reasons = {r for (r,) in db.execute(
            "SELECT DISTINCT reason FROM audit_event WHERE org_unit = 'PHU_TAN'"
            " AND period = '2023Q4' AND action = 'value'"
        )}  # fmt: skip
    assert "ld_outreach_sessions" not in stored and stored["ld_outreach_attendees"] == 41
    assert len(stored) == 80
    assert reasons == {"từ báo cáo bao-cao-quy-4-2023.txt"}
