"""Entry point: page config, login gate, and navigation over the pages this user may see.

Pages live in app_pages/, not pages/: on Streamlit 1.67 a pages/ folder beside this script
switches on the old multipage mode, where a deep link runs a page without this login and the
first login after a server start is lost. Every page still starts with the shared guard.
"""

import streamlit as st

from ui.auth import logout_button, require_user
from ui.errors import guarded
from ui.i18n import language_switch, tr, tr_plain
from ui.navigation import PAGES, visible_to

st.set_page_config(page_title="CĐS xã", page_icon=":material/insights:", layout="wide")

# No traceback reaches a user: an unexpected error anywhere below is logged with an id, and
# the page shows that id (Streamlit's own error details are off in .streamlit/config.toml).
with guarded():
    language_switch()

    # The login, an expired or disabled session, and a password to change after a reset all
    # stop here, before any page is chosen.
    actor = require_user()
    with st.sidebar:
        st.caption(tr_plain("signed_in_as", name=st.session_state.get("name") or actor.username))
        st.caption(tr("role_" + actor.role))
        logout_button()

    pages = [
        st.Page(
            f"app_pages/{spec.script}",
            title=tr(spec.title_key),
            icon=f":material/{spec.icon}:",
            url_path=spec.url_path,
            default=spec is PAGES[0],
        )
        for spec in visible_to(actor.role)
    ]
    st.navigation(pages).run()
