"""Tasks as the pages show them: a task's state in words and the task in one line (what, who,
by when, the indicator it serves, its state)."""

from __future__ import annotations

from cds_core.indicators import INDICATORS
from cds_core.tasks import Task, TaskState
from ui.i18n import tr


def state_word(state: TaskState) -> str:
    return tr("task_state_" + state)


def task_line(task: Task, lang: str) -> str:
    """``Hoàn thành cấu hình … — Ông A (Ấp 1) · hạn 30/09/2024 · quá hạn``."""
    parts = [task.who, tr("task_due_on", due=task.due.strftime("%d/%m/%Y"))]
    if task.indicator in INDICATORS:
        parts.append(INDICATORS[task.indicator].name(lang))
    parts.append(state_word(task.state).upper() if task.state is TaskState.OVERDUE
                 else state_word(task.state))  # fmt: skip
    return f"{task.what} — {' · '.join(p for p in parts if p)}"
