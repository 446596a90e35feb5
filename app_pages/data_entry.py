"""Nhập số liệu: one org unit's quarterly form, checked as it is typed, saved, submitted, approved.

Nothing typed is lost: it lives in the session between reruns and pages (ui.form_state) and on
the server as the user's own draft (db.drafts) until it is saved or discarded, so a reload, a
closed tab or a restart brings it back; the unit and quarter are in the URL. The form is made
for the keyboard: one Tab stop per value (a comment box shows where a warning asks for one, or
everywhere on request), each rate beside the last of its inputs, each problem once at its field
with the index at the top linking to it, and the buttons with their feedback pinned at the
bottom of the screen.
"""

import streamlit as st

from cds_core import values as value_io
from cds_core.catalogue import (
    ELEMENTS,
    SECTIONS,
    VALUE_CODES,
    Kind,
    element_name,
    value_code_name,
)
from cds_core.descriptions import DESCRIPTIONS, time_note
from cds_core.formatting import format_counts, format_moment, format_pct
from cds_core.hamlets import DERIVED, ROSTER_COUNT
from cds_core.indicators import INDICATORS, compute
from cds_core.periods import Period
from cds_core.roles import Role
from cds_core.rules import Severity, check, explained_before, unexplained
from cds_core.status import status_of
from cds_core.submissions import EDITABLE, SENT, SubmissionStatus
from cds_core.targets import resolve
from db import drafts, workflow
from db.database import session_scope
from db.hamlets import activities, members
from db.orgunits import get as get_unit
from db.targets import in_force
from db.values import quarter_changes, save, submission, unit_values
from texts import describe
from ui import change_table, form_dom
from ui.auth import require_user
from ui.data import engine
from ui.form_state import Form, dom_class
from ui.i18n import error_plain, lang, tr, tr_plain
from ui.widgets import badge, org_picker, period_picker
from ui.writes import write

actor = require_user(Role.EDITOR, Role.HAMLET_EDITOR)
L = lang()
st.title(tr("page_entry"))
left, right = st.columns(2)
with left:
    org = org_picker(actor, levels=("xa", "ap") if actor.role != Role.HAMLET_EDITOR else ("ap",))
with session_scope(engine()) as session:
    left_off = drafts.latest_period(session, actor=actor, org_code=org)
with right:
    period = period_picker(actor, prefer=left_off)
p = Period.parse(period)

with session_scope(engine()) as session:
    unit = get_unit(session, org)
    level, unit_name = unit.level, unit.name
    elements = [e for e in ELEMENTS.values() if e.level == level]
    codes = [vc.code for vc in VALUE_CODES.values() if vc.element in elements]  # page order
    form = Form(f"{org}:{period}", codes)
    stored = unit_values(session, unit, period)
    previous = unit_values(session, unit, p.previous().code)
    sub = submission(session, unit, period)
    version, status_now = sub.version, sub.status
    locked = status_now == SubmissionStatus.APPROVED
    draft = None if form.opened or locked else drafts.load(session, actor=actor, org_code=org,
                                                            period=period)  # fmt: skip
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

state = form.load(version, stored, previous, draft)
order = {code: i for i, code in enumerate(codes)}

# -- what the figures say: problems, each homed at the last of its fields on the page --

good, bad = value_io.parse_all(state.text)
before = {code: cell.value for code, cell in previous.items()}
before_comments = {code: cell.comment for code, cell in previous.items()}
violations = check(good, [before] if previous else [])
blocking = unexplained(violations, good, state.comments, before, before_comments)
# Warnings explained last quarter on the same figures: the explanation is kept when saving.
carried_notes = {}
for v in violations:
    if v not in blocking and not any(state.comments.get(c, "").strip() for c in v.elements):
        note = explained_before(v, good, before, before_comments)
        if note:
            carried_notes[v.rule] = next(c for c in v.elements if before_comments.get(c) == note)


def home(element_codes) -> str:
    return max((c for c in element_codes if c in order), key=order.get)


messages: dict[str, list] = {}  # field → what to say there, once: ("error" | "warning", text)
problem_fields: list[tuple[str, Severity]] = []  # (field, severity) in page order, for the index
for code, exc in bad.items():
    messages.setdefault(code, []).append(("error", error_plain(exc)))
    problem_fields.append((code, Severity.ERROR))
