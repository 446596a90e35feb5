"""The session's language, the one translation function pages call, and plain user text in
places Streamlit renders as Markdown."""

from __future__ import annotations

import re

import streamlit as st

from texts import DEFAULT_LANG, LANGS, error_text
from texts import t as _t

# What Markdown, and Streamlit's additions to it (:red[…], $math$, :material/icon:), act on.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&])")


def lang() -> str:
    value = st.session_state.get("lang", DEFAULT_LANG)
    return value if value in LANGS else DEFAULT_LANG


def tr(key: str, **params: object) -> str:
    return _t(key, lang(), **params)


def plain(text: object) -> str:
    """User text (a name, a comment, a typed value) for a caption, message or heading, which
    Streamlit renders as Markdown: every character Markdown would act on is escaped and line
    breaks become spaces, so a link, an image or a heading shows as the characters typed."""
    return _MARKDOWN.sub(r"\\\1", " ".join(str(text).split()))


def tr_plain(key: str, **params: object) -> str:
    """:func:`tr` for a Markdown place, its parameters (user text) shown as typed."""
    return tr(key, **{name: plain(value) for name, value in params.items()})


def error_plain(exc: Exception) -> str:
    """An error as one line for ``st.error``: what the user typed is quoted, not rendered."""
    return error_text(exc, lang(), plain)


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
