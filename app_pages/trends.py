"""Xu hướng: an indicator over every quarter against its target and status bands, or small
multiples of a whole pillar; each chart downloadable as PNG or SVG, its figures as CSV."""

import pandas as pd
import streamlit as st

from cds_core.formatting import format_counts, format_pct
from cds_core.hamlets import HAMLET_INDICATORS
from cds_core.indicators import INDICATORS, PILLAR_NAMES
from cds_core.periods import Period, quarters_between
from cds_core.progress import progress
from cds_core.scorecard import Row
from cds_core.status import Status, label
from db.database import session_scope
from db.scorecards import for_unit
from db.trends import history
from ui import charts, figure_states, tables
from ui.auth import require_user
from ui.data import engine
from ui.i18n import lang, tr
from ui.navigation import may_open
from ui.scorecard import basis_note, coverage_text, history_of, pace_label, pillar_name
from ui.widgets import org_picker, period_picker, table_csv

actor = require_user()
L = lang()
st.title(tr("page_trends"))

# The scorecard links here with ?indicator=…&org=…&period=… (the pickers read org and period,
# and check the scope).
if "indicator" in st.query_params:
    st.session_state["trend_indicator"] = st.query_params["indicator"]
    st.session_state["trend_mode"] = "one"
    del st.query_params["indicator"]
if st.session_state.get("trend_indicator") not in INDICATORS:
    st.session_state["trend_indicator"] = next(iter(INDICATORS))

left, middle, right = st.columns(3)
with left:
    org = org_picker(actor)
with middle:
    period = period_picker(actor)
with right:
    mode = st.segmented_control(
        tr("trend_mode"),
        ("one", "pillar"),
        format_func={"one": tr("trend_mode_one"), "pillar": tr("trend_mode_pillar")}.get,
        default="one",
        key="trend_mode",
    )
current = Period.parse(period)
# A merged unit: its quarters before it existed are its predecessors' sum, marked as such.
lineage = history_of(org)
merged = lineage.start if lineage.predecessors and lineage.start else None
summed = tr("trend_sum_of", names=", ".join(name for _, name in lineage.predecessors))
# Each quarter's figures with their workflow state: a draft quarter must not read as final.
states = figure_states.history(org)


def points(series: dict[Period, Row]) -> list[charts.Point]:
    """Every quarter from the first with data to the one picked; a gap stays a gap."""
    quarters = sorted(p for p in series if p <= current)
    if not quarters:
        return []
    return [
        charts.Point(
            q.label(L),
            series[q].value.rate if q in series else None,
            series[q].status if q in series else Status.NO_DATA,
            figure_states.word(states.get(q.code)),
            summed if merged and q < merged and q in series else "",
        )
        for q in quarters_between(quarters[0], current)
    ]


def marks(series: dict[Period, Row]) -> charts.Break | None:
    if merged is None or not any(p < merged for p in series):
        return None
    return charts.Break(merged.label(L), summed, tr("trend_since", start=merged.label(L)))


def downloads(chart, stem: str, table: pd.DataFrame) -> None:
    png, svg, csv = st.columns(3)
    # Drawn only when clicked: rendering both images took about a second of CPU on every run.
    png.download_button(tr("download_png"), lambda: charts.png(chart), f"{stem}.png", "image/png")
    svg.download_button(tr("download_svg"), lambda: charts.svg(chart), f"{stem}.svg",
                        "image/svg+xml")  # fmt: skip
    csv.download_button(
        tr("download_csv"),
        table_csv(table),
        f"{stem}.csv",
        "text/csv",
    )