for v in violations:
    at = home(v.elements)
    if v.severity is Severity.ERROR:
        messages.setdefault(at, []).append(("error", describe(v, L)))
    elif v in blocking:
        messages.setdefault(at, []).append(
            ("warning", f"{describe(v, L)} — {tr('entry_needs_comment')}")
        )
    elif v.rule in carried_notes:
        comment = before_comments[carried_notes[v.rule]]
        messages.setdefault(at, []).append(
            ("info", f"{describe(v, L)} — {tr('entry_explained_before', comment=comment)}")
        )
    if v in blocking:
        problem_fields.append((at, v.severity))
problem_fields.sort(key=lambda f: order[f[0]])
asks_comment = {home(v.elements) for v in violations if v.severity is Severity.WARNING}

rates: dict[str, list] = {}  # field → the rates computed from it and the fields before it
for ind in INDICATORS.values():
    if set(ind.elements) <= set(codes):
        rates.setdefault(home(ind.elements), []).append(ind)

# -- the page's header: where we are, what is kept, the index --

st.caption(tr_plain("entry_caption", unit=unit_name, period=p.label(L), version=state.version))
st.markdown(tr("entry_status", status=tr("wf_" + status_now)))


def go_to(quarter: str) -> None:
    st.session_state["period"] = quarter


notices = st.container()  # always drawn: what follows keeps its place (and its focus)
with notices:
    if locked:
        st.warning(tr("entry_approved"))
    else:
        st.caption(tr("entry_kept"))
    if left_off and left_off != period:
        elsewhere = Period.parse(left_off).label(L)
        st.info(tr("entry_left_off", period=elsewhere))
        st.button(tr("entry_open_left_off", period=elsewhere), on_click=go_to, args=(left_off,))
    if state.restored is not None:
        st.info(
            tr(
                "entry_restored",
                count=len(state.restored.entries) + len(state.restored.comments),
                when=format_moment(state.restored.updated_at),
            )
        )
        if state.restored.base_version != version:
            st.warning(tr("entry_restored_stale"))

in_section = {
    s.code: [c for c in codes if VALUE_CODES[c].element.section == s.code] for s in SECTIONS
}


def link(code: str) -> str:
    name = value_code_name(VALUE_CODES[code], L).replace("[", "(").replace("]", ")")
    return f"[{name}](#f-{code})"


def first_empty(section_codes: list[str]) -> str | None:
    return next((c for c in section_codes if not state.text[c].strip()), None)


with st.container(border=True):
    st.markdown(f"**{tr('entry_index')}**")
    rows = [f"| {tr('col_section')} | {tr('col_filled')} | {tr('col_to_fix')} | "
            f"{tr('col_next_empty')} |", "|---|---|---|---|"]  # fmt: skip
    for section in SECTIONS:
        here = in_section[section.code]
        if not here:
            continue
        filled = sum(bool(state.text[c].strip()) for c in here)
        wrong = [f for f, _ in problem_fields if f in here]
        to_fix = link(wrong[0]) if wrong else "—"
        if len(wrong) > 1:
            to_fix += f" (+{len(wrong) - 1})"
        empty = first_empty(here)
        name = section.name_vi if L == "vi" else section.name_en
        rows.append(
            f"| [{section.seed_ref} · {name}](#f-{here[0]}) | {filled}/{len(here)} | {to_fix} | "
            f"{link(empty) if empty else '—'} |"
        )
    st.markdown("\n".join(rows))
    if problem_fields:
        errors = sum(sev is Severity.ERROR for _, sev in problem_fields)
        st.markdown(
            tr("entry_problems", bad=errors, warn=len(problem_fields) - errors)
            + " "
            + " · ".join(
                ("✖ " if sev is Severity.ERROR else "⚠ ") + link(f) for f, sev in problem_fields
            )
        )
    else:
        st.markdown(tr("entry_no_problems"))
    all_comments = st.toggle(tr("entry_show_comments"), key="entry_all_comments")

# -- the fields --

SAVE = "entry_save"  # the save button's key: Ctrl+S presses it (ui.form_dom)


def help_text(code: str) -> str:
    """What the figure means, how it is counted in time, where it comes from: never a code."""
    element = ELEMENTS[code]
    d = DESCRIPTIONS[code]
    parts = [d.meaning(L), time_note(element, L), tr("entry_source", source=d.source(L))]
    return "\n\n".join(part for part in parts if part)


