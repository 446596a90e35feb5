"""The session's language and the one translation function pages call."""

from __future__ import annotations

import streamlit as st

from texts import DEFAULT_LANG, LANGS
from texts import t as _t


def lang() -> str:
    value = st.session_state.get("lang", DEFAULT_LANG)
    return value if value in LANGS else DEFAULT_LANG


def tr(key: str, **params: object) -> str:
    return _t(key, lang(), **params)


def language_switch() -> None:
    """Vietnamese by default; English one click away (kept for the whole session)."""
    st.session_state.setdefault("lang", DEFAULT_LANG)
    st.sidebar.radio(
        "Ngôn ngữ / Language",
        options=LANGS,
        format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
        key="lang",
        horizontal=True,
    )
