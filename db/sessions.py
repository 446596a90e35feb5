"""Signed-in sessions kept on the server, so that a copied cookie can be ended.

The cookie carries a random token; the database keeps its SHA-256 and when it was opened and
last used. A session ends ``IDLE_MINUTES`` after its last click or ``SESSION_HOURS`` after it
was opened; logging out ends it, and a password change or reset and disabling the user end
every session of that user, wherever its cookie has been copied to.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, delete, select

from db.models import AuthSession, utcnow

SESSION_HOURS = 8  # a working day; also the cookie's lifetime
IDLE_MINUTES = 60
TOUCH_EVERY = timedelta(minutes=1)  # last_seen is written at most this often, not every click


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _utc(moment: datetime) -> datetime:
    # SQLite hands datetimes back without a zone; they were stored as UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def open_session(session: Session, username: str, now: datetime | None = None) -> str:
    """A new session for ``username``; returns the token for the cookie (shown nowhere else).

    Sessions past their absolute limit are swept out here, so the table stays small.
    """
    now = now or utcnow()
    session.execute(
        delete(AuthSession).where(
            col(AuthSession.created_at) < now - timedelta(hours=SESSION_HOURS)
        )
    )
    token = secrets.token_urlsafe(32)
    session.add(AuthSession(token_hash=_hash(token), username=username, created_at=now,
                            last_seen=now))  # fmt: skip
    session.flush()
    return token


def check(session: Session, token: str | None, now: datetime | None = None) -> str | None:
    """The username of a live session, marking it used; ``None`` when the token is unknown,
    ended, idle too long or too old (an expired row is deleted)."""
    if not token:
        return None
    now = now or utcnow()
    row = session.exec(select(AuthSession).where(AuthSession.token_hash == _hash(token))).first()
    if row is None:
        return None
    created, seen = _utc(row.created_at), _utc(row.last_seen)
    if now - created > timedelta(hours=SESSION_HOURS) or now - seen > timedelta(
        minutes=IDLE_MINUTES
    ):
        session.delete(row)
        return None
    if now - seen >= TOUCH_EVERY:
        row.last_seen = now
        session.add(row)
    return row.username


def close(session: Session, token: str | None) -> None:
    """End one session (logging out): its cookie, and every copy of it, no longer signs in."""
    if token:
        session.execute(delete(AuthSession).where(AuthSession.token_hash == _hash(token)))


def close_all(session: Session, username: str) -> None:
    """End every session of a user (password changed or reset, user disabled)."""
    session.execute(delete(AuthSession).where(AuthSession.username == username))
