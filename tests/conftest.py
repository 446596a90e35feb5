"""Shared fixtures: a migrated database on SQLite and, where a server is given, PostgreSQL."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import text
from sqlalchemy.pool import NullPool
from sqlmodel import Session, create_engine

from db import demo
from db.database import get_engine
from db.migrate import upgrade

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
