"""A dry run of an import: what each row of a file would do, before anything is written.

Scope comes before reading: a row naming a unit outside the user's scope is refused exactly as
an unknown code is, and no stored value or comment is read for a row the user may not write.
The preview then runs the import itself and rolls it back, so Apply cannot refuse what the
preview accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from cds_core.errors import CdsError
from cds_core.interchange import CsvError, ValueRecord
from cds_core.periods import Period
from db.errors import Locked
from db.models import OrgUnit
from db.orgunits import get_visible
from db.permissions import Actor, check_write_values
from db.values import Cell, import_records, submission, unit_values

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
    units: dict[str, OrgUnit | CdsError] = {}
    cells: dict[tuple[str, str], dict[str, Cell]] = {}
    refusals: dict[tuple[str, str], CdsError | None] = {}
    this_quarter = Period.containing(date.today())
    for rec in records:
        if rec.org_unit not in units:
            try:
                units[rec.org_unit] = get_visible(session, actor, rec.org_unit)
            except CdsError as exc:
                units[rec.org_unit] = exc
        unit = units[rec.org_unit]
        group = (rec.org_unit, rec.period)
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
    if submission(session, unit, period).status == "approved":
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
