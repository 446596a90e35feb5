"""Presentation mode for the Steering Committee's meetings: no sidebar, large type, a pillar
per screen (a long pillar over several, so that no slide is taller than a 1366×768 projector)
with next/previous and timed auto-advance; switched on in the sidebar or with ``?present=1``.

The sidebar cannot be collapsed once the page config is set, so it is hidden with a style
sheet; everything in that sheet and in the slide markup is our own constants or escaped text.
"""

from __future__ import annotations

import html
import time
from dataclasses import dataclass

import streamlit as st

from cds_core.formatting import format_pct
from cds_core.indicators import INDICATORS
from cds_core.status import STYLES, Status, label
from cds_core.submissions import FiguresState
from ui import figure_states
from ui.i18n import lang, plain, tr
from ui.scorecard import Entry, by_pillar, coverage_text, met_of, pace_label, pillar_name

STATE = "presenting"
SLIDE = "present_slide"
SHOWN_AT = "present_shown_at"
AUTO_SECONDS = (0, 15, 30, 60)
# Rows on one slide: five leave room for a long indicator name wrapping to two lines; six
# would push the controls to the bottom edge of a 768 px screen.
ROWS_PER_SLIDE = 5

# Sized for a 1366×768 projector read from the back of a room.
STYLE = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"] { display: none !important; }
.block-container { padding-top: .75rem !important; padding-bottom: .5rem !important;
  max-width: 100% !important; }
.cds-slide { font-size: 1.6rem; line-height: 1.3; }
.cds-slide h2 { font-size: 2.4rem; margin: 0 0 .2rem 0; padding: 0; }
.cds-slide .cds-met { font-size: 1.8rem; font-weight: 700; margin-bottom: .4rem; }
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


@dataclass(frozen=True)
class Slide:
    pillar: str
    rows: list[Entry]
    met: int  # of the whole pillar, on each of its slides
    total: int
    part: int  # 1-based, of ``parts`` slides of this pillar
    parts: int


def slides(entries: list[Entry]) -> list[Slide]:
    """Every pillar that has an indicator, in order; a pillar of more than
    ``ROWS_PER_SLIDE`` indicators over as many slides as it needs, evenly filled."""
    out = []
    for pillar, group in by_pillar(entries).items():
        if not group:
            continue
        met, total = met_of(group)
        parts = -(-len(group) // ROWS_PER_SLIDE)
        size = -(-len(group) // parts)
        for part in range(parts):
            chunk = group[part * size : (part + 1) * size]
            out.append(Slide(pillar, chunk, met, total, part + 1, parts))
    return out


def top_bar():
    """The meeting's controls above the slides, outside the slide's fragment (leaving or
    changing the pace must rerun the whole page): a folded box for the unit, the quarter and
    the auto-advance, returned for the page to fill, and the way out beside it."""
    box, leave = st.columns([5, 1], vertical_alignment="center")
    leave.button(
        tr("present_exit"), on_click=_exit, icon=":material/close_fullscreen:", width="stretch"
    )
    return box.expander(tr("present_pickers"))


def auto_picker() -> None:
    labels = {s: tr("present_every", s=s) if s else tr("present_auto_off") for s in AUTO_SECONDS}
    st.selectbox(tr("present_auto"), AUTO_SECONDS, format_func=labels.get, key="present_auto")


def show(
    entries: list[Entry], *, unit: str, period: str, state: FiguresState, note: str = ""
) -> None:
    """The slides of one unit and quarter, with their controls; every slide names the state
    of its figures (a draft must not pass for the result in a meeting), and ``note`` what the
    figures are when not the unit's own (a merged commune's earlier quarters)."""
    st.html(STYLE)
    deck = slides(entries)
    met, total = met_of(entries)
    st.markdown(f"### {plain(unit)} · {plain(period)} · " + tr(
        "overview_headline", met=met, total=total))  # fmt: skip
    figure_states.badge(state)
    if note:
        st.caption(note)
    seconds = st.session_state.get("present_auto", 0)

    @st.fragment(run_every=seconds or None)
    def slide() -> None:
        count = len(deck)
        now = time.monotonic()
        index = st.session_state.get(SLIDE, 0) % count
        if seconds and now - st.session_state.get(SHOWN_AT, now) >= seconds:
            index = (index + 1) % count
        if st.session_state.get(SLIDE) != index or SHOWN_AT not in st.session_state:
            st.session_state[SHOWN_AT] = now
        st.session_state[SLIDE] = index
        st.markdown(_slide_html(deck[index], index, count), unsafe_allow_html=True)
        prev, _, nxt = st.columns([1, 4, 1])
        prev.button(tr("present_prev"), on_click=_step, args=(-1, count), width="stretch")
        nxt.button(tr("present_next"), on_click=_step, args=(1, count), width="stretch")

    slide()


def _step(delta: int, count: int) -> None:
    st.session_state[SLIDE] = (st.session_state.get(SLIDE, 0) + delta) % count
    st.session_state[SHOWN_AT] = time.monotonic()


def _badge(status: Status) -> str:
    s = STYLES[status]
    return (
        f'<span class="cds-badge" style="color:{s.colour};background:{s.background}">'
        f"{html.escape(label(status, lang()))}</span>"
    )


def _slide_html(slide: Slide, index: int, count: int) -> str:
    L = lang()
    lines = []
    for e in slide.rows:
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
    heading = html.escape(pillar_name(slide.pillar, L))
    position = tr("present_position", index=index + 1, count=count)
    if slide.parts > 1:
        position = tr("present_part", part=slide.part, parts=slide.parts) + " · " + position
    summary = html.escape(tr("present_pillar_met", met=slide.met, total=slide.total))
    return (
        f'<div class="cds-slide"><h2>{heading}</h2>'
        f'<div class="cds-met">{summary} <span class="cds-small">· {html.escape(position)}'
        f"</span></div><table>{''.join(lines)}</table></div>"
    )
