"""A busy database: saves wait for another writer up to CDS_BUSY_TIMEOUT_S, then are refused in
the user's language with nothing written and the typing kept; the next save goes through."""

from __future__ import annotations

import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
from sqlalchemy import text

from apptest import signed_in, sqlite_copy
from db import values
from db.database import get_engine, session_scope
from db.errors import Busy
from db.orgunits import get as get_unit
from db.permissions import SYSTEM

P = "2024Q1"
FIELD = "dvc_tthc_national_portal"


@contextmanager
def held(engine):
    """Another writer holds the database, as a long import's commit does, until the block ends."""
    if engine.dialect.name == "sqlite":
        other = sqlite3.connect(engine.url.database, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            other.execute("ROLLBACK")
            other.close()
    else:
        with engine.connect() as other:
            # Reads go on; every write to a submission (each save bumps one) waits.
            other.execute(text("LOCK TABLE submission IN EXCLUSIVE MODE"))
            yield
            other.rollback()


def _save(engine, value: str, expected_version: int | None = None) -> int:
    with session_scope(engine, write=True) as session:
        result = values.save(session, actor=SYSTEM, org_code="PHU_TAN", period=P,
                             entries={FIELD: value}, expected_version=expected_version)  # fmt: skip
        return result.version


def _stored(engine) -> tuple[int, float | None]:
    with session_scope(engine) as session:
        unit = get_unit(session, "PHU_TAN")
        cell = values.unit_values(session, unit, P).get(FIELD)
        return values.submission(session, unit, P).version, cell.value if cell else None


@pytest.fixture
def demo_engine(engine, demo_session):
    return engine


def test_a_save_waits_for_a_shorter_hold_and_goes_through(demo_engine, monkeypatch):
    monkeypatch.setenv("CDS_BUSY_TIMEOUT_S", "10")
    version, _ = _stored(demo_engine)
    with ThreadPoolExecutor(1) as pool:
        with held(demo_engine):
            saving = pool.submit(_save, demo_engine, "100")
            time.sleep(1.0)
            assert not saving.done()  # still waiting for the lock, not failed
        assert saving.result(timeout=10) == version + 1
    assert _stored(demo_engine) == (version + 1, 100)


def test_a_hold_longer_than_the_wait_is_refused_with_nothing_written(demo_engine, monkeypatch):
    monkeypatch.setenv("CDS_BUSY_TIMEOUT_S", "1")
    before = _stored(demo_engine)
    with held(demo_engine):
        started = time.monotonic()
        with pytest.raises(Busy) as refused:
            _save(demo_engine, "100", expected_version=before[0])
        waited = time.monotonic() - started
    assert 0.9 <= waited < 5
    assert refused.value.key == "err_busy" and refused.value.params == {"seconds": "1"}
    assert _stored(demo_engine) == before
    # The same save, tried again once the other writer is done, goes through.
    assert _save(demo_engine, "100", expected_version=before[0]) == before[0] + 1


def test_twenty_officers_saving_during_a_long_commit_all_succeed(
    tmp_path, sqlite_templates, monkeypatch
):
    """The issue's case: 20 saves at once while another writer holds SQLite for a while.
    Deferred transactions read, then fail at once on the lock whatever the busy timeout."""
    monkeypatch.setenv("CDS_BUSY_TIMEOUT_S", "20")
    engine = get_engine(sqlite_copy(sqlite_templates["demo"], tmp_path))
    version, _ = _stored(engine)
    # The hold ends before the pool waits for its saves.
    with ThreadPoolExecutor(20) as pool, held(engine):
        saves = [pool.submit(_save, engine, str(100 + i)) for i in range(20)]
        time.sleep(1.5)
    assert sorted(f.result(timeout=30) for f in saves) == list(range(version + 1, version + 21))


def test_the_officer_is_refused_keeps_the_typing_and_saves_next_time(app_db, monkeypatch):
    monkeypatch.setenv("CDS_BUSY_TIMEOUT_S", "1")
    at = signed_in("officer", "editor")
    at.session_state["period"] = P
    at = at.switch_page("app_pages/data_entry.py").run()
    field = at.text_input(key=f"v:PHU_TAN:{P}:{FIELD}")
    field.input("100").run()
    before = _stored(app_db)
    save = next(b for b in at.button if b.label == "Lưu nháp")
    with held(app_db):
        save.click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Cơ sở dữ liệu đang bận (đã chờ 1 giây); chưa lưu gì, hãy thử lại. "
        "Những gì bạn gõ vẫn còn trên trang: bấm lưu lại sau ít phút."
    ]
    assert at.text_input(key=f"v:PHU_TAN:{P}:{FIELD}").value == "100"
    assert _stored(app_db) == before
    next(b for b in at.button if b.label == "Lưu nháp").click().run()
    assert any("Đã lưu 1 thay đổi" in s.value for s in at.success), [e.value for e in at.error]
    assert _stored(app_db) == (before[0] + 1, 100)
