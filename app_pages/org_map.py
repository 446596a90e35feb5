"""Bản đồ đơn vị (administrators): the tree of org units as of any date, each unit's lineage
(its periods, predecessors and successors), and the map's editing — one unit's periods and
predecessors in a table, or the whole map as the org-units CSV — checked whole by db.orgunits."""

from datetime import date

import pandas as pd
import streamlit as st

from cds_core import orgmap
from cds_core.catalogue import Level
from cds_core.interchange import OrgUnitRecord, parse_org_units, write_org_units
from cds_core.roles import Role
from db import orgunits
from db.database import session_scope
from db.orgmap import load
from ui.auth import require_user
from ui.data import engine
from ui.i18n import tr, tr_plain
from ui.widgets import LEVEL_KEYS
from ui.writes import write

actor = require_user(Role.ADMIN)
st.title(tr("page_org_map"))
st.caption(tr("map_intro"))
if flash := st.session_state.pop("_map_flash", None):
    st.success(flash)

with session_scope(engine()) as session:
    units = load(session)


def name(code: str | None) -> str:
    return "—" if code is None else f"{units[code].current.name} ({code})"


def period_text(v: orgmap.Version) -> str:
    return f"{orgmap.day_text(v.valid_from)} – {orgmap.day_text(v.valid_to)}"


# -- the tree as of a date --
day = st.date_input(tr("map_as_of"), date.today(), format="DD/MM/YYYY", key="map_day")
tree = orgmap.on(units, day)
st.dataframe(
    pd.DataFrame(
        [
            {
                tr("col_org"): "\u3000" * depth + version.name,
                tr("map_col_code"): unit.code,
                tr("map_col_level"): tr(LEVEL_KEYS[unit.level]),
                tr("map_col_valid"): period_text(version),
            }
            for depth, unit, version in tree
        ]
    ),
    hide_index=True,
    width="stretch",
)
if not tree:
    st.info(tr("map_empty_on", day=day.strftime("%d/%m/%Y")))

# -- one unit's lineage --
st.header(tr("map_lineage"))
codes = list(units)
if not codes:
    st.stop()
code = st.selectbox(tr("map_pick_unit"), codes, format_func=name, key="map_unit")
unit = units[code]
successors = orgmap.successors(units)
st.dataframe(
    pd.DataFrame(
        [
            {tr("map_col_valid"): period_text(v), tr("col_org"): v.name,
             tr("map_col_parent"): name(v.parent)}
            for v in unit.versions
        ]
    ),
    hide_index=True,
    width="stretch",
)  # fmt: skip
after = successors.get(code, [])
st.markdown(
    tr_plain("map_predecessors_line", names=", ".join(map(name, unit.predecessors)) or "—")
    + "  \n"
    + tr_plain("map_successors_line", names=", ".join(map(name, after)) or "—")
)
if len(after) > 1:
    st.warning(
        tr_plain("map_split", names=", ".join(map(name, after))), icon=":material/call_split:"
    )

# -- editing one unit: its periods and predecessors --
st.subheader(tr("map_edit"))
st.caption(tr("map_edit_help"))
rows = pd.DataFrame(
    [
        {"valid_from": v.valid_from, "valid_to": v.valid_to, "name": v.name,
         "parent_code": v.parent}
        for v in unit.versions
    ],
    columns=["valid_from", "valid_to", "name", "parent_code"],
)  # fmt: skip
with st.form(f"map_form_{code}"):
    edited = st.data_editor(
        rows,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "valid_from": st.column_config.DateColumn(tr("map_valid_from"), format="DD/MM/YYYY"),
            "valid_to": st.column_config.DateColumn(tr("map_valid_to"), format="DD/MM/YYYY"),
            "name": st.column_config.TextColumn(tr("col_org"), required=True),
            "parent_code": st.column_config.SelectboxColumn(
                tr("map_col_parent"), options=[c for c in codes if c != code]
            ),
        },
    )
    predecessors = st.multiselect(
        tr("map_predecessors"),
        [c for c in codes if c != code],
        default=list(unit.predecessors),
        format_func=name,
    )
    save = st.form_submit_button(tr("save"), type="primary")


def _day(value) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


if save:
    records = [
        OrgUnitRecord(i, code, str(r["name"] or "").strip(), unit.level, r["parent_code"] or None,
                      _day(r["valid_from"]), _day(r["valid_to"]), tuple(predecessors))
        for i, r in enumerate(edited.to_dict("records"), start=1)
    ]  # fmt: skip
    demo = {code} if unit.is_demo else set()
    if write(lambda s: orgunits.upsert(s, actor=actor, records=records, demo_codes=demo)):
        st.session_state["_map_flash"] = tr("map_saved", unit=name(code))
        st.rerun()

# -- a new unit, or the whole map as a file --
st.subheader(tr("map_new"))
with st.form("map_new_form", clear_on_submit=False):
    a, b, c = st.columns(3)
    new_code = a.text_input(tr("map_col_code"))
    new_name = b.text_input(tr("col_org"))
    new_level = c.selectbox(tr("map_col_level"), [lv.value for lv in Level],
                            format_func=lambda lv: tr(LEVEL_KEYS[lv]))  # fmt: skip
    d, e, f = st.columns(3)
    new_parent = d.selectbox(tr("map_col_parent"), [None, *codes], format_func=name)
    new_from = e.date_input(tr("map_valid_from"), None, format="DD/MM/YYYY")
    new_to = f.date_input(tr("map_valid_to"), None, format="DD/MM/YYYY")
    new_preds = st.multiselect(tr("map_predecessors"), codes, format_func=name)
    create = st.form_submit_button(tr("map_create"))
if create:
    record = OrgUnitRecord(1, new_code.strip(), new_name.strip(), new_level, new_parent,
                           new_from, new_to, tuple(new_preds))  # fmt: skip
    if not record.code or not record.name:
        st.error(tr("map_code_name_required"))
    elif write(lambda s: orgunits.upsert(s, actor=actor, records=[record])):
        st.session_state["_map_flash"] = tr("map_saved", unit=f"{record.name} ({record.code})")
        st.rerun()

st.download_button(
    tr("map_download"),
    write_org_units(orgmap.as_records(units)).encode("utf-8"),
    "org-units.csv",
    "text/csv",
)
upload = st.file_uploader(tr("map_upload"), type=["csv"], key="map_upload")
if upload is not None and st.button(tr("map_apply"), type="primary"):

    def apply(session):
        return orgunits.upsert(
            session, actor=actor, records=parse_org_units(upload.getvalue().decode("utf-8-sig"))
        )

    if done := write(apply):
        created, updated = done.value
        st.session_state["_map_flash"] = tr("map_imported", created=created, updated=updated)
        st.rerun()
