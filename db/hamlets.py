"""Hamlets and their community tech teams: the roster, the activity log, and the per-hamlet
figures of a commune, with who may read and write them checked here.

A team is kept by its hamlet's ``hamlet_editor`` or by an editor or admin whose scope holds the
hamlet; anyone who may see the hamlet may read it, but phone numbers only reach those who may
keep the team. Logging an activity saves the quarter's derived figures through
:func:`db.values.save`, so rollups and scorecards see what the log says; changing the roster
saves the team's size (``tcn_members``) in every quarter not yet approved the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from dataclasses import fields as dataclass_fields
from datetime import date

from sqlmodel import Session, select

from cds_core import hamlets as core
from cds_core import scorecard
from cds_core.catalogue import VALUE_CODES, Kind, Level
from cds_core.errors import CdsError
from cds_core.periods import Period
from cds_core.roles import Role
from cds_core.submissions import SubmissionStatus
from db import audit, oplog, values
from db.errors import FieldErrors, NotFound, PermissionDenied
from db.models import (
    DataValue,
    OrgUnit,
    OrgUnitMember,
    Submission,
    TeamActivity,
    TeamMember,
    utcnow,
)
from db.orgunits import get as get_unit
from db.permissions import Actor, in_scope
from db.scorecards import for_unit
from db.targets import in_force


def get_hamlet(session: Session, code: str) -> OrgUnit:
    unit = get_unit(session, code)
    if unit.level != Level.AP:
        raise CdsError("err_not_hamlet", org=code)
    return unit


def may_keep_team(actor: Actor, hamlet: OrgUnit) -> bool:
    """The hamlet's own team, or an editor or admin above it."""
    if actor.role == Role.HAMLET_EDITOR:
        return actor.scope == hamlet.code
    return actor.role in (Role.ADMIN, Role.EDITOR) and in_scope(actor, hamlet)


def _check_read(actor: Actor, hamlet: OrgUnit) -> None:
    # Refused as an unknown code is: nobody learns which hamlets exist outside their scope.
    if not in_scope(actor, hamlet):
        raise NotFound("err_org_not_found", code=hamlet.code)


def _check_write(actor: Actor, hamlet: OrgUnit) -> None:
    if actor.role == Role.VIEWER:
        raise PermissionDenied("err_perm_read_only", role=actor.role)
    if not may_keep_team(actor, hamlet):
        raise PermissionDenied("err_perm_scope", org=hamlet.code)


# -- roster --


@dataclass(frozen=True)
class Member(core.MemberInput):
    """A roster line as a page shows it; ``phone`` is blank for those who may not see it."""

    id: int

    def active_on(self, day: date) -> bool:
        return (self.joined is None or self.joined <= day) and (
            self.left is None or day <= self.left
        )


def members(session: Session, *, actor: Actor, hamlet_code: str) -> list[Member]:
    """The hamlet's roster, current and former members, by name."""
    hamlet = get_hamlet(session, hamlet_code)
    _check_read(actor, hamlet)
    show_phone = may_keep_team(actor, hamlet)
    rows = session.exec(
        select(TeamMember)
        .where(TeamMember.org_unit_id == hamlet.id)
        .order_by(TeamMember.name, TeamMember.id)
    )
    return [_member(r, show_phone) for r in rows]


def _member(row: TeamMember, show_phone: bool) -> Member:
    typed = {f.name: getattr(row, f.name) for f in dataclass_fields(core.MemberInput)}
    return Member(id=row.id, **{**typed, "phone": row.phone if show_phone else ""})


def _member_fields(row: TeamMember) -> str:
    # The audit trail keeps what changed; a phone is personal, so only whether it changed.
    return repr(
        (row.name, row.role_in_team, row.organisation, bool(row.phone), row.joined, row.left)
    )


