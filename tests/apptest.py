"""AppTest support: the app's paths, one user per role, sign-in (with its server-side session),
what Markdown shows, and copying a template database.

Fixtures live in conftest.py; this module holds the plain helpers tests import.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from streamlit.testing.v1 import AppTest

from db import sessions
from db.database import session_scope

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


def actor(session, username: str, role: str, org: str | None):
    """The actor a user of ``role`` scoped to ``org`` acts as, as ``db.users.actor_for`` makes
    it (its reach read from the map), without creating the user."""
    from db.orgmap import reach
    from db.orgunits import get
    from db.permissions import Actor

    if org is None:
        return Actor(username, role, None)
    return Actor(username, role, org, reach(session, get(session, org).id))


def shown(markdown: str) -> str:
    """What a reader sees of Markdown source that escapes user text (``ui.i18n.plain``): the
    backslashes before punctuation go (CommonMark's rule)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def sign_in(at: AppTest, username: str, role: str, name: str | None = None) -> AppTest:
    """Put ``at`` in a signed-in state: a session opened on the server (the database the
    ``DATABASE_URL`` environment names) and the session entries the login would set."""
    with session_scope() as session:
        at.session_state["_sid"] = sessions.open_session(session, username)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = username
    at.session_state["name"] = name or username
    at.session_state["roles"] = [role]
    return at


def signed_in(
    username: str, role: str, script: str = DASHBOARD, *, query: dict[str, str] | None = None
) -> AppTest:
    """Run ``script`` as a signed-in user (the login cookie is the browser tests' business),
    at a URL with ``query`` parameters."""
    at = sign_in(AppTest.from_file(script, default_timeout=60), username, role)
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
