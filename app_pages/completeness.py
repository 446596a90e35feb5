"""Tình hình nộp báo cáo: for a parent unit and a quarter, every unit that should report (its
children in force, or a merged unit's predecessors), where its report stands, when it was sent
and whether it is late — late ones first, each with a link to its form for the approver."""

import pandas as pd
import streamlit as st

from cds_core.completeness import Tally
from cds_core.formatting import format_count, format_moment
from cds_core.periods import Period
from ui import completeness, tables
from ui.auth import require_user
from ui.i18n import lang, tr
from ui.navigation import may_open
from ui.widgets import org_picker, period_picker

actor = require_user()
L = lang()
st.title(tr("page_completeness"))
left, right = st.columns(2)
with left:
    org = org_picker(actor, levels=("tinh", "huyen", "xa"))
with right:
    period = period_picker(actor)

reports = completeness.of(org, period)
if not reports:
    st.info(tr("completeness_no_children"))
    st.stop()
st.caption(tr("completeness_deadline", period=Period.parse(period).label(L),
              date=reports[0].deadline.strftime("%d/%m/%Y")))  # fmt: skip
tally = Tally.of(reports)
headline = tr("completeness_headline", done=format_count(tally.sent, L), total=tally.expected)
if tally.late:
    headline += " · **" + tr("completeness_late_count", count=tally.late) + "**"
st.markdown(headline)
# The same units, and the same count, as the coverage beside the rolled-up figures.
st.caption(tr("completeness_figures", reported=tally.with_figures, expected=tally.expected))

# The approver opens each unit's form from here (the entry page holds the review buttons).
links = may_open(actor.role, "data_entry.py")
FORM = tr("col_form")
FORM_LINK = st.column_config.LinkColumn(FORM, display_text=tr("completeness_open_form"))
rows = []
for r in reports:
    row = {
        tr("col_org"): r.name,
        tr("col_workflow"): tr("report_state_" + r.state),
        tr("col_submitted_at"): format_moment(r.sent_at),
        tr("col_due"): r.deadline.strftime("%d/%m/%Y"),
        tr("col_timing"): completeness.timing(r),
        tr("col_has_figures"): tr("yes") if r.has_figures else tr("no"),
    }
    if links:
        row[FORM] = completeness.form_url(r.code, period)
    rows.append(row)
tables.show(
    pd.DataFrame(rows),
    key="completeness",
    links={FORM: tr("completeness_open_form")} if links else None,
    column_config={FORM: FORM_LINK} if links else None,
)
st.caption(tr("completeness_rules"))
