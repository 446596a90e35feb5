"""The one way a page writes: one transaction, a refusal in the user's language, caches dropped.

Every write function of ``db`` checks permissions and raises ``CdsError`` subclasses; this is
where a page turns them into messages, so no page repeats the try/except/invalidate block.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

import streamlit as st
from sqlmodel import Session

from cds_core.errors import CdsError
from db.database import session_scope
from db.errors import Conflict, FieldErrors
from texts import error_text
from ui import change_table
from ui.data import engine, invalidate
from ui.i18n import lang, tr

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
    and for a conflict the other person's changes in people's words. The caller keeps what was
    typed. A write that changes no figure (an unsaved draft) leaves the cached frames alone.
    """
    L = lang()
    try:
        if spinner:
            with st.spinner(spinner), session_scope(engine()) as session:
                value = action(session)
        else:
            with session_scope(engine()) as session:
                value = action(session)
    except FieldErrors as exc:
        st.error(tr("err_fields", count=len(exc.errors)))
        if labels is not None:
            for field, reason in exc.errors.items():
                st.error(f"{labels.get(field, field)}: {error_text(reason, L)}")
    except Conflict as exc:
        st.error(f"{error_text(exc, L)}. {tr('conflict_hint')}")
        st.dataframe(change_table.table(exc.changes, L), hide_index=True)
    except CdsError as exc:
        st.error(error_text(exc, L))
    else:
        if changes_figures:
            invalidate()
        return Written(value)
    return None
