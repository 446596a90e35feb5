"""The database as the pages see it: one migrated engine per process and URL, the data version
that cached frames are keyed on, and the one call that drops them after a write."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.engine import Engine

from db.audit import latest_id
from db.database import database_url, get_engine, session_scope
from db.migrate import upgrade

# Cached frames: keyed on plain values (org code, period, data version), never on ORM rows.
CACHE = {"ttl": 3600, "max_entries": 256, "show_spinner": False}


@st.cache_resource
def _engine(url: str) -> Engine:
    engine = get_engine(url)
    upgrade(engine)  # a fresh database works without a separate `manage.py init`
    return engine


def engine() -> Engine:
    return _engine(database_url())


def data_version() -> int:
    """Changes with every audited write, in any process: the newest audit event's id.

    Every write of values, workflow, targets, hamlet teams and users is audited, so a frame
    cached under an older version is never shown after a save, even one made by another
    Streamlit process behind the same load balancer.
    """
    with session_scope(engine()) as session:
        return latest_id(session)


def invalidate() -> None:
    """After a successful write: drop this process's cached frames at once (the new data
    version would bypass them anyway; this frees their memory)."""
    st.cache_data.clear()
