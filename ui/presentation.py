"""Presentation mode for the Steering Committee's meetings: no sidebar, large type, one pillar
per screen with next/previous and timed auto-advance; switched on in the sidebar or with
``?present=1``.

The sidebar cannot be collapsed once the page config is set, so it is hidden with a style
sheet; everything in that sheet and in the slide markup is our own constants or escaped text.
"""

from __future__ import annotations

import html
import time

import streamlit as st

from cds_core.formatting import format_pct
from cds_core.indicators import INDICATORS, Pillar
from cds_core.status import STYLES, Status, label
from ui.i18n import lang, plain, tr
from ui.scorecard import Entry, by_pillar, coverage_text, met_of, pace_label, pillar_name

STATE = "presenting"
SLIDE = "present_slide"
SHOWN_AT = "present_shown_at"
AUTO_SECONDS = (0, 15, 30, 60)

# Sized for a 1366×768 projector read from the back of a room.
STYLE = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"] { display: none !important; }
.block-container { padding-top: 1rem !important; max-width: 100% !important; }
.cds-slide { font-size: 1.6rem; line-height: 1.35; }
.cds-slide h2 { font-size: 2.4rem; margin: 0 0 .3rem 0; }
.cds-slide .cds-met { font-size: 1.8rem; font-weight: 700; margin-bottom: .6rem; }
.cds-slide table { width: 100%; border-collapse: collapse; }
.cds-slide td { padding: .35rem .6rem; border-bottom: 2px solid #cfd8dc; vertical-align: middle; }
.cds-slide td.cds-value { font-size: 2rem; font-weight: 700; text-align: right;
  white-space: nowrap; }
.cds-slide .cds-badge { font-weight: 700; padding: .1rem .6rem; border-radius: .3rem;
  white-space: nowrap; }
.cds-slide .cds-small { font-size: 1.2rem; color: #37474f; white-space: nowrap; }
</style>"""


def enabled() -> bool:
    """Whether the scorecard is being presented: ``?present=1`` or the sidebar toggle.

    The plain session entry is the truth (a widget's own state is dropped on pages that do
    not draw it); the URL follows it so a reload keeps the mode.
    """
    if st.query_params.get("present") == "1":
        st.session_state[STATE] = True
    on = bool(st.session_state.get(STATE, False))
    st.session_state["_present_toggle"] = on

    def remember() -> None:
        st.session_state[STATE] = st.session_state["_present_toggle"]
        _sync_url(st.session_state[STATE])

    st.sidebar.toggle(tr("present_toggle"), key="_present_toggle", on_change=remember)
    _sync_url(on)
    return on


def _sync_url(on: bool) -> None:
    if on:
        st.query_params["present"] = "1"
    elif "present" in st.query_params:
        del st.query_params["present"]


def _exit() -> None:
    st.session_state[STATE] = False
    _sync_url(False)


def pillars(entries: list[Entry]) -> list[tuple[Pillar, list[Entry]]]:
    """The slides: every pillar that has an indicator, in order."""
    return [(p, group) for p, group in by_pillar(entries).items() if group]


def show(entries: list[Entry], *, unit: str, period: str, note: str = "") -> None:
    """The slides of one unit and quarter, with their controls; ``note`` says what the
    figures are when not the unit's own (a merged commune's earlier quarters)."""
    st.html(STYLE)
    slides = pillars(entries)
    met, total = met_of(entries)
    st.markdown(f"### {plain(unit)} · {plain(period)} · " + tr(
        "overview_headline", met=met, total=total))  # fmt: skip
    if note:
        st.caption(note)
    seconds = st.session_state.get("present_auto", 0)

    @st.fragment(run_every=seconds or None)
    def slide() -> None:
        count = len(slides)
        now = time.monotonic()
        index = st.session_state.get(SLIDE, 0) % count
        if seconds and now - st.session_state.get(SHOWN_AT, now) >= seconds:
            index = (index + 1) % count
        if st.session_state.get(SLIDE) != index or SHOWN_AT not in st.session_state:
            st.session_state[SHOWN_AT] = now
        st.session_state[SLIDE] = index
        pillar, group = slides[index]
        st.markdown(_slide_html(pillar, group, index, count), unsafe_allow_html=True)
        prev, _, nxt = st.columns([1, 4, 1])
        prev.button(tr("present_prev"), on_click=_step, args=(-1, count), width="stretch")
        nxt.button(tr("present_next"), on_click=_step, args=(1, count), width="stretch")

    slide()
    auto, leave = st.columns([2, 1], vertical_alignment="bottom")
    auto.selectbox(
        tr("present_auto"),
        AUTO_SECONDS,
        format_func=lambda s: tr("present_auto_off") if s == 0 else tr("present_every", s=s),
        key="present_auto",
    )
    leave.button(tr("present_exit"), on_click=_exit, icon=":material/close_fullscreen:")


def _step(delta: int, count: int) -> None:
    st.session_state[SLIDE] = (st.session_state.get(SLIDE, 0) + delta) % count
    st.session_state[SHOWN_AT] = time.monotonic()


def _badge(status: Status) -> str:
    s = STYLES[status]
    return (
        f'<span class="cds-badge" style="color:{s.colour};background:{s.background}">'
        f"{html.escape(label(status, lang()))}</span>"
    )


def _slide_html(pillar: Pillar, group: list[Entry], index: int, count: int) -> str:
    L = lang()
    met, total = met_of(group)
    lines = []
    for e in group:
        row, change = e.row, e.progress.change
        target = (
            tr("present_target", target=row.target.label(), deadline=row.target.deadline)
            if row.target
            else ""
        )
        pace = html.escape(pace_label(e.progress.pace)) if row.target else ""
        lines.append(
            "<tr>"
            f"<td>{html.escape(INDICATORS[row.indicator].name(L))}"
            f'<div class="cds-small">{html.escape(target)}</div></td>'
            f'<td class="cds-value">{html.escape(format_pct(row.value.rate, L) or "—")}'
            f'<div class="cds-small">{html.escape(coverage_text(row))}</div></td>'
            f"<td>{_badge(row.status)}</td>"
            f'<td class="cds-small">{html.escape(change.text(L) if change else "")}'
            f"<br>{pace}</td>"
            "</tr>"
        )
    heading = html.escape(pillar_name(pillar, L))
    position = html.escape(tr("present_position", index=index + 1, count=count))
    summary = html.escape(tr("present_pillar_met", met=met, total=total))
    return (
        f'<div class="cds-slide"><h2>{heading}</h2>'
        f'<div class="cds-met">{summary} <span class="cds-small">· {position}</span></div>'
        f"<table>{''.join(lines)}</table></div>"
    )
