"""Shared fixtures: a migrated database on SQLite and, where a server is given, PostgreSQL."""

from __future__ import annotations

import os

import pytest
import streamlit as st
from sqlalchemy import text
from sqlalchemy.pool import NullPool
from sqlmodel import Session, create_engine

from apptest import PASSWORD, USERS
from db import demo, users
from db.database import get_engine, session_scope
from db.migrate import upgrade
from db.permissions import SYSTEM

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def _postgres_engine():
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but TEST_DATABASE_URL is not set: the PostgreSQL suite must run")
        pytest.skip("TEST_DATABASE_URL not set: PostgreSQL tests skipped")
    engine = create_engine(url, poolclass=NullPool)
    with engine.begin() as conn:
        # A clean schema per test: the same migrations as production, from nothing.
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    return engine


@pytest.fixture(params=BACKENDS)
def engine(request, tmp_path):
    if request.param == "postgres":
        eng = _postgres_engine()
    else:
        eng = get_engine(f"sqlite:///{tmp_path / 'cds.db'}")
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine):
    with Session(engine, expire_on_commit=False) as s:
        yield s


@pytest.fixture
def demo_session(session):
    """A database holding the demo: the seed report's org units and Q1/2024 figures."""
    demo.seed(session)
    session.commit()
    return session


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    """The app's database for AppTest: the demo plus one user per role (tests/apptest.USERS)."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    eng = get_engine(url)
    upgrade(eng)
    with session_scope(eng) as session:
        demo.seed(session)
        for name, (role, org) in USERS.items():
            users.create(session, actor=SYSTEM, username=name, role=role, password=PASSWORD,
                         org_code=org)  # fmt: skip
    # Caches outlive an AppTest run inside one process: start every test from nothing.
    st.cache_data.clear()
    st.cache_resource.clear()
    return eng
