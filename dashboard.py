"""Entry point: page config, login gate, and navigation over the pages this user may see.

Pages live in app_pages/, not pages/: on Streamlit 1.67 a pages/ folder beside this script
switches on the old multipage mode, where a deep link runs a page without this login and the
first login after a server start is lost. Every page still starts with the shared guard.
"""

import streamlit as st

from ui.auth import logout_button, require_user
from ui.i18n import language_switch, tr

st.set_page_config(page_title="CĐS xã", page_icon=":material/insights:", layout="wide")
language_switch()

# The login, an expired or disabled session, and a password to change after a reset all stop
# here, before any page is chosen.
actor = require_user()
with st.sidebar:
    st.caption(tr("signed_in_as", name=st.session_state.get("name") or actor.username))
    st.caption(tr("role_" + actor.role))
    logout_button()

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
pages.append(
    st.Page(
        "app_pages/account.py",
        title=tr("page_account"),
        icon=":material/account_circle:",
        url_path="tai-khoan",
    )
)
if actor.is_admin:
    pages.append(
        st.Page(
            "app_pages/users.py",
            title=tr("page_users"),
            icon=":material/manage_accounts:",
            url_path="nguoi-dung",
        )
    )
st.navigation(pages).run()
