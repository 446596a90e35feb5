"""Who may write what: role and scope checked in the write path, not only in the UI."""

from __future__ import annotations

from dataclasses import dataclass

from cds_core.catalogue import Level, value_code
from cds_core.roles import WRITERS, Role
from db.errors import PermissionDenied
from db.models import OrgUnit

ROLES = tuple(Role)


@dataclass(frozen=True)
class Actor:
    """The acting user as plain values (pages keep this in the session, never an ORM row)."""

    username: str
    role: Role
    scope_path: str | None  # path of the scope org unit; None: no unit (admin: everything)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


SYSTEM = Actor("system", Role.ADMIN, None)


def in_scope(actor: Actor, unit: OrgUnit) -> bool:
    if actor.is_admin:
        return True
    return actor.scope_path is not None and unit.path.startswith(actor.scope_path)


def check_write_values(actor: Actor, unit: OrgUnit, codes: list[str]) -> None:
    """Raise :class:`PermissionDenied` unless ``actor`` may enter these cells for ``unit``."""
    if actor.role not in WRITERS:
        raise PermissionDenied("err_perm_read_only", role=actor.role)
    if not in_scope(actor, unit):
        raise PermissionDenied("err_perm_scope", org=unit.code)
    if actor.role == Role.HAMLET_EDITOR:
        # A hamlet team enters its own hamlet's figures (catalogue section 6) and nothing else.
        if unit.level != Level.AP or unit.path != actor.scope_path:
            raise PermissionDenied("err_perm_scope", org=unit.code)
        for code in codes:
            if value_code(code).element.level is not Level.AP:
                raise PermissionDenied("err_perm_element", element=code)


def check_admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise PermissionDenied("err_perm_admin")
