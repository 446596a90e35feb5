"""Tài khoản: who I am signed in as, and changing my own password."""

import streamlit as st

from db.database import session_scope
from db.users import scope_code
from ui.auth import password_form, require_user
from ui.data import engine
from ui.i18n import tr

actor = require_user()
st.title(tr("page_account"))
with session_scope(engine()) as session:
    scope = scope_code(session, actor.username)
st.text(tr("account_username", username=actor.username))
st.text(tr("account_name", name=st.session_state.get("name") or actor.username))
st.text(tr("account_role", role=tr("role_" + actor.role), scope=scope or tr("account_all")))

st.header(tr("password_change"))
if password_form(actor):
    # The change ended every session, this one's too: the rerun writes its new cookie.
    st.session_state["_notice"] = "password_changed"
    st.rerun()
