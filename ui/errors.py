"""The last line of defence around a page run: an unexpected error is logged with an id and
the user sees a message in their language quoting that id, never a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from cds_core.errors import CdsError
from db import oplog
from texts import error_text
from ui.i18n import lang, tr


@st.cache_resource
def _log_ready() -> bool:
    oplog.configure()  # once per server process
    return True


@contextmanager
def guarded() -> Iterator[None]:
    """Run the block; show its errors as one translated line each.

    Streamlit's own stop and rerun signals are not ``Exception`` and pass through.
    """
    _log_ready()
    try:
        yield
    except CdsError as exc:
        # A refusal that escaped a page's own handling (a busy database while reading, say):
        # its message is already the user's.
        oplog.event("refused", "warning", user=st.session_state.get("username"),
                    key=exc.key)  # fmt: skip
        st.error(error_text(exc, lang()))
    except Exception as exc:
        error_id = oplog.error(exc, user=st.session_state.get("username"))
        st.error(tr("err_unexpected", id=error_id))
