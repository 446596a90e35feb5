"""The login, the signed-in session, and the role guard every page starts with.

The credential check is ours, against the database (``db.security``: bcrypt, and a lockout
that survives restarts); streamlit-authenticator only keeps the signed cookie that lets a
reload skip the form. On every run the user is read again, so a disabled account stops at its
next click and a reset password blocks every page until it is changed. A session ends after
``IDLE_MINUTES`` without a click or ``SESSION_HOURS`` after signing in, whichever comes first.
Hiding pages is convenience; the write functions of db/ check permissions again.
"""

from __future__ import annotations

import time
from urllib.parse import urlparse

import streamlit as st
from streamlit_authenticator.controllers import CookieController

from cds_core.errors import CdsError
from db.database import session_scope
from db.permissions import Actor
from db.security import authenticate
from db.users import MIN_PASSWORD, actor_for, change_own_password, find
from texts import error_text
from ui.config import ConfigError, apply
from ui.data import engine
from ui.i18n import lang, tr

COOKIE_NAME = "cds_auth"
SESSION_HOURS = 8  # a working day; also the cookie's lifetime
IDLE_MINUTES = 60
AUTH_KEYS = ("authentication_status", "username", "name", "roles")
ASKED_PAGE = "_asked_page"  # the page a signed-out visitor's address named, opened after sign-in


def cookie_key() -> str:
    """The cookie key; in production without a strong one nothing else is shown."""
    try:
        return apply()
    except ConfigError:
        st.error(tr("config_weak_key"))
        st.stop()


def _cookies(key: str) -> CookieController:
    """Build the cookie component; at most once per script run (it renders a widget)."""
    st.session_state.setdefault("logout", None)  # the library reads it before the cookie
    return CookieController(COOKIE_NAME, key, SESSION_HOURS / 24)


def signed_in() -> bool:
    return bool(st.session_state.get("authentication_status") and st.session_state.get("username"))


def _start(username: str, name: str, role: str, started: float) -> None:
    st.session_state.update(
        authentication_status=True,
        username=username,
        name=name,
        roles=[role],
        logout=None,
        _auth_started=started,
        _auth_seen=time.time(),
    )


def sign_out(notice: str | None = None) -> None:
    """End the session here; the login form drawn next deletes the cookie in the browser.

    The cookie is not deleted at once because that takes a component drawn in a run that
    reaches the browser (a rerun straight after it would lose the deletion).
    """
    for key in AUTH_KEYS:
        st.session_state[key] = None
    for key in ("_auth_started", "_auth_seen", "_set_cookie"):
        st.session_state.pop(key, None)
    st.session_state["logout"] = True  # the cookie read at connection time is not used again
    st.session_state["_forget_cookie"] = True
    if notice:
        st.session_state["_login_notice"] = notice


def logout_button() -> None:
    st.button(tr("logout"), key="logout_button", on_click=sign_out)


def _restore(token: dict) -> bool:
    """Sign in from a valid cookie, if its user still exists and is active."""
    with session_scope(engine()) as session:
        user = find(session, token["username"])
        found = (user.username, user.display_name, user.role) if user and user.active else None
    if found is None:
        return False
    _start(*found, started=token["exp_date"] - SESSION_HOURS * 3600)
    return True


def show_login() -> None:
    """The login form, unless a valid cookie signs the user in (then it returns quietly)."""
    cookies = _cookies(cookie_key())
    if st.session_state.pop("_forget_cookie", False):
        cookies.delete_cookie()
    else:
        token = cookies.get_cookie()
        if token and _restore(token):
            return
        if token:
            cookies.delete_cookie()
    # The login run has no navigation, so the page in the address would be lost at sign-in.
    st.session_state[ASKED_PAGE] = _page_in_address()
    st.title(tr("app_title"))
    notice = st.session_state.pop("_login_notice", None)
    with st.form("login"):
        st.subheader(tr("login_title"))
        username = st.text_input(tr("login_username"), autocomplete="username")
        password = st.text_input(tr("login_password"), type="password")
        submitted = st.form_submit_button(tr("login_button"))
    if not submitted:
        if notice:
            st.warning(tr(notice))
        return
    with session_scope(engine()) as session:  # commits a failed attempt too
        user = authenticate(session, username, password)
        found = (user.username, user.display_name, user.role) if user else None
    if found is None:
        # Unknown user, wrong password, locked or disabled: one message, no hint which.
        st.error(tr("login_failed"))
        return
    _start(*found, started=time.time())
    st.session_state["_set_cookie"] = True  # drawn on the next run, which is not cut short
    st.rerun()


def keep_sign_in() -> None:
    """Write the sign-in cookie once after signing in, in a run that reaches the browser: a run
    cut short by a page switch would take the cookie's component away before it wrote. With a
    page asked for before signing in, the entry script calls this once it knows it stays."""
    if st.session_state.pop("_set_cookie", False):
        _cookies(cookie_key()).set_cookie()


def _page_in_address() -> str:
    """The last part of the address's path (``ap`` of ``/ap``, behind any base path too)."""
    url = st.context.url or ""
    return urlparse(url).path.rstrip("/").rsplit("/", 1)[-1]


def password_form(actor: Actor) -> bool:
    """Change one's own password (current one required); True once it is changed."""
    with st.form("change_password", clear_on_submit=True):
        old = st.text_input(tr("password_old"), type="password")
        new = st.text_input(
            tr("password_new"), type="password", help=tr("password_rule", min=MIN_PASSWORD)
        )
        again = st.text_input(tr("password_again"), type="password")
        submitted = st.form_submit_button(tr("password_change"))
    if not submitted:
        return False
    if new != again:
        st.error(tr("password_mismatch"))
        return False
    error = None
    with session_scope(engine()) as session:  # a wrong current password is counted: commit
        try:
            change_own_password(session, actor=actor, old=old, new=new)
        except CdsError as exc:
            error = exc
    if error is not None:
        st.error(error_text(error, lang()))
        return False
    return True


def _forced_change(actor: Actor) -> None:
    """After a reset, nothing but choosing a new password (or signing out)."""
    with st.sidebar:
        logout_button()
    st.title(tr("password_forced_title"))
    st.info(tr("password_forced"))
    if password_form(actor):
        st.session_state["_notice"] = "password_changed"
        st.rerun()
    st.stop()


def _expired(now: float) -> bool:
    started = st.session_state.setdefault("_auth_started", now)
    seen = st.session_state.setdefault("_auth_seen", now)
    return now - seen > IDLE_MINUTES * 60 or now - started > SESSION_HOURS * 3600


def require_user(*roles: str) -> Actor:
    """The signed-in user as an :class:`Actor`, or the login form and a stop.

    With ``roles``, anyone else (admins excepted) sees a refusal instead of the page.
    """
    cookie_key()  # in production without a strong key, nothing else is shown
    if not signed_in():
        show_login()
        if not signed_in():
            st.stop()
    now = time.time()
    if _expired(now):
        sign_out("session_expired")
        show_login()
        st.stop()
    st.session_state["_auth_seen"] = now
    with session_scope(engine()) as session:
        actor = actor_for(session, st.session_state["username"])
        user = find(session, st.session_state["username"])
        must_change = bool(user and user.must_change_password)
    if actor is None:
        sign_out("account_disabled")
        show_login()
        st.stop()
    if not st.session_state.get(ASKED_PAGE):
        keep_sign_in()
    if must_change:
        _forced_change(actor)
    if notice := st.session_state.pop("_notice", None):
        st.toast(tr(notice))
    if roles and actor.role not in roles and not actor.is_admin:
        st.error(tr("no_permission"))
        st.stop()
    return actor