def save_member(
    session: Session,
    *,
    actor: Actor,
    hamlet_code: str,
    fields: Mapping[str, object],
    member_id: int | None = None,
) -> int:
    """Add a roster member (``member_id`` None) or change one; returns the member's id.

    Refuses with :class:`FieldErrors` naming each bad field, or :class:`PermissionDenied`.
    """
    hamlet = get_hamlet(session, hamlet_code)
    _check_write(actor, hamlet)
    member, errors = core.check_member(fields)
    if errors:
        raise FieldErrors(errors)
    if member_id is None:
        row = TeamMember(org_unit_id=hamlet.id)
        before = None
    else:
        row = session.get(TeamMember, member_id)
        if row is None or row.org_unit_id != hamlet.id:
            raise NotFound("err_member_not_found", id=member_id)
        before = _member_fields(row)
    row.name, row.role_in_team, row.organisation = (
        member.name,
        member.role_in_team,
        member.organisation,
    )
    row.phone, row.joined, row.left = member.phone, member.joined, member.left
    row.updated_by, row.updated_at = actor.username, utcnow()
    session.add(row)
    session.flush()
    after = _member_fields(row)
    if before != after:
        audit.record(
            session, actor=actor, action="team_member", org_unit=hamlet.code,
            element=f"member:{row.id}", old_value=before, new_value=after,
        )  # fmt: skip
        sync_roster(session, actor=actor, hamlet=hamlet)
    oplog.on_commit(session, "team_member", user=actor.username, org=hamlet.code, member=row.id)
    return row.id


def sync_roster(session: Session, *, actor: Actor, hamlet: OrgUnit) -> None:
    """Save the team's size as the roster counts it in every quarter the hamlet holds figures
    for, except approved ones (their figures stay as approved until reopened and saved)."""
    roster = list(session.exec(select(TeamMember).where(TeamMember.org_unit_id == hamlet.id)))
    held = set(session.exec(select(DataValue.period).where(DataValue.org_unit_id == hamlet.id)))
    approved = set(
        session.exec(
            select(Submission.period).where(
                Submission.org_unit_id == hamlet.id,
                Submission.status == SubmissionStatus.APPROVED,
            )
        )
    )
    for period in sorted(held - approved):
        count = core.members_on(roster, Period.parse(period).last_day)
        values.save(session, actor=actor, org_code=hamlet.code, period=period,
                    entries={core.ROSTER_COUNT: str(count)}, reason="team_member")  # fmt: skip


# -- activity log --


@dataclass(frozen=True)
class Activity(core.ActivityInput):
    """A logged activity: what was typed, with its id and who logged it."""

    id: int
    created_by: str


def _activity(row: TeamActivity) -> Activity:
    typed = {f.name: getattr(row, f.name) for f in dataclass_fields(core.ActivityInput)}
    return Activity(id=row.id, created_by=row.created_by, **typed)


def activities(
    session: Session,
    *,
    actor: Actor,
    hamlet_code: str,
    period: str | None = None,
    limit: int | None = None,
) -> list[Activity]:
    """The hamlet's logged activities, newest first; within one quarter if ``period`` is given."""
    hamlet = get_hamlet(session, hamlet_code)
    _check_read(actor, hamlet)
    stmt = select(TeamActivity).where(TeamActivity.org_unit_id == hamlet.id)
    if period is not None:
        p = Period.parse(period)
        stmt = stmt.where(TeamActivity.date >= p.first_day, TeamActivity.date <= p.last_day)
    stmt = stmt.order_by(TeamActivity.date.desc(), TeamActivity.id.desc()).limit(limit)
    return [_activity(r) for r in session.exec(stmt)]


def log_activity(
    session: Session,
    *,
    actor: Actor,
    hamlet_code: str,
    fields: Mapping[str, object],
    today: date | None = None,
) -> int:
    """Log one team activity and refresh its quarter's derived figures; returns its id.

    Refuses with :class:`FieldErrors`, :class:`PermissionDenied`, or :class:`db.errors.Locked`
    when the quarter's figures are approved (the activity is then not logged either: the
    caller's transaction rolls back as a whole).
    """
    hamlet = get_hamlet(session, hamlet_code)
    _check_write(actor, hamlet)
    activity, errors = core.check_activity(fields, today=today or date.today())
    if errors:
        raise FieldErrors(errors)
    row = TeamActivity(org_unit_id=hamlet.id, created_by=actor.username, **asdict(activity))
    session.add(row)
    session.flush()
    audit.record(
        session, actor=actor, action="team_activity", org_unit=hamlet.code,
        period=Period.containing(activity.date).code, element=f"activity:{row.id}",
        new_value=repr((activity.date, activity.kind, activity.people_reached,
                        activity.accounts_supported)),
    )  # fmt: skip
    sync_derived(session, actor=actor, hamlet=hamlet, period=Period.containing(activity.date))
    oplog.on_commit(session, "activity", user=actor.username, org=hamlet.code, activity=row.id)
    return row.id


