"""Data values: read one unit's form, and save cells with audit and versioning, one unit and
quarter at a time or (for an import) many at once. Rollups live in ``db.rollups``, files in
``db.transfer``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import insert
from sqlmodel import Session, select

from cds_core import values as value_io
from cds_core.catalogue import VALUE_CODES, Kind, Level, Time
from cds_core.errors import CdsError
from cds_core.hamlets import ROSTER_COUNT, Tenure, members_on
from cds_core.orgmap import day_text
from cds_core.periods import Period
from cds_core.submissions import SubmissionStatus
from db import audit, oplog
from db.errors import Conflict, FieldErrors, Locked
from db.models import DataValue, OrgUnit, Submission, TeamMember, utcnow
from db.orgunits import get as get_unit
from db.permissions import Actor, check_write_values

Value = float | str | None


@dataclass(frozen=True)
class Cell:
    value: Value
    comment: str = ""


@dataclass
class SaveResult:
    version: int
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def stored_value(row: DataValue) -> Value:
    return row.value_text if VALUE_CODES[row.element].kind is Kind.TEXT else row.value_num


def _put(row: DataValue, value: Value) -> None:
    if isinstance(value, str):
        row.value_text, row.value_num = value, None
    else:
        row.value_num, row.value_text = value, None


def _text(code: str, value: Value) -> str | None:
    return None if value is None else value_io.to_csv(VALUE_CODES[code], value)


def unit_values(session: Session, unit: OrgUnit, period: str) -> dict[str, Cell]:
    """The cells one org unit entered for one quarter."""
    rows = session.exec(
        select(DataValue).where(DataValue.org_unit_id == unit.id, DataValue.period == period)
    )
    return {r.element: Cell(stored_value(r), r.comment) for r in rows}


def submission(session: Session, unit: OrgUnit, period: str) -> Submission:
    """The unit's workflow row for the quarter (a fresh, unsaved draft if none exists)."""
    row = session.exec(
        select(Submission).where(Submission.org_unit_id == unit.id, Submission.period == period)
    ).first()
    return row or Submission(
        org_unit_id=unit.id, period=period, status=SubmissionStatus.DRAFT, version=0
    )


def parse_entries(
    entries: Mapping[str, object], comments: Mapping[str, str] | None = None
) -> tuple[dict[str, Value], dict[str, str]]:
    """Typed values and trimmed comments for raw form input; every bad cell (a value that does
    not parse, a comment over its limit) is reported at once, keyed by code."""
    parsed, errors = value_io.parse_all(entries)
    checked: dict[str, str] = {}
    for code, text in (comments or {}).items():
        try:
            checked[code] = value_io.check_comment(text)
        except CdsError as exc:
            errors.setdefault(code, exc)
    if errors:
        raise FieldErrors(errors)
    return parsed, checked


@dataclass
class PendingWrites:
    """New cells and audit events, written in one executemany each: an import brings
    thousands of them, and a statement per row would dominate its time."""

    cells: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)

    def write(self, session: Session, actor: Actor) -> None:
        if self.cells:
            session.execute(insert(DataValue.__table__), self.cells)
        audit.record_many(session, actor=actor, events=self.events)
        self.cells, self.events = [], []


def rosters(session: Session, units: list[OrgUnit]) -> dict[int, list[Tenure]]:
    """Each hamlet's team roster (when it keeps one), by unit id, in one query per 5,000."""
    ids = [u.id for u in units if u.level == Level.AP]
    out: dict[int, list[Tenure]] = {}
    for start in range(0, len(ids), 5000):  # within every database's parameter limit
        chunk = ids[start : start + 5000]
        for member in session.exec(select(TeamMember).where(TeamMember.org_unit_id.in_(chunk))):
            out.setdefault(member.org_unit_id, []).append(member)
    return out


def _pin_roster_count(parsed: dict[str, Value], roster: list[Tenure], period: Period) -> None:
    """Where a hamlet keeps a roster, its team size is the roster's count on the quarter's last
    day, whatever was typed or imported: the figure and the list of names cannot disagree."""
    if roster and ROSTER_COUNT in parsed:
        count = members_on(roster, period.last_day)
        parsed[ROSTER_COUNT] = value_io.parse(VALUE_CODES[ROSTER_COUNT], str(count))


