"""The operations log: one JSON line per sign-in, save, import, workflow step, backup and error.

Lines go to ``CDS_LOG_FILE`` when it is set, otherwise to the app's standard error (the
journal under systemd, ``docker compose logs`` in a container). They never carry a password,
a cookie or a phone number: fields with such names are dropped, and anything that looks like
a Vietnamese phone number is masked, in error messages too. Writes are logged once their
transaction commits, so the log never tells of a save that was rolled back.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import traceback
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

LOGGER = logging.getLogger("cds")
# Never logged, whatever a caller passes (the names are matched as substrings).
SECRET_FIELDS = ("password", "cookie", "token", "phone", "secret")
# A Vietnamese phone number: 0 or +84, then 8 to 10 more digits, spaces, dots or dashes between.
PHONE = re.compile(r"(?<![\w.])(?:\+84|0)(?:[ .\-]?\d){8,10}(?![\w])")
PENDING = "cds_oplog"


def configure(*, quiet: bool = False) -> None:
    """Send the log to ``CDS_LOG_FILE``, else to standard error (``quiet``: nowhere).

    The command line is quiet: its own output is one line a command, and its events reach a
    file only when one is named.
    """
    path = os.environ.get("CDS_LOG_FILE")
    if path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    elif not quiet:
        handler = logging.StreamHandler()  # the standard error of the moment
    else:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    for old in [h for h in LOGGER.handlers if getattr(h, "_cds", False)]:
        LOGGER.removeHandler(old)
        old.close()
    handler._cds = True  # type: ignore[attr-defined]
    LOGGER.addHandler(handler)
    LOGGER.setLevel(logging.INFO)
    # Streamlit configures the root logger its own way; our lines are whole already.
    LOGGER.propagate = False


def mask(text: str) -> str:
    return PHONE.sub("[phone]", text)


def _clean(value: object) -> object:
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def line(name: str, level: str = "info", **fields: object) -> str:
    """The JSON line of one event (secret-named fields dropped, phone numbers masked)."""
    record: dict[str, object] = {
        "ts": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "level": level,
        "event": name,
    }
    for key, value in fields.items():
        if not any(word in key.lower() for word in SECRET_FIELDS):
            record[key] = _clean(value)
    return json.dumps(record, ensure_ascii=False, default=str)


def event(name: str, level: str = "info", **fields: object) -> None:
    LOGGER.log(logging.getLevelName(level.upper()), line(name, level, **fields))


def on_commit(session: Session, name: str, **fields: object) -> None:
    """Log ``name`` once the session's transaction commits; a rollback forgets it."""
    session.info.setdefault(PENDING, []).append((name, fields))


@sa_event.listens_for(Session, "after_commit")
def _flush_pending(session: Session) -> None:
    for name, fields in session.info.pop(PENDING, []):
        event(name, **fields)


@sa_event.listens_for(Session, "after_rollback")
def _drop_pending(session: Session) -> None:
    session.info.pop(PENDING, None)


def error(exc: BaseException, **fields: object) -> str:
    """Log an unexpected error with a new id, and return the id for the user to quote.

    The line holds the error's type, its message (phone numbers masked; for a database error
    the driver's message, without the statement and its parameters) and where it was raised,
    as ``file:line function`` frames: enough to find it, no local values.
    """
    error_id = secrets.token_hex(4).upper()
    orig = getattr(exc, "orig", None)  # SQLAlchemy wraps the driver's error
    message = str(orig if orig is not None else exc).strip().splitlines()
    frames = [
        f"{Path(f.filename).name}:{f.lineno} {f.name}"
        for f in traceback.extract_tb(exc.__traceback__)[-8:]
    ]
    event("error", "error", id=error_id, type=type(exc).__name__,
          message=message[0][:500] if message else "", at=frames, **fields)  # fmt: skip
    return error_id
