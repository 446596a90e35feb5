"""The append-only audit log: one function writes it, queries read it; nothing edits it."""

from __future__ import annotations

from sqlalchemy import event, func, insert
from sqlalchemy.orm import ORMExecuteState
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, select

from db.errors import AuditImmutable
from db.models import AuditEvent, utcnow
from db.permissions import Actor


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_row_change(_mapper, _connection, _target) -> None:
    raise AuditImmutable("err_audit_immutable")


@event.listens_for(OrmSession, "do_orm_execute")
def _refuse_bulk_change(state: ORMExecuteState) -> None:
    if (state.is_update or state.is_delete) and any(
        m.class_ is AuditEvent for m in state.all_mappers
    ):
        raise AuditImmutable("err_audit_immutable")


def record(session: Session, *, actor: Actor, action: str, **fields: object) -> AuditEvent:
    event = AuditEvent(username=actor.username, action=action, **fields)
    session.add(event)
    return event


def record_many(session: Session, *, actor: Actor, events: list[dict]) -> None:
    """Many events in one executemany (a save of many cells, an import), in list order.

    Each event gives ``action``, ``org_unit``, ``period``, ``element``, ``version``,
    ``old_value``, ``new_value`` and ``reason``; the rows are those :func:`record` would write.
    """
    if not events:
        return
    session.flush()  # pending events first, so the log keeps the order things happened in
    at = utcnow()
    session.execute(
        insert(AuditEvent.__table__),
        [{"at": at, "username": actor.username, **e} for e in events],
    )


def latest_id(session: Session) -> int:
    """The id of the newest event (0 in an empty log): it grows with every audited write."""
    return session.exec(select(func.max(AuditEvent.id))).one() or 0


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
