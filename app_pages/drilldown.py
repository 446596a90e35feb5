"""So sánh các ấp: a commune's section-6 indicator per hamlet against its target, the hamlets ×
indicators heatmap, and the ranking by share of targets met, each hamlet one click away."""

import altair as alt
import pandas as pd
import streamlit as st

from cds_core.formatting import format_counts, format_pct
from cds_core.hamlets import HAMLET_INDICATORS, rank
from cds_core.indicators import INDICATORS
from cds_core.periods import Period
from cds_core.status import STYLES, label
from db.database import session_scope
from db.hamlets import hamlet_cards
from db.scorecards import for_unit
from ui import charts, figure_states, tables
from ui.auth import require_user
from ui.data import engine
from ui.i18n import lang, plain, tr
from ui.scorecard import coverage_text
from ui.widgets import org_picker, period_picker

actor = require_user()
L = lang()
st.title(tr("page_hamlet_compare"))
# The scorecard may link here naming the indicator: ?chi_so=xh_fiber_rate
if st.query_params.get("chi_so") in HAMLET_INDICATORS:
    st.session_state["hamlet_indicator"] = st.query_params["chi_so"]
    del st.query_params["chi_so"]
left, middle, right = st.columns(3)
with left:
    commune = org_picker(actor, levels=("xa",))
with middle:
    period = period_picker(actor)
with right:
    indicator = st.selectbox(
        tr("pick_indicator"),
        HAMLET_INDICATORS,
        format_func=lambda c: INDICATORS[c].name(L),
        key="hamlet_indicator",
    )

with session_scope(engine()) as session:
    cards = hamlet_cards(session, commune, period)
    total = next(r for r in for_unit(session, commune, period) if r.indicator == indicator)
if not cards:
    st.info(tr("no_hamlets"))
    st.stop()

st.info(tr("compare_total_note"), icon=":material/functions:")
figure_states.badge(figure_states.of(commune, period))
states = figure_states.by_child(commune, period)
if any(c.is_demo for c in cards):
    st.warning(tr("hamlet_demo_label"), icon=":material/science:")


STATUS_COLOURS = alt.Scale(
    domain=[label(s, L) for s in STYLES], range=[STYLES[s].colour for s in STYLES]
)

# -- one indicator, per hamlet --
st.subheader(
    tr(
        "compare_heading",
        indicator=INDICATORS[indicator].name(L),
        period=Period.parse(period).label(L),
    )
)
chosen = [(c, next(r for r in c.rows if r.indicator == indicator)) for c in cards]
bars = pd.DataFrame(
    {
        "hamlet": [c.name for c, _ in chosen],
        "rate": [r.value.rate for _, r in chosen],
        "shown": [format_pct(r.value.rate, L) for _, r in chosen],
        "status": [label(r.status, L) for _, r in chosen],
    }
)
base = alt.Chart(bars).encode(
    y=alt.Y("hamlet:N", title=None, sort=None),
    x=alt.X("rate:Q", title="%", scale=alt.Scale(domain=[0, 100])),
)
layers = [
    base.mark_bar().encode(
        color=alt.Color("status:N", scale=STATUS_COLOURS, title=None),
        tooltip=[
            alt.Tooltip("hamlet:N", title=tr("col_hamlet")),
            alt.Tooltip("shown:N", title=tr("col_value")),
            alt.Tooltip("status:N", title=tr("col_status")),
        ],
    ),
    base.mark_text(align="left", dx=4).encode(text="shown:N"),
]
if total.target is not None:
    target = pd.DataFrame(
        {"x": [total.target.value], "label": [tr("compare_target", target=total.target.label())]}
    )
    rule = alt.Chart(target).encode(x="x:Q")
    layers += [
        rule.mark_rule(strokeDash=[6, 4], color="#263238", size=2),
        rule.mark_text(align="left", dx=4, dy=-6, color="#263238").encode(
            text="label:N", y=alt.value(0)
        ),
    ]
st.altair_chart(alt.layer(*layers), width="stretch")


table = pd.DataFrame(
    {
        tr("col_hamlet"): [c.name for c, _ in chosen] + [tr("compare_commune")],
        tr("col_value"): [format_pct(r.value.rate, L) for _, r in chosen]
        + [format_pct(total.value.rate, L)],
        tr("col_counts"): [
            format_counts(r.value.numerator, r.value.denominator, L)
            for r in [*(r for _, r in chosen), total]
        ],
        tr("col_target"): [total.target.label() if total.target else ""] * (len(chosen) + 1),
        tr("col_status"): [label(r.status, L) for _, r in chosen] + [label(total.status, L)],
        # The commune's figure is its hamlets' sum: say when only some of them reported.
        tr("col_coverage"): [""] * len(chosen) + [coverage_text(total)],
        tr("col_fig_state"): [figure_states.word(states.get(c.code)) for c, _ in chosen]
        + [figure_states.word(figure_states.of(commune, period))],
    }
)
tables.show(table, key="hamlets", status_columns=(tr("col_status"),))

# -- every indicator, every hamlet --
st.subheader(tr("compare_heatmap"))
cells = pd.DataFrame(
    [
        {
            "unit": c.name,
            "indicator": INDICATORS[r.indicator].name(L),
            "status": r.status,
            # The value and the icon ride on each cell: colour is never the only carrier.
            "text": f"{STYLES[r.status].icon} {format_pct(r.value.rate, L) or '—'}",
        }
        for c in cards
        for r in c.rows
    ]
)
titles = {"unit": tr("col_hamlet"), "indicator": tr("col_indicator"),
          "text": tr("col_value"), "status": tr("col_status")}  # fmt: skip
st.altair_chart(
    charts.heatmap(
        cells,
        units=[c.name for c in cards],
        indicators=[INDICATORS[r.indicator].name(L) for r in cards[0].rows],
        lang=L,
        titles=titles,
    ),
    width="stretch",
)

# -- ranking --
st.subheader(tr("compare_ranking"))
standings = rank({c.code: [r.status for r in c.rows] for c in cards})
names = {c.code: c.name for c in cards}
tables.show(
    pd.DataFrame(
        {
            tr("col_rank"): [s.rank for s in standings],
            tr("col_hamlet"): [names[s.code] for s in standings],
            tr("col_met"): [f"{s.met}/{s.with_target}" for s in standings],
            "%": [format_pct(None if s.share is None else s.share * 100, L) for s in standings],
        }
    ),
    key="hamlet-ranking",
)

st.caption(tr("compare_open"))
for s in standings:
    st.page_link(
        "app_pages/hamlet.py",
        label=plain(names[s.code]),
        icon=":material/holiday_village:",
        query_params={"ap": s.code},
    )
