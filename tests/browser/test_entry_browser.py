"""The data-entry form in headless Chromium at 1366×768: typing that survives a reload and a
closed tab, and a section entered with the keyboard alone (one Tab stop per value, the
numeric keyboard on number fields, help out of the way)."""

import re

import pytest
from conftest import OFFICER
from playwright.sync_api import Page, expect
from signing import TIMEOUT_MS, go, sign_in

pytestmark = pytest.mark.browser

MEETINGS = "Số cuộc họp Ban Chỉ đạo CĐS"


def focused(page: Page) -> str:
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return e.getAttribute('aria-label') || e.innerText; }"
    )


def tab_to(page: Page, name: str, limit: int = 120) -> None:
    """Press Tab until the element named ``name`` has the keyboard."""
    for _ in range(limit):
        if focused(page).strip() == name:
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached {name!r}; last: {focused(page)!r}")


def test_typing_survives_a_reload_and_a_closed_tab(module_server: str, page: Page, wait_idle):
    sign_in(page, module_server, wait_idle, OFFICER, "/nhap-so-lieu?org=PHU_TAN&period=2024Q2")
    meetings = page.get_by_label(MEETINGS, exact=True)
    expect(meetings).to_have_attribute("inputmode", "numeric", timeout=TIMEOUT_MS)
    meetings.fill("3")
    meetings.press("Tab")
    wait_idle(page)
    expect(page.get_by_text("1 ô chưa lưu (đã giữ trên máy chủ)")).to_be_visible()

    page.reload()
    # The sign-in cookie is read over a few runs: the form is there once it says so.
    expect(page.get_by_text("Đã mở lại 1 ô bạn gõ")).to_be_visible(timeout=2 * TIMEOUT_MS)
    wait_idle(page)
    assert re.search(r"period=2024Q2", page.url)
    expect(page.get_by_label(MEETINGS, exact=True)).to_have_value("3", timeout=TIMEOUT_MS)
    expect(page.get_by_role("combobox", name="Kỳ báo cáo")).to_have_value("Quý II/2024")

    # The tab closed; a new one opens the form without the URL's quarter: where it was left.
    fresh = page.context.new_page()
    fresh.set_viewport_size({"width": 1366, "height": 768})
    go(fresh, module_server, "/nhap-so-lieu", wait_idle)
    expect(fresh.get_by_text("Đã mở lại 1 ô bạn gõ")).to_be_visible(timeout=2 * TIMEOUT_MS)
    wait_idle(fresh)
    expect(fresh.get_by_label(MEETINGS, exact=True)).to_have_value("3", timeout=TIMEOUT_MS)
    fresh.close()


def test_a_section_entered_with_the_keyboard_alone(module_server: str, page: Page, wait_idle):
    sign_in(page, module_server, wait_idle, OFFICER, "/nhap-so-lieu?org=PHU_TAN&period=2024Q3")
    # From the index, Enter on the section's link puts the keyboard in its first field.
    page.wait_for_function("() => window.__cdsForm !== undefined")
    tab_to(page, "I · Lãnh đạo, chỉ đạo")
    page.keyboard.press("Enter")
    expect(page.get_by_label("Đã ban hành kế hoạch CĐS năm của xã", exact=True)).to_be_focused()
    fields = [
        "Đã ban hành kế hoạch CĐS năm của xã",
        "Ban Chỉ đạo CĐS xã duy trì hoạt động",
        MEETINGS,
        "Số cuộc phổ biến, quán triệt về CĐS",
        "Lượt người tham dự phổ biến, quán triệt",
        "Số Tổ công nghệ số cộng đồng (xã và ấp)",
    ]
    typed = ["c", "c", "2", "1", "41", "5"]
    for name, keys, following in zip(fields, typed, [*fields[1:], None], strict=True):
        assert focused(page) == name
        page.keyboard.type(keys, delay=40)
        if keys == "c":  # a yes/no answer: the first letter finds "có", Enter takes it
            page.keyboard.press("Enter")
            wait_idle(page)
        page.keyboard.press("Tab")
        wait_idle(page)
        if following:  # one Tab stop per value: no help button, no comment box between
            assert focused(page) == following
    page.keyboard.press("Control+s")  # as in Word: the save button is after every field
    wait_idle(page)
    expect(page.get_by_text("Đã lưu 6 thay đổi").first).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_label(MEETINGS, exact=True)).to_have_value("2")
