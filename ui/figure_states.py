"""The workflow state beside every figure: draft, submitted or approved, read once per data
version and shown as a badge (colour, icon and words) or as a table cell's words."""

from __future__ import annotations

import streamlit as st

from cds_core.submissions import FiguresState, SubmissionStatus
from db import figure_states
from db.database import session_scope
from ui.data import CACHE, data_version, engine
from ui.i18n import tr

# Colour and icon per step; the words carry the state without them.
LOOK = {
    SubmissionStatus.DRAFT: ("orange", ":material/edit_note:"),
    SubmissionStatus.SUBMITTED: ("blue", ":material/outbox:"),
    SubmissionStatus.APPROVED: ("green", ":material/verified:"),
}


def of(org: str, period: str) -> FiguresState:
    return _state(org, period, data_version())


def history(org: str) -> dict[str, FiguresState]:
    return _history(org, data_version())


def by_child(org: str, period: str) -> dict[str, FiguresState]:
    return _by_child(org, period, data_version())


@st.cache_data(**CACHE)
def _state(org: str, period: str, version: int) -> FiguresState:
    with session_scope(engine()) as session:
        return figure_states.state(session, org, period)


@st.cache_data(**CACHE)
def _history(org: str, version: int) -> dict[str, FiguresState]:
    with session_scope(engine()) as session:
        return figure_states.history(session, org)


@st.cache_data(**CACHE)
def _by_child(org: str, period: str, version: int) -> dict[str, FiguresState]:
    with session_scope(engine()) as session:
        return figure_states.by_child(session, org, period)


def word(state: FiguresState | None) -> str:
    """The state in a table cell: "nháp", "đã gửi", "đã duyệt" (blank without figures)."""
    if state is None or state.status is None:
        return ""
    return tr("wf_" + state.status)


def text(state: FiguresState) -> str:
    """The state as a sentence; when the units differ, how many stand where."""
    if state.status is None:
        return tr("fig_state_none")
    sentence = tr("fig_state_" + state.status)
    if state.mixed:
        sentence += " · " + tr(
            "fig_state_units",
            units=state.units,
            approved=state.approved,
            submitted=state.submitted,
            draft=state.draft,
        )
    return sentence


def badge(state: FiguresState) -> None:
    """The state of the figures on screen, right under the page's heading."""
    colour, icon = LOOK.get(state.status, ("gray", ":material/hourglass_empty:"))
    st.badge(text(state), icon=icon, color=colour)
