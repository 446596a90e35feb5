"""Pickers and status pieces shared by the pages; the pickers' choice lives in the URL too, so a
reload or a bookmark opens the same unit and quarter."""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from cds_core import kinds, orgmap
from cds_core.catalogue import Level
from cds_core.errors import CdsError
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

    code: str  # the unit's key (cds_core.orgmap)
    name: str
    level: str
    kind: str = ""
    valid_from: date | None = None
    valid_to: date | None = None

    @property
    def full_name(self) -> str:
        """What the unit is called: ``Phường Mỹ Tho``."""
        return kinds.full_name(self.name, self.kind or kinds.default(self.level))

    def in_force(self, period: Period) -> bool:
        day = period.last_day
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@st.cache_data(**CACHE)
def _units(version: int) -> list[Unit]:
    with session_scope(engine()) as session:
        return [
            Unit(u.code, u.name, u.level, u.kind, u.valid_from, u.valid_to)
            for u in all_units(session)
        ]


@st.cache_data(**CACHE)
def _periods(version: int) -> list[str]:
    with session_scope(engine()) as session:
        return periods_with_data(session)


@functools.lru_cache(maxsize=4)
def _holders(version: int) -> orgmap.Holders:
    return orgmap.Holders((u.code, u.valid_from, u.valid_to) for u in _units(version))


def unit_label(unit: Unit, period: Period | None = None) -> str:
    """``Phường Mỹ Tho · phường``; a unit not in force in ``period`` says since or until when
    (new xã Tân Phú Đông in 2024Q1 is its predecessors' sums)."""
    text = (
        f"{unit.full_name} · {kinds.word(unit.kind or kinds.default(unit.level), lang()).lower()}"
    )
    if period is None or unit.in_force(period):
        return text
    if unit.valid_from is not None and period.last_day < unit.valid_from:
        return f"{text} · {tr('unit_since', day=orgmap.day_text(unit.valid_from))}"
    return f"{text} · {tr('unit_until', day=orgmap.day_text(unit.valid_to))}"


def _pending_period(actor: Actor | None) -> Period:
    """The quarter the period picker will show in this run (it is drawn after the unit's)."""
    asked = st.query_params.get("period")
    code = asked if asked and asked != st.session_state.get("_period_url") else None
    code = code or st.session_state.get("period") or default_period(actor)
    try:
        return Period.parse(code)
    except CdsError:
        return Period.parse(default_period(actor))


def org_ref(code: str, period: str | Period | None) -> str:
    """What names the unit keyed ``code`` in a URL with ``period``: its official code when that
    names it in that quarter, else ``CODE@DAY`` (cds_core.orgmap.Holders.reference)."""
    quarter = Period.parse(period) if isinstance(period, str) else period
    unit = next((u for u in _units(data_version()) if u.code == code), None)
    if unit is None:
        return code
    return _holders(data_version()).reference(
        code, unit.valid_from, unit.valid_to, today=date.today(), period=quarter
    )


def org_picker(actor: Actor, *, levels: tuple[str, ...] | None = None) -> str:
    """Choose an org unit the actor may see; remembered across pages for the session.

    Returns the unit's key. What is remembered (and put in the URL) is a reference: a code,
    which names the unit holding it in the chosen quarter (the picker of 2024Q1 shows old xã
    Phú Thạnh for 28696, of 2025Q3 new xã Tân Phú Đông), or ``CODE@DAY`` for a unit picked
    outside the quarters it holds its code (design.md, "Official codes are reused …").
    """
    # Everyone but an admin sees their own unit's tree (a Steering Committee its commune).
    units = [u for u in _units(data_version()) if in_scope(actor, u)]
    if levels:
        units = [u for u in units if u.level in levels]
    if not units:
        st.info(tr("no_units"))
        st.stop()
    period = _pending_period(actor)
    held = _holders(data_version())
    labels = {u.code: unit_label(u, period) for u in units}
    codes = list(labels)

    def key_of(ref: str | None) -> str | None:
        if not ref:
            return None
        try:
            return held.resolve(ref, today=date.today(), period=period)
        except CdsError:
            return None

    def ref_of(key: str) -> str:
        unit = next(u for u in units if u.code == key)
        return held.reference(key, unit.valid_from, unit.valid_to, today=date.today(),
                              period=period)  # fmt: skip

    current = key_of(st.session_state.get("org"))
    if current not in labels:
        communes = [u.code for u in units if u.level == Level.XA]
        current = communes[0] if communes else codes[0]
    return _remembered("org", tr("pick_org"), codes, current, labels.get, read=key_of, write=ref_of)


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


def _remembered(
    name: str, label: str, options: list[str], current: str, fmt, *, read=None, write=None
) -> str:
    """A selectbox whose choice is kept under ``name`` for every page of the session, and in
    the URL's ``?name=`` so that a reload (a new session) or a bookmark opens the same one.

    The widget's own state is dropped when a page does not draw it, so the plain entry is the
    truth and the widget is set from it before each draw. The URL wins when it asks for
    something else than what this session last put there: a link, an edited address, or a
    reload (a new session, which has put nothing there yet). ``write`` turns an option into
    what is kept and put in the URL, ``read`` the URL's text back into an option.
    """
    read = read or (lambda text: text)
    write = write or (lambda option: option)
    widget, written = f"_{name}_pick", f"_{name}_url"
    asked = st.query_params.get(name)
    if asked and asked != st.session_state.get(written) and read(asked) in options:
        current = read(asked)
    st.session_state[name] = write(current)
    st.session_state[widget] = current

    def remember() -> None:
        st.session_state[name] = write(st.session_state[widget])

    choice = st.selectbox(label, options, format_func=fmt, key=widget, on_change=remember)
    st.query_params[name] = st.session_state[written] = write(choice)
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
