"""As people use it, in Chromium: the Steering Committee opens on the last submitted quarter
(not a newer draft) and a draft's report says DỰ THẢO; a reload keeps the language and the
quarter; a hamlet team reads its figures on a phone; Streamlit's own words are Vietnamese;
a page asked for before signing in opens after it."""

import re
from io import BytesIO

import pytest
from conftest import OFFICER, TEAM, VIEWER
from docx import Document
from playwright.sync_api import Page, expect
from signing import TIMEOUT_MS, go, sign_in
from sqlmodel import create_engine
from test_journeys import download_report
from words import english_in, entered_by_people, texts_in_browser

from ui.auth import COOKIE_NAME

pytestmark = pytest.mark.browser


def cookie_set(page: Page) -> None:
    """Wait for the sign-in cookie (written just after the page shows): the next page.goto is
    a new session, signed in by the cookie alone."""
    page.wait_for_function(
        f"() => document.cookie.includes('{COOKIE_NAME}=')", polling=250, timeout=TIMEOUT_MS
    )


def test_a_viewer_opens_on_the_submitted_quarter_and_a_draft_report_says_so(
    submitted_server: str, page: Page, wait_idle
) -> None:
    sign_in(page, submitted_server, wait_idle, VIEWER)
    # Quý II/2024 holds newer figures, but only as a draft: the committee sees Quý I.
    expect(page.get_by_text("Kết quả Quý I/2024")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_role("combobox", name="Kỳ báo cáo")).to_have_value("Quý I/2024")
    # Phú Tân sent its figures, its hamlets have not: still a draft, and the badge says who.
    expect(page.get_by_text("Số liệu nháp, chưa gửi").first).to_be_visible()
    expect(page.get_by_text("1 đã gửi, 4 còn nháp").first).to_be_visible()

    go(page, submitted_server, "/bao-cao?period=2024Q2", wait_idle)
    expect(page.get_by_role("combobox", name="Kỳ báo cáo")).to_have_value("Quý II/2024")
    expect(page.get_by_text("báo cáo tạo ra là DỰ THẢO")).to_be_visible(timeout=TIMEOUT_MS)
    download = download_report(page, wait_idle)
    assert download.suggested_filename == "bao-cao-cds-PHU_TAN-2024Q2-du-thao.docx"
    with open(download.path(), "rb") as f:
        section = Document(BytesIO(f.read())).sections[0]
    for header in (section.first_page_header, section.header):  # page 1 and every other page
        assert "DỰ THẢO" in " ".join(p.text for p in header.paragraphs)

    # The language and the quarter survive a reload (a new session).
    page.get_by_text("English", exact=True).click()
    wait_idle(page)
    page.wait_for_url(re.compile(r"lang=en"), timeout=TIMEOUT_MS)
    page.reload()
    wait_idle(page)
    expect(page.get_by_role("heading", name="Reports", exact=True)).to_be_visible(
        timeout=TIMEOUT_MS
    )
    expect(page.get_by_role("combobox", name="Quarter")).to_have_value("Q2 2024")


def test_a_hamlet_team_reads_value_and_status_on_a_phone(
    live_server: str, phone: Page, wait_idle
) -> None:
    sign_in(phone, live_server, wait_idle, TEAM)
    # The team lands on its own hamlet, not on the commune's seventeen indicators.
    expect(phone.get_by_role("heading", name="Ấp", exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    expect(phone.get_by_role("combobox", name="Đơn vị")).to_have_value(
        "Ấp 1 (dữ liệu mẫu) · ấp", timeout=TIMEOUT_MS
    )
    card = phone.locator(".cds-card").filter(has_text="Tỷ lệ hộ gia đình có cáp quang").first
    expect(card).to_be_visible(timeout=TIMEOUT_MS)
    expect(card).to_contain_text("84%")
    expect(card).to_contain_text("✔ đạt")
    card.scroll_into_view_if_needed()
    box = card.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # whole, without a sideways scroll
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    # The grids (one column in sight on a phone) give way to the cards.
    assert phone.locator("[data-testid=stDataFrame]").first.is_hidden()
    phone.evaluate("window.scrollTo(0, 0)")
    phone.get_by_text("Số liệu của ấp 1 (dữ liệu mẫu), Quý I/2024").scroll_into_view_if_needed()
    phone.wait_for_timeout(500)


def test_streamlits_own_words_are_vietnamese_and_a_deep_link_survives_sign_in(
    live_server: str, app_env: dict[str, str], page: Page, wait_idle
) -> None:
    engine = create_engine(app_env["DATABASE_URL"])
    entered = entered_by_people(engine)
    engine.dispose()
    page.goto(f"{live_server}/nhap-xuat")
    wait_idle(page)
    page.get_by_label("Tên đăng nhập", exact=True).fill(OFFICER[0])
    page.get_by_label("Mật khẩu", exact=True).fill(OFFICER[1])
    # Streamlit's hint under a form field: "Press Enter to submit form", in Vietnamese.
    expect(page.get_by_text("Nhấn Enter để gửi").first).to_be_visible(timeout=TIMEOUT_MS)
    assert english_in(texts_in_browser(page), entered) == []
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    wait_idle(page)
    # The page the address asked for, not the overview.
    expect(page.get_by_role("heading", name="Nhập/xuất tệp")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text("Chọn tệp", exact=True).first).to_be_visible()  # Streamlit's "Upload"
    cookie_set(page)
    found = {"/nhap-xuat": english_in(texts_in_browser(page), entered)}
    for path in ("/", "/ap", "/bao-cao"):
        go(page, live_server, path, wait_idle)
        page.wait_for_timeout(1000)  # charts and tables draw after the script ends
        found[path] = english_in(texts_in_browser(page), entered)
    # Every page in the sidebar, none hidden behind "View more".
    expect(page.get_by_role("link", name="Quy tắc đánh giá")).to_be_visible()
    assert {path: words for path, words in found.items() if words} == {}