if mode == "pillar":
    pillars = [p for p in PILLAR_NAMES if any(i.pillar == p for i in INDICATORS.values())]
    pillar = st.selectbox(
        tr("pick_pillar"), pillars, format_func=lambda p: pillar_name(p, L), key="trend_pillar"
    )
    with session_scope(engine()) as session:
        past = history(session, org)
        now = {r.indicator: r for r in for_unit(session, org, period)}
    codes = [c for c, i in INDICATORS.items() if i.pillar == pillar]
    panels = []
    for code in codes:
        series = {p: next(r for r in rows if r.indicator == code) for p, rows in past.items()}
        series = {p: r for p, r in series.items() if r.value.rate is not None}
        if series:
            panels.append((INDICATORS[code].name(L), points(series), now[code].target))
    if note := basis_note(org, period, L):
        st.info(note, icon=":material/merge:")
    if not panels:
        st.info(tr("trend_no_data"))
        st.stop()
    chart = charts.small_multiples(panels, lang=L, marks=marks(past))
    st.altair_chart(chart)
    table = pd.DataFrame(
        [
            {tr("col_indicator"): name, tr("col_period"): p.period,
             tr("col_value"): format_pct(p.rate, L), tr("col_status"): label(p.status, L),
             tr("col_fig_state"): p.state}
            for name, pts, _ in panels
            for p in pts
        ]
    )  # fmt: skip
    downloads(chart, f"trend-{org}-{pillar}-{period}", table)
    st.stop()

code = st.selectbox(
    tr("pick_indicator"),
    list(INDICATORS),
    format_func=lambda c: INDICATORS[c].name(L),
    key="trend_indicator",
)
with session_scope(engine()) as session:
    past = {p: rows[0] for p, rows in history(session, org, code).items()}
    row = next(r for r in for_unit(session, org, period) if r.indicator == code)
series = {p: r for p, r in past.items() if r.value.rate is not None and p <= current}
if not series:
    st.info(tr("trend_no_data"))
    st.stop()

state = progress({p: r.value.rate for p, r in series.items()}, current, row.target)
facts = [label(row.status, L), format_pct(row.value.rate, L) or "—"]
if row.target:
    facts.append(tr("present_target", target=row.target.label(), deadline=row.target.deadline))
    facts.append(pace_label(state.pace))
if state.change:
    facts.append(tr("trend_change", change=state.change.text(L)))
if coverage := coverage_text(row):
    facts.append(coverage)
st.markdown(f"**{Period.parse(period).label(L)}:** " + " · ".join(facts))
figure_states.badge(figure_states.of(org, period))
if note := basis_note(org, period, L):
    st.info(note, icon=":material/merge:")
if lineage.not_comparable_until is not None:
    st.caption(tr("trend_not_comparable", until=lineage.not_comparable_until.label(L)))

chart = charts.trend_chart(
    points(series), row.target, lang=L, title=INDICATORS[code].name(L), marks=marks(series)
)
st.altair_chart(chart, width="stretch")
if row.target and state.first:
    st.caption(
        tr(
            "trend_pace_note",
            first=state.first.label(L),
            target=row.target.label(),
            deadline=row.target.deadline,
        )  # fmt: skip
    )
table = pd.DataFrame(
    [
        {
            tr("col_period"): p.label(L),
            tr("col_value"): format_pct(r.value.rate, L),
            tr("col_counts"): format_counts(r.value.numerator, r.value.denominator, L),
            tr("col_coverage"): coverage_text(r),
            tr("col_target"): r.target.label() if r.target else "",
            tr("col_status"): label(r.status, L),
            tr("col_fig_state"): figure_states.word(states.get(p.code)),
            tr("col_basis"): summed if merged and p < merged else "",
        }
        for p, r in sorted(series.items(), reverse=True)
    ]
)
tables.show(table, key="trend", status_columns=(tr("col_status"),))
downloads(chart, f"trend-{org}-{code}-{period}", table)
if code in HAMLET_INDICATORS and may_open(actor.role, "drilldown.py"):
    st.page_link(
        "app_pages/drilldown.py",
        label=tr("trend_hamlets_link"),
        icon=":material/leaderboard:",
        query_params={"chi_so": code},
    )
