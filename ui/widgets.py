"""Pickers and status pieces shared by the pages."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

import streamlit as st

from cds_core.catalogue import Level
from cds_core.periods import Period, quarters_between
from cds_core.status import STYLES, Status, label
from db.database import session_scope
from db.orgunits import all_units
from db.permissions import Actor, in_scope
from db.values import periods_with_data
from ui.data import CACHE, data_version, engine
from ui.i18n import lang, tr
from ui.url_state import from_url, to_url

FIRST_QUARTER = Period(2021, 4)  # Resolution 08-NQ/TU dates from 6 October 2021
LEVEL_KEYS = {"tinh": "level_tinh", "huyen": "level_huyen", "xa": "level_xa", "ap": "level_ap"}


@dataclass(frozen=True)
class Unit:
    """An org unit as the pickers need it: plain values, fit for st.cache_data."""

    code: str
    name: str
    level: str
    path: str


@st.cache_data(**CACHE)
def _units(version: int) -> list[Unit]:
    with session_scope(engine()) as session:
        return [Unit(u.code, u.name, u.level, u.path) for u in all_units(session)]


@st.cache_data(**CACHE)
def _periods(version: int) -> list[str]:
    with session_scope(engine()) as session:
        return periods_with_data(session)


def org_picker(actor: Actor, *, levels: tuple[str, ...] | None = None, in_url: bool = False) -> str:
    """Choose an org unit the actor may see; remembered across pages for the session, and with
    ``in_url`` in the address bar too, so a reload keeps it."""
    # Everyone but an admin sees their own unit's tree (a Steering Committee its commune).
    units = [u for u in _units(data_version()) if in_scope(actor, u)]
    if levels:
        units = [u for u in units if u.level in levels]
    if not units:
        st.info(tr("no_units"))
        st.stop()
    labels = {u.code: f"{u.name} · {tr(LEVEL_KEYS[u.level])}" for u in units}
    codes = list(labels)
    current = from_url("org", codes) if in_url else None
    if current is None:
        current = st.session_state.get("org")
    if current not in labels:
        communes = [u.code for u in units if u.level == Level.XA]
        current = communes[0] if communes else codes[0]
    return _remembered("org", tr("pick_org"), codes, current, labels.get, in_url)


def period_picker(*, in_url: bool = False, prefer: str | None = None) -> str:
    """Choose a quarter: every one from the earliest data (or 2021, NQ 08's start) to this one.

    With ``in_url`` the URL's quarter comes first (it follows every choice, so a reload keeps
    it); then the session's, then ``prefer`` (where the user left off), then the newest with
    data.
    """
    with_data = _periods(data_version())
    today = Period.containing(date.today())
    first = min([FIRST_QUARTER, *map(Period.parse, with_data)])
    codes = [p.code for p in reversed(quarters_between(first, today))]
    current = from_url("period", codes) if in_url else None
    if current is None:
        current = st.session_state.get("period")
    if current not in codes:
        current = prefer if prefer in codes else with_data[0] if with_data else today.code
    return _remembered(
        "period",
        tr("pick_period"),
        codes,
        current,
        lambda c: Period.parse(c).label(lang()),
        in_url,
    )


def _remembered(
    name: str, label: str, options: list[str], current: str, fmt, in_url: bool = False
) -> str:
    """A selectbox whose choice is kept under ``name`` for every page of the session (and in
    the URL with ``in_url``).

    The widget's own state is dropped when a page does not draw it, so the plain entry is the
    truth and the widget is set from it before each draw.
    """
    widget = f"_{name}_pick"
    st.session_state[name] = current
    st.session_state[widget] = current
    if in_url:
        to_url(name, current)

    def remember() -> None:
        st.session_state[name] = st.session_state[widget]
        if in_url:  # at once, or the next run would read the old choice back from the URL
            to_url(name, st.session_state[widget])

    return st.selectbox(label, options, format_func=fmt, key=widget, on_change=remember)


def badge(status: Status) -> str:
    """Icon + word + colour; only our own constants go into this markup, never user text."""
    s = STYLES[status]
    return (
        f'<span style="color:{s.colour};background:{s.background};padding:2px 8px;'
        f'border-radius:4px;font-weight:600;white-space:nowrap">'
        f"{html.escape(label(status, lang()))}</span>"
    )


def status_counts(counts: dict[Status, int]) -> None:
    """One tile per status: the count, with icon and word."""
    cols = st.columns(len(counts))
    for col, status in zip(cols, counts, strict=True):
        s = STYLES[status]
        col.markdown(
            f'<div style="border-left:6px solid {s.colour};background:{s.background};'
            f'padding:8px 12px;border-radius:4px">'
            f'<div style="font-size:1.8rem;font-weight:700;color:{s.colour}">'
            f"{counts[status]}</div>"
            f'<div style="color:{s.colour};font-weight:600">'
            f"{html.escape(label(status, lang()))}</div></div>",
            unsafe_allow_html=True,
        )
