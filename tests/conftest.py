"""Shared fixtures: a migrated database on SQLite and, where a server is given, PostgreSQL.

Set-up used to dominate the suite's time (every test migrated a new database, loaded the demo
and hashed passwords at full bcrypt cost), so each kind of database is built once per session
as a template and each test starts from a copy: a file copy on SQLite; on PostgreSQL each
worker's one database, put back to the template's rows before each test (tests/pg_reset.py: a
``CREATE DATABASE … TEMPLATE`` a test cost 0.3 s) and cloned again only after a test changed
its schema. No two tests share a database's state.
"""

from __future__ import annotations

import functools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pg_reset
import pytest
import streamlit as st
from hypothesis import settings
from sqlalchemy import make_url, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import NullPool
from sqlmodel import Session, create_engine

from apptest import PASSWORD, USERS, sqlite_copy
from db import demo, security, users
from db.database import get_engine, session_scope
from db.migrate import upgrade
from db.permissions import SYSTEM

# Property tests check results, not speed (the benchmark measures that): on two cores shared with
# browsers and servers an example's time varies tenfold, and Hypothesis's 200 ms deadline turned
# one slow example into a failed `make test`.
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
# The cheapest cost bcrypt allows: the hash format and the checks are the same, the time is not.
# Production keeps security.ROUNDS (tests/test_security.py checks it in a fresh interpreter).
TEST_BCRYPT_ROUNDS = 4
# What a test's database starts from: migrated and empty, or the demo (seed-demo) as well.
EMPTY, DEMO = "empty", "demo"


@pytest.hookimpl(optionalhook=True)  # the suite also runs without pytest-xdist (-p no:xdist)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """Under ``make test`` (pytest-xdist) one worker runs the browser tests one after another
    while the others share the rest: two browser journeys at once on two cores starve each
    other's servers into timeouts. (``xdist_group`` marks would say the same, but pytest-xdist
    3.8 records a group in ``item._nodeid``, which pytest 9 no longer reads.)"""
    from xdist.scheduler import LoadScopeScheduling

    class BrowserTestsTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "browser" if nodeid.startswith("tests/browser/") else nodeid

    return BrowserTestsTogether(config, log)


@pytest.fixture(scope="session", autouse=True)
def cheap_bcrypt() -> Iterator[None]:
    production = security.ROUNDS
    security.ROUNDS = TEST_BCRYPT_ROUNDS
    yield
    security.ROUNDS = production


@pytest.fixture(scope="session", autouse=True)
def components_scanned_once() -> Iterator[None]:
    """AppTest scans every installed package's metadata for Streamlit components at the first
    run of each AppTest, about half a second each time (a server does it once at start-up);
    the packages do not change during a test session, so the first scan serves them all."""
    from streamlit.components.v2 import manifest_scanner

    scan = manifest_scanner.scan_component_manifests
    manifest_scanner.scan_component_manifests = functools.cache(scan)
    yield
    manifest_scanner.scan_component_manifests = scan


def _fill(engine: Engine, kind: str) -> None:
    upgrade(engine)
    if kind == DEMO:
        with session_scope(engine) as session:
            demo.seed(session)


# -- SQLite: one file per template, copied per test --


@pytest.fixture(scope="session")
def sqlite_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("templates")
    paths = {}
    for kind in (EMPTY, DEMO):
        paths[kind] = folder / f"{kind}.db"
        engine = create_engine(f"sqlite:///{paths[kind]}", poolclass=NullPool)
        _fill(engine, kind)
        # The template must be one self-contained file: no write-ahead log beside it.
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA journal_mode=DELETE")
        engine.dispose()
    return paths


# -- PostgreSQL: template databases on the test server; one database a worker, reset per test --


def _postgres_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but TEST_DATABASE_URL is not set: the PostgreSQL suite must run")
        pytest.skip("TEST_DATABASE_URL not set: PostgreSQL tests skipped")
    return url


def _database(url: str, name: str) -> str:
    return make_url(url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Connection]:
    """A connection to the server's maintenance database, kept for the session: CREATE and
    DROP DATABASE can run neither inside a transaction nor connected to the database itself."""
    engine = create_engine(
        _database(_postgres_url(), "postgres"), poolclass=NullPool, isolation_level="AUTOCOMMIT"
    )
    with engine.connect() as conn:
        yield conn
    engine.dispose()


def _recreate(admin: Connection, name: str, template: str | None = None) -> None:
    admin.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    # The server's default strategy (WAL_LOG) copies a small template several times faster
    # than FILE_COPY, which checkpoints the whole cluster first.
    clause = f' TEMPLATE "{template}"' if template else ""
    admin.execute(text(f'CREATE DATABASE "{name}"{clause}'))


def _worker_suffix() -> str:
    """Parallel workers (pytest-xdist) each get databases of their own on the one server."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return f"_{worker}" if worker else ""