def rate_lines(code: str) -> None:
    for ind in rates.get(code, []):
        value = compute(ind, good)
        target = resolve(targets, ind.code, org_unit=org, level=level, year=p.year)
        rate = tr("rate_na") if value.rate is None else format_pct(value.rate, L)
        counts = format_counts(value.numerator, value.denominator, L)
        st.markdown(
            f"{badge(status_of(value, target, p.year))} **{ind.name(L)}**: {rate}"
            + (f" ({counts})" if counts and value.rate is not None else ""),
            unsafe_allow_html=True,
        )


def say(code: str) -> None:
    for kind, text in messages.get(code, []):
        {"error": st.error, "warning": st.warning, "info": st.info}[kind](text)
    if code not in bad and (note := value_io.reading(VALUE_CODES[code], state.text.get(code))):
        st.caption(tr_plain(note[0], **note[1]))  # "1.096": say how it was read


def notes(code: str) -> None:
    """Beside a value: its problems, the rates it completes, last quarter, and its comment."""
    say(code)
    rate_lines(code)
    if code in from_log:
        st.caption(tr("entry_from_log"))
    if code in state.carried:
        st.caption(tr("entry_carried"))
    if code in previous and previous[code].value is not None:
        st.caption(
            tr("entry_previous", value=value_io.to_csv(VALUE_CODES[code], previous[code].value))
        )
    if all_comments or state.comments.get(code, "").strip() or code in asks_comment:
        st.text_input(
            tr("entry_comment"),
            state.comments.get(code, ""),
            key=form.comment_widget(code),
            placeholder=tr("entry_comment_hint"),
            disabled=locked,
            autocomplete="off",
            max_chars=value_io.MAX_COMMENT,
        )


def field(code: str) -> None:
    element = ELEMENTS[code]
    label, key = element_name(element, L), form.widget(code)
    if element.kind is Kind.TEXT and code.startswith("nar_"):
        st.text_area(label, state.text[code], key=key, help=help_text(code), height=160,
                     disabled=locked, max_chars=value_io.MAX_TEXT)  # fmt: skip
        with st.container():
            notes(code)
        return
    value_col, notes_col = st.columns([3, 2])
    with value_col:
        if element.kind is Kind.BOOL:
            names = {"": "—", "có": tr("yes"), "không": tr("no")}
            chosen = list(names).index(state.text[code]) if state.text[code] in names else 0
            st.selectbox(label, list(names), chosen, key=key,
                         help=help_text(code), format_func=names.get, disabled=locked)  # fmt: skip
        else:
            limit = value_io.MAX_TEXT if element.kind is Kind.TEXT else 40
            st.text_input(label, state.text[code], key=key, help=help_text(code),
                          autocomplete="off", disabled=locked or code in from_log,
                          max_chars=limit)  # fmt: skip
    with notes_col:
        notes(code)


def device_table(element) -> None:
    """A disaggregated element (the hardware table) as a table: a row per option of its first
    category, a column per option of its second, one input per cell (one Tab stop each)."""
    first, *rest = element.dimensions
    columns = rest[0].options if rest else (None,)
    widths = [3, *(1 for _ in columns)]
    st.markdown(f"**{element_name(element, L)}**", help=help_text(element.code))
    if rest:
        for col, option in zip(st.columns(widths)[1:], columns, strict=True):
            col.caption(option.name(L))
    for option in first.options:
        row = st.columns(widths, vertical_alignment="center")
        row[0].markdown(option.name(L))
        for cell, column in zip(row[1:], columns, strict=True):
            code = ".".join([element.code, option.code, *([column.code] if column else [])])
            cell.text_input(
                value_code_name(VALUE_CODES[code], L),
                state.text[code],
                key=form.widget(code),
                label_visibility="collapsed",
                autocomplete="off",
                disabled=locked,
                max_chars=40,
            )
    cells = [c for c in codes if VALUE_CODES[c].element is element]
    with st.container():
        for code in cells:
            say(code)
            rate_lines(code)
        if any(c in state.carried for c in cells):
            st.caption(tr("entry_carried"))


