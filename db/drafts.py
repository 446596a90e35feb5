"""Unsaved typing, kept on the server per user, org unit and quarter until saved or discarded.

A draft is not data: nothing reads it but its own author's form, so it is neither audited nor
versioned. Keeping one needs the same rights as saving the cells it holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, delete, select

from cds_core.periods import Period
from db.models import FormDraft, OrgUnit, utcnow
from db.orgunits import get as get_unit
from db.permissions import Actor, check_write_values


@dataclass(frozen=True)
class Draft:
    base_version: int  # the submission version the typing started from
    entries: dict[str, str]  # value code → what was typed, where it differs from the saved form
    comments: dict[str, str]
    updated_at: datetime


def _where(actor: Actor, unit: OrgUnit, period: str):
    return (
        FormDraft.username == actor.username,
        FormDraft.org_unit_id == unit.id,
        FormDraft.period == Period.parse(period).code,
    )


def keep(
    session: Session,
    *,
    actor: Actor,
    org_code: str,
    period: str,
    base_version: int,
    entries: Mapping[str, str],
    comments: Mapping[str, str],
) -> None:
    """Store what ``actor`` has typed and not saved; nothing typed removes the draft.

    One statement either way (an upsert), so two tabs of the same person never collide on the
    (user, unit, quarter) key.
    """
    unit = get_unit(session, org_code)
    check_write_values(actor, unit, [*entries, *comments])
    if not entries and not comments:
        discard(session, actor=actor, org_code=org_code, period=period)
        return
    row = {
        "username": actor.username,
        "org_unit_id": unit.id,
        "period": Period.parse(period).code,
        "base_version": base_version,
        "entries": dict(entries),
        "comments": dict(comments),
        "updated_at": utcnow(),
    }
    upsert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = upsert(FormDraft.__table__).values(**row)
    stmt = stmt.on_conflict_do_update(
        index_elements=["username", "org_unit_id", "period"],
        set_={k: stmt.excluded[k] for k in ("base_version", "entries", "comments", "updated_at")},
    )
    session.execute(stmt)


def load(session: Session, *, actor: Actor, org_code: str, period: str) -> Draft | None:
    """``actor``'s unsaved typing for this unit and quarter, if any."""
    unit = get_unit(session, org_code)
    row = session.exec(select(FormDraft).where(*_where(actor, unit, period))).first()
    if row is None:
        return None
    return Draft(row.base_version, dict(row.entries), dict(row.comments), row.updated_at)


def discard(session: Session, *, actor: Actor, org_code: str, period: str) -> None:
    """Forget ``actor``'s unsaved typing for this unit and quarter (after a save, or on request)."""
    unit = get_unit(session, org_code)
    session.exec(delete(FormDraft).where(*_where(actor, unit, period)))


def latest_period(session: Session, *, actor: Actor, org_code: str) -> str | None:
    """The quarter of ``actor``'s most recent unsaved typing for this unit: where they left off."""
    unit = get_unit(session, org_code)
    stmt = (
        select(FormDraft.period)
        .where(FormDraft.username == actor.username, FormDraft.org_unit_id == unit.id)
        .order_by(FormDraft.updated_at.desc())
        .limit(1)
    )
    return session.exec(stmt).first()
