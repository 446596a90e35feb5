"""Settings from secrets.toml or the environment; weak ones are refused in production."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping

import streamlit as st

from db.settings import cookie_key_setting, weak_key


class ConfigError(RuntimeError):
    pass


def _secrets() -> Mapping[str, object]:
    try:
        return dict(st.secrets)
    except Exception:  # no secrets.toml at all: Streamlit raises its own parse/not-found error
        return {}


def cookie_key(environ: Mapping[str, str], secrets_: Mapping[str, object]) -> str:
    """The cookie signing key; in production a missing, short or placeholder key is refused.

    ``CDS_COOKIE_KEY`` in the environment wins over ``cookie_key`` in secrets.toml, as
    ``DATABASE_URL`` does over ``database_url``.
    """
    key = cookie_key_setting(environ, secrets_)
    if not weak_key(key):
        return key
    if environ.get("CDS_ENV") == "production":
        raise ConfigError("cookie_key")
    return _demo_key()


@st.cache_resource
def _demo_key() -> str:
    # A local demo run gets a fresh key per server process: sign-ins last until a restart.
    return secrets.token_urlsafe(48)


def apply() -> str:
    """Export the database URL for db/ and return the cookie key."""
    secrets_ = _secrets()
    url = secrets_.get("database_url")
    if url and not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = str(url)
    return cookie_key(os.environ, secrets_)
