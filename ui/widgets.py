"""Pickers and status pieces shared by the pages; the pickers' choice lives in the URL too, so a
reload or a bookmark opens the same unit and quarter."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from cds_core import kinds, orgmap
from cds_core.errors import CdsError
from cds_core.interchange import neutralise
from cds_core.landing import Place, landing_quarter, landing_unit
from cds_core.orgmap import MAX_PERIOD, MIN_PERIOD
from cds_core.periods import Period, quarters_between
from cds_core.roles import Role
from cds_core.status import STYLES, Status, label
from db.database import session_scope
from db.orgunits import all_units
from db.permissions import Actor, in_scope
from db.values import periods_with_data
from ui import figure_states
from ui.data import CACHE, data_version, engine
from ui.i18n import lang, tr

FIRST_QUARTER = Period(2021, 4)  # Resolution 08-NQ/TU dates from 6 October 2021
LEVEL_KEYS = {"tinh": "level_tinh", "huyen": "level_huyen", "xa": "level_xa", "ap": "level_ap"}


@dataclass(frozen=True)
class Unit(Place):
    """An org unit as the pickers need it: plain values, fit for st.cache_data. ``code`` is
    the unit's key (``cds_core.orgmap``)."""

    name: str = ""
    kind: str = ""
    valid_from: date | None = None
    valid_to: date | None = None


@st.cache_data(**CACHE)
def _units(version: int) -> list[Unit]:
    with session_scope(engine()) as session:
        units = []
        for u in all_units(session):
            # A unit valid for less than a quarter's end has no quarter of its own.
            first, last = orgmap.span(u.valid_from, u.valid_to) or (MAX_PERIOD, MIN_PERIOD)
            units.append(Unit(u.code, u.level, u.path, first, last, name=u.name, kind=u.kind,
                              valid_from=u.valid_from, valid_to=u.valid_to))  # fmt: skip
        return units


@st.cache_data(**CACHE)
def _periods(version: int) -> list[str]:
    with session_scope(engine()) as session:
        return periods_with_data(session)


def _this_quarter() -> str:
    return Period.containing(date.today()).code


# A resource, not data: read-only, shared by every session, never copied per call.
@st.cache_resource(max_entries=4, show_spinner=False)
def _holders(version: int) -> orgmap.Holders:
    return orgmap.Holders((u.code, u.valid_from, u.valid_to) for u in _units(version))


def unit_label(unit: Unit, period: Period | None = None) -> str:
    """``Phường Mỹ Tho · phường``; a unit not in force in ``period`` says since or until when
    (new xã Tân Phú Đông in 2024Q1 is its predecessors' sums)."""
    kind = kinds.word(unit.kind or kinds.default(unit.level), lang()).lower()
    text = f"{unit.name} · {kind}"
    if period is None or unit.alive(period.code):
        return text
    if unit.valid_from is not None and period.last_day < unit.valid_from:
        return f"{text} · {tr('unit_since', day=orgmap.day_text(unit.valid_from))}"
    return f"{text} · {tr('unit_until', day=orgmap.day_text(unit.valid_to))}"


def _resolve(ref: str | None, period: Period | None) -> str | None:
    """The key a reference names in ``period`` (cds_core.orgmap.Holders.resolve)."""
    if not ref:
        return None
    try:
        return _holders(data_version()).resolve(ref, today=date.today(), period=period)
    except CdsError:
        return None


def _pending_period(actor: Actor, ref: str | None) -> Period:
    """The quarter the period picker will show in this run (pages draw it after the unit's):
    the URL's or the session's, else the one a page opens on for the unit ``ref`` names now."""
    asked = st.query_params.get("period")
    code = asked if asked and asked != st.session_state.get("_period_url") else None
    code = code or st.session_state.get("period")
    try:
        return Period.parse(code or default_period(actor, _resolve(ref, None)))
    except CdsError:
        return Period.parse(default_period(actor, _resolve(ref, None)))


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
    Nothing chosen yet, the page opens on the actor's own unit, or the first it shows below
    the unit last chosen or the actor's own (``cds_core.landing``), in a quarter it exists in.
    """
    # Everyone but an admin sees their own unit's tree (a Steering Committee its commune).
    units = [u for u in _units(data_version()) if in_scope(actor, u)]
    if levels:
        units = [u for u in units if u.level in levels]
    if not units:
        st.info(tr("no_units"))
        st.stop()
    asked = st.query_params.get("org")
    period = _pending_period(actor, asked or st.session_state.get("org"))
    labels = {u.code: unit_label(u, period) for u in units}
    codes = list(labels)
    by_key = {u.code: u for u in units}

    def ref_of(key: str) -> str:
        unit = by_key[key]
        return _holders(data_version()).reference(
            key, unit.valid_from, unit.valid_to, today=date.today(), period=period
        )

    current = _resolve(st.session_state.get("org"), period)
    if current not in labels and _resolve(asked, period) not in labels:
        current = _landing(actor, units).code
    choice = _remembered("org", tr("pick_org"), codes, current, labels.get,
                         read=lambda ref: _resolve(ref, period), write=ref_of)  # fmt: skip
    st.session_state["_org_key"] = choice  # the period picker opens on this unit's quarter
    return choice


def _landing(actor: Actor, units: list[Unit]) -> Unit:
    """The unit a page of ``units`` opens on: below the unit last chosen, or the actor's own,
    alive in the quarter that unit opens on (for an administrator with neither, the newest
    quarter with figures anywhere)."""
    everything = {u.code: u for u in _units(data_version())}
    anchor = everything.get(_resolve(st.session_state.get("org"), None) or actor.scope or "")
    if anchor is not None and not in_scope(actor, anchor):
        anchor = everything.get(actor.scope or "")
    today = _this_quarter()
    if anchor is None:
        quarter = next((q for q in _periods(data_version()) if q <= today), today)
    else:
        quarter = default_period(actor, anchor.code)
    found = landing_unit(units, anchor, quarter)
    return next(u for u in units if u.code == found.code)


def default_period(actor: Actor | None, org: str | None) -> str:
    """The quarter a page opens on for ``org``: the newest of the unit's life that holds
    figures — for a viewer (the Steering Committee) the newest someone submitted, so a newer
    draft is never taken for the result — else the latest of its life up to this quarter."""
    today = _this_quarter()
    unit = next((u for u in _units(data_version()) if u.code == org), None)
    if unit is None:
        with_data = [q for q in _periods(data_version()) if q <= today]
        return with_data[0] if with_data else today
    viewer = actor is not None and actor.role == Role.VIEWER
    return landing_quarter(unit, figure_states.history(unit.code), today, sent_first=viewer)


def period_picker(actor: Actor | None = None, *, prefer: str | None = None) -> str:
    """Choose a quarter: every one from the earliest data (or 2021, NQ 08's start) to this one.

    The URL's choice comes first, then the session's, then ``prefer`` (where the user left off
    typing), then :func:`default_period` for the unit the org picker chose (pages draw that
    picker first).
    """
    with_data = _periods(data_version())
    today = Period.containing(date.today())
    first = min([FIRST_QUARTER, *map(Period.parse, with_data)])
    codes = [p.code for p in reversed(quarters_between(first, today))]
    current = st.session_state.get("period")
    if current not in codes and st.query_params.get("period") not in codes:
        current = (
            prefer if prefer in codes else default_period(actor, st.session_state.get("_org_key"))
        )
    if current not in codes:  # figures typed for a quarter still to come
        current = codes[0]
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
