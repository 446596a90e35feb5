"""``manage.py check``: configuration, database reachability, migrations at head and the cookie
key's strength, each a finding that is fine or a problem with what to do about it."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from db import settings
from db.backup import head
from db.database import DEFAULT_BUSY_TIMEOUT_S, database_url, get_engine
from db.settings import MIN_KEY, cookie_key_setting, read_secrets, weak_key


@dataclass(frozen=True)
class Finding:
    """One line of the check: ``key`` names it (translated by the caller), ``ok`` or not."""

    key: str
    ok: bool
    message: str  # an i18n key
    params: dict[str, object]


def _masked(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def configuration(environ: Mapping[str, str], secrets: Mapping[str, object]) -> Finding:
    url = database_url()
    params: dict[str, object] = {
        "url": _masked(url),
        "env": environ.get("CDS_ENV") or "development",
        "busy": environ.get("CDS_BUSY_TIMEOUT_S") or f"{DEFAULT_BUSY_TIMEOUT_S:g}",
        "log": environ.get("CDS_LOG_FILE") or "stderr",
    }
    from_secrets = secrets.get("database_url")
    if from_secrets and not environ.get("DATABASE_URL") and str(from_secrets) != url:
        # The app would take secrets.toml's database, this command line the default one.
        return Finding("configuration", False, "check_config_split",
                       {**params, "secrets_url": _masked(str(from_secrets))})  # fmt: skip
    busy = environ.get("CDS_BUSY_TIMEOUT_S")
    if busy:
        try:
            valid = float(busy) >= 0
        except ValueError:
            valid = False
        if not valid:
            return Finding("configuration", False, "check_config_busy", params)
    return Finding("configuration", True, "check_config_ok", params)


def database() -> Finding:
    url = database_url()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(parsed.database)
        if not path.exists():  # connecting would create an empty file: say so instead
            return Finding("database", False, "check_db_missing", {"path": str(path)})
    try:
        with get_engine(url).connect() as conn:
            conn.execute(text("SELECT 1"))
            version = conn.dialect.server_version_info
    except Exception as exc:  # any refusal of the driver is the finding, not a crash
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines() or [repr(exc)]
        return Finding("database", False, "check_db_down", {"reason": reason[0]})
    server = ".".join(map(str, version or ())) or "?"
    return Finding("database", True, "check_db_ok",
                   {"backend": parsed.get_backend_name(), "version": server})  # fmt: skip


def migrations() -> Finding:
    from alembic.runtime.migration import MigrationContext

    try:
        with get_engine(database_url()).connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
    except Exception as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines() or [repr(exc)]
        return Finding("migrations", False, "check_db_down", {"reason": reason[0]})
    newest = head()
    if current != newest:
        return Finding("migrations", False, "check_migrations_behind",
                       {"current": current or "-", "head": newest})  # fmt: skip
    return Finding("migrations", True, "check_migrations_ok", {"head": newest})


def cookie_key(environ: Mapping[str, str], secrets: Mapping[str, object]) -> Finding:
    key = cookie_key_setting(environ, secrets)
    if not key:
        return Finding("cookie_key", False, "check_key_missing", {"min": MIN_KEY})
    if weak_key(key):
        return Finding("cookie_key", False, "check_key_weak", {"length": len(key), "min": MIN_KEY})
    return Finding("cookie_key", True, "check_key_ok", {"length": len(key)})


def run(environ: Mapping[str, str] | None = None) -> list[Finding]:
    environ = os.environ if environ is None else environ
    try:
        secrets = read_secrets()
        config = configuration(environ, secrets)
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as exc:
        secrets = {}
        config = Finding("configuration", False, "check_secrets_broken",
                         {"path": str(settings.SECRETS_FILE), "reason": str(exc)})  # fmt: skip
    reachable = database()
    schema = migrations() if reachable.ok else Finding("migrations", False, "check_skipped", {})
    return [config, reachable, schema, cookie_key(environ, secrets)]
