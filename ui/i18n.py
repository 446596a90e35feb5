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
    """Vietnamese by default; English one click away, kept for the session and in the URL
    (``?lang=en``), so a reload or a bookmark keeps it, before signing in too. As with the
    pickers, the URL wins when it asks for another language than this session put there."""
    asked = st.query_params.get("lang", DEFAULT_LANG)
    if asked in LANGS and asked != st.session_state.get("_lang_url", DEFAULT_LANG):
        st.session_state["lang"] = asked
    st.session_state.setdefault("lang", DEFAULT_LANG)
    st.sidebar.radio(
        "Ngôn ngữ / Language",
        options=LANGS,
        format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
        key="lang",
        horizontal=True,
    )
    # The default language keeps the URL clean.
    st.session_state["_lang_url"] = lang()
    if lang() != DEFAULT_LANG:
        st.query_params["lang"] = lang()
    elif "lang" in st.query_params:
        del st.query_params["lang"]
