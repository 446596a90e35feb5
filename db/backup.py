"""Backups: a consistent copy of the running database (SQLite's online backup API, or
``pg_dump`` in its custom format for PostgreSQL), and its restore into the configured
database, refused over data without ``force`` and checked afterwards.

A backup is written beside its target and renamed into place, so an interrupted backup never
replaces the last good one.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine, make_url

from cds_core.errors import CdsError
from db import oplog
from db.database import busy_timeout_s, get_engine
from db.migrate import alembic_config

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
VERSION_TABLE = "alembic_version"


@dataclass
class Report:
    """What a backup or a restore left behind, as the command line prints it."""

    path: Path
    size: int
    revision: str | None
    head: str
    integrity: str = "ok"
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def at_head(self) -> bool:
        return self.revision == self.head


def head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _backend(url: str) -> str:
    name = make_url(url).get_backend_name()
    if name not in ("sqlite", "postgresql"):
        raise CdsError("err_backup_backend", backend=name)
    return name


# -- SQLite --


def _sqlite_file(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise CdsError("err_backup_memory")
    return Path(database)


def _sqlite_facts(conn: sqlite3.Connection) -> tuple[str, str | None, dict[str, int]]:
    """(integrity, migration revision, rows per table) of an open SQLite database."""
    problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    problems += [str(row) for row in conn.execute("PRAGMA foreign_key_check")]
    integrity = "ok" if problems == ["ok"] else "; ".join(problems[:3])
    tables = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]  # fmt: skip
    counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    revision = None
    if VERSION_TABLE in counts:
        row = conn.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
        revision = row[0] if row else None
        del counts[VERSION_TABLE]
    return integrity, revision, counts


def _sqlite_backup(url: str, out: Path) -> Report:
    source = _sqlite_file(url)
    if not source.exists():
        raise CdsError("err_backup_no_database", path=str(source))
    part = out.with_name(out.name + ".part")
    part.unlink(missing_ok=True)
    src = sqlite3.connect(source, timeout=busy_timeout_s())
    dst = sqlite3.connect(part)
    try:
        # One step (pages=-1) copies one consistent snapshot; in WAL mode writers go on meanwhile.
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        integrity, revision, counts = _sqlite_facts(dst)
    finally:
        dst.close()
        src.close()
    if integrity != "ok":
        part.unlink(missing_ok=True)
        raise CdsError("err_backup_corrupt", path=str(source), reason=integrity)
    os.replace(part, out)
    return Report(out, out.stat().st_size, revision, head(), integrity, counts)


def _sqlite_restore(url: str, src_path: Path, force: bool) -> Report:
    target = _sqlite_file(url)
    src = sqlite3.connect(f"file:{src_path}?mode=ro", uri=True)
    try:
        integrity, revision, _ = _sqlite_facts(src)
        if integrity != "ok":
            raise CdsError("err_backup_corrupt", path=str(src_path), reason=integrity)
        if revision is None:
            raise CdsError("err_restore_not_ours", path=str(src_path))
        _refuse_over_data(url, force)
        target.parent.mkdir(parents=True, exist_ok=True)
        dst = sqlite3.connect(target, timeout=busy_timeout_s())
        try:
            # The destination is replaced page by page in one transaction of its own.
            src.backup(dst)
            dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            integrity, revision, counts = _sqlite_facts(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return Report(src_path, src_path.stat().st_size, revision, head(), integrity, counts)


# -- PostgreSQL --


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise CdsError("err_pg_tool_missing", tool=name)
    return path


def _pg_target(url: str) -> tuple[str, dict[str, str]]:
    """The libpq URI without its password, and an environment carrying the password, so it
    never shows in the process list."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = parsed.password
    dsn = parsed.set(drivername="postgresql", password=None)
    return dsn.render_as_string(hide_password=False), env


