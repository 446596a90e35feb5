"""Engine and sessions: SQLite at ``data/cds.db`` by default, any SQLAlchemy URL otherwise.

A writing session waits for a busy database up to ``CDS_BUSY_TIMEOUT_S`` seconds and then
raises :class:`db.errors.Busy`, never the driver's raw error.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

from db.errors import Busy

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = f"sqlite:///{ROOT / 'data' / 'cds.db'}"
# A long import's commit holds SQLite's write lock for seconds: a save waits this long for it.
DEFAULT_BUSY_TIMEOUT_S = 20.0
# PostgreSQL's "lock not available", "deadlock detected" and "could not serialize": the other
# writer won; nothing of ours was written and the same save can simply be tried again.
BUSY_SQLSTATES = ("55P03", "40P01", "40001")

_engines: dict[str, Engine] = {}


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or DEFAULT_URL


def busy_timeout_s() -> float:
    """How long a write waits for a busy database: ``CDS_BUSY_TIMEOUT_S``, 20 s by default."""
    try:
        seconds = float(os.environ.get("CDS_BUSY_TIMEOUT_S") or DEFAULT_BUSY_TIMEOUT_S)
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT_S
    return seconds if seconds >= 0 else DEFAULT_BUSY_TIMEOUT_S


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cursor = dbapi_conn.cursor()
    # WAL lets the dashboard read while an officer saves; foreign keys are off by default.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_s() * 1000)}")
    cursor.close()


def get_engine(url: str | None = None) -> Engine:
    """One engine per URL for the life of the process."""
    url = url or database_url()
    if url not in _engines:
        if url.startswith("sqlite"):
            in_memory = url in ("sqlite://", "sqlite:///:memory:")
            if not in_memory:
                Path(url.split("///", 1)[1]).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(
                url,
                connect_args={"check_same_thread": False},
                poolclass=StaticPool if in_memory else None,
            )
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(url, pool_pre_ping=True)
        _engines[url] = engine
    return _engines[url]


def is_busy(exc: BaseException) -> bool:
    """Whether ``exc`` is the database refusing because another writer holds it."""
    if not isinstance(exc, DBAPIError):
        return False
    orig = exc.orig
    if getattr(orig, "sqlstate", None) in BUSY_SQLSTATES:
        return True
    message = str(orig).lower()
    return "database is locked" in message or "database table is locked" in message


def _begin_write(session: Session) -> None:
    """Take the write lock first, waiting for it up to the busy timeout.

    SQLite starts a transaction deferred: its reads run, and its first write then finds the
    lock taken, or its snapshot outdated by a writer in between, and fails at once whatever
    the busy timeout. ``BEGIN IMMEDIATE`` waits for the lock before anything is read, so a
    save either gets the database or is refused before it has done anything. PostgreSQL
    waits for row locks on its own; ``lock_timeout`` bounds that wait.
    """
    connection = session.connection()
    timeout_ms = int(busy_timeout_s() * 1000)
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"PRAGMA busy_timeout={timeout_ms}")
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = {timeout_ms}")


@contextmanager
def session_scope(engine: Engine | None = None, *, write: bool = False) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error: never a half-write.

    With ``write`` the transaction takes the write lock before anything else (see
    :func:`_begin_write`). A busy database is raised as :class:`Busy`, on reads too.
    """
    with Session(engine or get_engine(), expire_on_commit=False) as session:
        try:
            if write:
                _begin_write(session)
            yield session
            session.commit()
        except BaseException as exc:
            session.rollback()
            if is_busy(exc):
                raise Busy("err_busy", seconds=f"{busy_timeout_s():g}") from exc
            raise
