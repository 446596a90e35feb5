"""How the browser tests sign in, and open a page once signed in.

Most tests are about what a signed-in user sees, not about signing in: they start signed in
(Playwright's reuse of an authenticated state), through a session opened on the server's own
database and its signed cookie put in the browser, as a sign-in leaves them. The form costs a
test seconds of Chromium and server time (three runs and the cookie writes). The tests about
signing in (the login gate, the cookie's security, the first login on a just-started server, a
deep link kept across the form) go through the form with :func:`sign_in_with_form`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from conftest import App
from playwright.sync_api import Page, expect
from sqlalchemy.pool import NullPool
from sqlmodel import create_engine

from db import sessions
from db.database import session_scope
from ui.auth import COOKIE_NAME, cookie_value
from ui.client import DEVICE_COOKIE

TIMEOUT_MS = 30_000


def prepared_cookie(app: App, username: str) -> dict:
    """The sign-in cookie of a new session of ``username`` on ``app``'s server, as Playwright's
    ``add_cookies`` takes it (the attributes a sign-in through the form gives it)."""
    engine = create_engine(app.env["DATABASE_URL"], poolclass=NullPool)
    with session_scope(engine) as session:
        sid = sessions.open_session(session, username)
    engine.dispose()
    expires = datetime.now(UTC) + timedelta(hours=sessions.SESSION_HOURS)
    value = cookie_value(username, sid, app.env["CDS_COOKIE_KEY"], expires.timestamp())
    cookie = {"name": COOKIE_NAME, "value": value, "url": str(app), "sameSite": "Strict"}
    return cookie | {"expires": expires.timestamp()}


def sign_in(page: Page, app: App, wait_idle, who: tuple[str, str], path: str = "/") -> None:
    """Open ``path`` signed in as ``who`` (username, password) by a prepared cookie."""
    page.context.add_cookies([prepared_cookie(app, who[0])])
    go(page, app, path, wait_idle)


def go(page: Page, base_url: str, path: str, wait_idle) -> None:
    """Open a page as a signed-in user: the page is there once the sign-out button is."""
    page.goto(f"{base_url}{path}")
    page.wait_for_selector(".st-key-logout_button", state="attached", timeout=TIMEOUT_MS)
    wait_idle(page)


def fill_login(page: Page, who: tuple[str, str]) -> None:
    page.get_by_label("Tên đăng nhập", exact=True).fill(who[0])
    page.get_by_label("Mật khẩu", exact=True).fill(who[1])
    page.get_by_role("button", name="Đăng nhập", exact=True).click()


def sign_in_with_form(
    page: Page, base_url: str, wait_idle, who: tuple[str, str], path: str = "/"
) -> dict:
    """Sign in through the login form at ``path``; the sign-in cookie the browser then holds.

    The sign-in and device cookies are written by components after the page shows, each
    answering with a rerun: this waits for both and for the page to settle, or the next
    page.goto (a new session) would start signed out, or find a half-redrawn page. The
    components load their code first: on a busy machine that takes seconds.
    """
    page.goto(f"{base_url}{path}")
    wait_idle(page)
    fill_login(page, who)
    wait_idle(page)
    expect(page.get_by_role("button", name="Đăng xuất", exact=True)).to_be_visible(
        timeout=TIMEOUT_MS
    )
    for _ in range(TIMEOUT_MS // 200):
        cookies = {c["name"]: c for c in page.context.cookies()}
        if {COOKIE_NAME, DEVICE_COOKIE} <= cookies.keys():
            wait_idle(page)
            return cookies[COOKIE_NAME]
        page.wait_for_timeout(200)
    pytest.fail("the sign-in cookies were never set")
