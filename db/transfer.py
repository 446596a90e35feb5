"""The values CSV in and out: a dry run of an import (what each row would do, before anything
is written), the all-or-nothing import itself, and the export of a unit's subtree.

Scope comes before reading: a row naming a unit outside the user's scope is refused exactly as
an unknown code is, and no stored value or comment is read for a row the user may not write.
The preview then runs the import itself and rolls it back, so Apply cannot refuse what the
preview accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from cds_core import values as value_io
from cds_core.catalogue import VALUE_CODES
from cds_core.errors import CdsError
from cds_core.interchange import CsvError, ValueRecord, write_values
from cds_core.orgmap import official_code
from cds_core.periods import Period
from cds_core.submissions import SubmissionStatus
from db import oplog
from db.errors import FieldErrors, Locked, NotFound
from db.models import DataValue, OrgUnit, OrgUnitMember
from db.orgunits import get as get_unit
from db.orgunits import get_visible, holders
from db.permissions import Actor, check_write_values
from db.values import (
    Cell,
    KnownCells,
    PendingWrites,
    Value,
    check_in_force,
    save_unit,
    stored_value,
    submission,
    unit_values,
)

NEW, CHANGED, UNCHANGED, REJECTED = "new", "changed", "unchanged", "rejected"


@dataclass(frozen=True)
class PreviewRow:
    line: int
    sheet: str | None
    org_unit: str
    period: str
    element: str
    old: float | str | None
    new: float | str | None
    state: str
    reason: CdsError | None = None
    note: tuple[str, dict[str, str]] | None = None  # how an ambiguous value was read


@dataclass(frozen=True)
class Preview:
    rows: list[PreviewRow]

    def count(self, state: str) -> int:
        return sum(1 for r in self.rows if r.state == state)

    @property
    def applicable(self) -> bool:
        """All or nothing: a file with any rejected row is not applied at all."""
        return self.count(REJECTED) == 0 and any(r.state != UNCHANGED for r in self.rows)


def preview(
    session: Session,
    *,
    actor: Actor,
    records: list[ValueRecord],
    errors: list[CsvError],
) -> Preview:
    """Each record as new, changed, unchanged or rejected (with the reason), in file order;
    nothing is left written in ``session``."""
    rows = [PreviewRow(e.line, e.sheet, "", "", "", None, None, REJECTED, e.reason) for e in errors]
    units: dict[tuple[str, str], OrgUnit | CdsError] = {}
    cells: dict[tuple[str, str], dict[str, Cell]] = {}
    refusals: dict[tuple[str, str], CdsError | None] = {}
    this_quarter = Period.containing(date.today())
    held = holders(session)
    for rec in records:
        group = (rec.org_unit, rec.period)
        if group not in units:
            try:
                units[group] = get_visible(session, actor, rec.org_unit, rec.period, held=held)
            except CdsError as exc:
                units[group] = exc
        unit = units[group]
        before: tuple[float | str | None, str] = (None, "")
        if isinstance(unit, CdsError):
            reason: CdsError | None = unit
        else:
            reason = _cell_refusal(actor, unit, rec.element)
            if reason is None:
                if group not in refusals:
                    refusals[group] = _group_refusal(session, unit, rec.period, this_quarter)
                    cells[group] = unit_values(session, unit, rec.period)
                reason = refusals[group]
                old = cells[group].get(rec.element)
                before = (old.value, old.comment) if old else (None, "")
        state = REJECTED if reason else _state(before, (rec.value, rec.comment))
        rows.append(
            PreviewRow(rec.line, rec.sheet, rec.org_unit, rec.period,
                       rec.element, before[0], rec.value, state, reason, rec.note)
        )  # fmt: skip
    plan = Preview(sorted(rows, key=lambda r: (r.sheet or "", r.line)))
    if plan.applicable:
        plan = _dry_run(session, actor, records, plan)
    return plan


def _cell_refusal(actor: Actor, unit: OrgUnit, element: str) -> CdsError | None:
    try:
        check_write_values(actor, unit, [element])
    except CdsError as exc:
        return exc
    return None


def _group_refusal(session: Session, unit: OrgUnit, period: str, now: Period) -> CdsError | None:
    if Period.parse(period) > now:
        return CdsError("err_future_period", period=period)
    try:
        check_in_force(unit, Period.parse(period))
    except CdsError as exc:
        return exc
    if submission(session, unit, period).status == SubmissionStatus.APPROVED:
        return Locked("err_locked", org=unit.code, period=period)
    return None


def _dry_run(session: Session, actor: Actor, records: list[ValueRecord], plan: Preview) -> Preview:
    """Apply the file in a savepoint and roll it back: a refusal the row checks above missed
    rejects its line here, so the preview never promises what Apply would refuse."""
    savepoint = session.begin_nested()
    try:
        import_records(session, actor=actor, records=records)
    except CsvError as exc:
        refused = exc
    else:
        refused = None
    finally:
        savepoint.rollback()
    if refused is None:
        return plan
    rows = [
        PreviewRow(r.line, r.sheet, r.org_unit, r.period, r.element, r.old, r.new, REJECTED,
                   refused.reason, r.note)
        if (r.sheet, r.line) == (refused.sheet, refused.line) else r
        for r in plan.rows
    ]  # fmt: skip
    return Preview(rows)


def _state(before: tuple, after: tuple) -> str:
    if before == after:
        return UNCHANGED
    return NEW if before[0] is None and not before[1] else CHANGED


@dataclass
class ImportSummary:
    new: int = 0
    changed: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.new + self.changed + self.unchanged


def import_records(
    session: Session,
    *,
    actor: Actor,
    records: list[ValueRecord],
    reason: str = "import",
    only_empty: bool = False,
) -> ImportSummary:
    """Apply parsed CSV records, one save per org unit and quarter, in the caller's transaction.

    Any refusal is raised as a :class:`CsvError` naming the first line concerned, so the caller
    rolls the whole file back; a unit outside the actor's scope is refused as an unknown one.
    With ``only_empty`` existing values are left as they are (the demo seed uses it so that it
    never overwrites what someone typed).
    """
    # A code names the unit that held it at the end of the row's quarter (design.md, "Official
    # codes are reused across the break"): one unit per code and quarter.
    units: dict[tuple[str, str], OrgUnit] = {}
    groups: dict[tuple[str, str], list[ValueRecord]] = {}
    held = holders(session)
    for rec in records:
        group = (rec.org_unit, rec.period)
        if group not in units:
            try:
                units[group] = get_visible(session, actor, rec.org_unit, rec.period, held=held)
            except NotFound as exc:
                raise CsvError(rec.line, "org_unit", exc, rec.sheet) from exc
        groups.setdefault(group, []).append(rec)
    summary = ImportSummary()
    pending = PendingWrites()
    distinct = list({u.id: u for u in units.values()}.values())
    known = KnownCells.read(session, distinct, {p for _, p in groups})
    for (org, period), recs in groups.items():
        unit = units[org, period]
        if only_empty:
            have = unit_values(session, unit, period)
            recs = [r for r in recs if r.element not in have]
            if not recs:
                continue
        try:
            result = save_unit(session, actor, unit, period,
                           {r.element: _raw(r) for r in recs},
                           {r.element: r.comment for r in recs}, None, reason, pending,
                           known)  # fmt: skip
        except FieldErrors as exc:
            code, refusal = next(iter(exc.errors.items()))
            rec = next(r for r in recs if r.element == code)
            column = "comment" if refusal.key == "err_comment_too_long" else "value"
            raise CsvError(rec.line, column, refusal, rec.sheet) from exc
        except CdsError as exc:
            raise CsvError(recs[0].line, "org_unit", exc, recs[0].sheet) from exc
        summary.new += len(result.new)
        summary.changed += len(result.changed)
        summary.unchanged += len(result.unchanged)
    pending.write(session, actor)
    session.flush()
    oplog.on_commit(session, "import", user=actor.username, kind="values", rows=len(records),
                    new=summary.new, changed=summary.changed, unchanged=summary.unchanged,
                    reason=reason)  # fmt: skip
    return summary


def _raw(record: ValueRecord) -> object:
    # Records are already typed; hand them back in the form value_io.parse reads losslessly.
    if record.value is None or isinstance(record.value, str):
        return record.value
    return value_io.to_csv(VALUE_CODES[record.element], record.value)


def export_rows(
    session: Session, *, org_code: str | None = None, period: str | None = None
) -> list[tuple[str, str, str, Value, str]]:
    """(org_unit, period, element, value, comment) of everything, or of the values that count
    in the figure of the unit keyed ``org_code`` — its subtree in each quarter, across moves
    and mergers — each under the official code of the unit that reported it (which names that
    unit in that quarter: a unit holds values only while in force)."""
    stmt = select(OrgUnit.code, DataValue).join(OrgUnit, OrgUnit.id == DataValue.org_unit_id)
    if org_code is not None:
        m = OrgUnitMember
        stmt = stmt.join(m, m.member_id == DataValue.org_unit_id).where(
            m.ancestor_id == get_unit(session, org_code).id,
            m.comparable.is_(True),
            m.first_period <= DataValue.period,
            m.last_period >= DataValue.period,
        )
    if period is not None:
        stmt = stmt.where(DataValue.period == Period.parse(period).code)
    rows = session.exec(stmt)
    return [
        (official_code(code), r.period, r.element, stored_value(r), r.comment) for code, r in rows
    ]


def export_csv(
    session: Session,
    *,
    org_code: str | None = None,
    period: str | None = None,
    for_people: bool = False,
) -> str:
    """The values CSV of a unit's subtree (or everything), sorted by org_unit, period, element."""
    rows = export_rows(session, org_code=org_code, period=period)
    return write_values(rows, for_people=for_people)
