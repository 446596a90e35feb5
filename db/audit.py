"""The append-only audit log: one function writes it, queries read it; nothing edits it."""

from __future__ import annotations

from sqlmodel import Session, select

from db.models import AuditEvent
from db.permissions import Actor


def record(session: Session, *, actor: Actor, action: str, **fields: object) -> AuditEvent:
    event = AuditEvent(username=actor.username, action=action, **fields)
    session.add(event)
    return event


def history(
    session: Session,
    *,
    org_unit: str | None = None,
    period: str | None = None,
    element: str | None = None,
    since_version: int | None = None,
) -> list[AuditEvent]:
    """Events, newest first, filtered by whatever is given."""
    stmt = select(AuditEvent)
    if org_unit is not None:
        stmt = stmt.where(AuditEvent.org_unit == org_unit)
    if period is not None:
        stmt = stmt.where(AuditEvent.period == period)
    if element is not None:
        stmt = stmt.where(AuditEvent.element == element)
    if since_version is not None:
        stmt = stmt.where(AuditEvent.version > since_version)
    return list(session.exec(stmt.order_by(AuditEvent.id.desc())))
