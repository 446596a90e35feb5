"""Backups while the app runs and their restore: the same figures come back, a database holding
data is never overwritten without --force, and the command line says so in one line."""

from __future__ import annotations

import csv
import io
import os
import re
import threading
import time
from pathlib import Path

import pytest
from command_line import Cli
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from apptest import sqlite_copy
from cds_core.errors import CdsError
from db import backup, transfer, values
from db.database import session_scope
from db.migrate import upgrade
from db.orgunits import get as get_unit
from db.permissions import SYSTEM

ROOT = Path(__file__).resolve().parents[2]
P = "2024Q1"
CELL = "dvc_tthc_national_portal"
# One per parallel worker (pytest-xdist), as the other test databases.
RESTORE_DB = f"cds_test_restore_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"


def _url(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _export(url: str) -> dict[tuple[str, str, str], tuple[str, str]]:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with session_scope(engine) as session:
            exported = transfer.export_csv(session)
    finally:
        engine.dispose()
    rows = csv.reader(io.StringIO(exported))
    next(rows)
    return {(org, period, code): (value, comment) for org, period, code, value, comment in rows}


def _version(url: str) -> int:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with session_scope(engine) as session:
            return values.submission(session, get_unit(session, "PHU_TAN"), P).version
    finally:
        engine.dispose()


@pytest.fixture
def empty_url(engine, tmp_path) -> str:
    """An empty database of the same backend, for the restore."""
    if engine.dialect.name == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.db'}"
    admin = create_engine(_url(engine), poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {RESTORE_DB} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {RESTORE_DB}"))
    admin.dispose()
    return make_url(_url(engine)).set(database=RESTORE_DB).render_as_string(hide_password=False)


@pytest.fixture
def source(engine, demo_session) -> str:
    return _url(engine)


class Saver(threading.Thread):
    """An officer saving again and again: save n writes 1000 + n into one cell."""

    def __init__(self, engine) -> None:
        super().__init__(daemon=True)
        self.engine, self.saves, self.stop = engine, 0, threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                with session_scope(self.engine, write=True) as session:
                    values.save(session, actor=SYSTEM, org_code="PHU_TAN", period=P,
                                entries={CELL: str(1001 + self.saves)})  # fmt: skip
                self.saves += 1
        except BaseException as exc:  # reported by the test, not lost in the thread
            self.error = exc


def test_a_backup_taken_while_saves_run_restores_the_same_figures(
    engine, source, empty_url, tmp_path
):
    start = _version(source)
    saver = Saver(engine)
    saver.start()
    while saver.saves < 3 and saver.is_alive():
        time.sleep(0.01)
    report = backup.backup(source, tmp_path / "during.bak")
    during = saver.saves
    while saver.saves < during + 3 and saver.is_alive():
        time.sleep(0.01)  # the saves went on after the backup
    saver.stop.set()
    saver.join(timeout=30)
    assert saver.error is None and saver.saves >= during + 3
    assert report.revision == backup.head()

    restored = backup.restore(empty_url, tmp_path / "during.bak")
    assert restored.integrity == "ok" and restored.at_head
    # One consistent moment: the version and the cell it counts come from the same save.
    n = _version(empty_url) - start
    assert 3 <= n <= saver.saves
    final = _export(source)
    expected = {**final, ("PHU_TAN", P, CELL): (str(1000 + n), "")}
    assert _export(empty_url) == expected

    # Taken once the saves are over, a backup gives back exactly the source's figures.
    backup.backup(source, tmp_path / "after.bak")
    backup.restore(empty_url, tmp_path / "after.bak", force=True)
    assert _export(empty_url) == final
    assert _version(empty_url) == _version(source)


def test_restore_over_data_without_force_changes_nothing(engine, source, tmp_path):
    backup.backup(source, tmp_path / "demo.bak")
    backed_up = _export(source)
    with session_scope(engine, write=True) as session:
        values.save(session, actor=SYSTEM, org_code="PHU_TAN", period=P, entries={CELL: "7"})
    before = _export(source)
    with pytest.raises(CdsError) as refused:
        backup.restore(source, tmp_path / "demo.bak")
    assert refused.value.key == "err_restore_not_empty" and refused.value.params["rows"] > 0
    assert _export(source) == before
    backup.restore(source, tmp_path / "demo.bak", force=True)
    assert _export(source) == backed_up


def test_a_migrated_but_empty_database_takes_a_restore(engine, source, empty_url, tmp_path):
    backup.backup(source, tmp_path / "demo.bak")
    upgrade(create_engine(empty_url, poolclass=NullPool))  # as the app's first start leaves it
    report = backup.restore(empty_url, tmp_path / "demo.bak")
    assert report.counts["data_value"] == len(_export(source)) > 0


def test_a_backup_of_the_other_backend_is_refused_before_anything_changes(engine, tmp_path):
    other = tmp_path / "other.bak"
    other.write_bytes(b"PGDMP" if engine.dialect.name == "sqlite" else b"SQLite format 3\x00")
    with pytest.raises(CdsError) as refused:
        backup.restore(_url(engine), other)
    assert refused.value.key == "err_restore_kind"


def test_the_command_line_backs_up_refuses_then_restores_with_force(
    tmp_path, sqlite_templates, monkeypatch
):
    url = sqlite_copy(sqlite_templates["demo"], tmp_path)
    cli = Cli(tmp_path, monkeypatch, url=url, env={"CDS_LANG": "en"})
    demo = create_engine(url, poolclass=NullPool)
    with demo.connect() as conn:
        counts = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                  for t in ("data_value", "org_unit")}  # fmt: skip
    demo.dispose()
    done = cli("backup", "--out", str(tmp_path / "nightly.db"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Backed up to {tmp_path / 'nightly.db'} (")

    refused = cli("restore", str(tmp_path / "nightly.db"))
    assert refused.returncode == 1
    [line] = refused.stderr.splitlines()
    assert re.fullmatch(r"Error: The target database holds \d+ rows; nothing was changed\. "
                        r"Add --force to replace them", line)  # fmt: skip
    done = cli("restore", str(tmp_path / "nightly.db"), "--force")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"Restored from {tmp_path / 'nightly.db'}: integrity ok; schema ")
    assert {f"  {table}: {n}" for table, n in counts.items()} <= set(lines)
    assert counts["data_value"] > 300  # the demo's, not an empty database's

    cli.close()
    nowhere = "postgresql+psycopg://u@127.0.0.1:1/x"
    pg = Cli(tmp_path, monkeypatch, url=nowhere, env={"CDS_LANG": "en", "PATH": str(tmp_path)})
    refused = pg("backup", "--out", str(tmp_path / "x.dump"))
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        "Error: pg_dump is not on PATH: install postgresql-client (a major version no older "
        "than the server's) and run again"
    ]
