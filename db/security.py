"""Password checks at sign-in: bcrypt, and throttling that an attacker cannot turn against the
account's owner.

Failures are counted per username *and client* (the browser's device cookie where this user
signed in from it before, its address otherwise). After ``MAX_FAILED`` failures that client is
held back for ``FIRST_HOLD``, and after every further failure for twice as long as the last
time (up to ``MAX_HOLD``); while held back nothing is checked, the right password included, and
nothing is counted. Another client is not affected: the owner signs in from their own browser.

Against a guesser spread over many addresses, ``GLOBAL_MAX`` failures from clients the user
never signed in from, within ``GLOBAL_WINDOW``, hold back every such client until the window
ends. Refused attempts are not counted, so the guesser cannot prolong it, and browsers the user
has signed in from before are never held back by it. Every hold is audited for the admins.

Every refusal looks the same to the caller: ``None``, whatever the reason. Every attempt writes
its client's row first, known username or not, so that even a busy database answers alike.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

import bcrypt
from sqlmodel import Session, col, delete, select

from db import audit
from db.models import LoginThrottle, TrustedDevice, User, utcnow
from db.permissions import Actor

MAX_FAILED = 5
FIRST_HOLD = timedelta(minutes=1)
MAX_HOLD = timedelta(hours=1)
GLOBAL_MAX = 20
GLOBAL_WINDOW = timedelta(hours=1)
EVERYONE = "*"  # the client of the global count
MAX_USERNAME = 64
# bcrypt's work factor: about a quarter of a second a check on an office PC, which a guesser
# pays for every try. The tests lower it (tests/conftest.py), never the app.
ROUNDS = 12


@dataclass(frozen=True)
class Client:
    """Who is signing in: the network address (behind trusted proxies, the one they name) and
    the browser's device cookie, if it sent one."""

    address: str
    device: str | None = None


LOCAL = Client("local")  # the command line and tests: one client, on the server itself


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


def device_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _trusted(session: Session, username: str, device: str | None) -> TrustedDevice | None:
    if not device:
        return None
    return session.exec(
        select(TrustedDevice).where(
            TrustedDevice.username == username, TrustedDevice.device_hash == device_hash(device)
        )
    ).first()


def _row(session: Session, username: str, client: str, now: datetime) -> LoginThrottle:
    row = session.exec(
        select(LoginThrottle).where(
            LoginThrottle.username == username, LoginThrottle.client == client
        )
    ).first()
    return row or LoginThrottle(username=username, client=client, since=now)


def _sweep(session: Session, now: datetime) -> None:
    """Forget clients quiet for a day and not held back (names tried once, long ago)."""
    quiet = now - timedelta(days=1)
    session.execute(
        delete(LoginThrottle).where(
            col(LoginThrottle.last_attempt) < quiet,
            (col(LoginThrottle.blocked_until).is_(None)) | (col(LoginThrottle.blocked_until) < now),
        )
    )


def _held(row: LoginThrottle, now: datetime) -> bool:
    return row.blocked_until is not None and _utc(row.blocked_until) > now


def _audit(session: Session, username: str, action: str, client: str, until: datetime) -> None:
    audit.record(
        session,
        actor=Actor(username, "", None),
        action=action,
        old_value=client,
        new_value=until.isoformat(timespec="seconds"),
    )


def _failed(session: Session, row: LoginThrottle, now: datetime) -> None:
    """One more failure from this client: held back after the fifth, and again, twice as long,
    after every failure that follows a hold (until a success)."""
    row.failures += 1
    if row.failures >= MAX_FAILED or row.strikes:
        hold = min(FIRST_HOLD * 2**row.strikes, MAX_HOLD)
        row.blocked_until, row.failures, row.strikes = now + hold, 0, row.strikes + 1
        _audit(session, row.username, "login_held", row.client, now + hold)


def _failed_everywhere(session: Session, row: LoginThrottle, now: datetime) -> None:
    """One more failure from a client the user never signed in from, counted in a window."""
    if now - _utc(row.since) >= GLOBAL_WINDOW:
        row.failures, row.since, row.blocked_until = 0, now, None
    row.failures += 1
    if row.failures >= GLOBAL_MAX:
        row.blocked_until = _utc(row.since) + GLOBAL_WINDOW
        _audit(session, row.username, "login_capped", EVERYONE, row.blocked_until)


def authenticate(
    session: Session, username: str, password: str, client: Client, now: datetime | None = None
) -> User | None:
    """The active user these credentials belong to, or ``None`` for any refusal.

    Unknown username, wrong password, a held-back client and a disabled account are all
    ``None``. The caller commits, so that a failure is counted even though it is refused; on a
    success it issues the browser a device cookie and calls :func:`trust`.
    """
    now = now or utcnow()
    username = username.strip()
    if not username or len(username) > MAX_USERNAME:
        password_matches(password, _decoy_hash())
        return None  # no account has such a name: nothing to count
    device = _trusted(session, username, client.device)
    key = f"device:{device.device_hash}" if device else f"ip:{client.address}"
    _sweep(session, now)
    mine = _row(session, username, key[:80], now)
    mine.last_attempt = now
    session.add(mine)
    session.flush()  # the write every attempt makes first, whoever it names
    everyone = None if device else _row(session, username, EVERYONE, now)
    if _held(mine, now) or (everyone is not None and _held(everyone, now)):
        password_matches(password, _decoy_hash())
        return None
    user = session.exec(select(User).where(User.username == username)).first()
    if user is not None and password_matches(password, user.password_hash):
        mine.failures, mine.strikes, mine.blocked_until = 0, 0, None
        return user if user.active else None
    if user is None:
        password_matches(password, _decoy_hash())
    _failed(session, mine, now)
    if everyone is not None:
        _failed_everywhere(session, everyone, now)
        session.add(everyone)
    return None


def trust(session: Session, username: str, device: str, now: datetime | None = None) -> None:
    """Remember that ``username`` signed in from the browser holding ``device``."""
    now = now or utcnow()
    row = _trusted(session, username, device) or TrustedDevice(
        username=username, device_hash=device_hash(device)
    )
    row.last_used = now
    session.add(row)


def client_label(client: str) -> str:
    """A client as the admins see it: a device's hash shortened, an address whole."""
    return client[:23] if client.startswith("device:") else client


@dataclass(frozen=True)
class Hold:
    """A client held back from signing in as a user, as the admins see it."""

    username: str
    client: str  # "ip:…", "device:…" (shortened) or "*" for every unknown client
    until: datetime


def holds(session: Session, now: datetime | None = None) -> list[Hold]:
    """Every client held back right now, soonest released last."""
    now = now or utcnow()
    rows = session.exec(select(LoginThrottle).where(col(LoginThrottle.blocked_until).is_not(None)))
    out = [
        Hold(r.username, client_label(r.client), _utc(r.blocked_until))
        for r in rows
        if _utc(r.blocked_until) > now
    ]
    return sorted(out, key=lambda h: (h.username, h.until))


def held_usernames(session: Session, now: datetime | None = None) -> set[str]:
    return {h.username for h in holds(session, now)}


def lift(session: Session, username: str) -> None:
    """Forget every failure and hold for ``username`` (an admin reset the password)."""
    session.execute(delete(LoginThrottle).where(LoginThrottle.username == username))
