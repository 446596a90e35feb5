"""Kết luận và nhiệm vụ: what the Steering Committee's meeting on a unit's quarter concluded and
the tasks it gave (what, who, by when, the indicator it serves), each open, done or overdue; the
earlier meetings' tasks still open, to mark done; and the report's Phần thứ hai written from the
open tasks. The meeting's secretary (an editor of the unit or above) writes; everyone who sees
the unit reads; db.tasks checks and audits every write."""

import streamlit as st

from cds_core.catalogue import Level
from cds_core.completeness import today
from cds_core.indicators import INDICATORS
from cds_core.periods import Period
from cds_core.tasks import CONCLUSIONS_MAX, WHAT_MAX, WHO_MAX, Task, TaskState
from db import tasks
from db.database import session_scope
from db.orgunits import get as get_unit
from db.values import unit_values
from ui.auth import require_user
from ui.data import engine
from ui.i18n import lang, plain, tr
from ui.tasks import state_word, task_line
from ui.widgets import org_picker, period_picker
from ui.writes import write

actor = require_user()
L = lang()
st.title(tr("page_tasks"))
st.caption(tr("tasks_intro"))
left, right = st.columns(2)
with left:
    org = org_picker(actor, levels=("tinh", "huyen", "xa"))
with right:
    period = period_picker(actor)
quarter = Period.parse(period)
day = today()

with session_scope(engine()) as session:
    unit = get_unit(session, org)
    record = tasks.meeting(session, actor, org, period, on=day)
    earlier = tasks.open_tasks(session, actor, org, quarter.previous().code, on=day)
    pending = tasks.open_tasks(session, actor, org, period, on=day)
    written = unit_values(session, unit, period).get(tasks.PART_TWO)
    unit_names = dict(tasks.units_within(session, unit))
writer = tasks.may_write(actor, org)
key = f"{org}:{period}"
indicator_names = {code: ind.name(L) for code, ind in INDICATORS.items()}


def _done(task: Task) -> None:
    done = st.session_state[f"task-done:{task.id}"]
    write(lambda s: tasks.set_done(s, actor=actor, task_id=task.id, done_on=day if done else None))


def task_rows(rows: list[Task]) -> None:
    """Each task a line: a tick box for the secretary (done or not), its words for everyone."""
    for task in rows:
        line = task_line(task, L)
        if writer:
            st.checkbox(plain(line), value=task.state is TaskState.DONE,
                        key=f"task-done:{task.id}", on_change=_done, args=(task,))  # fmt: skip
        else:
            st.markdown(f"- {plain(line)}")


def task_form(form_key: str, task: Task | None = None) -> None:
    """The fields of a task: a new one when ``task`` is None, else that one to correct."""
    with st.form(form_key, clear_on_submit=task is None):
        what = st.text_area(tr("task_what"), value=task.what if task else "", height=80,
                            max_chars=WHAT_MAX)  # fmt: skip
        c1, c2, c3 = st.columns(3)
        person = c1.text_input(tr("task_person"), value=task.person if task else "",
                               max_chars=WHO_MAX)  # fmt: skip
        owners = [None, *unit_names]
        owner = c2.selectbox(
            tr("task_unit"), owners,
            index=owners.index(task.owner_unit) if task and task.owner_unit in owners else 0,
            format_func=lambda c: unit_names.get(c, tr("task_no_unit")),
        )  # fmt: skip
        due = c3.date_input(tr("task_due"), value=task.due if task else quarter.next().last_day,
                            format="DD/MM/YYYY")  # fmt: skip
        choices = [None, *indicator_names]
        indicator = st.selectbox(
            tr("task_indicator"), choices,
            index=choices.index(task.indicator) if task and task.indicator in choices else 0,
            format_func=lambda c: indicator_names.get(c, tr("task_no_indicator")),
        )  # fmt: skip
        if not st.form_submit_button(tr("task_save" if task else "task_add")):
            return
    fields = {"what": what, "due": due, "person": person, "owner_unit": owner,
              "indicator": indicator}  # fmt: skip
    if task is None:
        done = write(lambda s: tasks.add_task(s, actor=actor, org_code=org, period=period,
                                              **fields))  # fmt: skip
    else:
        done = write(lambda s: tasks.update_task(s, actor=actor, task_id=task.id, **fields))
    if done:
        st.rerun()


st.subheader(tr("tasks_meeting_heading", period=quarter.label(L)))
# -- the meeting's conclusions --
if writer:
    with st.form(f"conclusions:{key}"):
        held = st.date_input(tr("tasks_held_on"), value=record.held_on, format="DD/MM/YYYY")
        text = st.text_area(tr("tasks_conclusions"), value=record.conclusions, height=140,
                            max_chars=CONCLUSIONS_MAX)  # fmt: skip
        saving = st.form_submit_button(tr("tasks_save_conclusions"))
    if saving and write(
        lambda s: tasks.save_conclusions(
            s, actor=actor, org_code=org, period=period, text=text, held_on=held
        )
    ):
        st.success(tr("tasks_saved"))
elif record.conclusions:
    st.markdown(f"**{tr('tasks_conclusions')}**")
    st.text(record.conclusions)
else:
    st.caption(tr("tasks_no_conclusions"))

# -- its tasks --
st.markdown(f"#### {tr('tasks_of_meeting', count=len(record.tasks))}")
if record.tasks:
    task_rows(list(record.tasks))
else:
    st.caption(tr("tasks_none"))
if writer:
    with st.expander(tr("task_new"), expanded=not record.tasks):
        task_form(f"task-new:{key}")
    if record.tasks:
        with st.expander(tr("task_edit")):
            chosen = st.selectbox(tr("task_pick"), list(record.tasks),
                                  format_func=lambda t: t.what, key=f"task-pick:{key}")  # fmt: skip
            task_form(f"task-edit:{chosen.id}", chosen)

# -- earlier meetings' tasks not done yet: the secretary marks them done here --
st.markdown(f"#### {tr('tasks_earlier', count=len(earlier))}")
if earlier:
    task_rows(earlier)
else:
    st.caption(tr("tasks_none_earlier"))

# -- the report's Phần thứ hai (a commune's report) from the open tasks --
if unit.level == Level.XA:
    st.markdown(f"#### {tr('tasks_part_two_heading', period=quarter.label(L))}")
    text = tasks.part_two(pending)
    current = (written.value if written else "") or ""
    if not text:
        st.caption(tr("tasks_part_two_none"))
    elif current == text:
        st.text(text)
        st.caption(tr("tasks_part_two_same"))
    else:
        st.text(text)
        if writer:
            replace = True
            if current:
                st.caption(tr("tasks_part_two_has_text"))
                replace = st.checkbox(tr("tasks_part_two_replace"), key=f"part-two:{key}")
            if st.button(tr("tasks_part_two_fill"), disabled=not replace) and write(
                lambda s: tasks.fill_part_two(s, actor=actor, org_code=org, period=period, on=day)
            ):
                st.success(tr("tasks_part_two_done"))
st.caption(tr("tasks_states_note", open=state_word(TaskState.OPEN),
              overdue=state_word(TaskState.OVERDUE), done=state_word(TaskState.DONE)))  # fmt: skip
