"""Tables that read on a phone: the grid on a wide screen, the same rows as cards on a narrow
one (a grid of many columns on a 390 px phone hides all but the first behind a sideways
scroll inside the table), and blank cells where a value is missing, never "None".

Both are drawn; a style sheet shows one or the other by the screen's width. The cards are our
own markup around escaped text: nothing a user typed is ever read as markup.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from cds_core.status import STYLES, Status, label
from ui.i18n import lang

# Streamlit stacks columns below 640 px; the tables turn into cards at the same width.
NARROW_PX = 640
WIDE_KEY = "cds-wide-"

STYLE = f"""<style>
.cds-cards {{ display: none; }}
@media (max-width: {NARROW_PX}px) {{
  div[class*="st-key-{WIDE_KEY}"] {{ display: none !important; }}
  .cds-cards {{ display: block; }}
}}
.cds-card {{ border: 1px solid #cfd8dc; border-radius: .5rem; padding: .55rem .75rem;
  margin-bottom: .6rem; background: #fff; }}
.cds-card-title {{ font-weight: 700; margin-bottom: .3rem; overflow-wrap: anywhere; }}
.cds-card dl {{ display: grid; grid-template-columns: minmax(6rem, 40%) 1fr; gap: .15rem .6rem;
  margin: 0; }}
.cds-card dt {{ color: #455a64; overflow-wrap: anywhere; }}
.cds-card dd {{ margin: 0; font-weight: 600; overflow-wrap: anywhere; }}
.cds-card .cds-status {{ padding: 1px 8px; border-radius: 4px; white-space: nowrap; }}
</style>"""


def show(
    frame: pd.DataFrame,
    *,
    key: str,
    status_columns: tuple[str, ...] = (),
    links: Mapping[str, str] | None = None,
    style: Callable[[pd.DataFrame], object] | None = None,
    **grid,
) -> None:
    """``frame`` as a grid (``style`` may colour it; ``grid`` goes to ``st.dataframe``) and as
    cards: the first column is each card's title, every other column a line; a status
    column's words get their colours; ``links`` names link columns and the words each shows."""
    st.html(STYLE)
    with st.container(key=f"{WIDE_KEY}{key}"):
        st.dataframe(
            style(frame) if style else frame,
            hide_index=True,
            width="stretch",
            placeholder="",
            **grid,
        )
    st.html(cards(frame, status_columns=status_columns, links=links or {}))


def _status_of(text: str) -> Status | None:
    return next((s for s in Status if label(s, lang()) == text), None)


def _cell(column: str, value: object, status_columns, links) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    text = str(value)
    if column in links and text:
        return f'<a href="{html.escape(text)}">{html.escape(links[column])}</a>'
    status = _status_of(text) if column in status_columns else None
    if status is None:
        return html.escape(text)
    s = STYLES[status]
    return (
        f'<span class="cds-status" style="color:{s.colour};background:{s.background}">'
        f"{html.escape(text)}</span>"
    )


def cards(
    frame: pd.DataFrame,
    *,
    status_columns: tuple[str, ...] = (),
    links: Mapping[str, str] | None = None,
) -> str:
    """The rows of ``frame`` as cards (markup; every value escaped)."""
    links = links or {}
    title, *rest = list(frame.columns)
    out = []
    for _, row in frame.iterrows():
        lines = "".join(
            f"<dt>{html.escape(str(column))}</dt>"
            f"<dd>{_cell(column, row[column], status_columns, links)}</dd>"
            for column in rest
            if _cell(column, row[column], status_columns, links)
        )
        out.append(
            f'<div class="cds-card"><div class="cds-card-title">'
            f"{_cell(title, row[title], status_columns, links)}</div><dl>{lines}</dl></div>"
        )
    return f'<div class="cds-cards">{"".join(out)}</div>'
