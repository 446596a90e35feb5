"""The one way a page writes: one transaction, a refusal in the user's language, caches dropped.

Every write function of ``db`` checks permissions and raises ``CdsError`` subclasses; this is
where a page turns them into messages, so no page repeats the try/except/invalidate block.
A busy database is waited for (``CDS_BUSY_TIMEOUT_S``) under a spinner, then refused like any
other error: the page keeps what was typed, and the next click tries again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

import streamlit as st
from sqlmodel import Session

from cds_core.errors import CdsError
from db.database import busy_timeout_s, session_scope
from db.errors import Busy, Conflict, FieldErrors
from ui import change_table
from ui.data import engine, invalidate
from ui.i18n import error_plain, lang, tr

T = TypeVar("T")


@dataclass(frozen=True)
class Written(Generic[T]):
    """A write that went through, with what the write function returned."""

    value: T


def write(
    action: Callable[[Session], T],
    *,
    labels: Mapping[str, str] | None = None,
    spinner: str | None = None,
    changes_figures: bool = True,
) -> Written[T] | None:
    """Run ``action(session)`` in one transaction; ``None`` when it was refused.

    A refusal is shown where the call stands: the error in the user's language, each refused
    field by its ``labels`` name (when given; a form that marks its own fields passes none),
    and for a conflict the other person's changes in people's words; what the user typed is
    quoted, never rendered as Markdown. The caller keeps what was typed. A write that changes
    no figure (an unsaved draft) leaves the cached frames alone. The spinner (``spinner``, or
    one saying how long a busy database is waited for) shows only when the write takes longer
    than half a second.
    """
    waiting = spinner or tr("write_waiting", seconds=f"{busy_timeout_s():g}")
    try:
        with st.spinner(waiting), session_scope(engine(), write=True) as session:
            value = action(session)
    except FieldErrors as exc:
        st.error(tr("err_fields", count=len(exc.errors)))
        if labels is not None:
            for field, reason in exc.errors.items():
                st.error(f"{labels.get(field, field)}: {error_plain(reason)}")
    except Conflict as exc:
        st.error(f"{error_plain(exc)}. {tr('conflict_hint')}")
        st.dataframe(change_table.table(exc.changes, lang()), hide_index=True)
    except Busy as exc:
        st.error(f"{error_plain(exc)}. {tr('busy_hint')}")
    except CdsError as exc:
        st.error(error_plain(exc))
    else:
        if changes_figures:
            invalidate()
        return Written(value)
    return None