@dataclass
class KnownCells:
    """Submissions, cells and hamlet rosters of many units and quarters, read in a few
    queries (an import)."""

    subs: dict[tuple[int, str], Submission]
    cells: dict[tuple[int, str], dict[str, DataValue]]
    rosters: dict[int, list[Tenure]] = field(default_factory=dict)

    @classmethod
    def read(cls, session: Session, units: list[OrgUnit], periods: set[str]) -> KnownCells:
        subs: dict[tuple[int, str], Submission] = {}
        cells: dict[tuple[int, str], dict[str, DataValue]] = {}
        ids = [u.id for u in units]
        for start in range(0, len(ids), 5000):  # within every database's parameter limit
            chunk = ids[start : start + 5000]
            for sub in session.exec(
                select(Submission).where(
                    Submission.org_unit_id.in_(chunk), Submission.period.in_(periods)
                )
            ):
                subs[sub.org_unit_id, sub.period] = sub
            for row in session.exec(
                select(DataValue).where(
                    DataValue.org_unit_id.in_(chunk), DataValue.period.in_(periods)
                )
            ):
                cells.setdefault((row.org_unit_id, row.period), {})[row.element] = row
        return cls(subs, cells, rosters(session, units))

    def of(self, unit: OrgUnit, period: str) -> tuple[Submission, dict[str, DataValue]]:
        sub = self.subs.get((unit.id, period))
        if sub is None:
            sub = Submission(
                org_unit_id=unit.id, period=period, status=SubmissionStatus.DRAFT, version=0
            )
        return sub, self.cells.get((unit.id, period), {})


def save(
    session: Session,
    *,
    actor: Actor,
    org_code: str,
    period: str,
    entries: Mapping[str, object],
    comments: Mapping[str, str] | None = None,
    expected_version: int | None = None,
    reason: str = "",
) -> SaveResult:
    """Save one unit's cells for one quarter as a draft.

    ``entries`` maps value codes to what was typed (``None`` or "" clears a cell). Refuses
    with :class:`FieldErrors` on bad input, :class:`PermissionDenied` outside the actor's
    role or scope, :class:`Locked` on approved data, and :class:`Conflict` when someone saved
    after ``expected_version`` was read. Every change is audited; unchanged cells are not.
    """
    pending = PendingWrites()
    result = save_unit(session, actor, get_unit(session, org_code), period, entries, comments,
                   expected_version, reason, pending)  # fmt: skip
    pending.write(session, actor)
    session.flush()
    changed = len(result.new) + len(result.changed)
    oplog.on_commit(session, "save", user=actor.username, org=org_code, period=period,
                    changed=changed, version=result.version)  # fmt: skip
    return result


