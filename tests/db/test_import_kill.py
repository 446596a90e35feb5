"""A `manage.py import-values` killed with SIGKILL in the middle of its transaction leaves the
database exactly as it was, on SQLite and PostgreSQL, and the next save goes through."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

from sqlalchemy import text

from bench import synthetic
from cds_core.interchange import OrgUnitRecord, write_values
from cds_core.periods import Period
from db import orgunits, transfer, values
from db.database import session_scope
from db.permissions import SYSTEM

ROOT = Path(__file__).resolve().parents[2]
ROWS = 60_000  # long enough a transaction (seconds) to be caught in the middle


def _snapshot(engine) -> dict[str, object]:
    with engine.connect() as conn:
        counts = {
            t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
            for t in ("org_unit", "data_value", "submission", "audit_event")
        }
    with session_scope(engine) as session:
        return {**counts, "export": transfer.export_csv(session)}


def _in_transaction(engine) -> bool:
    """Whether the import holds an open, writing transaction right now."""
    if engine.dialect.name == "sqlite":
        probe = sqlite3.connect(engine.url.database, timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")  # fails while the import holds the write lock
            probe.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            probe.close()
    with engine.connect() as conn:
        sql = ("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
               "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()")  # fmt: skip
        return conn.execute(text(sql)).scalar_one() > 0


def _others_gone(engine) -> None:
    """Wait until PostgreSQL has noticed the dead client and rolled its transaction back."""
    if engine.dialect.name != "postgresql":
        return
    sql = text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
               "AND backend_type = 'client backend' AND pid <> pg_backend_pid()")  # fmt: skip
    for _ in range(200):
        with engine.connect() as conn:
            if conn.execute(sql).scalar_one() == 0:
                return
        time.sleep(0.05)
    raise AssertionError("the killed import's connection is still there")


def test_an_import_killed_halfway_leaves_the_database_as_it_was(engine, tmp_path):
    scale = synthetic.Scale.PROVINCE
    rows = list(islice(synthetic.values(scale, last=Period(2023, 4)), ROWS))
    named = {org for org, *_ in rows}
    # The units the values name, and the province above them; the rest of the province is
    # not needed (and would only make the test slower to set up).
    units = [u for u in synthetic.units(scale) if u.code in named or u.parent_code is None]
    with session_scope(engine, write=True) as session:
        orgunits.upsert(session, actor=SYSTEM, records=[
            OrgUnitRecord(i, u.code, u.name, u.level, u.parent_code, None, None)
            for i, u in enumerate(units, start=2)
        ])  # fmt: skip
    csv_file = tmp_path / "values.csv"
    csv_file.write_text(write_values((*r, "") for r in rows), encoding="utf-8")
    before = _snapshot(engine)

    url = engine.url.render_as_string(hide_password=False)
    env = {**os.environ, "DATABASE_URL": url}
    cmd = [sys.executable, "manage.py", "import-values", str(csv_file)]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not _in_transaction(engine):
            assert proc.poll() is None, "the import ended before it was caught writing"
            assert time.monotonic() < deadline, "the import never started writing"
            time.sleep(0.02)
        time.sleep(0.3)  # well inside its writes
        proc.send_signal(signal.SIGKILL)
    finally:
        out, _ = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL and not out, "the import finished before the kill"
    _others_gone(engine)

    assert _snapshot(engine) == before
    if engine.dialect.name == "sqlite":
        with sqlite3.connect(engine.url.database) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # Nothing was left locked: the next write goes through.
    with session_scope(engine, write=True) as session:
        values.save(session, actor=SYSTEM, org_code=units[1].code, period="2024Q1",
                    entries={"ld_steering_meetings": "2"})  # fmt: skip
