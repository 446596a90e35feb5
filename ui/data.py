"""The database as the pages see it: one migrated engine per process and URL."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.engine import Engine

from db.database import database_url, get_engine
from db.migrate import upgrade


@st.cache_resource
def _engine(url: str) -> Engine:
    engine = get_engine(url)
    upgrade(engine)  # a fresh database works without a separate `manage.py init`
    return engine


def engine() -> Engine:
    return _engine(database_url())
