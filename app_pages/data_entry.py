"""Nhập số liệu: one org unit's quarterly form, checked as it is typed, saved, submitted, approved.

What was typed lives in the session (ui.form_state) until it is saved, so a refused save (bad
input, someone else's newer save) or a visit to another page never loses it; nothing reaches
the database until every cell parses.
"""

import pandas as pd
import streamlit as st

from cds_core import values as value_io
from cds_core.catalogue import ELEMENTS, SECTIONS, VALUE_CODES, Kind, element_name, value_code_name
from cds_core.formatting import format_pct
from cds_core.hamlets import DERIVED, ROSTER_COUNT
from cds_core.indicators import INDICATORS, compute
from cds_core.periods import Period
from cds_core.roles import Role
from cds_core.rules import Severity, check
from cds_core.status import status_of
from cds_core.submissions import EDITABLE, SENT, SubmissionStatus
from cds_core.targets import resolve
from db import audit, workflow
from db.database import session_scope
from db.hamlets import activities, members
from db.orgunits import get as get_unit
from db.targets import in_force
from db.values import save, submission, unit_values
from texts import describe
from ui.auth import require_user
from ui.data import engine
from ui.form_state import Form, grid_codes
from ui.i18n import error_plain, lang, tr, tr_plain
from ui.widgets import badge, org_picker, period_picker
from ui.writes import write

actor = require_user(Role.EDITOR, Role.HAMLET_EDITOR)
L = lang()
st.title(tr("page_entry"))
left, right = st.columns(2)
with left:
    org = org_picker(actor, levels=("xa", "ap") if actor.role != Role.HAMLET_EDITOR else ("ap",))
with right:
    period = period_picker()
p = Period.parse(period)

with session_scope(engine()) as session:
    unit = get_unit(session, org)
    level, unit_name = unit.level, unit.name
    stored = unit_values(session, unit, period)
    previous = unit_values(session, unit, p.previous().code)
    sub = submission(session, unit, period)
    version, status_now = sub.version, sub.status
    targets = in_force(session)
    may_approve = workflow.can_approve(actor, unit)
    # Where a hamlet keeps an activity log, its three tcn_* counts come from the log alone.
    from_log = (
        set(DERIVED)
        if level == "ap"
        and activities(session, actor=actor, hamlet_code=org, period=period, limit=1)
        else set()
    )
    # Where it keeps a roster, the team's size is counted from it (db pins it on every save).
    if level == "ap" and members(session, actor=actor, hamlet_code=org):
        from_log.add(ROSTER_COUNT)

elements = [e for e in ELEMENTS.values() if e.level == level]
codes = [vc.code for vc in VALUE_CODES.values() if vc.element in elements]
form = Form(f"{org}:{period}", codes, L)
state = form.load(version, stored, previous)
locked = status_now == SubmissionStatus.APPROVED

good, bad = value_io.parse_all(state.text)
history = [{k: c.value for k, c in previous.items()}] if previous else []
violations = check(good, history)
by_code: dict[str, list] = {}
for v in violations:
    for code in v.elements:
        by_code.setdefault(code, []).append(v)


def commented(v) -> bool:
    return any(state.comments.get(code, "").strip() for code in v.elements)


st.caption(tr_plain("entry_caption", unit=unit_name, period=p.label(L), version=state.version))
# The last save's message stays until the form changes version again (reruns may follow it).
flash_key = f"flash:{org}:{period}"
if flash_key in st.session_state and st.session_state[flash_key][0] == state.version:
    st.success(st.session_state[flash_key][1])
st.markdown(tr("entry_status", status=tr("wf_" + status_now)))
if locked:
    st.warning(tr("entry_approved"))

# The top of the form lists every open problem, each naming its field.
errors = [v for v in violations if v.severity is Severity.ERROR]
warnings = [v for v in violations if v.severity is Severity.WARNING and not commented(v)]
if bad or errors or warnings:
    with st.container(border=True):
        st.markdown(tr("entry_problems", bad=len(bad) + len(errors), warn=len(warnings)))
        for code, exc in bad.items():
            st.error(f"{value_code_name(VALUE_CODES[code], L)}: {error_plain(exc)}", icon="✖")
        for v in errors:
            st.error(describe(v, L), icon="✖")
        for v in warnings:
            st.warning(f"{describe(v, L)} — {tr('entry_needs_comment')}", icon="⚠️")
else:
    st.success(tr("entry_no_problems"))
if state.carried:
    st.info(tr("entry_carried_count", count=len(state.carried)))


def field_notes(code: str) -> None:
    if code in bad:
        st.error(error_plain(bad[code]), icon="✖")
    elif note := value_io.reading(VALUE_CODES[code], state.text.get(code)):
        st.caption(tr_plain(note[0], **note[1]))  # "1.096": say how it was read
    for v in by_code.get(code, []):
        (st.error if v.severity is Severity.ERROR else st.warning)(describe(v, L))
    if code in state.carried:
        st.caption(tr("entry_carried"))
    if code in previous and previous[code].value is not None:
        st.caption(
            tr("entry_previous", value=value_io.to_csv(VALUE_CODES[code], previous[code].value))
        )


