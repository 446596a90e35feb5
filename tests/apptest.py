"""AppTest support: the app's paths, one user per role, sign-in, and copying a template database.

Fixtures live in conftest.py; this module holds the plain helpers tests import.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = str(ROOT / "dashboard.py")
PASSWORD = "correct-horse-battery"
# username → (role, scope)
USERS = {
    "officer": ("editor", "PHU_TAN"),
    "district": ("editor", "TAN_PHU_DONG"),
    "committee": ("viewer", "PHU_TAN"),
    "team1": ("hamlet_editor", "PHU_TAN_AP1"),
}


def signed_in(
    username: str, role: str, script: str = DASHBOARD, *, query: dict[str, str] | None = None
) -> AppTest:
    """Run ``script`` as a signed-in user (the login cookie is the browser tests' business),
    at a URL with ``query`` parameters."""
    at = AppTest.from_file(script, default_timeout=60)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = username
    at.session_state["name"] = username
    at.session_state["roles"] = [role]
    at.query_params.update(query or {})
    return at.run()


ENTRY = "app_pages/data_entry.py"


def key(code: str, period: str = "2024Q1", org: str = "PHU_TAN") -> str:
    """The widget key of a value on the data-entry form."""
    return f"v:{org}:{period}:{code}"


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def sqlite_copy(template: Path, folder: Path, name: str = "cds.db") -> str:
    """A copy of the SQLite file ``template`` in ``folder``; its SQLAlchemy URL."""
    shutil.copy(template, folder / name)
    return f"sqlite:///{folder / name}"
