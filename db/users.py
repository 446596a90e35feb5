"""Users: creation, administration by admins (all audited), and each user's own password."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, func, select

from cds_core.errors import CdsError
from cds_core.roles import Role
from db.audit import record
from db.errors import NotFound, PermissionDenied
from db.models import AuditEvent, OrgUnit, User
from db.orgunits import get as get_unit
from db.permissions import ROLES, Actor, check_admin
from db.security import (
    Client,
    Hold,
    authenticate,
    client_label,
    hash_password,
    held_usernames,
    holds,
    lift,
)
from db.sessions import close_all

MIN_PASSWORD = 10


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise CdsError("err_password_short", min=MIN_PASSWORD)
    if len(password.encode()) > 72:  # bcrypt reads at most 72 bytes
        raise CdsError("err_password_long")


def random_password() -> str:
    return secrets.token_urlsafe(12)


def count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(User)).one()


def find(session: Session, username: str) -> User | None:
    return session.exec(select(User).where(User.username == username)).first()


def get(session: Session, username: str) -> User:
    user = find(session, username)
    if user is None:
        raise NotFound("err_user_not_found", username=username)
    return user


def _scope(session: Session, role: str, org_code: str | None) -> OrgUnit | None:
    """The scope unit a role needs: none for an admin, a unit for the others, a hamlet for a
    hamlet editor."""
    if role not in ROLES:
        raise CdsError("err_role", role=role, roles=", ".join(ROLES))
    scope = get_unit(session, org_code) if org_code else None
    if scope is None and role != Role.ADMIN:
        raise CdsError("err_scope_required", role=role)
    if role == Role.HAMLET_EDITOR and scope is not None and scope.level != "ap":
        raise CdsError("err_scope_hamlet", org=scope.code)
    return scope


def create(
    session: Session,
    *,
    actor: Actor,
    username: str,
    role: str,
    password: str,
    org_code: str | None = None,
    display_name: str | None = None,
    must_change: bool = False,
) -> User:
    """A new active user; an editor, hamlet editor or viewer needs an org unit as scope.

    ``must_change``: the password was handed over by someone else (generated, shown once), so
    the user must choose their own at the first sign-in.
    """
    check_admin(actor)
    username = username.strip()
    if not username or not username.replace("_", "").replace(".", "").isalnum():
        raise CdsError("err_username", username=username)
    scope = _scope(session, role, org_code)
    if find(session, username):
        raise CdsError("err_user_exists", username=username)
    check_password(password)
    user = User(
        username=username,
        display_name=(display_name or "").strip() or username,
        password_hash=hash_password(password),
        role=role,
        scope_org_id=scope.id if scope else None,
        must_change_password=must_change,
    )
    session.add(user)
    record(session, actor=actor, action="user_created", new_value=f"{username} ({role})")
    session.flush()
    return user


def invite(
    session: Session,
    *,
    actor: Actor,
    username: str,
    role: str,
    org_code: str | None = None,
    display_name: str | None = None,
) -> str:
    """Create a user with a random password, returned once for the admin to hand over; the
    user chooses their own at the first sign-in."""
    password = random_password()
    create(
        session,
        actor=actor,
        username=username,
        role=role,
        password=password,
        org_code=org_code,
        display_name=display_name,
        must_change=True,
    )
    return password


def actor_for(session: Session, username: str) -> Actor | None:
    """The plain-value actor for a signed-in username, or None if unknown or disabled."""
    user = find(session, username)
    if user is None or not user.active:
        return None
    scope = session.get(OrgUnit, user.scope_org_id) if user.scope_org_id else None
    return Actor(user.username, user.role, scope.path if scope else None)


def scope_code(session: Session, username: str) -> str | None:
    user = get(session, username)
    scope = session.get(OrgUnit, user.scope_org_id) if user.scope_org_id else None
    return scope.code if scope else None


@dataclass(frozen=True)
class UserRow:
    """One line of the administration list: plain values, never the hash."""

    username: str
    display_name: str
    role: str
    scope: str | None
    active: bool
    must_change_password: bool
    held: bool  # some client is held back from signing in as this user
    created_at: datetime


def listing(session: Session, *, actor: Actor) -> list[UserRow]:
    """Every user, by username; only an admin may see the list."""
    check_admin(actor)
    codes = {u.id: u.code for u in session.exec(select(OrgUnit))}
    held = held_usernames(session)
    return [
        UserRow(
            u.username,
            u.display_name,
            u.role,
            codes.get(u.scope_org_id),
            u.active,
            u.must_change_password,
            u.username in held,
            u.created_at,
        )
        for u in session.exec(select(User).order_by(User.username))
    ]


HOLD_ACTIONS = ("login_held", "login_capped")


@dataclass(frozen=True)
class HoldEvent:
    """A past hold on sign-ins, from the audit log."""

    at: datetime
    username: str
    client: str
    until: str


def sign_in_holds(
    session: Session, *, actor: Actor, limit: int = 50
) -> tuple[list[Hold], list[HoldEvent]]:
    """Clients held back from signing in right now, and the latest holds: admins only."""
    check_admin(actor)
    events = session.exec(
        select(AuditEvent)
        .where(AuditEvent.action.in_(HOLD_ACTIONS))
        .order_by(AuditEvent.id.desc())
        .limit(limit)
    )
    past = [HoldEvent(e.at, e.username, client_label(e.old_value or ""), e.new_value or "")
            for e in events]  # fmt: skip
    return holds(session), past


def _check_keeps_an_admin(session: Session, user: User) -> None:
    """Refuse to disable or demote the last active admin: nobody could administer any more."""
    if user.role != Role.ADMIN or not user.active:
        return
    admins = session.exec(
        select(func.count()).select_from(User).where(User.role == Role.ADMIN, User.active)
    ).one()
    if admins <= 1:
        raise PermissionDenied("err_last_admin")


def set_active(session: Session, *, actor: Actor, username: str, active: bool) -> User:
    """Disable or enable a user; a disabled user is refused at sign-in, and every session of
    theirs ends (at the next click, wherever their cookie has been copied to)."""
    check_admin(actor)
    user = get(session, username)
    if user.active == active:
        return user
    if not active:
        if user.username == actor.username:
            raise PermissionDenied("err_user_self")
        _check_keeps_an_admin(session, user)
    user.active = active
    session.add(user)
    if not active:
        close_all(session, username)
    record(
        session,
        actor=actor,
        action="user_enabled" if active else "user_disabled",
        old_value=username,
        new_value=username,
    )
    session.flush()
    return user


def reset_password(session: Session, *, actor: Actor, username: str) -> str:
    """A new random password, returned once for the admin to hand over; it ends every session
    of the user and lifts every hold on their sign-in.

    The user must choose their own password at the next sign-in. The audit records that it
    happened, never the password.
    """
    check_admin(actor)
    user = get(session, username)
    password = random_password()
    user.password_hash = hash_password(password)
    user.must_change_password = True
    session.add(user)
    close_all(session, username)
    lift(session, username)
    record(session, actor=actor, action="password_reset", new_value=username)
    session.flush()
    return password


def change_role(
    session: Session, *, actor: Actor, username: str, role: str, org_code: str | None
) -> User:
    """Give a user another role or scope (checked as at creation)."""
    check_admin(actor)
    user = get(session, username)
    scope = _scope(session, role, org_code)
    if role != Role.ADMIN:
        _check_keeps_an_admin(session, user)
    old = f"{user.role} {scope_code(session, username) or '-'}"
    user.role, user.scope_org_id = role, scope.id if scope else None
    session.add(user)
    record(
        session,
        actor=actor,
        action="user_role",
        old_value=old,
        new_value=f"{role} {scope.code if scope else '-'}",
        reason=username,
    )
    session.flush()
    return user


def change_own_password(
    session: Session, *, actor: Actor, old: str, new: str, client: Client
) -> None:
    """The signed-in user replaces their password, proving the current one first; every
    session of theirs ends (the caller opens a new one for the browser in use).

    A wrong current password counts as a failed sign-in from ``client``, so a session left
    open cannot be used to guess it: the caller commits even when this raises
    ``err_password_wrong``, to keep that count.
    """
    user = get(session, actor.username)
    if not user.active:
        raise PermissionDenied("err_perm_inactive")
    check_password(new)
    if new == old:
        raise CdsError("err_password_same")
    if authenticate(session, actor.username, old, client) is None:
        raise CdsError("err_password_wrong")
    user.password_hash = hash_password(new)
    user.must_change_password = False
    session.add(user)
    close_all(session, user.username)
    record(session, actor=actor, action="password_changed", new_value=user.username)
    session.flush()
