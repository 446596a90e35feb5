"""The login and the role guard every page starts with.

streamlit-authenticator renders the form and the cookie; the users, their bcrypt hashes and
their roles come from the database, and the acting user's role and scope are re-read on every
run, so a disabled account stops working at once. Hiding pages is convenience; the write
functions of db/ check permissions again.
"""

from __future__ import annotations

import streamlit as st
import streamlit_authenticator as stauth

from db.database import session_scope
from db.permissions import Actor
from db.users import actor_for, credentials
from ui.config import ConfigError, apply
from ui.data import engine
from ui.i18n import tr

COOKIE_NAME = "cds_auth"
COOKIE_DAYS = 1.0


def authenticator() -> stauth.Authenticate:
    """Build the widget; call at most once per script run (it renders the cookie component)."""
    try:
        key = apply()
    except ConfigError:
        st.error(tr("config_weak_key"))
        st.stop()
    with session_scope(engine()) as session:
        creds = credentials(session)
    return stauth.Authenticate(creds, COOKIE_NAME, key, COOKIE_DAYS, auto_hash=False)


def show_login(auth: stauth.Authenticate) -> None:
    """The login form; signs in from a valid cookie without showing it."""
    st.title(tr("app_title"))
    auth.login(
        location="main",
        fields={
            "Form name": tr("login_title"),
            "Username": tr("login_username"),
            "Password": tr("login_password"),
            "Login": tr("login_button"),
        },
        key="login",
    )
    status = st.session_state.get("authentication_status")
    if status:
        st.rerun()
    if status is False:
        # One message for an unknown user and a wrong password: no hint which one it was.
        st.error(tr("login_failed"))


def signed_in() -> bool:
    return bool(st.session_state.get("authentication_status") and st.session_state.get("username"))


def require_user(*roles: str) -> Actor:
    """The signed-in user as an :class:`Actor`, or the login form and a stop.

    With ``roles``, anyone else (admins excepted) sees a refusal instead of the page.
    """
    if not signed_in():
        show_login(authenticator())
        st.stop()
    with session_scope(engine()) as session:
        actor = actor_for(session, st.session_state["username"])
    if actor is None:
        for key in ("authentication_status", "username", "name", "roles"):
            st.session_state.pop(key, None)
        st.error(tr("account_disabled"))
        st.stop()
    if roles and actor.role not in roles and not actor.is_admin:
        st.error(tr("no_permission"))
        st.stop()
    return actor