def save_unit(
    session: Session,
    actor: Actor,
    unit: OrgUnit,
    period: str,
    entries: Mapping[str, object],
    comments: Mapping[str, str] | None,
    expected_version: int | None,
    reason: str,
    pending: PendingWrites,
    known: KnownCells | None = None,
) -> SaveResult:
    """:func:`save` of a unit already read, for one save or each group of an import: new cells
    and audit events wait in ``pending``; submissions and cells come from ``known`` when an
    import read them all at once."""
    p = Period.parse(period)
    if p > Period.containing(date.today()):
        raise CdsError("err_future_period", period=p.code)
    check_in_force(unit, p)
    period = p.code
    parsed, comments = parse_entries(entries, comments)
    check_write_values(actor, unit, list(parsed))
    if unit.level == Level.AP and ROSTER_COUNT in parsed:
        roster = known.rosters if known is not None else rosters(session, [unit])
        _pin_roster_count(parsed, roster.get(unit.id, []), p)
    if known is None:
        sub = submission(session, unit, period)
        rows = {
            r.element: r
            for r in session.exec(
                select(DataValue).where(
                    DataValue.org_unit_id == unit.id, DataValue.period == period
                )
            )
        }
    else:
        sub, rows = known.of(unit, period)
    if sub.status == SubmissionStatus.APPROVED:
        raise Locked("err_locked", org=unit.code, period=period)
    if expected_version is not None and sub.version != expected_version:
        theirs = [c for c in quarter_changes(session, unit, period, since_version=expected_version)
                  if c.element is not None]  # fmt: skip
        raise Conflict(sub.version, theirs)
    comments = comments or {}
    result = SaveResult(version=sub.version)
    changes: list[tuple[str, Value, Value]] = []
    now = utcnow()
    for code, value in parsed.items():
        row = rows.get(code)
        old = stored_value(row) if row else None
        old_comment = row.comment if row else ""
        comment = comments.get(code, old_comment)
        # A comment alone on an empty cell is still something to keep (and to export).
        if old == value and old_comment == comment:
            result.unchanged.append(code)
            continue
        (result.new if old is None else result.changed).append(code)
        if value is None and not comment:
            if row is not None:
                session.delete(row)
        elif row is None:
            is_text = isinstance(value, str)
            pending.cells.append({"org_unit_id": unit.id, "period": period, "element": code,
                                  "value_num": None if is_text else value,
                                  "value_text": value if is_text else None, "comment": comment,
                                  "updated_by": actor.username, "updated_at": now})  # fmt: skip
        else:
            _put(row, value)
            row.comment, row.updated_by, row.updated_at = comment, actor.username, now
            session.add(row)
        if old != value:
            changes.append((code, old, value))
    if result.new or result.changed:
        sub.version += 1
        sub.updated_by, sub.updated_at = actor.username, now
        event = {"org_unit": unit.code, "period": period, "version": sub.version,
                 "reason": reason}  # fmt: skip
        if sub.status == SubmissionStatus.SUBMITTED:
            # A changed submission must be submitted again before anyone approves it.
            pending.events.append(
                {**event, "action": "status_draft", "element": None, "old_value": sub.status,
                 "new_value": SubmissionStatus.DRAFT}
            )  # fmt: skip
            sub.status = SubmissionStatus.DRAFT
        session.add(sub)
        pending.events.extend(
            {**event, "action": "value", "element": code, "old_value": _text(code, old),
             "new_value": _text(code, new)}
            for code, old, new in changes
        )  # fmt: skip
    result.version = sub.version
    return result


def check_in_force(unit: OrgUnit, period: Period) -> None:
    """Figures belong to the unit in force at the end of their quarter: an ended commune's
    later quarters are its successor's, a new one's earlier quarters its predecessors'."""
    day = period.last_day
    if (unit.valid_from is not None and day < unit.valid_from) or (
        unit.valid_to is not None and day > unit.valid_to
    ):
        raise CdsError("err_org_not_in_force", org=unit.code, period=period.code,
                       start=day_text(unit.valid_from), end=day_text(unit.valid_to))  # fmt: skip


@dataclass(frozen=True)
class Change:
    """One audited change of a unit's quarter, as the history and conflict tables show it."""

    at: datetime
    by: str
    element: str | None  # a value code; None for a workflow step
    old: str | None
    new: str | None
    reason: str = ""
    # A stock saved exactly as last quarter left it: confirmed, not changed by anyone.
    carried: bool = False


def quarter_changes(
    session: Session,
    unit: OrgUnit,
    period: str,
    *,
    element: str | None = None,
    since_version: int | None = None,
) -> list[Change]:
    """Value changes and workflow steps of one unit's quarter, newest first, carried-over
    stocks marked (their first save copies last quarter's figure; nothing new happened)."""
    previous = unit_values(session, unit, Period.parse(period).previous().code)
    events = audit.history(
        session, org_unit=unit.code, period=period, element=element, since_version=since_version
    )
    found = []
    for e in events:
        if e.action != "value" and not e.action.startswith("status_"):
            continue
        carried = bool(
            e.action == "value"
            and e.old_value is None
            and e.element in previous
            and VALUE_CODES[e.element].element.time is Time.STOCK
            and e.new_value == _text(e.element, previous[e.element].value)
        )
        found.append(Change(e.at, e.username, e.element, e.old_value, e.new_value, e.reason,
                            carried))  # fmt: skip
    return found


def periods_with_data(session: Session) -> list[str]:
    """Quarters that hold any value, newest first."""
    stmt = select(DataValue.period).distinct()
    return sorted(session.exec(stmt), reverse=True)