@pytest.fixture(scope="session")
def postgres_templates(postgres_admin) -> dict[str, str]:
    """Template database names by kind, built once on the test server. The demo's is a clone
    of the empty one, then seeded: the same schema down to the catalogue's oids, so that a
    database cloned from either can be reset to either (tests/pg_reset.py)."""
    url = _postgres_url()
    base = make_url(url).database + _worker_suffix()
    names = {kind: f"{base}_template_{kind}" for kind in (EMPTY, DEMO)}
    _recreate(postgres_admin, names[EMPTY])
    engine = create_engine(_database(url, names[EMPTY]), poolclass=NullPool)
    _fill(engine, EMPTY)
    engine.dispose()
    _recreate(postgres_admin, names[DEMO], template=names[EMPTY])
    engine = create_engine(_database(url, names[DEMO]), poolclass=NullPool)
    with session_scope(engine) as session:
        demo.seed(session)
    engine.dispose()
    return names


@pytest.fixture(scope="session")
def postgres_snapshots(postgres_templates) -> dict[str, pg_reset.Snapshot]:
    url = _postgres_url()
    return {
        kind: pg_reset.snapshot(_database(url, name)) for kind, name in postgres_templates.items()
    }


@pytest.fixture(scope="session")
def postgres_database(postgres_admin, postgres_templates) -> str:
    """The URL of this worker's test database, cloned once; each test resets it."""
    url = _postgres_url()
    name = make_url(url).database + _worker_suffix()
    _recreate(postgres_admin, name, template=postgres_templates[EMPTY])
    return _database(url, name)


def _postgres_engine(request: pytest.FixtureRequest, kind: str) -> Engine:
    url = request.getfixturevalue("postgres_database")
    if not pg_reset.reset(url, request.getfixturevalue("postgres_snapshots")[kind]):
        # The last test changed the schema (a migration down and up, a restore): clone again.
        names = request.getfixturevalue("postgres_templates")
        _recreate(request.getfixturevalue("postgres_admin"), make_url(url).database, names[kind])
    # Pooled, as in production: a new PostgreSQL connection costs tens of milliseconds, and a
    # test that commits a thousand times would otherwise open a thousand (dispose() closes it).
    return create_engine(url)


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated database of the test's own; it holds the demo when the test asks for it."""
    kind = DEMO if "demo_session" in request.fixturenames else EMPTY
    if request.param == "postgres":
        eng = _postgres_engine(request, kind)
    else:
        templates = request.getfixturevalue("sqlite_templates")
        eng = get_engine(sqlite_copy(templates[kind], tmp_path))
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as s:
        yield s


@pytest.fixture
def demo_session(session: Session) -> Session:
    """A database holding the demo: the seed report's org units and Q1/2024 figures."""
    return session


@pytest.fixture(scope="session")
def app_template(sqlite_templates: dict[str, Path], tmp_path_factory) -> Path:
    """The demo plus one user per role (tests/apptest.USERS), built once."""
    path = tmp_path_factory.mktemp("app-template") / "app.db"
    shutil.copy(sqlite_templates[DEMO], path)
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    with session_scope(engine) as session:
        for name, (role, org) in USERS.items():
            users.create(session, actor=SYSTEM, username=name, role=role, password=PASSWORD,
                         org_code=org)  # fmt: skip
    engine.dispose()
    return path


@pytest.fixture
def app_db(app_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """The app's database for AppTest: the demo plus one user per role (tests/apptest.USERS)."""
    url = sqlite_copy(app_template, tmp_path, "app.db")
    monkeypatch.setenv("DATABASE_URL", url)
    # Caches outlive an AppTest run inside one process: start every test from nothing (the
    # unit picker's holders too, a resource cached by the data's version, which another
    # test's database can share).
    st.cache_data.clear()
    st.cache_resource.clear()
    return get_engine(url)