def field(code: str) -> None:
    """The value, and beside it the comment a warning asks for (narratives need none)."""
    element = ELEMENTS[code]
    label, key = element_name(element, L), form.widget(code)
    readonly = locked or code in from_log
    if element.kind is Kind.TEXT and code.startswith("nar_"):
        st.text_area(label, key=key, help=code, height=160, disabled=locked,
                     max_chars=value_io.MAX_TEXT)  # fmt: skip
        return
    value_col, comment_col = st.columns([3, 2])
    with value_col:
        if element.kind is Kind.BOOL:
            names = {"": "—", "có": tr("yes"), "không": tr("no")}
            st.selectbox(label, list(names), key=key, help=code, format_func=names.get,
                         disabled=locked)  # fmt: skip
        else:
            limit = value_io.MAX_TEXT if element.kind is Kind.TEXT else 40
            st.text_input(label, key=key, help=code, disabled=readonly, max_chars=limit)
        if code in from_log:
            st.caption(tr("entry_from_log"))
        field_notes(code)
    comment_col.text_input(
        tr("entry_comment"),
        key=form.comment_widget(code),
        placeholder=tr("entry_comment_hint"),
        disabled=locked,
        max_chars=value_io.MAX_COMMENT,
    )


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


def device_grid() -> None:
    base = st.session_state[form.grid_base]
    st.data_editor(
        base,
        key=form.grid_widget,
        column_config={
            col: st.column_config.NumberColumn(
                col, min_value=0, max_value=ELEMENTS["ht_device"].maximum, step=1, format="%d"
            )
            for col in base.columns
        },
        width="stretch",
        disabled=locked,
        placeholder="",  # an empty cell reads blank, not "None"
    )
    device_codes = [c for row in grid_codes() for c in row]
    carried = [c for c in device_codes if c in state.carried]
    if carried:
        st.caption(tr("entry_carried"))
    # One message per broken rule, though it names two cells of the grid.
    for v in {v.rule: v for c in device_codes for v in by_code.get(c, [])}.values():
        st.error(describe(v, L))


for section in SECTIONS:
    in_section = [e for e in elements if e.section == section.code]
    if not in_section:
        continue
    name = section.name_vi if L == "vi" else section.name_en
    with st.expander(f"{section.seed_ref} · {name}", expanded=section.code == "leadership"):
        here = set()
        for element in in_section:
            if element.categories:
                st.markdown(f"**{element_name(element, L)}**")
                device_grid()
                here.update(c for row in grid_codes() for c in row)
            else:
                field(element.code)
                here.add(element.code)
        rates_for(here)


def save_typed(session) -> int:
    """Save what is typed; returns the number of changed cells."""
    result = save(
        session,
        actor=actor,
        org_code=org,
        period=period,
        entries=state.text,
        comments={c: t for c, t in state.comments.items() if c in state.text},
        expected_version=state.version,
    )
    form.saved(state, result.version)
    return len(result.new) + len(result.changed)


save_col, submit_col, reload_col = st.columns([1, 1, 2])
reload_col.button(tr("reload_saved"), on_click=form.forget, help=tr("reload_help"))
if save_col.button(tr("save_draft"), type="primary", disabled=locked) and (
    saved := write(save_typed)
):
    # Redraw from the saved state (version, confirmed stocks), keeping the message.
    message = tr("saved", changed=saved.value, version=state.version)
    st.session_state[flash_key] = (state.version, message)
    st.rerun()


def submit(session) -> None:
    workflow.submit(session, actor=actor, org_code=org, period=period)


def approve(session) -> None:
    workflow.approve(session, actor=actor, org_code=org, period=period)


def reopen(session) -> None:
    workflow.reopen(session, actor=actor, org_code=org, period=period, reason=reason)


can_submit = status_now in EDITABLE and not locked
# The draft is saved first, in its own transaction, so a refused submission keeps the figures.
if (
    submit_col.button(tr("wf_submit"), disabled=not can_submit)
    and write(save_typed)
    and write(submit)
):
    st.session_state[flash_key] = (state.version, tr("wf_submitted_ok"))
    st.rerun()

if may_approve and status_now in SENT:
    with st.container(border=True):
        st.markdown(tr("wf_review_heading"))
        if (
            status_now == SubmissionStatus.SUBMITTED
            and st.button(tr("wf_approve"))
            and write(approve)
        ):
            st.rerun()
        reason = st.text_input(tr("wf_reason"), key=f"reason:{org}:{period}")
        if st.button(tr("wf_reopen")) and write(reopen):
            st.rerun()

with st.expander(tr("history_heading")):
    choices = ["", *codes]
    pick = st.selectbox(
        tr("history_field"),
        choices,
        format_func=lambda c: tr("history_all") if not c else value_code_name(VALUE_CODES[c], L),
        key=f"hist:{org}:{period}",
    )
    with session_scope(engine()) as session:
        events = audit.history(session, org_unit=org, period=period, element=pick or None)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    tr("col_when"): e.at,
                    tr("col_who"): e.username,
                    tr("col_what"): e.element
                    or tr("wf_" + (e.new_value or SubmissionStatus.DRAFT)),
                    tr("col_old"): e.old_value,
                    tr("col_new"): e.new_value,
                    tr("col_reason"): e.reason,
                }
                for e in events
            ],
            columns=[tr(k) for k in ("col_when", "col_who", "col_what", "col_old", "col_new",
                                     "col_reason")],
        ),
        hide_index=True,
        width="stretch",
    )  # fmt: skip
