"""`manage.py check`: configuration, database, migrations and cookie key, one line each, and a
non-zero exit with a one-line reason on any problem."""

from __future__ import annotations

import pytest
from sqlalchemy import text

import manage
from db.database import get_engine
from db.migrate import upgrade

STRONG = "Zq3" * 16


@pytest.fixture
def env(tmp_path, monkeypatch):
    for name in ("CDS_COOKIE_KEY", "CDS_ENV", "CDS_BUSY_TIMEOUT_S", "CDS_LOG_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("db.settings.SECRETS_FILE", tmp_path / "secrets.toml")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cds.db'}")
    monkeypatch.setattr(manage, "LANG", "en")
    return tmp_path


def check(capsys) -> tuple[int, list[str], list[str]]:
    code = manage.main(["check"])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def test_a_migrated_database_and_a_strong_key_pass(env, capsys, monkeypatch):
    upgrade(get_engine(f"sqlite:///{env / 'cds.db'}"))
    monkeypatch.setenv("CDS_COOKIE_KEY", STRONG)
    code, out, err = check(capsys)
    assert code == 0 and err == []
    assert [line.split(":")[0] for line in out] == [
        "[ok] configuration",
        "[ok] database",
        "[ok] schema",
        "[ok] cookie key",
    ]
    assert out[0].startswith(f"[ok] configuration: DATABASE_URL=sqlite:///{env / 'cds.db'}; ")
    assert out[3] == "[ok] cookie key: strong enough (48 characters)"


def test_no_database_and_no_key_are_problems(env, capsys):
    code, out, err = check(capsys)
    assert code == 1 and err == ["Error: 3 problems (see the PROBLEM lines above)"]
    assert (
        out[1]
        == f"[PROBLEM] database: no database at {env / 'cds.db'} yet: run python manage.py init"
    )
    assert out[2] == "[PROBLEM] schema: skipped: the database is not reachable"
    assert out[3].startswith("[PROBLEM] cookie key: not set (CDS_COOKIE_KEY or cookie_key")
    assert not (env / "cds.db").exists()  # the check created nothing


def test_a_schema_behind_head_and_a_placeholder_key_are_problems(env, capsys):
    engine = get_engine(f"sqlite:///{env / 'cds.db'}")
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0003'"))
    (env / "secrets.toml").write_text('cookie_key = "replace-me-with-a-long-random-key-please"\n')
    code, out, _ = check(capsys)
    assert code == 1
    assert out[2].startswith("[PROBLEM] schema: at 0003, the newest is ")
    assert out[3].startswith("[PROBLEM] cookie key: weak (40 characters")


def test_an_unreachable_server_and_a_split_configuration_are_problems(env, capsys, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://cds:pw@127.0.0.1:1/cds")
    monkeypatch.setenv("CDS_BUSY_TIMEOUT_S", "soon")
    code, out, _ = check(capsys)
    assert code == 1
    assert (
        out[0]
        == "[PROBLEM] configuration: CDS_BUSY_TIMEOUT_S=soon is not a valid number of seconds"
    )
    assert out[1].startswith("[PROBLEM] database: not reachable: ")
    assert "pw" not in "\n".join(out)  # the password is never printed
    monkeypatch.delenv("DATABASE_URL")
    (env / "secrets.toml").write_text('database_url = "postgresql+psycopg://cds:pw@db/cds"\n')
    _, out, _ = check(capsys)
    assert out[0].startswith("[PROBLEM] configuration: the app uses database_url from secrets.toml")
