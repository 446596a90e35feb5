"""Pickers and status pieces shared by the pages; the pickers' choice lives in the URL too, so a
reload or a bookmark opens the same unit and quarter."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from cds_core.catalogue import Level
from cds_core.interchange import neutralise
from cds_core.periods import Period, quarters_between
from cds_core.roles import Role
from cds_core.status import STYLES, Status, label
from db.database import session_scope
from db.figure_states import newest_sent
from db.orgunits import all_units
from db.permissions import Actor, in_scope
from db.values import periods_with_data
from ui.data import CACHE, data_version, engine
from ui.i18n import lang, tr

FIRST_QUARTER = Period(2021, 4)  # Resolution 08-NQ/TU dates from 6 October 2021
LEVEL_KEYS = {"tinh": "level_tinh", "huyen": "level_huyen", "xa": "level_xa", "ap": "level_ap"}


@dataclass(frozen=True)
class Unit:
    """An org unit as the pickers need it: plain values, fit for st.cache_data."""

    code: str
    name: str
    level: str


@st.cache_data(**CACHE)
def _units(version: int) -> list[Unit]:
    with session_scope(engine()) as session:
        return [Unit(u.code, u.name, u.level) for u in all_units(session)]


@st.cache_data(**CACHE)
def _periods(version: int) -> list[str]:
    with session_scope(engine()) as session:
        return periods_with_data(session)


def org_picker(actor: Actor, *, levels: tuple[str, ...] | None = None) -> str:
    """Choose an org unit the actor may see; remembered across pages for the session."""
    # Everyone but an admin sees their own unit's tree (a Steering Committee its commune).
    units = [u for u in _units(data_version()) if in_scope(actor, u)]
    if levels:
        units = [u for u in units if u.level in levels]
    if not units:
        st.info(tr("no_units"))
        st.stop()
    labels = {u.code: f"{u.name} · {tr(LEVEL_KEYS[u.level])}" for u in units}
    codes = list(labels)
    current = st.session_state.get("org")
    if current not in labels:
        communes = [u.code for u in units if u.level == Level.XA]
        current = communes[0] if communes else codes[0]
    return _remembered("org", tr("pick_org"), codes, current, labels.get)


@st.cache_data(**CACHE)
def _newest_sent(scope: frozenset[str] | None, version: int) -> str | None:
    with session_scope(engine()) as session:
        return newest_sent(session, scope)


def default_period(actor: Actor | None) -> str:
    """The quarter a page opens on: for a viewer (the Steering Committee) the newest quarter
    whose figures someone submitted, so a newer draft is never taken for the result; for
    those who enter figures, the newest with any."""
    with_data = _periods(data_version())
    if actor is not None and actor.role == Role.VIEWER:
        sent = _newest_sent(actor.reach if actor.scope else None, data_version())
        if sent:
            return sent
    return with_data[0] if with_data else Period.containing(date.today()).code


def period_picker(actor: Actor | None = None, *, prefer: str | None = None) -> str:
    """Choose a quarter: every one from the earliest data (or 2021, NQ 08's start) to this one.

    The URL's choice comes first, then the session's, then ``prefer`` (where the user left off
    typing), then :func:`default_period`.
    """
    with_data = _periods(data_version())
    today = Period.containing(date.today())
    first = min([FIRST_QUARTER, *map(Period.parse, with_data)])
    codes = [p.code for p in reversed(quarters_between(first, today))]
    current = st.session_state.get("period")
    if current not in codes:
        current = prefer if prefer in codes else default_period(actor)
    labels = {c: Period.parse(c).label(lang()) for c in codes}  # in the language of this run
    return _remembered("period", tr("pick_period"), codes, current, labels.get)


def _remembered(name: str, label: str, options: list[str], current: str, fmt) -> str:
    """A selectbox whose choice is kept under ``name`` for every page of the session, and in
    the URL's ``?name=`` so that a reload (a new session) or a bookmark opens the same one.

    The widget's own state is dropped when a page does not draw it, so the plain entry is the
    truth and the widget is set from it before each draw. The URL wins when it asks for
    something else than what this session last put there: a link, an edited address, or a
    reload (a new session, which has put nothing there yet).
    """
    widget, written = f"_{name}_pick", f"_{name}_url"
    asked = st.query_params.get(name)
    if asked in options and asked != st.session_state.get(written):
        current = asked
    st.session_state[name] = current
    st.session_state[widget] = current

    def remember() -> None:
        st.session_state[name] = st.session_state[widget]

    choice = st.selectbox(label, options, format_func=fmt, key=widget, on_change=remember)
    st.query_params[name] = st.session_state[written] = choice
    return choice


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


def table_csv(table: pd.DataFrame) -> bytes:
    """A table as a CSV download for people (UTF-8 with a BOM, which Excel needs): a text cell
    a spreadsheet would run as a formula (a unit's name, a target's source) is neutralised."""
    safe = table.map(lambda cell: neutralise(cell) if isinstance(cell, str) else cell)
    return safe.to_csv(index=False).encode("utf-8-sig")
