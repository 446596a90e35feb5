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
    ),
    st.Page(
        "app_pages/trends.py",
        title=tr("page_trends"),
        icon=":material/trending_up:",
        url_path="xu-huong",
    ),
]
if actor.role != "hamlet_editor":  # a hamlet team sees its own hamlet, not other units
    pages.append(
        st.Page(
            "app_pages/compare.py",
            title=tr("page_compare"),
            icon=":material/grid_view:",
            url_path="so-sanh",
        )
    )
if actor.role != "hamlet_editor":  # a hamlet team has no commune report to sign
    pages.append(
        st.Page(
            "app_pages/reports.py",
            title=tr("page_reports"),
            icon=":material/article:",
            url_path="bao-cao",
        )
    )
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
        "app_pages/transfer.py",
        title=tr("page_transfer"),
        icon=":material/swap_vert:",
        url_path="nhap-xuat",
    )
)
pages.append(
    st.Page(
        "app_pages/completeness.py",
        title=tr("page_completeness"),
        icon=":material/fact_check:",
        url_path="tinh-hinh-nop",
    )
)
pages.append(
    st.Page(
        "app_pages/hamlet.py",
        title=tr("page_hamlet"),
        icon=":material/holiday_village:",
        url_path="ap",
    )
)
if actor.role != "hamlet_editor":  # a hamlet team sees its own hamlet, not the others
    pages.append(
        st.Page(
            "app_pages/drilldown.py",
            title=tr("page_hamlet_compare"),
            icon=":material/leaderboard:",
            url_path="so-sanh-ap",
        )
    )
pages.append(
    st.Page(
        "app_pages/targets.py",
        title=tr("page_targets"),
        icon=":material/flag:",
        url_path="muc-tieu",
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
