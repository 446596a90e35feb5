"""Security in a real browser: every page URL is behind the login on a just-started server, the
cookie keeps a sign-in across a reload, logout ends it for good, and a copy of the cookie in
another browser stops working after a logout or a password change."""

import pytest
from conftest import OFFICER
from playwright.sync_api import Page, expect
from signing import TIMEOUT_MS, sign_in_with_form

from ui.navigation import PAGES

pytestmark = pytest.mark.browser

PASSWORD = OFFICER[1]
# Every page the app registers, from the navigation's own table so a new page is covered too.
URL_PATHS = sorted(page.url_path for page in PAGES)
HEADINGS = ("Tổng quan", "Nhập số liệu", "Quy tắc đánh giá", "Tài khoản", "Người dùng")


def login_form_only(page: Page) -> None:
    expect(page.get_by_label("Mật khẩu", exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_role("button", name="Đăng nhập", exact=True)).to_be_visible()
    for heading in HEADINGS:
        assert page.get_by_role("heading", name=heading, exact=True).count() == 0
    assert page.get_by_role("button", name="Đăng xuất", exact=True).count() == 0
    assert page.locator("[data-testid=stDataFrame]").count() == 0


def test_the_navigation_lists_the_security_pages():
    assert {"tai-khoan", "nguoi-dung", "tong-quan", "nhap-so-lieu"} <= set(URL_PATHS)


@pytest.mark.parametrize("path", ["", *URL_PATHS])
def test_an_anonymous_visit_to_any_page_shows_only_the_login(
    fresh_server: str, page: Page, wait_idle, path: str
) -> None:
    page.goto(f"{fresh_server}/{path}")
    wait_idle(page)
    login_form_only(page)


def test_a_reload_keeps_the_sign_in_and_logout_then_reload_shows_the_login(
    live_server: str, page: Page, wait_idle
) -> None:
    assert sign_in(page, live_server, wait_idle)["sameSite"] == "Strict"

    page.reload()  # a new session: only the cookie can sign it in
    wait_idle(page)
    expect(page.get_by_role("heading", name="Tổng quan").first).to_be_visible(timeout=TIMEOUT_MS)

    page.get_by_role("button", name="Đăng xuất", exact=True).click()
    wait_idle(page)
    login_form_only(page)
    # The browser itself forgets the cookie (deleted by the component the login form draws).
    page.wait_for_function(
        "() => !document.cookie.includes('cds_auth=')", polling=250, timeout=TIMEOUT_MS
    )
    assert "cds_auth" not in {c["name"] for c in page.context.cookies()}
    page.reload()
    wait_idle(page)
    login_form_only(page)
    page.goto(f"{live_server}/tai-khoan")
    wait_idle(page)
    login_form_only(page)


def sign_in(page: Page, base: str, wait_idle) -> dict:
    """Sign in through the form; the cds_auth cookie the browser then holds."""
    cookie = sign_in_with_form(page, base, wait_idle, OFFICER)
    expect(page.get_by_role("heading", name="Tổng quan").first).to_be_visible(timeout=TIMEOUT_MS)
    return cookie


def copied_into_another_browser(browser, base: str, cookie: dict, wait_idle) -> Page:
    """A second browser holding a copy of the cookie (stolen, or left on a shared machine)."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    context.add_cookies([cookie])
    thief = context.new_page()
    thief.goto(f"{base}/")
    wait_idle(thief)
    return thief


def test_a_copied_cookie_is_refused_after_logout_and_after_a_password_change(
    private_server: str, browser, page: Page, wait_idle
) -> None:
    cookie = sign_in(page, private_server, wait_idle)
    thief = copied_into_another_browser(browser, private_server, cookie, wait_idle)
    expect(thief.get_by_role("heading", name="Tổng quan").first).to_be_visible(
        timeout=TIMEOUT_MS
    )  # the copy works while the session lives …
    page.get_by_role("button", name="Đăng xuất", exact=True).click()
    wait_idle(page)
    thief.reload()
    wait_idle(thief)
    login_form_only(thief)  # … and not after the owner logged out
    thief.context.close()

    cookie = sign_in(page, private_server, wait_idle)
    thief = copied_into_another_browser(browser, private_server, cookie, wait_idle)
    expect(thief.get_by_role("heading", name="Tổng quan").first).to_be_visible(timeout=TIMEOUT_MS)
    page.goto(f"{private_server}/tai-khoan")
    wait_idle(page)
    new = "mật-khẩu-mới-123"
    page.get_by_label("Mật khẩu hiện tại", exact=True).fill(PASSWORD)
    page.get_by_label("Mật khẩu mới", exact=True).fill(new)
    page.get_by_label("Nhập lại mật khẩu mới", exact=True).fill(new)
    page.get_by_role("button", name="Đổi mật khẩu", exact=True).click()
    wait_idle(page)
    expect(page.get_by_text("Đã đổi mật khẩu").first).to_be_visible(timeout=TIMEOUT_MS)
    thief.reload()
    wait_idle(thief)
    login_form_only(thief)  # the password change ended every other session
    # The browser that changed it got a new cookie and stays signed in across a reload.
    page.wait_for_function(
        f"() => document.cookie.includes('cds_auth=') && "
        f"!document.cookie.includes({cookie['value']!r})",
        polling=250,
        timeout=TIMEOUT_MS,
    )
    page.reload()
    wait_idle(page)
    expect(page.get_by_role("heading", name="Tài khoản").first).to_be_visible(timeout=TIMEOUT_MS)
    thief.context.close()
