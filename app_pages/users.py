"""Người dùng: the administrator's list of users; create, disable or enable, reset a password,
change a role or scope. Every action goes through db.users, which checks and audits it."""

import pandas as pd
import streamlit as st

from cds_core.roles import Role
from db.database import session_scope
from db.orgunits import all_units
from db.permissions import ROLES
from db.security import EVERYONE
from db.users import change_role, invite, listing, reset_password, set_active, sign_in_holds
from ui.auth import require_user
from ui.data import engine
from ui.i18n import lang, tr, tr_plain
from ui.writes import write

actor = require_user(Role.ADMIN)
L = lang()
st.title(tr("page_users"))


def run(action, success: str, **params) -> None:
    """Do one db action; on success keep its message (and a new password) for the rerun."""
    done = write(lambda s: action(s, actor=actor, **params))
    if not done:
        return
    password = done.value if isinstance(done.value, str) else None
    st.session_state["_users_flash"] = (success, params["username"], password)
    st.rerun()


# A new or reset password is shown once: on the run right after the action, never again.
flash = st.session_state.pop("_users_flash", None)
if flash:
    message, username, password = flash
    st.success(tr_plain(message, username=username))
    if password:
        st.warning(tr("users_password_once", username=username))
        st.code(password, language=None)

with session_scope(engine()) as session:
    rows = listing(session, actor=actor)
    units = {u.code: u.name for u in all_units(session)}
    held_now, held_before = sign_in_holds(session, actor=actor)


def state(row) -> str:
    if not row.active:
        return tr("users_disabled")
    return tr("users_held") if row.held else tr("users_active")


def client_label(client: str) -> str:
    return tr("users_hold_everyone") if client == EVERYONE else client


st.dataframe(
    pd.DataFrame(
        {
            tr("users_col_username"): [r.username for r in rows],
            tr("users_col_name"): [r.display_name for r in rows],
            tr("users_col_role"): [tr("role_" + r.role) for r in rows],
            tr("users_col_scope"): [r.scope or "" for r in rows],
            tr("users_col_state"): [state(r) for r in rows],
            tr("users_col_must_change"): [
                tr("yes") if r.must_change_password else "" for r in rows
            ],
        }
    ),
    hide_index=True,
    placeholder="",
)

role_names = {role: tr("role_" + role) for role in ROLES}
unit_codes = ["", *units]


unit_labels = {code: f"{code} · {units[code]}" if code else tr("users_no_scope")
               for code in unit_codes}  # fmt: skip
unit_label = unit_labels.get


st.header(tr("users_create"))
with st.form("create_user", clear_on_submit=True):
    new_username = st.text_input(tr("users_col_username"))
    new_name = st.text_input(tr("users_col_name"))
    # The least power by default: making an administrator is a choice, never a slip.
    new_role = st.selectbox(
        tr("users_col_role"), ROLES, index=ROLES.index(Role.VIEWER), format_func=role_names.get
    )
    new_scope = st.selectbox(tr("users_col_scope"), unit_codes, format_func=unit_label)
    if st.form_submit_button(tr("users_create")):
        run(
            invite,
            "users_created",
            username=new_username,
            display_name=new_name,
            role=new_role,
            org_code=new_scope or None,
        )

st.header(tr("users_edit"))
chosen = st.selectbox(tr("users_pick"), [r.username for r in rows], key="_users_pick")
row = next(r for r in rows if r.username == chosen)
left, right = st.columns(2)
if row.active:
    if left.button(tr("users_disable"), key="users_disable"):
        run(set_active, "users_disabled_done", username=chosen, active=False)
elif left.button(tr("users_enable"), key="users_enable"):
    run(set_active, "users_enabled_done", username=chosen, active=True)
# A reset locks the user out until they take the new password: it asks first.
CONFIRM = "_users_confirm_reset"
if right.button(tr("users_reset"), key="users_reset"):
    st.session_state[CONFIRM] = chosen
if st.session_state.get(CONFIRM) == chosen:
    st.warning(tr("users_reset_confirm", username=chosen))
    yes, no = st.columns(2)
    if yes.button(tr("users_reset_yes"), key="users_reset_yes", type="primary"):
        del st.session_state[CONFIRM]
        run(reset_password, "users_reset_done", username=chosen)
    if no.button(tr("cancel"), key="users_reset_no"):
        del st.session_state[CONFIRM]
        st.rerun()

with st.form("change_role"):
    role = st.selectbox(
        tr("users_col_role"), ROLES, index=ROLES.index(row.role), format_func=role_names.get
    )
    scope = st.selectbox(
        tr("users_col_scope"),
        unit_codes,
        index=unit_codes.index(row.scope or ""),
        format_func=unit_label,
    )
    if st.form_submit_button(tr("users_change_role")):
        run(change_role, "users_role_done", username=chosen, role=role, org_code=scope or None)

# Failed sign-ins hold back the client they came from, never the account itself: the owner
# signs in from their own browser, and a password reset lifts every hold.
st.header(tr("users_holds"))
st.caption(tr("users_holds_note"))
if held_now:
    st.dataframe(
        pd.DataFrame(
            {
                tr("users_col_username"): [h.username for h in held_now],
                tr("users_col_client"): [client_label(h.client) for h in held_now],
                tr("users_col_until"): [h.until for h in held_now],
            }
        ),
        hide_index=True,
    )
else:
    st.caption(tr("users_no_holds"))
if held_before:
    with st.expander(tr("users_hold_log")):
        st.dataframe(
            pd.DataFrame(
                {
                    tr("col_when"): [e.at for e in held_before],
                    tr("users_col_username"): [e.username for e in held_before],
                    tr("users_col_client"): [client_label(e.client) for e in held_before],
                    tr("users_col_until"): [e.until for e in held_before],
                }
            ),
            hide_index=True,
        )
