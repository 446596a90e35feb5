"""Mục tiêu: every target in force with its source, deadline, amber band and scope, beside the
catalogue's default; an administrator sets a value or band, or a target for one org unit, level
or year (the most specific wins), each change audited."""

from datetime import date

import pandas as pd
import streamlit as st

from cds_core.formatting import format_pct
from cds_core.indicators import INDICATORS
from cds_core.targets import Comparator, Target, expired
from db import targets as target_db
from db.database import session_scope
from db.orgunits import all_units
from ui.auth import require_user
from ui.data import engine
from ui.i18n import lang, tr, tr_plain
from ui.widgets import LEVEL_KEYS, table_csv
from ui.writes import write

actor = require_user()
L = lang()
st.title(tr("page_targets"))
st.page_link("app_pages/rules.py", label=tr("rules_link"), icon=":material/rule:")

with session_scope(engine()) as session:
    targets = target_db.in_force(session)
    overrides = target_db.overrides(session)
    units = {u.code: u.name for u in all_units(session)}
by_row = {(o.target.id, o.target.org_unit, o.target.level, o.target.year): o for o in overrides}


def scope(t: Target) -> str:
    parts = []
    if t.org_unit:
        parts.append(units.get(t.org_unit, t.org_unit))
    if t.level:
        parts.append(tr("target_scope_level", level=tr(LEVEL_KEYS[t.level])))
    if t.year:
        parts.append(tr("target_scope_year", year=t.year))
    return ", ".join(parts) or tr("target_scope_all")


def default_text(t: Target) -> str:
    d = target_db.catalogue_default(t.indicator)
    if d is None:
        return "—"
    return f"{d.label()} · {format_pct(d.band_start, L)} · {d.deadline}"


rows = []
for t in sorted(targets, key=lambda t: (list(INDICATORS).index(t.indicator), t.specificity)):
    override = by_row.get((t.id, t.org_unit, t.level, t.year))
    rows.append(
        {
            tr("col_id"): t.id,
            tr("col_indicator"): INDICATORS[t.indicator].name(L),
            tr("col_scope"): scope(t),
            tr("col_target"): t.label(),
            tr("col_amber"): format_pct(t.band_start, L),
            tr("col_deadline"): t.deadline,
            tr("col_source"): t.source,
            tr("col_default"): default_text(t),
            tr("col_changed_by"): (
                f"{override.updated_by} · {override.updated_at:%Y-%m-%d}" if override else ""
            ),
        }
    )
table = pd.DataFrame(rows)
st.dataframe(table, hide_index=True, width="stretch", placeholder="")
st.download_button(tr("download_csv"), table_csv(table), "targets.csv", "text/csv")
st.caption(tr("targets_specific_note"))

# Resolution 08's targets end in 2025: after that year a value short of its target is simply
# not met, until an administrator adds the next horizon's targets (a year from which they
# apply, a deadline and the source document).
this_year = date.today().year
if past := expired(targets, this_year):
    names = ", ".join(INDICATORS[t.indicator].name(L) for t in past)
    st.warning(tr("targets_expired", year=this_year, count=len(past), names=names),
               icon=":material/event_busy:")  # fmt: skip

if not actor.is_admin:
    st.caption(tr("targets_admin_only"))
    st.stop()

st.header(tr("targets_edit"))
if "target_flash" in st.session_state:
    st.success(st.session_state.pop("target_flash"))
code = st.selectbox(
    tr("pick_indicator"),
    list(INDICATORS),
    format_func=lambda c: INDICATORS[c].name(L),
    key="target_indicator",
)
default = target_db.catalogue_default(code)
if default:
    st.caption(
        tr(
            "target_default",
            target=default.label(),
            amber=format_pct(default.band_start, L),
            deadline=default.deadline,
            source=default.source,
        )  # fmt: skip
    )
else:
    st.caption(tr("target_no_default"))

levels = [None, *LEVEL_KEYS]
with st.form(f"target_form_{code}"):
    a, b, c, d = st.columns(4)
    comparators = [cmp.value for cmp in Comparator]
    comparator = a.selectbox(
        tr("target_comparator"),
        comparators,
        index=comparators.index(default.comparator.value) if default else 0,
        format_func=lambda v: Comparator(v).symbol,
    )
    value = b.number_input(
        tr("target_value"), 0.0, 100.0, float(default.value) if default else 80.0, 1.0
    )
    amber = c.number_input(tr("target_amber"), 0.0, 100.0, None, 1.0, help=tr("target_amber_help"))
    deadline = d.number_input(
        tr("col_deadline"), 2020, 2100, default.deadline if default else 2025, 1
    )
    # Empty on purpose: a new target cites the decision that set it, not the one it replaces.
    source = st.text_area(tr("col_source"), "", placeholder=tr("target_source_hint"))
    e, f, g = st.columns(3)
    scopes = {None: tr("target_scope_all")} | units
    org = e.selectbox(tr("target_org"), list(scopes), format_func=scopes.get)
    level_names = {None: tr("target_scope_all")} | {lv: tr(LEVEL_KEYS[lv]) for lv in LEVEL_KEYS}
    level = f.selectbox(tr("target_level"), levels, format_func=level_names.get)
    year = g.number_input(tr("target_year"), 2020, 2100, None, 1, help=tr("target_year_help"))
    st.caption(tr("targets_horizon_help"))
    reason = st.text_input(tr("target_reason"), placeholder=tr("target_reason_hint"))
    submitted = st.form_submit_button(tr("save"), type="primary")

if submitted:
    saved = write(
        lambda s: target_db.save(
            s,
            actor=actor,
            indicator=code,
            comparator=comparator,
            value=value,
            amber_from=amber,
            deadline=int(deadline),
            source=source,
            org_unit=org,
            level=level,
            year=None if year is None else int(year),
            reason=reason,
        ),
        labels={
            "indicator": tr("target_field_indicator"),
            "value": tr("target_field_value"),
            "amber_from": tr("target_field_amber_from"),
            "deadline": tr("target_field_deadline"),
            "year": tr("target_field_year"),
            "source": tr("target_field_source"),
            "level": tr("target_field_level"),
            "org_unit": tr("target_field_org_unit"),
            "reason": tr("target_reason"),
        },
    )
    if saved:
        # Shown after the rerun that redraws the table with the new target.
        st.session_state["target_flash"] = tr_plain(
            "target_saved", id=saved.value.id, target=saved.value.label(), scope=scope(saved.value)
        )
        st.rerun()

if overrides:
    st.subheader(tr("targets_remove"))
    choice = st.selectbox(
        tr("targets_remove_pick"),
        [o.row_id for o in overrides],
        format_func=lambda i: next(
            f"{o.target.id} · {INDICATORS[o.target.indicator].name(L)} · {o.target.label()} · "
            f"{scope(o.target)}"
            for o in overrides
            if o.row_id == i
        ),
    )
    if st.button(tr("targets_remove_button")) and write(
        lambda s: target_db.remove(s, actor=actor, row_id=choice, reason=tr("targets_remove"))
    ):
        st.rerun()
