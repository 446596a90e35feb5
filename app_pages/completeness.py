"""Tình hình nộp báo cáo: for a parent unit and a quarter, which children submitted, and when."""

import pandas as pd
import streamlit as st

from cds_core.formatting import format_count, format_moment
from cds_core.periods import Period
from cds_core.submissions import SENT
from db.database import session_scope
from db.workflow import completeness, deadline
from ui import tables
from ui.auth import require_user
from ui.data import engine
from ui.i18n import lang, tr
from ui.widgets import org_picker, period_picker

actor = require_user()
L = lang()
st.title(tr("page_completeness"))
left, right = st.columns(2)
with left:
    org = org_picker(actor, levels=("tinh", "huyen", "xa"))
with right:
    period = period_picker(actor)

due = deadline(period)
with session_scope(engine()) as session:
    kids = completeness(session, org, period)
st.caption(tr("completeness_deadline", period=Period.parse(period).label(L),
              date=due.strftime("%d/%m/%Y")))  # fmt: skip
if not kids:
    st.info(tr("completeness_no_children"))
    st.stop()

done = sum(1 for k in kids if k.status in SENT)
st.markdown(tr("completeness_headline", done=format_count(done, L), total=len(kids)))
# The same units, and the same count, as the coverage beside the rolled-up figures.
figures = sum(1 for k in kids if k.has_figures)
st.caption(tr("completeness_figures", reported=figures, expected=len(kids)))


def _timing(on_time: bool | None) -> str:
    if on_time is None:
        return "—"
    return tr("completeness_on_time") if on_time else tr("completeness_late")


tables.show(
    pd.DataFrame(
        [
            {
                tr("col_org"): k.name,
                tr("col_workflow"): tr("wf_" + k.status),
                tr("col_submitted_at"): format_moment(k.submitted_at),
                tr("col_timing"): _timing(k.on_time),
                tr("col_has_figures"): tr("yes") if k.has_figures else tr("no"),
            }
            for k in kids
        ]
    ),
    key="completeness",
)
