"""Errors of the write path, translated like the domain's (``texts`` keys)."""

from __future__ import annotations

from cds_core.errors import CdsError


class PermissionDenied(CdsError):
    """The acting user's role or scope does not allow this write."""


class NotFound(CdsError):
    pass


class Locked(CdsError):
    """Approved data cannot change until it is reopened."""


class FieldErrors(CdsError):
    """Bad input in one or more cells; nothing was written."""

    def __init__(self, errors: dict[str, CdsError]) -> None:
        super().__init__("err_fields", count=len(errors))
        self.errors = errors


class Conflict(CdsError):
    """Someone else saved this form after it was loaded; ``changes`` lists what they changed
    (``db.values.Change``: stocks they merely carried over are marked, and not counted)."""

    def __init__(self, current_version: int, changes: list) -> None:
        super().__init__("err_conflict", count=sum(not c.carried for c in changes))
        self.current_version = current_version
        self.changes = changes


class Busy(CdsError):
    """Another writer held the database longer than the busy timeout; nothing was written."""


class AuditImmutable(CdsError):
    """Audit events are append-only: the app refuses to change or delete one."""
