"""Ấp: one hamlet's figures with status and trend, its community tech team and their log.

Those who keep the team (its hamlet_editor, editors above) also get the forms; the db layer
checks that again and blanks phone numbers for everyone else.
"""

import altair as alt
import pandas as pd
import streamlit as st

from cds_core import kinds
from cds_core.catalogue import ELEMENTS, Level, element_name
from cds_core.formatting import format_count, format_pct
from cds_core.hamlets import ACTIVITY_KINDS, MAX_NAME, MAX_PLACE, MAX_ROLE, kind_name
from cds_core.indicators import INDICATORS
from cds_core.periods import Period
from cds_core.status import Status, label, word
from cds_core.values import MAX_COMMENT
from db.database import session_scope
from db.hamlets import (
    activities,
    delete_activity,
    get_hamlet,
    hamlet_trend,
    log_activity,
    may_keep_team,
    members,
    save_member,
)
from db.values import unit_values
from ui import figure_states, tables
from ui.auth import require_user
from ui.data import engine
from ui.i18n import lang, tr, tr_plain
from ui.navigation import may_open
from ui.widgets import org_picker, period_picker
from ui.writes import write

actor = require_user()
L = lang()
st.title(tr("page_hamlet"))
# A link from the comparison page names the hamlet once; the picker remembers it from then on.
if "ap" in st.query_params:
    st.session_state["org"] = st.query_params["ap"]
    del st.query_params["ap"]
left, right = st.columns(2)
with left:
    code = org_picker(actor, levels=(Level.AP.value,))
with right:
    period = period_picker(actor)
p = Period.parse(period)
quarters = [Period.from_index(p.index - i).code for i in range(3, -1, -1)]

with session_scope(engine()) as session:
    hamlet = get_hamlet(session, code)
    is_demo, keeper = hamlet.is_demo, may_keep_team(actor, hamlet)
    # "khu phố 1", "ấp 1": what the hamlet is, inside a sentence (English keeps the name).
    called = kinds.in_sentence(hamlet.name, hamlet.kind or "ap") if L == "vi" else hamlet.name
    trend = hamlet_trend(session, code, quarters)
    cells = unit_values(session, hamlet, period)
    roster = members(session, actor=actor, hamlet_code=code)
    log = activities(session, actor=actor, hamlet_code=code, limit=15)

if is_demo:
    st.warning(tr("hamlet_demo_label"), icon=":material/science:")
# A save reruns the page so every table shows it; its message survives the rerun here.
if flash := st.session_state.pop("hamlet_flash", None):
    st.success(flash)


def done(message: str, form: str) -> None:
    """After a save: a fresh, empty form and the message above, on a rerun."""
    st.session_state["hamlet_flash"] = message
    st.session_state[form] = st.session_state.get(form, 0) + 1
    st.rerun()


# -- figures --
st.subheader(tr_plain("hamlet_figures", unit=called, period=p.label(L)))
figure_states.badge(figure_states.of(code, period))
rows = trend[period]
# On a phone each table turns into cards: value and status read without a sideways scroll.
tables.show(
    pd.DataFrame(
        {
            tr("col_indicator"): [INDICATORS[r.indicator].name(L) for r in rows],
            tr("col_value"): [format_pct(r.value.rate, L) for r in rows],
            tr("col_status"): [label(r.status, L) for r in rows],
            tr("col_counts"): [
                f"{format_count(r.value.numerator, L) or '—'}/"
                f"{format_count(r.value.denominator, L) or '—'}"
                for r in rows
            ],
            tr("col_target"): [r.target.label() if r.target else "" for r in rows],
        }
    ),
    key="hamlet-figures",
    status_columns=(tr("col_status"),),
)
with st.expander(tr("hamlet_counts")):
    counts = [e for e in ELEMENTS.values() if e.level is Level.AP]
    tables.show(
        pd.DataFrame(
            {
                tr("col_element"): [element_name(e, L) for e in counts],
                tr("col_value"): [
                    format_count(cells[e.code].value, L) if e.code in cells else "—" for e in counts
                ],
            }
        ),
        key="hamlet-counts",
    )

st.subheader(tr("hamlet_trend"))
points = pd.DataFrame(
    [
        {
            "quarter": Period.parse(q).label(L),
            "order": i,
            "indicator": INDICATORS[r.indicator].name(L),
            "rate": r.value.rate,
        }
        for i, q in enumerate(quarters)
        for r in trend[q]
        if r.value.rate is not None
    ]
)
if points.empty:
    st.caption(word(Status.NO_DATA, L))
