"""Tổng quan: every indicator of one org unit and quarter against its target."""

import pandas as pd
import streamlit as st

from cds_core.formatting import format_count, format_pct
from cds_core.indicators import INDICATORS, PILLAR_NAMES
from cds_core.periods import Period
from cds_core.scorecard import counts
from cds_core.status import ORDER, STYLES, word
from db.database import session_scope
from db.scorecards import for_unit
from ui.auth import require_user
from ui.data import engine
from ui.i18n import lang, tr
from ui.widgets import org_picker, period_picker, status_counts

actor = require_user()
st.title(tr("page_overview"))
left, right = st.columns(2)
with left:
    org = org_picker(actor)
with right:
    period = period_picker()

with session_scope(engine()) as session:
    rows = for_unit(session, org, period)

st.subheader(tr("overview_heading", period=Period.parse(period).label(lang())))
tally = counts(rows)
status_counts({s: tally[s] for s in ORDER})
with_target = [r for r in rows if r.target is not None]
met = sum(1 for r in with_target if r.status.value == "met")
st.markdown(tr("overview_headline", met=met, total=len(with_target)))

L = lang()
order = {s: i for i, s in enumerate(ORDER)}
table = pd.DataFrame(
    [
        {
            tr("col_pillar"): PILLAR_NAMES[INDICATORS[r.indicator].pillar][0 if L == "vi" else 1],
            tr("col_indicator"): INDICATORS[r.indicator].name(L),
            tr("col_value"): format_pct(r.value.rate, L),
            tr("col_counts"): (
                f"{format_count(r.value.numerator, L) or '—'}/"
                f"{format_count(r.value.denominator, L) or '—'}"
                if r.value.denominator is not None or r.value.numerator is not None
                else ""
            ),
            tr("col_target"): r.target.label() if r.target else "",
            tr("col_deadline"): str(r.target.deadline) if r.target else "",
            tr("col_status"): f"{STYLES[r.status].icon} {word(r.status, L)}",
            "_order": order[r.status],
            "_colour": STYLES[r.status].colour,
            "_background": STYLES[r.status].background,
        }
        for r in rows
    ]
).sort_values("_order", kind="stable")


def _paint(frame: pd.DataFrame) -> pd.DataFrame:
    styles = pd.DataFrame("", index=frame.index, columns=frame.columns)
    styles[tr("col_status")] = [
        f"color:{c};background-color:{b};font-weight:600"
        for c, b in zip(table["_colour"], table["_background"], strict=True)
    ]
    return styles


shown = table.drop(columns=["_order", "_colour", "_background"])
st.dataframe(shown.style.apply(_paint, axis=None), hide_index=True, width="stretch")
st.download_button(
    tr("download_csv"),
    shown.to_csv(index=False).encode("utf-8-sig"),
    file_name=f"scorecard-{org}-{period}.csv",
    mime="text/csv",
)
st.page_link("app_pages/rules.py", label=tr("rules_link"), icon=":material/rule:")
