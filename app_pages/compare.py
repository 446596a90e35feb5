"""So sánh đơn vị: a district's or province's child units × indicators coloured by status,
sortable, with a ranking by the share of targets met. Every figure is rolled up from counts:
a unit's rate is the sum of its numerators over the sum of its denominators."""

import pandas as pd
import streamlit as st

from cds_core.formatting import format_pct
from cds_core.hamlets import rank
from cds_core.indicators import INDICATORS
from cds_core.status import STYLES, label
from db.database import session_scope
from db.orgunits import get as get_unit
from db.scorecards import for_unit
from db.trends import children
from ui import charts, figure_states, tables
from ui.auth import require_user
from ui.data import engine
from ui.i18n import lang, tr, tr_plain
from ui.scorecard import basis_note, coverage_text
from ui.widgets import org_picker, period_picker, table_csv

HEATMAP_PAGE = 25  # units on one screen of the heatmap

actor = require_user()
L = lang()
st.title(tr("page_compare"))
left, right = st.columns(2)
with left:
    parent = org_picker(actor, levels=("tinh", "huyen"))
with right:
    period = period_picker(actor)
st.page_link("app_pages/drilldown.py", label=tr("cmp_hamlets_link"), icon=":material/leaderboard:")

with session_scope(engine()) as session:
    units = children(session, parent, period)
    total = for_unit(session, parent, period)
    parent_name = get_unit(session, parent).name
if not units:
    st.info(tr("cmp_no_children"))
    st.stop()
st.info(tr_plain("cmp_rollup_note", parent=parent_name), icon=":material/functions:")
figure_states.badge(figure_states.of(parent, period))
states = figure_states.by_child(parent, period)
if note := basis_note(parent, period, L):
    st.caption(note)

# Only indicators with a target somewhere among the units have a colour to compare.
position = {code: i for i, code in enumerate(INDICATORS)}
codes = [c for c in INDICATORS if any(u.rows[position[c]].target for u in units)]
standings = {s.code: s for s in rank({u.code: [r.status for r in u.rows] for u in units})}

# Labels made in this run's language (a picker's labels never outlive the run that drew it).
sort_labels = {"share": tr("cmp_sort_share"), "name": tr("cmp_sort_name")}
sort_labels |= {c: INDICATORS[c].name(L) for c in codes}
sort = st.selectbox(tr("cmp_sort"), list(sort_labels), format_func=sort_labels.get, key="cmp_sort")
if sort == "share":
    units.sort(key=lambda u: (standings[u.code].rank, u.name))
elif sort == "name":
    units.sort(key=lambda u: u.name)
else:
    # Best first for the chosen indicator; units without a value last.
    def _rate(u):
        rate = u.rows[position[sort]].value.rate
        return (rate is None, -(rate or 0), u.name)

    units.sort(key=_rate)

labels = [INDICATORS[c].name(L) for c in codes]


def heat(shown) -> object:
    """The heatmap of ``shown`` units, in the order of the sort above."""
    cells = pd.DataFrame(
        [
            {
                "unit": u.name,
                "indicator": INDICATORS[c].name(L),
                "status": u.rows[position[c]].status,
                # The icon rides on each cell: colour is never the only carrier.
                "text": f"{STYLES[u.rows[position[c]].status].icon} "
                f"{format_pct(u.rows[position[c]].value.rate, L) or '—'}",
            }
            for u in shown
            for c in codes
        ]
    )
    titles = {"unit": tr("col_unit"), "indicator": tr("col_indicator"),
              "text": tr("col_value"), "status": tr("col_status")}  # fmt: skip
    return charts.heatmap(
        cells, units=[u.name for u in shown], indicators=labels, lang=L, titles=titles
    )


st.subheader(tr_plain("cmp_heatmap", parent=parent_name))
# A province's hundred units come a page at a time, each row tall enough to read.
pages = [units[i : i + HEATMAP_PAGE] for i in range(0, len(units), HEATMAP_PAGE)]
page = 0
if len(pages) > 1:
    page = (
        st.segmented_control(
            tr("cmp_page", count=len(units)),
            range(len(pages)),
            format_func=lambda i: f"{i * HEATMAP_PAGE + 1}–{i * HEATMAP_PAGE + len(pages[i])}",
            default=0,
            key="cmp_page",
        )
        or 0
    )
st.altair_chart(heat(pages[page]), width="stretch")
whole = heat(units)  # the files hold every unit, drawn only when asked for
png, svg = st.columns(2)
stem = f"compare-{parent}-{period}"
png.download_button(tr("download_png"), lambda: charts.png(whole), f"{stem}.png", "image/png")
svg.download_button(tr("download_svg"), lambda: charts.svg(whole), f"{stem}.svg", "image/svg+xml")

st.subheader(tr("cmp_ranking"))
ranking = pd.DataFrame(
    [
        {
            tr("col_rank"): standings[u.code].rank,
            tr("col_unit"): u.name,
            tr("col_met"): f"{standings[u.code].met}/{standings[u.code].with_target}",
            "%": format_pct(
                None if standings[u.code].share is None else standings[u.code].share * 100, L
            ),
            tr("col_fig_state"): figure_states.word(states.get(u.code)),
        }
        for u in sorted(units, key=lambda u: (standings[u.code].rank, u.name))
    ]
)
tables.show(ranking, key="ranking")

st.subheader(tr("cmp_values"))


def cell(row) -> str:
    """Value and status, and the coverage where fewer units reported than should have."""
    text = f"{format_pct(row.value.rate, L) or '—'} {label(row.status, L)}"
    return f"{text} ({coverage})" if (coverage := coverage_text(row)) else text


values = pd.DataFrame(
    [
        {tr("col_unit"): u.name, tr("col_fig_state"): figure_states.word(states.get(u.code))}
        | {INDICATORS[c].name(L): cell(u.rows[position[c]]) for c in codes}
        for u in units
    ]
    + [
        {
            tr("col_unit"): tr("cmp_total", parent=parent_name),
            tr("col_fig_state"): figure_states.word(figure_states.of(parent, period)),
        }
        | {INDICATORS[c].name(L): cell(total[position[c]]) for c in codes}
    ]
)
tables.show(values, key="values")
st.download_button(
    tr("download_csv"),
    table_csv(values),
    f"{stem}.csv",
    "text/csv",
)
