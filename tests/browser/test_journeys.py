"""The journeys people make, in headless Chromium: an officer's quarter from typing to
submission, a viewer kept out of data entry, and the Word report downloaded."""

import re

import pytest
from conftest import OFFICER, VIEWER
from playwright.sync_api import Download, Page, expect
from signing import TIMEOUT_MS, go, sign_in

pytestmark = pytest.mark.browser

HEADLINE = re.compile(r"(\d+)/(\d+) chỉ tiêu đạt")


def targets_met(page: Page) -> int:
    text = page.get_by_text(HEADLINE).first
    expect(text).to_be_visible(timeout=TIMEOUT_MS)
    return int(HEADLINE.search(text.inner_text()).group(1))


def type_portal_count(page: Page, wait_idle) -> None:
    """Type 100 procedures on the national portal into the open, still empty entry form."""
    portal = page.get_by_label("TTHC tích hợp trên Cổng DVC quốc gia", exact=True)
    portal.scroll_into_view_if_needed()  # every section is open: the form is one page
    expect(portal).to_have_value("", timeout=TIMEOUT_MS)
    portal.fill("100")
    portal.press("Enter")
    wait_idle(page)


def test_an_officer_enters_saves_submits_and_the_overview_follows(
    private_server: str, page: Page, wait_idle
) -> None:
    live_server = private_server  # this journey changes data: not on the shared server
    sign_in(page, live_server, wait_idle, OFFICER)
    before = targets_met(page)

    go(page, live_server, "/nhap-so-lieu", wait_idle)
    expect(page.get_by_role("heading", name="Nhập số liệu")).to_be_visible(timeout=TIMEOUT_MS)
    type_portal_count(page, wait_idle)
    # The rate follows the typing before anything is saved: 100/156.
    expect(page.get_by_text("64,1%").first).to_be_visible(timeout=TIMEOUT_MS)

    page.get_by_role("button", name="Lưu nháp", exact=True).click()
    wait_idle(page)
    # By the buttons (and as a toast): where the officer is looking.
    expect(page.get_by_text("Đã lưu 1 thay đổi").first).to_be_visible(timeout=TIMEOUT_MS)
    page.get_by_role("button", name="Lưu và gửi báo cáo", exact=True).click()
    wait_idle(page)
    expect(page.get_by_text("Đã gửi báo cáo.").first).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text("Trạng thái: đã gửi")).to_be_visible()

    go(page, live_server, "/", wait_idle)
    # dvc_national_portal_rate moved from no data to 64,1%, met against ≥ 60%.
    expect(page.get_by_text(HEADLINE).first).to_have_text(
        re.compile(rf"{before + 1}/\d+ chỉ tiêu đạt"), timeout=TIMEOUT_MS
    )


def test_a_viewer_cannot_reach_data_entry(live_server: str, page: Page, wait_idle) -> None:
    sign_in(page, live_server, wait_idle, VIEWER)
    assert page.get_by_role("link", name="Nhập số liệu").count() == 0
    go(page, live_server, "/nhap-so-lieu", wait_idle)
    expect(page.get_by_role("button", name="Đăng xuất", exact=True)).to_be_visible()
    assert page.get_by_role("heading", name="Nhập số liệu").count() == 0
    assert page.get_by_label("TTHC tích hợp trên Cổng DVC quốc gia", exact=True).count() == 0


def download_report(page: Page, wait_idle) -> Download:
    """On the open report page: build the report, then download its Word file."""
    page.get_by_role("button", name="Tạo báo cáo", exact=True).click()
    wait_idle(page)
    button = page.get_by_role("button", name="Tải báo cáo Word (.docx)", exact=True)
    expect(button).to_be_visible(timeout=60_000)
    with page.expect_download() as info:
        button.click()
    return info.value


def test_the_report_downloads_as_a_word_document(live_server: str, page: Page, wait_idle) -> None:
    sign_in(page, live_server, wait_idle, OFFICER, "/bao-cao")
    download = download_report(page, wait_idle)
    assert download.suggested_filename.endswith(".docx")
    with open(download.path(), "rb") as f:
        assert f.read(2) == b"PK"  # a .docx is a zip package


def test_drill_down_from_the_commune_to_a_hamlet(live_server: str, page: Page, wait_idle) -> None:
    sign_in(page, live_server, wait_idle, VIEWER, "/so-sanh-ap")
    expect(page.get_by_text("Tổng của xã là tổng các ấp").first).to_be_visible(timeout=TIMEOUT_MS)
    # Dispatched, not clicked at a point: charts still drawing above can move the links, and
    # a click at the old point then lands on the next hamlet.
    page.get_by_role("link", name="Ấp 3 (dữ liệu mẫu)").dispatch_event("click")
    wait_idle(page)
    expect(page.get_by_role("heading", name="Ấp", exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text("Dữ liệu mẫu").first).to_be_visible()
    # The hamlet picker now names the hamlet the link pointed at.
    expect(page.get_by_role("combobox", name="Đơn vị")).to_have_value(re.compile("^Ấp 3"))