for section in SECTIONS:
    here = in_section[section.code]
    if not here:
        continue
    name = section.name_vi if L == "vi" else section.name_en
    st.subheader(f"{section.seed_ref} · {name}", anchor=False, divider="gray")
    for element in (e for e in elements if e.section == section.code):
        if element.categories:
            device_table(element)
        else:
            field(element.code)
    later = [c for c in codes[order[here[-1]] + 1 :] + codes if not state.text[c].strip()]
    if later:
        st.markdown(tr("entry_next_empty", field=link(later[0])))

form_dom.tune(
    modes={
        dom_class(form.widget(c)): "numeric" if VALUE_CODES[c].kind is Kind.COUNT else "decimal"
        for c in codes
        if VALUE_CODES[c].kind in (Kind.COUNT, Kind.NUMBER, Kind.PCT)
    },
    jumps={c: dom_class(form.widget(c)) for c in codes},
    save=dom_class(SAVE),
)

# -- saving, submitting, reviewing --


def save_typed(session) -> int:
    """Save what is typed (with the explanations carried from last quarter); the number of
    changed cells. The user's draft goes in the same transaction."""
    comments = {c: t for c, t in state.comments.items() if c in state.text}
    for code in carried_notes.values():
        if not comments.get(code, "").strip():
            comments[code] = before_comments[code]
    result = save(session, actor=actor, org_code=org, period=period, entries=state.text,
                  comments=comments, expected_version=state.version)  # fmt: skip
    drafts.discard(session, actor=actor, org_code=org, period=period)
    form.saved(state, result.version)
    return len(result.new) + len(result.changed)


def submit(session) -> None:
    workflow.submit(session, actor=actor, org_code=org, period=period)


def approve(session) -> None:
    workflow.approve(session, actor=actor, org_code=org, period=period)


def reopen(session) -> None:
    workflow.reopen(session, actor=actor, org_code=org, period=period, reason=reason)


def discard(session) -> None:
    drafts.discard(session, actor=actor, org_code=org, period=period)


def done(message: str) -> None:
    """After a save or a submit: the message by the buttons and as a toast, after the redraw."""
    st.session_state[flash_key] = (state.version, message)
    st.session_state["_entry_toast"] = message
    st.rerun()


flash_key = f"flash:{org}:{period}"
if toast := st.session_state.pop("_entry_toast", None):
    st.toast(toast, icon="✅")
can_submit = status_now in EDITABLE and not locked
with st.bottom:
    save_col, submit_col, discard_col, status_col = st.columns([1, 1.3, 1.3, 3])
    saved_now = save_col.button(
        tr("save_draft"), key=SAVE, type="primary", disabled=locked, help=tr("save_shortcut")
    )
    submit_now = submit_col.button(tr("wf_submit"), disabled=not can_submit)
    discard_now = discard_col.button(tr("reload_saved"), disabled=locked)
    feedback = st.container()
    with status_col:
        entries, comment_edits = form.unsaved(state)
        if entries or comment_edits:
            st.caption(tr("entry_unsaved", count=len(entries) + len(comment_edits)))
        elif (flash := st.session_state.get(flash_key)) and flash[0] == state.version:
            st.success(flash[1])
    with feedback:
        if saved_now and (saved := write(save_typed)):
            done(tr("saved", changed=saved.value, version=state.version))
        # The draft is saved first, in its own transaction, so a refused submission keeps it.
        if submit_now and write(save_typed):
            if write(submit):
                done(tr("wf_submitted_ok"))
            if problem_fields:
                st.markdown(" · ".join(link(f) for f, _ in problem_fields))
        if discard_now and write(discard, changes_figures=False):
            form.forget()
            st.rerun()
        if not locked and (pending := form.to_keep(state)) is not None:
            entries, comment_edits, base = pending

            def keep(session) -> None:
                drafts.keep(session, actor=actor, org_code=org, period=period,
                            base_version=base, entries=entries, comments=comment_edits)  # fmt: skip

            if write(keep, changes_figures=False):
                state.kept = pending

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
    pick = st.selectbox(
        tr("history_field"),
        ["", *codes],
        format_func=lambda c: tr("history_all") if not c else value_code_name(VALUE_CODES[c], L),
        key=f"hist:{org}:{period}",
    )
    with session_scope(engine()) as session:
        changes = quarter_changes(session, get_unit(session, org), period, element=pick or None)
    st.dataframe(change_table.table(changes, L), hide_index=True, width="stretch")
