"""Entry point: page config, login gate, and navigation over the pages this user may see.

Pages live in app_pages/, not pages/: on Streamlit 1.67 a pages/ folder beside this script
switches on the old multipage mode, where a deep link runs a page without this login and the
first login after a server start is lost. Every page still starts with the shared guard.
A page asked for by its address before signing in (``/ap``) opens once the user is in.
"""

import streamlit as st

from ui import streamlit_words
from ui.auth import ASKED_PAGE, keep_sign_in, logout_button, require_user
from ui.errors import guarded
from ui.i18n import language_switch, tr, tr_plain
from ui.navigation import home, visible_to

st.set_page_config(page_title="CĐS xã", page_icon=":material/insights:", layout="wide")

# No traceback reaches a user: an unexpected error anywhere below is logged with an id, and
# the page shows that id (Streamlit's own error details are off in .streamlit/config.toml).
with guarded():
    language_switch()
    streamlit_words.apply()

    # The login, an expired or disabled session, and a password to change after a reset all
    # stop here, before any page is chosen.
    actor = require_user()
    with st.sidebar:
        st.caption(tr_plain("signed_in_as", name=st.session_state.get("name") or actor.username))
        st.caption(tr("role_" + actor.role))
        logout_button()

    landing = home(actor.role)
    pages = {
        spec.url_path: st.Page(
            f"app_pages/{spec.script}",
            title=tr(spec.title_key),
            icon=f":material/{spec.icon}:",
            url_path=spec.url_path,
            default=spec is landing,
        )
        for spec in visible_to(actor.role)
    }
    # Every page in sight: a collapsed list ("View 3 more") hid the last ones.
    current = st.navigation(list(pages.values()), expanded=True)
    asked = st.session_state.pop(ASKED_PAGE, None)
    if asked in pages and pages[asked] is not current and asked != landing.url_path:
        st.switch_page(pages[asked], query_params=st.query_params.to_dict())
    keep_sign_in()  # if the sign-in waited for the page switch above
    current.run()
