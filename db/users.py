"""Users: creation with bcrypt hashes, and the credentials the login widget reads."""

from __future__ import annotations

import secrets

import bcrypt
from sqlmodel import Session, func, select

from cds_core.errors import CdsError
from db.audit import record
from db.errors import NotFound
from db.models import OrgUnit, User
from db.orgunits import get as get_unit
from db.permissions import ROLES, Actor, check_admin

MIN_PASSWORD = 10


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise CdsError("err_password_short", min=MIN_PASSWORD)
    if len(password.encode()) > 72:  # bcrypt reads at most 72 bytes
        raise CdsError("err_password_long")


def random_password() -> str:
    return secrets.token_urlsafe(12)


def count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(User)).one()


def get(session: Session, username: str) -> User:
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None:
        raise NotFound("err_user_not_found", username=username)
    return user


def create(
    session: Session,
    *,
    actor: Actor,
    username: str,
    role: str,
    password: str,
    org_code: str | None = None,
    display_name: str | None = None,
) -> User:
    """A new active user; an editor, hamlet editor or viewer needs an org unit as scope."""
    check_admin(actor)
    username = username.strip()
    if not username or not username.replace("_", "").replace(".", "").isalnum():
        raise CdsError("err_username", username=username)
    if role not in ROLES:
        raise CdsError("err_role", role=role, roles=", ".join(ROLES))
    if session.exec(select(User).where(User.username == username)).first():
        raise CdsError("err_user_exists", username=username)
    scope: OrgUnit | None = get_unit(session, org_code) if org_code else None
    if scope is None and role != "admin":
        raise CdsError("err_scope_required", role=role)
    if role == "hamlet_editor" and scope is not None and scope.level != "ap":
        raise CdsError("err_scope_hamlet", org=scope.code)
    check_password(password)
    user = User(
        username=username,
        display_name=display_name or username,
        password_hash=hash_password(password),
        role=role,
        scope_org_id=scope.id if scope else None,
    )
    session.add(user)
    record(session, actor=actor, action="user_created", new_value=f"{username} ({role})")
    session.flush()
    return user


def actor_for(session: Session, username: str) -> Actor | None:
    """The plain-value actor for a signed-in username, or None if unknown or disabled."""
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None or not user.active:
        return None
    scope = session.get(OrgUnit, user.scope_org_id) if user.scope_org_id else None
    return Actor(user.username, user.role, scope.path if scope else None)


def scope_code(session: Session, username: str) -> str | None:
    user = get(session, username)
    scope = session.get(OrgUnit, user.scope_org_id) if user.scope_org_id else None
    return scope.code if scope else None


def credentials(session: Session) -> dict:
    """Active users in the shape streamlit-authenticator reads (bcrypt hashes, never plain)."""
    users = session.exec(select(User).where(User.active)).all()
    return {
        "usernames": {
            u.username: {
                "name": u.display_name,
                "password": u.password_hash,
                "roles": [u.role],
                "email": "",
                "failed_login_attempts": 0,
                "logged_in": False,
            }
            for u in users
        }
    }
