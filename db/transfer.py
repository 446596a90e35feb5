"""A dry run of an import: what each row of a file would do, before anything is written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from cds_core.errors import CdsError
from cds_core.interchange import CsvError, ValueRecord
from cds_core.periods import Period
from db.errors import Locked
from db.models import OrgUnit
from db.orgunits import get as get_unit
from db.permissions import Actor, check_write_values
from db.values import Cell, submission, unit_values

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
    session: Session, *, actor: Actor, records: list[ValueRecord], errors: list[CsvError]
) -> Preview:
    """Each record as new, changed, unchanged or rejected (with the reason), in file order."""
    rows = [
        PreviewRow(e.line, e.sheet, "", "", "", None, None, REJECTED, e.reason) for e in errors
    ]
    units: dict[str, OrgUnit | CdsError] = {}
    cells: dict[tuple[str, str], dict[str, Cell]] = {}
    refusals: dict[tuple[str, str], CdsError | None] = {}
    this_quarter = Period.containing(date.today())
    for rec in records:
        if rec.org_unit not in units:
            try:
                units[rec.org_unit] = get_unit(session, rec.org_unit)
            except CdsError as exc:
                units[rec.org_unit] = exc
        unit = units[rec.org_unit]
        group = (rec.org_unit, rec.period)
        reason = unit if isinstance(unit, CdsError) else None
        if reason is None and group not in refusals:
            refusals[group] = _group_refusal(session, unit, rec.period, this_quarter)
            cells[group] = unit_values(session, unit, rec.period)
        reason = reason or refusals.get(group)
        if reason is None:
            try:
                check_write_values(actor, unit, [rec.element])
            except CdsError as exc:
                reason = exc
        old = cells.get(group, {}).get(rec.element)
        before = (old.value, old.comment) if old else (None, "")
        state = REJECTED if reason else _state(before, (rec.value, rec.comment))
        rows.append(
            PreviewRow(rec.line, None, rec.org_unit, rec.period, rec.element, before[0],
                       rec.value, state, reason)
        )  # fmt: skip
    return Preview(sorted(rows, key=lambda r: (r.sheet or "", r.line)))


def _group_refusal(session: Session, unit: OrgUnit, period: str, now: Period) -> CdsError | None:
    if Period.parse(period) > now:
        return CdsError("err_future_period", period=period)
    if submission(session, unit, period).status == "approved":
        return Locked("err_locked", org=unit.code, period=period)
    return None


def _state(before: tuple, after: tuple) -> str:
    if before == after:
        return UNCHANGED
    return NEW if before[0] is None and not before[1] else CHANGED
