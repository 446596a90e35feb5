"""Entry point: page config, login gate, and navigation over the pages this user may see.

Pages live in app_pages/, not pages/: on Streamlit 1.67 a pages/ folder beside this script
switches on the old multipage mode, where a deep link runs a page without this login and the
first login after a server start is lost. Every page still starts with the shared guard.
"""

import streamlit as st

from ui.auth import authenticator, require_user, show_login, signed_in
from ui.i18n import language_switch, tr

st.set_page_config(page_title="CĐS xã", page_icon=":material/insights:", layout="wide")
language_switch()

if not signed_in():
    show_login(authenticator())
    st.stop()

actor = require_user()
auth = authenticator()
with st.sidebar:
    st.caption(tr("signed_in_as", name=st.session_state.get("name") or actor.username))
    st.caption(tr("role_" + actor.role))
    auth.logout(tr("logout"), "sidebar", key="logout_button")
if not signed_in():  # the logout button was just pressed: back to the form, no rerun
    show_login(auth)
    st.stop()

pages = [
    st.Page(
        "app_pages/overview.py",
        title=tr("page_overview"),
        icon=":material/dashboard:",
        url_path="tong-quan",
        default=True,
    )
]
if actor.role in ("admin", "editor", "hamlet_editor"):
    pages.append(
        st.Page(
            "app_pages/data_entry.py",
            title=tr("page_entry"),
            icon=":material/edit_note:",
            url_path="nhap-so-lieu",
        )
    )
pages.append(
    st.Page(
        "app_pages/rules.py", title=tr("page_rules"), icon=":material/rule:", url_path="quy-tac"
    )
)
st.navigation(pages).run()
