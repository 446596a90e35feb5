"""The login, the signed-in session, and the role guard every page starts with.

The credential check is ours, against the database (``db.security``: bcrypt, and throttling
per client that nobody can turn against an account's owner). A sign-in opens a session kept
on the server (``db.sessions``); streamlit-authenticator's signed cookie carries its random
token, so a reload skips the form, and deleting the server's row (logout, a password change
or reset, disabling) ends every copy of that cookie. On every run the session and the user are
read again: a session ends at the next click after ``IDLE_MINUTES`` without one,
``SESSION_HOURS`` after signing in, or when it is ended anywhere else.
Hiding pages is convenience; the write functions of db/ check permissions again.
"""

from __future__ import annotations

import contextlib
import re
import secrets
from datetime import datetime, timedelta
from urllib.parse import urlparse

import jwt
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit_authenticator.models import CookieModel

from cds_core.errors import CdsError
from db import oplog, sessions
from db.database import session_scope
from db.permissions import Actor
from db.security import authenticate, trust
from db.users import MIN_PASSWORD, actor_for, change_own_password, find
from ui import client
from ui.config import ConfigError, apply
from ui.data import engine
from ui.i18n import error_plain, tr

COOKIE_NAME = "cds_auth"
DEVICE_DAYS = 365
AUTH_KEYS = ("authentication_status", "username", "name", "roles")
ASKED_PAGE = "_asked_page"  # the page a signed-out visitor's address named, opened after sign-in
# The key under which streamlit-authenticator's cookie manager draws its component (the library's
# default): seeing it among this run's keys means the component is drawn already.
_COOKIE_COMPONENT_KEY = "init"
# Runs in which a new sign-in's cookies are written, and a sign-out's deleted: the first may be
# cut short before the cookie component reaches the browser; the next ones are not.
COOKIE_WRITES = 3
_DEVICE_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # what secrets.token_urlsafe(32) gives


def cookie_key() -> str:
    """The cookie key; in production without a strong one nothing else is shown."""
    try:
        return apply()
    except ConfigError:
        st.error(tr("config_weak_key"))
        st.stop()


class _Cookies(CookieModel):
    """streamlit-authenticator's signed cookie (a JWT), carrying the server-side session token
    beside the username, and ``Secure`` whenever the page came over HTTPS; and the browser's
    device cookie, by which a user's own browser is known at sign-in."""

    def _token_encode(self) -> str:
        state = st.session_state
        return cookie_value(state["username"], state["_sid"], self.cookie_key, self.exp_date)

    def set_cookie(self) -> None:
        self.exp_date = self._set_exp_date()
        self.cookie_manager.set(
            self.cookie_name,
            self._token_encode(),
            expires_at=datetime.now() + timedelta(days=self.cookie_expiry_days),
            secure=client.secure(),
        )

    def set_device(self, token: str) -> None:
        self.cookie_manager.set(
            client.DEVICE_COOKIE,
            token,
            key="set_device",
            expires_at=datetime.now() + timedelta(days=DEVICE_DAYS),
            secure=client.secure(),
        )


def cookie_value(username: str, sid: str, key: str, exp_date: float) -> str:
    """The sign-in cookie: a JWT of the username, the server-side session's token and the
    expiry (a POSIX timestamp), signed with the cookie key, as the cookie model reads it."""
    payload = {"username": username, "sid": sid, "exp_date": exp_date}
    return jwt.encode(payload, key, algorithm="HS256")


def _cookies(key: str) -> _Cookies:
    """Build the cookie component; at most once per script run (it renders a widget)."""
    st.session_state.setdefault("logout", None)  # the library reads it before the cookie
    return _Cookies(COOKIE_NAME, key, sessions.SESSION_HOURS / 24)


def signed_in() -> bool:
    return bool(st.session_state.get("authentication_status") and st.session_state.get("username"))


def _start(username: str, name: str, role: str, sid: str) -> None:
    st.session_state.update(
        authentication_status=True, username=username, name=name, roles=[role], logout=None,
        _sid=sid,
    )  # fmt: skip
    st.session_state.pop("_forget_cookie", None)  # a sign-out's deletes must not follow it


def sign_out(notice: str | None = None) -> None:
    """End the session here and on the server; the login forms drawn next delete the cookie.

    The cookie is not deleted at once because that takes a component drawn in a run that
    reaches the browser (a rerun straight after it would lose the deletion); a copy of it is
    refused from now on anyway, its session being gone.
    """
    if st.session_state.get("username"):
        oplog.event("sign_out", user=st.session_state["username"], reason=notice or "logout")
    with session_scope(engine()) as session:
        sessions.close(session, st.session_state.get("_sid"))
    for key in AUTH_KEYS:
        st.session_state[key] = None
    for key in ("_sid", "_set_cookie", "_device_token"):
        st.session_state.pop(key, None)
    st.session_state["logout"] = True  # the cookie read at connection time is not used again
    st.session_state["_forget_cookie"] = COOKIE_WRITES
    if notice:
        st.session_state["_login_notice"] = notice


def logout_button() -> None:
    st.button(tr("logout"), key="logout_button", on_click=sign_out)


def _restore(token: dict) -> bool:
    """Sign in from a valid cookie, if its server-side session is live and its user active."""
    with session_scope(engine()) as session:
        username = sessions.check(session, token.get("sid"))
        user = find(session, username) if username and username == token["username"] else None
        found = (user.username, user.display_name, user.role) if user and user.active else None
    if found is None:
        return False
    _start(*found, sid=token["sid"])
    oplog.event("sign_in", user=found[0], ok=True, via="cookie")
    return True


def _device(token: str | None) -> str:
    """The browser's device token: the one it sent, or a new one."""
    return token if token and _DEVICE_TOKEN.fullmatch(token) else secrets.token_urlsafe(32)


