"""What an officer has typed into a quarterly form, kept safe across reruns and page switches.

Streamlit forgets a widget's state when a run does not draw it (another page was open), so the
typed text lives in a plain session entry per org unit and quarter, and the widgets are synced
to and from it on every run. The database is read into it once, and again only on request.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from cds_core import values as value_io
from cds_core.catalogue import DEVICE_COLUMNS, DEVICE_TYPES, VALUE_CODES, Time
from db.values import Cell

DEVICE = "ht_device"


@dataclass
class FormState:
    version: int  # the submission version the form was loaded at (optimistic concurrency)
    text: dict[str, str]  # value code → what is typed
    comments: dict[str, str]
    carried: set[str] = field(default_factory=set)  # stocks copied from last quarter, unsaved
    grid: pd.DataFrame | None = None  # the device table, when the form has one


def _shown(code: str, value) -> str:
    return "" if value is None else value_io.to_csv(VALUE_CODES[code], value)


def grid_labels(lang: str) -> tuple[list[str], list[str]]:
    rows = [vi if lang == "vi" else en for _, vi, en in DEVICE_TYPES]
    cols = [vi if lang == "vi" else en for _, vi, en in DEVICE_COLUMNS]
    return rows, cols


def grid_codes() -> list[list[str]]:
    return [[f"{DEVICE}.{t}.{c}" for c, _, _ in DEVICE_COLUMNS] for t, _, _ in DEVICE_TYPES]


class Form:
    """The form of one org unit and quarter: ``ns`` names its session entries."""

    def __init__(self, ns: str, codes: list[str], lang: str) -> None:
        self.ns, self.lang = ns, lang
        self.codes = codes
        self.scalar = [c for c in codes if not c.startswith(f"{DEVICE}.")]
        self.has_grid = len(self.scalar) != len(codes)

    @property
    def key(self) -> str:
        return f"form:{self.ns}"

    def widget(self, code: str) -> str:
        return f"v:{self.ns}:{code}"

    def comment_widget(self, code: str) -> str:
        return f"c:{self.ns}:{code}"

    @property
    def grid_widget(self) -> str:
        return f"g:{self.ns}:editor"

    @property
    def grid_base(self) -> str:
        return f"g:{self.ns}:base"

    def load(self, version: int, stored: dict[str, Cell], previous: dict[str, Cell]) -> FormState:
        """The form state, read from the database on the first visit only.

        An empty stock cell starts from last quarter's value, marked carried over until saved.
        """
        if self.key not in st.session_state:
            text, carried = {}, set()
            for code in self.codes:
                if code in stored:
                    text[code] = _shown(code, stored[code].value)
                elif VALUE_CODES[code].element.time is Time.STOCK and code in previous:
                    text[code] = _shown(code, previous[code].value)
                    carried.add(code)
                else:
                    text[code] = ""
            comments = {c: cell.comment for c, cell in stored.items()}
            state = FormState(version, text, comments, carried)
            if self.has_grid:
                rows, cols = grid_labels(self.lang)
                state.grid = pd.DataFrame(
                    [[_number(text[c]) for c in row] for row in grid_codes()],
                    index=rows,
                    columns=cols,
                    dtype="float",
                )
            st.session_state[self.key] = state
        state: FormState = st.session_state[self.key]
        self._sync(state)
        return state

    def _sync(self, state: FormState) -> None:
        for code in self.scalar:
            key = self.widget(code)
            if key in st.session_state:
                state.text[code] = st.session_state[key]
            else:
                st.session_state[key] = state.text[code]
            ckey = self.comment_widget(code)
            if ckey in st.session_state:
                state.comments[code] = st.session_state[ckey]
            else:
                st.session_state[ckey] = state.comments.get(code, "")
        if self.has_grid:
            if self.grid_widget not in st.session_state:
                # Fresh editor (first run, or back from another page): start from the last grid.
                st.session_state[self.grid_base] = state.grid.copy()
            grid = st.session_state[self.grid_base].copy()
            edits = st.session_state.get(self.grid_widget, {}).get("edited_rows", {})
            for row, cells in edits.items():
                for column, cell in cells.items():
                    grid.iat[int(row), grid.columns.get_loc(column)] = cell
            state.grid = grid
            for row_codes, values in zip(grid_codes(), grid.itertuples(index=False), strict=True):
                for code, cell in zip(row_codes, values, strict=True):
                    state.text[code] = "" if pd.isna(cell) else _shown(code, float(cell))

    def saved(self, state: FormState, version: int) -> None:
        state.version = version
        state.carried.clear()

    def forget(self) -> None:
        """Drop what was typed; the next run reads the database again."""
        for key in [k for k in st.session_state if k == self.key or f":{self.ns}:" in str(k)]:
            del st.session_state[key]


def _number(text: str) -> float | None:
    return float(text) if text else None
