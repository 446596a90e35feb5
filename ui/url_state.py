"""What the address bar remembers, so a reload or a shared link opens the same choice: the org
unit and quarter a page shows, as query parameters (``?org=PHU_TAN&period=2024Q2``).

A picker that keeps its choice in the URL writes it there the moment it changes, so the URL
can be read first on every run: it is the same as the session's choice while the session
lives, and the only one left after a reload or a server restart.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st


def from_url(name: str, options: Sequence[str]) -> str | None:
    """The choice the URL names under ``name``, if it is one of ``options``."""
    value = st.query_params.get(name)
    return value if value in options else None


def to_url(name: str, value: str) -> None:
    """Keep ``value`` in the URL under ``name`` (replacing the entry, not adding history)."""
    if st.query_params.get(name) != value:
        st.query_params[name] = value