def show_login() -> None:
    """The login form, unless a valid cookie signs the user in (then it returns quietly)."""
    cookies = _cookies(cookie_key())
    if st.session_state.get("_forget_cookie"):
        _forget_cookie(cookies)
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
        username = st.text_input(tr("login_username"), autocomplete="username", max_chars=64)
        password = st.text_input(tr("login_password"), type="password", max_chars=200)
        submitted = st.form_submit_button(tr("login_button"))
    if not submitted:
        if notice:
            st.warning(tr(notice))
        return
    who = client.current()
    try:
        with session_scope(engine()) as session:  # commits a failed attempt too
            user = authenticate(session, username, password, who)
            found = None
            if user is not None:
                device = _device(who.device)
                trust(session, user.username, device)
                sid = sessions.open_session(session, user.username)
                found = (user.username, user.display_name, user.role, sid, device)
    except SQLAlchemyError:
        # Every attempt writes first, whatever the username: a busy database answers alike.
        oplog.event("sign_in", "warning", user=username.strip(), ok=False, via="password",
                    reason="busy")  # fmt: skip
        st.error(tr("login_busy"))
        return
    oplog.event("sign_in", "info" if found else "warning", user=username.strip(),
                ok=found is not None, via="password")  # fmt: skip
    if found is None:
        # Unknown user, wrong password, held back or disabled: one message, no hint which.
        st.error(tr("login_failed"))
        return
    _start(*found[:4])
    _write_cookie(found[4])  # drawn from the next run on
    st.rerun()


def keep_sign_in() -> None:
    """Write the sign-in cookie (and the browser's device token) after signing in, in each of
    the next few runs that reach this point, not just the first.

    Written once, it was lost when that run was cut short (a page switch, or the cookie
    component's own answer arriving meanwhile on a busy server): the component went before
    it wrote, and the sign-in with it at the next reload. The browser does not report the
    cookie back within a session, so the write is repeated a fixed number of runs; the
    component is drawn at most once a run, however many guards call this.
    """
    ctx = get_script_run_ctx()
    drawn = ctx is not None and _COOKIE_COMPONENT_KEY in ctx.shared.widget_user_keys_this_run
    if not st.session_state.get("_set_cookie") or drawn:
        return
    _count_down("_set_cookie")
    cookies = _cookies(cookie_key())
    cookies.set_cookie()
    cookies.set_device(st.session_state["_device_token"])


def _write_cookie(device: str) -> None:
    """Have the next runs write this sign-in's cookies (see :func:`keep_sign_in`)."""
    st.session_state.update(_set_cookie=COOKIE_WRITES, _device_token=device)


def _forget_cookie(cookies: _Cookies) -> None:
    """Delete the sign-in cookie after a sign-out, in each of the next few runs.

    Deleted once, the cookie outlived a sign-out when that run was followed at once by another
    (a cookie write of the sign-in still answering): the delete component went before it
    loaded. Each run's delete has its own key, so each is a new component that deletes again
    once loaded, after any write still on its way.
    """
    runs = _count_down("_forget_cookie")
    # The component is drawn first; the library then drops its copy of the cookie, and raises
    # when the browser had reported none.
    with contextlib.suppress(KeyError):
        cookies.cookie_manager.delete(COOKIE_NAME, key=f"delete_{runs}")


def _count_down(key: str) -> int:
    """Take one of the runs left under ``key`` (gone after the last); returns how many were left."""
    runs = st.session_state.pop(key)
    if runs > 1:
        st.session_state[key] = runs - 1
    return runs


def _page_in_address() -> str:
    """The last part of the address's path (``ap`` of ``/ap``, behind any base path too)."""
    url = st.context.url or ""
    return urlparse(url).path.rstrip("/").rsplit("/", 1)[-1]


def password_form(actor: Actor) -> bool:
    """Change one's own password (current one required); True once it is changed.

    The change ends every session of the user, this one included: a new one is opened here,
    and its cookie is written on the next run (the caller reruns).
    """
    with st.form("change_password", clear_on_submit=True):
        old = st.text_input(tr("password_old"), type="password", max_chars=200)
        new = st.text_input(
            tr("password_new"),
            type="password",
            help=tr("password_rule", min=MIN_PASSWORD),
            max_chars=200,
        )
        again = st.text_input(tr("password_again"), type="password", max_chars=200)
        submitted = st.form_submit_button(tr("password_change"))
    if not submitted:
        return False
    if new != again:
        st.error(tr("password_mismatch"))
        return False
    who = client.current()
    error = None
    with session_scope(engine()) as session:  # a wrong current password is counted: commit
        try:
            change_own_password(session, actor=actor, old=old, new=new, client=who)
            st.session_state["_sid"] = sessions.open_session(session, actor.username)
        except CdsError as exc:
            error = exc
    if error is not None:
        st.error(error_plain(error))
        return False
    _write_cookie(_device(who.device))
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


def require_user(*roles: str) -> Actor:
    """The signed-in user as an :class:`Actor`, or the login form and a stop.

    With ``roles``, anyone else (admins excepted) sees a refusal instead of the page.
    """
    cookie_key()  # in production without a strong key, nothing else is shown
    if not signed_in():
        show_login()
        if not signed_in():
            st.stop()
    username = st.session_state["username"]
    with session_scope(engine()) as session:
        actor = actor_for(session, username)
        live = sessions.check(session, st.session_state.get("_sid")) == username
        user = find(session, username)
        must_change = bool(user and user.must_change_password)
    if actor is None:
        sign_out("account_disabled")
        show_login()
        st.stop()
    if not live:
        sign_out("session_expired")
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
