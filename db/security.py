"""Password checks at sign-in: bcrypt verification and the lockout kept in the database.

Attempts and the lock live in the user's row (``failed_attempts``, ``locked_until``), so
neither a server restart nor a second browser resets them. Every refusal looks the same to
the caller: ``None``, whatever the reason, so the login form cannot reveal which usernames
exist, which are disabled and which are locked.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache

import bcrypt
from sqlmodel import Session, select

from db import audit
from db.models import User, utcnow
from db.permissions import Actor

MAX_FAILED = 5
LOCK_FOR = timedelta(minutes=15)
# bcrypt's work factor: about a quarter of a second a check on an office PC, which a guesser
# pays for every try. The tests lower it (tests/conftest.py), never the app.
ROUNDS = 12


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=ROUNDS)).decode()


def password_matches(password: str, password_hash: str) -> bool:
    try:
        return bcrypt.checkpw(password.encode(), password_hash.encode())
    except ValueError:  # not a bcrypt hash, or a password over bcrypt's 72 bytes
        return False


@cache
def _decoy_hash() -> str:
    # An unknown username still costs one bcrypt check, so timing does not tell it apart.
    return hash_password("decoy password, never a real one")


def _utc(moment: datetime) -> datetime:
    # SQLite hands datetimes back without a zone; they were stored as UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def locked(user: User, now: datetime | None = None) -> bool:
    return user.locked_until is not None and _utc(user.locked_until) > (now or utcnow())


def check_attempt(session: Session, user: User, password: str, now: datetime | None = None) -> bool:
    """Whether ``password`` is the user's, counting a wrong one towards the lock.

    While locked nothing is checked and nothing counted: the lock runs its 15 minutes from the
    fifth failure, and guessing during it gains nothing. The caller commits.
    """
    now = now or utcnow()
    if locked(user, now):
        return False
    if password_matches(password, user.password_hash):
        user.failed_attempts, user.locked_until = 0, None
        session.add(user)
        return True
    user.failed_attempts += 1
    if user.failed_attempts >= MAX_FAILED:
        user.failed_attempts, user.locked_until = 0, now + LOCK_FOR
        audit.record(
            session,
            actor=Actor(user.username, user.role, None),
            action="user_locked",
            new_value=(now + LOCK_FOR).isoformat(timespec="seconds"),
        )
    session.add(user)
    return False


def authenticate(
    session: Session, username: str, password: str, now: datetime | None = None
) -> User | None:
    """The active user these credentials belong to, or ``None`` for any refusal.

    Unknown username, wrong password, a locked account and a disabled account are all
    ``None``. The caller commits, so that a failure is counted even though it is refused.
    """
    user = session.exec(select(User).where(User.username == username.strip())).first()
    if user is None:
        password_matches(password, _decoy_hash())
        return None
    if not check_attempt(session, user, password, now):
        return None
    return user if user.active else None