def _run(cmd: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        raise CdsError("err_pg_tool_failed", tool=Path(cmd[0]).name, reason=reason)
    return done.stdout


def _pg_backup(url: str, out: Path) -> Report:
    pg_dump, pg_restore = _pg_tool("pg_dump"), _pg_tool("pg_restore")
    dsn, env = _pg_target(url)
    part = out.with_name(out.name + ".part")
    part.unlink(missing_ok=True)
    # pg_dump reads one snapshot, so saves made meanwhile are either wholly in it or not at all.
    _run([pg_dump, "--format=custom", "--no-password", f"--file={part}", dsn], env)
    _run([pg_restore, "--list", str(part)], env)  # readable to the end
    os.replace(part, out)
    return Report(out, out.stat().st_size, _revision(get_engine(url)), head())


def _pg_restore(url: str, src_path: Path, force: bool) -> Report:
    pg_restore = _pg_tool("pg_restore")
    dsn, env = _pg_target(url)
    listing = _run([pg_restore, "--list", str(src_path)], env)
    if f"TABLE DATA public {VERSION_TABLE}" not in listing:
        raise CdsError("err_restore_not_ours", path=str(src_path))
    _refuse_over_data(url, force)
    engine = get_engine(url)
    with engine.connect() as conn:
        has_tables = bool(inspect(conn).get_table_names())
    engine.dispose()  # no pooled connection of ours holds a lock the restore needs
    cmd = [pg_restore, "--no-owner", "--no-privileges", "--single-transaction",
           "--exit-on-error", "--no-password", f"--dbname={dsn}"]  # fmt: skip
    if has_tables:
        # Tables a migrated database already has are dropped and recreated, all in the same
        # transaction as the data: a failed restore leaves the database as it was.
        cmd += ["--clean", "--if-exists"]
    _run([*cmd, str(src_path)], env)
    return Report(src_path, src_path.stat().st_size, _revision(engine), head(),
                  "ok", _counts(engine))  # fmt: skip


# -- both --


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        tables = sorted(t for t in inspect(conn).get_table_names() if t != VERSION_TABLE)
        return {t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one() for t in tables}


def _revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def rows_held(url: str) -> int:
    """Rows in the database's tables, the migrations' own bookkeeping aside (0: empty)."""
    if _backend(url) == "sqlite" and not _sqlite_file(url).exists():
        return 0
    return sum(_counts(get_engine(url)).values())


def _refuse_over_data(url: str, force: bool) -> None:
    """Refuse to restore over data unless ``force``."""
    rows = rows_held(url)
    get_engine(url).dispose()
    if rows and not force:
        raise CdsError("err_restore_not_empty", rows=rows)


def backup(url: str, out: Path) -> Report:
    out = Path(out)
    if not out.parent.is_dir():
        raise CdsError("err_backup_dir", path=str(out.parent))
    report = _sqlite_backup(url, out) if _backend(url) == "sqlite" else _pg_backup(url, out)
    oplog.event("backup", path=str(out), bytes=report.size, revision=report.revision)
    return report


def restore(url: str, src: Path, *, force: bool = False) -> Report:
    """Restore ``src`` into the database at ``url``; refuses a database holding rows unless
    ``force``, and a file of the other backend's kind, before changing anything."""
    src = Path(src)
    try:
        magic = src.open("rb").read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise CdsError("err_read_file", path=str(src), reason=exc.strerror or str(exc)) from exc
    backend = _backend(url)
    kind = "sqlite" if magic.startswith(SQLITE_MAGIC) else (
        "postgresql" if magic.startswith(PGDUMP_MAGIC) else None)  # fmt: skip
    if kind != backend:
        raise CdsError("err_restore_kind", path=str(src), backend=backend)
    restore_ = _sqlite_restore if backend == "sqlite" else _pg_restore
    report = restore_(url, src, force)
    oplog.event("restore", path=str(src), revision=report.revision,
                rows=sum(report.counts.values()), forced=force)  # fmt: skip
    return report