else:
    st.altair_chart(
        alt.Chart(points)
        .mark_line(point=True)
        .encode(
            x=alt.X("quarter:N", sort=alt.SortField("order"), title=None),
            y=alt.Y("rate:Q", title="%", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("indicator:N", title=None, legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("quarter:N", title=tr("col_period")),
                alt.Tooltip("indicator:N", title=tr("col_indicator")),
                alt.Tooltip("rate:Q", title=tr("col_value"), format=".1f"),
            ],
        ),
        width="stretch",
    )

# -- team --
st.subheader(tr_plain("hamlet_team", unit=called))
end = p.last_day
active = sum(m.active_on(end) for m in roster)
entered = cells["tcn_members"].value if "tcn_members" in cells else None
st.caption(tr("hamlet_team_active", active=active, entered=format_count(entered, L) or "—"))
tables.show(
    pd.DataFrame(
        {
            tr("col_member_name"): [m.name for m in roster],
            tr("col_member_role"): [m.role_in_team for m in roster],
            tr("col_member_org"): [m.organisation for m in roster],
            tr("col_member_phone"): [m.phone or tr("phone_hidden") for m in roster],
            tr("col_joined"): [m.joined.strftime("%d/%m/%Y") if m.joined else "" for m in roster],
            tr("col_left"): [m.left.strftime("%d/%m/%Y") if m.left else "" for m in roster],
        }
    ),
    key="hamlet-roster",
)
st.caption(tr("hamlet_phone_note"))


MEMBER_LABELS = {
    "name": tr("col_member_name"),
    "role_in_team": tr("col_member_role"),
    "organisation": tr("col_member_org"),
    "phone": tr("col_member_phone"),
    "joined": tr("col_joined"),
    "left": tr("col_left"),
}
if keeper:
    with st.expander(tr("member_edit")):
        by_id = {m.id: m for m in roster}
        names = {None: tr("member_new")} | {i: m.name for i, m in by_id.items()}
        pick = st.selectbox(
            tr("member_pick"),
            list(names),
            format_func=names.get,
            key=f"member_pick:{code}",
        )
        current = by_id.get(pick)
        serial = st.session_state.get("member_form", 0)
        with st.form(f"member:{code}:{pick}:{serial}"):
            fields = {
                "name": st.text_input(
                    MEMBER_LABELS["name"], current.name if current else "", max_chars=MAX_NAME
                ),
                "role_in_team": st.text_input(
                    MEMBER_LABELS["role_in_team"],
                    current.role_in_team if current else "",
                    max_chars=MAX_ROLE,
                ),
                "organisation": st.text_input(
                    MEMBER_LABELS["organisation"],
                    current.organisation if current else "",
                    max_chars=MAX_NAME,
                ),
                "phone": st.text_input(
                    MEMBER_LABELS["phone"], current.phone if current else "", max_chars=32
                ),
                "joined": st.date_input(
                    MEMBER_LABELS["joined"],
                    current.joined if current else None,
                    format="DD/MM/YYYY",
                ),
                "left": st.date_input(
                    MEMBER_LABELS["left"], current.left if current else None, format="DD/MM/YYYY"
                ),
            }
            if st.form_submit_button(tr("save")) and write(
                lambda s: save_member(
                    s, actor=actor, hamlet_code=code, fields=fields, member_id=pick
                ),
                labels=MEMBER_LABELS,
            ):
                done(tr_plain("member_saved", name=fields["name"].strip()), "member_form")

# -- activity log --
st.subheader(tr("hamlet_activities"))
st.caption(tr("hamlet_derived_note"))
if not log:
    st.caption(tr("hamlet_no_activities"))
else:
    tables.show(
        pd.DataFrame(
            {
                tr("col_date"): [a.date.strftime("%d/%m/%Y") for a in log],
                tr("col_activity_kind"): [kind_name(a.kind, L) for a in log],
                tr("col_place"): [a.place for a in log],
                tr("col_members_present"): [a.members_present for a in log],
                tr("col_people_reached"): [a.people_reached for a in log],
                tr("col_accounts_supported"): [a.accounts_supported for a in log],
                tr("col_note"): [a.note for a in log],
            }
        ),
        key="hamlet-log",
    )

ACTIVITY_LABELS = {
    "date": tr("col_date"),
    "kind": tr("col_activity_kind"),
    "place": tr("col_place"),
    "members_present": tr("col_members_present"),
    "people_reached": tr("col_people_reached"),
    "accounts_supported": tr("col_accounts_supported"),
    "note": tr("col_note"),
}
if keeper:
    with st.expander(tr("activity_add"), expanded=not log):
        serial = st.session_state.get("activity_form", 0)
        with st.form(f"activity:{code}:{serial}"):
            fields = {
                "date": st.date_input(ACTIVITY_LABELS["date"], None, format="DD/MM/YYYY"),
                "kind": st.selectbox(
                    ACTIVITY_LABELS["kind"],
                    [k for k, _, _ in ACTIVITY_KINDS],
                    format_func=lambda k: kind_name(k, L),
                ),
                "place": st.text_input(ACTIVITY_LABELS["place"], max_chars=MAX_PLACE),
                "members_present": st.text_input(ACTIVITY_LABELS["members_present"]),
                "people_reached": st.text_input(ACTIVITY_LABELS["people_reached"]),
                "accounts_supported": st.text_input(ACTIVITY_LABELS["accounts_supported"]),
                "note": st.text_input(ACTIVITY_LABELS["note"], max_chars=MAX_COMMENT),
            }
            if st.form_submit_button(tr("activity_add")) and write(
                lambda s: log_activity(s, actor=actor, hamlet_code=code, fields=fields),
                labels=ACTIVITY_LABELS,
            ):
                quarter = Period.containing(fields["date"]).label(L)
                done(tr("activity_saved", period=quarter), "activity_form")
    if log:
        with st.expander(tr("activity_delete")):
            by_id = {a.id: a for a in log}
            gone = st.selectbox(
                tr("hamlet_activities"),
                list(by_id),
                format_func=lambda i: (
                    f"{by_id[i].date:%d/%m/%Y} · {kind_name(by_id[i].kind, L)} · {by_id[i].place}"
                ),
                key=f"activity_delete:{code}",
            )
            deleting = st.button(tr("activity_delete"), key=f"activity_delete_button:{code}")
            if deleting and write(
                lambda s: delete_activity(s, actor=actor, hamlet_code=code, activity_id=gone),
                labels=ACTIVITY_LABELS,
            ):
                quarter = Period.containing(by_id[gone].date).label(L)
                done(tr("activity_deleted", period=quarter), "activity_form")

if may_open(actor.role, "drilldown.py"):
    st.page_link(
        "app_pages/drilldown.py", label=tr("page_hamlet_compare"), icon=":material/leaderboard:"
    )
