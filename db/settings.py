"""Settings the app and the command line both read: ``.streamlit/secrets.toml`` without
Streamlit, and the rule a cookie key must meet."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path

from db.database import ROOT

SECRETS_FILE = ROOT / ".streamlit" / "secrets.toml"
MIN_KEY = 32
PLACEHOLDERS = ("replace", "change", "example", "secret", "placeholder", "xxx")


def read_secrets(path: Path | None = None) -> Mapping[str, object]:
    """The secrets file as the app reads it; empty when there is none (``tomllib`` errors pass
    through: a broken file is a problem to report, not to ignore)."""
    path = path or SECRETS_FILE
    if not path.exists():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8"))


def weak_key(key: str) -> bool:
    """A cookie key shorter than 32 characters, or one still holding a placeholder word."""
    return len(key) < MIN_KEY or any(p in key.lower() for p in PLACEHOLDERS)


def cookie_key_setting(environ: Mapping[str, str], secrets: Mapping[str, object]) -> str:
    """``CDS_COOKIE_KEY`` from the environment, else ``cookie_key`` from secrets.toml."""
    return str(environ.get("CDS_COOKIE_KEY") or secrets.get("cookie_key") or "")
