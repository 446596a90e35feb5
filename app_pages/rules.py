"""Quy tắc: how a status is decided, every target with its source, every consistency rule."""

import pandas as pd
import streamlit as st

from cds_core.formatting import format_pct
from cds_core.indicators import INDICATORS
from cds_core.rules import RULES, Severity
from cds_core.status import ORDER
from cds_core.targets import NO_TARGET_REASON, no_target_reason
from db.database import session_scope
from db.targets import in_force
from texts import rule_text
from ui.auth import require_user
from ui.data import engine
from ui.i18n import lang, tr
from ui.widgets import badge

require_user()
L = lang()
st.title(tr("page_rules"))

st.header(tr("rules_status_heading"))
for status in ORDER:
    st.markdown(f"{badge(status)} — {tr('status_rule_' + status.value)}", unsafe_allow_html=True)
st.markdown(tr("rules_band"))

st.header(tr("rules_targets_heading"))
with session_scope(engine()) as session:
    targets = in_force(session)
st.dataframe(
    pd.DataFrame(
        [
            {
                tr("col_id"): t.id,
                tr("col_indicator"): INDICATORS[t.indicator].name(L),
                tr("col_target"): t.label(),
                tr("col_amber"): format_pct(t.band_start, L),
                tr("col_deadline"): t.deadline,
                tr("col_source"): t.source,
            }
            for t in targets
        ]
    ),
    hide_index=True,
    width="stretch",
    placeholder="",
)
st.caption(tr("rules_norms_note"))
st.markdown(tr("rules_no_target"))
for code in NO_TARGET_REASON:
    st.markdown(f"- {INDICATORS[code].name(L)}: {no_target_reason(code, L)}")

st.header(tr("rules_consistency_heading"))
st.dataframe(
    pd.DataFrame(
        [
            {
                tr("col_rule"): rule_text(r, L),
                tr("col_severity"): tr("severity_" + r.severity.value),
                tr("col_kind"): tr("rule_kind_sum") if r.equal else tr("rule_kind_part"),
            }
            for r in RULES
        ]
    ),
    hide_index=True,
    width="stretch",
    placeholder="",
)
st.markdown(tr("rules_temporal", error=tr("severity_" + Severity.ERROR.value)))
