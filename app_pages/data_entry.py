"""Nhập số liệu: one org unit's quarterly form, checked as it is typed, saved as a draft.

What was typed lives in the widgets' session state until it is saved, so a refused save (bad
input, someone else's newer save) never loses it; nothing reaches the database until every
cell parses.
"""

import pandas as pd
import streamlit as st

from cds_core import values as value_io
from cds_core.catalogue import (
    DEVICE_COLUMNS,
    DEVICE_TYPES,
    ELEMENTS,
    SECTIONS,
    VALUE_CODES,
    Kind,
    element_name,
    value_code_name,
)
from cds_core.errors import CdsError
from cds_core.formatting import format_pct
from cds_core.i18n import error_text
from cds_core.indicators import INDICATORS, compute
from cds_core.periods import Period
from cds_core.rules import Severity, check, describe
from cds_core.status import status_of
from cds_core.targets import resolve
from db.database import session_scope
from db.errors import Conflict, FieldErrors
from db.orgunits import get as get_unit
from db.targets import in_force
from db.values import save, submission, unit_values
from ui.auth import require_user
from ui.data import engine
from ui.i18n import lang, tr
from ui.widgets import badge, org_picker, period_picker

actor = require_user("editor", "hamlet_editor")
L = lang()
st.title(tr("page_entry"))
left, right = st.columns(2)
with left:
    org = org_picker(actor, levels=("xa", "ap") if actor.role != "hamlet_editor" else ("ap",))
with right:
    period = period_picker()
p = Period.parse(period)

with session_scope(engine()) as session:
    unit = get_unit(session, org)
    level, unit_name = unit.level, unit.name
    stored = unit_values(session, unit, period)
    previous = unit_values(session, unit, p.previous().code)
    sub = submission(session, unit, period)
    version, workflow = sub.version, sub.status
    targets = in_force(session)

elements = [e for e in ELEMENTS.values() if e.level == level]
codes = [vc.code for vc in VALUE_CODES.values() if vc.element in elements]
ns = f"{org}:{period}"


def wkey(code: str) -> str:
    return f"v:{ns}:{code}"


def shown(code: str, value) -> str:
    return "" if value is None else value_io.to_csv(VALUE_CODES[code], value)


# Load the database's cells into the widgets once per unit and quarter (and again after a save).
snapshot_key = f"loaded:{ns}"
if snapshot_key not in st.session_state:
    st.session_state[snapshot_key] = {"version": version}
    for code in codes:
        if ELEMENTS[code.split(".")[0]].categories:
            continue
        st.session_state[wkey(code)] = shown(code, stored[code].value if code in stored else None)
snapshot = st.session_state[snapshot_key]

device_codes = [c for c in codes if c.startswith("ht_device.")]
device_key = f"dev:{ns}"
if device_codes and f"{device_key}:base" not in st.session_state:
    st.session_state[f"{device_key}:base"] = pd.DataFrame(
        [
            [stored[f"ht_device.{t}.{c}"].value if f"ht_device.{t}.{c}" in stored else None
             for c, _, _ in DEVICE_COLUMNS]
            for t, _, _ in DEVICE_TYPES
        ],
        index=[vi if L == "vi" else en for _, vi, en in DEVICE_TYPES],
        columns=[vi if L == "vi" else en for _, vi, en in DEVICE_COLUMNS],
        dtype="float",
    )  # fmt: skip


def device_grid() -> pd.DataFrame:
    """The device table as loaded, with the edits made in the grid so far."""
    grid = st.session_state[f"{device_key}:base"].copy()
    edits = st.session_state.get(f"{device_key}:editor", {}).get("edited_rows", {})
    for row, cells in edits.items():
        for column, cell in cells.items():
            grid.iat[int(row), grid.columns.get_loc(column)] = cell
    return grid


def typed() -> dict[str, object]:
    """Everything in the form now, as raw text per value code."""
    raw = {c: st.session_state.get(wkey(c), "") for c in codes if c not in device_codes}
    if device_codes:
        grid = device_grid()
        for i, (t, _, _) in enumerate(DEVICE_TYPES):
            for j, (c, _, _) in enumerate(DEVICE_COLUMNS):
                cell = grid.iat[i, j]
                raw[f"ht_device.{t}.{c}"] = "" if pd.isna(cell) else cell
    return raw


raw = typed()
good, bad = value_io.parse_all(raw)
history = [{k: c.value for k, c in previous.items()}] if previous else []
violations = check(good, history)
by_code: dict[str, list] = {}
for v in violations:
    for code in v.elements:
        by_code.setdefault(code, []).append(v)

