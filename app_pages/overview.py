"""Tổng quan: the scorecard of one org unit and quarter, grouped by pillar, with the change since
the previous quarter and the pace toward each deadline; presentation mode for meetings."""

import streamlit as st

from cds_core.indicators import INDICATORS
from cds_core.periods import Period
from cds_core.scorecard import counts
from cds_core.status import ORDER, STYLES, Status, label
from db.database import session_scope
from db.orgunits import get as get_unit
from ui import figure_states, presentation, tables
from ui.auth import require_user
from ui.data import engine
from ui.i18n import lang, tr
from ui.scorecard import basis_note, by_pillar, coverage_text, frame, load, met_of, pillar_name
from ui.widgets import org_picker, org_ref, period_picker, status_counts, table_csv

actor = require_user()
L = lang()
presenting = presentation.enabled()
if presenting:
    pickers = presentation.top_bar()
else:
    st.title(tr("page_overview"))
    pickers = st.container()
with pickers:
    left, right = st.columns(2)
    with left:
        org = org_picker(actor)
    with right:
        period = period_picker(actor)
    if presenting:
        presentation.auto_picker()

entries = load(org, period)
state = figure_states.of(org, period)
ref = org_ref(org, period)  # what names this unit in a link with this quarter
period_label = Period.parse(period).label(L)
if presenting:
    with session_scope(engine()) as session:
        unit_name = get_unit(session, org).name
    presentation.show(entries, unit=unit_name, period=period_label, state=state,
                      note=basis_note(org, period, L))  # fmt: skip
    st.stop()

st.subheader(tr("overview_heading", period=period_label))
figure_states.badge(state)
if note := basis_note(org, period, L):
    st.info(note, icon=":material/merge:")
tally = counts(e.row for e in entries)
status_counts({s: tally[s] for s in ORDER})
met, total = met_of(entries)
st.markdown(tr("overview_headline", met=met, total=total))

# Not met first: what the committee has to talk about, each one a click from its trend.
attention = [e for s in ORDER[:3] for e in entries if e.row.status is s and e.row.target]
if attention:
    st.caption(tr("scorecard_attention"))
    # Read down each column in turn: the first column holds the worst.
    per_column = -(-len(attention) // 3)
    cols = st.columns(3)
    for i, e in enumerate(attention):
        cols[i // per_column].page_link(
            "app_pages/trends.py",
            label=f"{label(e.row.status, L)} · {INDICATORS[e.row.indicator].name(L)}",
            query_params={"indicator": e.row.indicator, "org": ref, "period": period},
        )

table = frame(entries, L, org=ref, period=period)
STATUS_COL, DETAIL_COL = tr("col_status"), tr("col_detail")
config = {
    DETAIL_COL: st.column_config.LinkColumn(DETAIL_COL, display_text=tr("detail_link")),
}


WORDS = {label(s, L): STYLES[s] for s in Status}


def paint(column):
    """Status cells in their colours (the icon and word carry the status without them)."""
    return [
        f"color:{WORDS[v].colour};background-color:{WORDS[v].background};font-weight:600"
        if v in WORDS
        else ""
        for v in column
    ]


empty = []
for pillar, group in by_pillar(entries).items():
    if not group:
        empty.append(pillar_name(pillar, L))
        continue
    g_met, g_total = met_of(group)
    st.markdown(f"#### {pillar_name(pillar, L)} · {tr('pillar_met', met=g_met, total=g_total)}")
    shown = frame(group, L, org=ref, period=period).drop(columns=[tr("col_pillar")])
    # A card per indicator on a phone: value and status without scrolling inside a table.
    tables.show(
        shown,
        key=f"pillar-{pillar}",
        status_columns=(STATUS_COL,),
        links={DETAIL_COL: tr("detail_link")},
        style=lambda f: f.style.apply(paint, subset=[STATUS_COL]),
        height=35 * (len(group) + 1) + 3,  # every row in sight, no inner scrolling
        column_config=config,
    )
if empty:
    st.caption(tr("scorecard_no_indicator", pillars=", ".join(empty)))
st.caption(tr("scorecard_pace_note"))
if any(coverage_text(e.row) for e in entries):
    st.caption(tr("coverage_note"))

# The file carries the figures' workflow state too: a draft must not pass for the result.
download = table.drop(columns=[DETAIL_COL])
download[tr("col_fig_state")] = figure_states.word(state)
st.download_button(
    tr("download_csv"),
    table_csv(download),
    file_name=f"scorecard-{org}-{period}.csv",
    mime="text/csv",
)
st.page_link("app_pages/rules.py", label=tr("rules_link"), icon=":material/rule:")
