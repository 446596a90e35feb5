"""What an officer has typed into a quarterly form, kept safe across reruns, page switches and
(through ``db.drafts``) reloads, closed tabs and server restarts.

Streamlit forgets a widget's state when a run does not draw it (another page was open), so the
typed text lives in a plain session entry per org unit and quarter: the widgets are read into
it on every run and drawn from it. The database is read into it once (with the user's unsaved draft
on top), and again only on request. What differs from the saved form is the draft the page
keeps on the server as the officer goes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import streamlit as st

from cds_core import values as value_io
from cds_core.catalogue import VALUE_CODES, Time
from db.drafts import Draft
from db.values import Cell


@dataclass
class FormState:
    version: int  # the submission version the form was loaded at (optimistic concurrency)
    text: dict[str, str]  # value code → what is typed
    comments: dict[str, str]
    carried: set[str] = field(default_factory=set)  # stocks copied from last quarter, unsaved
    # The form as saved (or as it opened): what typing is measured against.
    saved_text: dict[str, str] = field(default_factory=dict)
    saved_comments: dict[str, str] = field(default_factory=dict)
    restored: Draft | None = None  # the draft this form reopened with, until it is saved
    kept: tuple[dict, dict, int] | None = None  # the draft last written to the server


def _shown(code: str, value) -> str:
    return "" if value is None else value_io.to_csv(VALUE_CODES[code], value)


def dom_class(widget_key: str) -> str:
    """The CSS class Streamlit gives the element of a widget with this key."""
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", widget_key.strip())


class Form:
    """The form of one org unit and quarter: ``ns`` names its session entries."""

    def __init__(self, ns: str, codes: list[str]) -> None:
        self.ns = ns
        self.codes = codes

    @property
    def key(self) -> str:
        return f"form:{self.ns}"

    @property
    def opened(self) -> bool:
        """Whether this session has the form already (the database and draft are read once)."""
        return self.key in st.session_state

    def widget(self, code: str) -> str:
        return f"v:{self.ns}:{code}"

    def comment_widget(self, code: str) -> str:
        return f"c:{self.ns}:{code}"

    def load(
        self,
        version: int,
        stored: dict[str, Cell],
        previous: dict[str, Cell],
        draft: Draft | None = None,
    ) -> FormState:
        """The form state, read from the database on the first visit only.

        An empty stock cell starts from last quarter's value, marked carried over until saved.
        The user's unsaved ``draft`` goes on top, at the version its typing started from: a
        save after someone else's then meets the conflict check instead of overwriting it.
        """
        if not self.opened:
            text, carried = {}, set()
            for code in self.codes:
                if code in stored:
                    text[code] = _shown(code, stored[code].value)
                elif VALUE_CODES[code].element.time is Time.STOCK and code in previous:
                    text[code] = _shown(code, previous[code].value)
                    carried.add(code)
                else:
                    text[code] = ""
            comments = {c: cell.comment for c, cell in stored.items() if c in text}
            state = FormState(version, text, comments, carried, dict(text), dict(comments))
            if draft is not None:
                text.update({c: v for c, v in draft.entries.items() if c in text})
                comments.update({c: v for c, v in draft.comments.items() if c in text})
                state.version, state.restored = draft.base_version, draft
                state.kept = (*self.unsaved(state), state.version)
            st.session_state[self.key] = state
        state: FormState = st.session_state[self.key]
        self._sync(state)
        return state

    def _sync(self, state: FormState) -> None:
        """Read what the widgets hold into the state. Widgets are drawn with the state's text as
        their default and never set through the session: a widget that the browser creates
        afresh (a reload, a rerun racing the first draw) then shows the text and reports it
        back, instead of reporting an empty default over it."""
        for code in self.codes:
            for key, store in ((self.widget(code), state.text),
                               (self.comment_widget(code), state.comments)):  # fmt: skip
                if key in st.session_state:
                    store[code] = st.session_state[key]

    def unsaved(self, state: FormState) -> tuple[dict[str, str], dict[str, str]]:
        """The cells and comments typed since the form was saved or opened."""
        entries = {c: t for c, t in state.text.items() if t != state.saved_text.get(c, "")}
        comments = {c: t for c, t in state.comments.items() if t != state.saved_comments.get(c, "")}
        return entries, comments

    def to_keep(self, state: FormState) -> tuple[dict, dict, int] | None:
        """The draft to write to the server now, or None when the last one written still holds."""
        entries, comments = self.unsaved(state)
        draft = (entries, comments, state.version)
        return None if draft == state.kept else draft

    def saved(self, state: FormState, version: int) -> None:
        state.version = version
        state.carried.clear()
        state.saved_text, state.saved_comments = dict(state.text), dict(state.comments)
        state.restored, state.kept = None, ({}, {}, version)

    def forget(self) -> None:
        """Drop what was typed; the next run reads the database again."""
        for key in [k for k in st.session_state if k == self.key or f":{self.ns}:" in str(k)]:
            del st.session_state[key]