def delete_activity(session: Session, *, actor: Actor, hamlet_code: str, activity_id: int) -> None:
    """Remove an activity logged by mistake, and refresh its quarter's derived figures."""
    hamlet = get_hamlet(session, hamlet_code)
    _check_write(actor, hamlet)
    row = session.get(TeamActivity, activity_id)
    if row is None or row.org_unit_id != hamlet.id:
        raise NotFound("err_activity_not_found", id=activity_id)
    period = Period.containing(row.date)
    audit.record(
        session, actor=actor, action="team_activity", org_unit=hamlet.code, period=period.code,
        element=f"activity:{row.id}",
        old_value=repr((row.date, row.kind, row.people_reached, row.accounts_supported)),
    )  # fmt: skip
    session.delete(row)
    session.flush()
    sync_derived(session, actor=actor, hamlet=hamlet, period=period)


def sync_derived(session: Session, *, actor: Actor, hamlet: OrgUnit, period: Period) -> None:
    """Save the quarter's sessions, people guided and accounts supported as the log counts them."""
    rows = session.exec(select(TeamActivity).where(TeamActivity.org_unit_id == hamlet.id))
    counts = core.derived_counts(rows, period)
    values.save(
        session,
        actor=actor,
        org_code=hamlet.code,
        period=period.code,
        entries={code: str(n) for code, n in counts.items()},
        reason="team_activity",
    )


# -- figures of a commune's hamlets --


@dataclass(frozen=True)
class HamletCard:
    """One hamlet's section-6 indicators for a quarter."""

    code: str
    name: str
    is_demo: bool
    values: dict[str, float]
    rows: list[scorecard.Row]


def hamlets_then(session: Session, commune_code: str, period: str) -> list[OrgUnit]:
    """The hamlets whose figures count in the commune's in ``period``, by code: its own then
    or, before a merged commune existed, its predecessors'."""
    commune = get_unit(session, commune_code)
    stmt = (
        select(OrgUnit)
        .join(OrgUnitMember, OrgUnitMember.member_id == OrgUnit.id)
        .where(*_hamlets_of(commune, Period.parse(period).code))
        .order_by(OrgUnit.code)
    )
    return list(session.exec(stmt))


def _hamlets_of(commune: OrgUnit, period: str) -> tuple:
    return (
        OrgUnitMember.ancestor_id == commune.id,
        OrgUnitMember.member_level == Level.AP.value,
        OrgUnitMember.comparable.is_(True),
        OrgUnitMember.first_period <= period,
        OrgUnitMember.last_period >= period,
    )


def hamlet_figures(session: Session, commune_code: str, period: str) -> dict[str, dict[str, float]]:
    """Numeric figures of each hamlet of a commune for one quarter, in one query."""
    commune = get_unit(session, commune_code)
    p = Period.parse(period)
    stmt = (
        select(OrgUnit.code, DataValue.element, DataValue.value_num)
        .join(OrgUnit, OrgUnit.id == DataValue.org_unit_id)
        .join(OrgUnitMember, OrgUnitMember.member_id == DataValue.org_unit_id)
        .where(
            *_hamlets_of(commune, p.code),
            DataValue.period == p.code,
            DataValue.value_num.is_not(None),
        )
    )
    out: dict[str, dict[str, float]] = {}
    for code, element, value in session.exec(stmt):
        vc = VALUE_CODES.get(element)
        if vc is not None and vc.kind is not Kind.TEXT:
            out.setdefault(code, {})[element] = float(value)
    return out


def hamlet_cards(session: Session, commune_code: str, period: str) -> list[HamletCard]:
    """Every hamlet of the commune in that quarter with its section-6 indicators judged
    against targets."""
    p = Period.parse(period)
    figures = hamlet_figures(session, commune_code, p.code)
    targets = in_force(session)
    cards = []
    for unit in hamlets_then(session, commune_code, p.code):
        own = figures.get(unit.code, {})
        rows = scorecard.build(own, targets, org_unit=unit.code, level=unit.level, year=p.year)
        rows = [r for r in rows if r.indicator in core.HAMLET_INDICATORS]
        cards.append(HamletCard(unit.code, unit.name, unit.is_demo, own, rows))
    return cards


def hamlet_trend(
    session: Session, hamlet_code: str, periods: list[str]
) -> dict[str, list[scorecard.Row]]:
    """A hamlet's section-6 indicators per quarter, for its trend."""
    get_hamlet(session, hamlet_code)
    return {
        p: [r for r in for_unit(session, hamlet_code, p) if r.indicator in core.HAMLET_INDICATORS]
        for p in periods
    }