if workflow == "approved":
    st.warning(tr("entry_approved"))
st.caption(tr("entry_caption", unit=unit_name, period=p.label(L), version=snapshot["version"]))

# The top of the form lists every open problem, each naming its field.
errors = [v for v in violations if v.severity is Severity.ERROR]
warnings = [v for v in violations if v.severity is Severity.WARNING]
if bad or errors or warnings:
    with st.container(border=True):
        st.markdown(tr("entry_problems", bad=len(bad) + len(errors), warn=len(warnings)))
        for code, exc in bad.items():
            st.error(f"{value_code_name(VALUE_CODES[code], L)}: {error_text(exc, L)}", icon="✖")
        for v in errors:
            st.error(describe(v, L), icon="✖")
        for v in warnings:
            st.warning(describe(v, L), icon="⚠️")
else:
    st.success(tr("entry_no_problems"))


def field_notes(code: str) -> None:
    if code in bad:
        st.error(error_text(bad[code], L), icon="✖")
    for v in by_code.get(code, []):
        (st.error if v.severity is Severity.ERROR else st.warning)(describe(v, L))
    if code in previous and previous[code].value is not None:
        st.caption(tr("entry_previous", value=shown(code, previous[code].value)))


def field(code: str) -> None:
    element = ELEMENTS[code]
    label, key = element_name(element, L), wkey(code)
    if element.kind is Kind.BOOL:
        names = {"": "—", "có": tr("yes"), "không": tr("no")}
        st.selectbox(label, list(names), key=key, help=code, format_func=names.get)
    elif element.kind is Kind.TEXT and code.startswith("nar_"):
        st.text_area(label, key=key, help=code, height=160)
    else:
        st.text_input(label, key=key, help=code)
    field_notes(code)


def rates_for(section_elements: set[str]) -> None:
    """Rates whose numerator is entered in this section, recomputed from what is typed."""
    for ind in INDICATORS.values():
        if ind.numerator[0][0] not in section_elements or not set(ind.elements) <= set(codes):
            continue
        value = compute(ind, good)
        target = resolve(targets, ind.code, org_unit=org, level=level, year=p.year)
        rate = tr("rate_na") if value.rate is None else format_pct(value.rate, L)
        status = badge(status_of(value, target))
        st.markdown(f"{status} **{ind.name(L)}**: {rate}", unsafe_allow_html=True)


for section in SECTIONS:
    in_section = [e for e in elements if e.section == section.code]
    if not in_section:
        continue
    name = section.name_vi if L == "vi" else section.name_en
    with st.expander(f"{section.seed_ref} · {name}", expanded=section.code == "leadership"):
        codes_here = set()
        for element in in_section:
            if element.categories:
                st.markdown(f"**{element_name(element, L)}**")
                st.data_editor(
                    st.session_state[f"{device_key}:base"],
                    key=f"{device_key}:editor",
                    column_config={
                        col: st.column_config.NumberColumn(col, min_value=0, step=1, format="%d")
                        for col in st.session_state[f"{device_key}:base"].columns
                    },
                    width="stretch",
                )
                codes_here.update(device_codes)
                # One message per broken rule, though it names two cells of the grid.
                grid_rules = {v.rule: v for c in device_codes for v in by_code.get(c, [])}
                for v in grid_rules.values():
                    st.error(describe(v, L))
            else:
                field(element.code)
                codes_here.add(element.code)
        rates_for(codes_here)


def reload_from_database() -> None:
    """Drop what was typed for this unit and quarter; the next run loads the saved cells."""
    for key in [k for k in st.session_state if k == snapshot_key or f":{ns}:" in str(k)]:
        del st.session_state[key]


save_col, reload_col = st.columns([1, 3])
reload_col.button(tr("reload_saved"), on_click=reload_from_database, help=tr("reload_help"))
if save_col.button(tr("save_draft"), type="primary", disabled=workflow == "approved"):
    try:
        with session_scope(engine()) as session:
            result = save(
                session,
                actor=actor,
                org_code=org,
                period=period,
                entries=typed(),
                expected_version=snapshot["version"],
            )
    except FieldErrors as exc:
        st.error(tr("err_fields", count=len(exc.errors)))
    except Conflict as exc:
        st.error(f"{error_text(exc, L)}. {tr('conflict_hint')}")
        st.dataframe(pd.DataFrame(exc.changes), hide_index=True)
    except CdsError as exc:
        st.error(error_text(exc, L))
    else:
        snapshot["version"] = result.version
        changed = len(result.new) + len(result.changed)
        st.success(tr("saved", changed=changed, version=result.version))
