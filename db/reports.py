"""What a commune's quarterly report needs from the database, and the report form's fields.

The report reads the unit's values rolled up over its hamlets (texts and comments are the
commune's own), its scorecard, and its name and parent authority in force in the quarter.
Number, place, date, signer and recipients are kept per commune and quarter; a new quarter
starts from the commune's latest place, signer and recipients.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from sqlmodel import Session, select

from cds_core import kinds, report_model
from cds_core.catalogue import Level
from cds_core.errors import CdsError
from cds_core.indicators import INDICATORS
from cds_core.periods import Period, quarters_between
from cds_core.report_model import Meta, Report, TrendPoint
from cds_core.roles import Role
from db import audit, figure_states
from db.errors import PermissionDenied
from db.models import OrgUnit, ReportMetaRow, utcnow
from db.orgmap import chain_on, lineage
from db.orgunits import get as get_unit
from db.permissions import Actor, in_scope
from db.rollups import rollup
from db.scorecards import for_unit
from db.values import unit_values


def _commune(session: Session, org_code: str) -> OrgUnit:
    unit = get_unit(session, org_code)
    if unit.level != Level.XA:
        raise CdsError("err_report_level", org=org_code)
    return unit


def _meta(row: ReportMetaRow) -> Meta:
    return Meta(
        number=row.number,
        place=row.place,
        doc_date=row.doc_date,
        signer_authority=row.signer_authority,
        signer_title=row.signer_title,
        signer_name=row.signer_name,
        recipients=tuple(line for line in row.recipients.splitlines() if line.strip()),
    )


def load_meta(session: Session, org_code: str, period: str) -> Meta:
    """The quarter's saved fields; else the commune's latest place, signer and recipients
    with an empty number and date; else the defaults (the place is the commune's name, the
    recipients the authority above it in the quarter and the file)."""
    unit = _commune(session, org_code)
    quarter = Period.parse(period)
    p = quarter.code
    rows = list(
        session.exec(
            select(ReportMetaRow)
            .where(ReportMetaRow.org_unit_id == unit.id)
            .order_by(ReportMetaRow.updated_at.desc())
        )
    )
    same = next((r for r in rows if r.period == p), None)
    if same is not None:
        return _meta(same)
    if rows:
        latest = _meta(rows[0])
        return Meta(**{**asdict(latest), "number": "", "doc_date": None})
    name, kind, ancestors, on = _heading(session, unit, quarter)
    return Meta(
        place=report_model.place_name(name, kind),
        recipients=report_model.default_recipients(report_model.authority_above(ancestors, on)),
    )


def _heading(session: Session, unit: OrgUnit, quarter: Period):
    """The unit's name and kind, and the units above it, as they were in the quarter: a merged
    commune reporting a quarter before it existed is headed as it was on its first day."""
    on = quarter.last_day if unit.valid_from is None else max(quarter.last_day, unit.valid_from)
    chain = chain_on(session, unit, on)
    above = [(u.level, v.name, v.valid_from, v.valid_to, v.kind) for u, v in chain[:-1]]
    own = chain[-1][1] if chain else None
    name = own.name if own else unit.name
    kind = (own.kind if own else unit.kind) or kinds.default(unit.level)
    return name, kind, above, on


def may_save_meta(actor: Actor, unit: OrgUnit) -> bool:
    return actor.role in (Role.ADMIN, Role.EDITOR) and in_scope(actor, unit)


def save_meta(session: Session, *, actor: Actor, org_code: str, period: str, meta: Meta) -> None:
    """Remember the fields for this commune and quarter: editors of the commune and admins."""
    unit = _commune(session, org_code)
    if actor.role not in (Role.ADMIN, Role.EDITOR):
        raise PermissionDenied("err_perm_read_only", role=actor.role)
    if not may_save_meta(actor, unit):
        raise PermissionDenied("err_perm_scope", org=unit.code)
    p = Period.parse(period).code
    row = session.exec(
        select(ReportMetaRow).where(ReportMetaRow.org_unit_id == unit.id, ReportMetaRow.period == p)
    ).first() or ReportMetaRow(org_unit_id=unit.id, period=p)
    before = None if row.id is None else asdict(_meta(row))
    row.number, row.place, row.doc_date = meta.number.strip(), meta.place.strip(), meta.doc_date
    row.signer_authority = meta.signer_authority.strip()
    row.signer_title = meta.signer_title.strip()
    row.signer_name = meta.signer_name.strip()
    row.recipients = "\n".join(line.strip() for line in meta.recipients if line.strip())
    row.updated_by, row.updated_at = actor.username, utcnow()
    after = asdict(_meta(row))
    if before == after:
        return
    session.add(row)
    audit.record(
        session,
        actor=actor,
        action="report_meta",
        org_unit=unit.code,
        period=p,
        old_value=None if before is None else json.dumps(before, default=str, ensure_ascii=False),
        new_value=json.dumps(after, default=str, ensure_ascii=False),
    )
    session.flush()


def build(session: Session, org_code: str, period: str, *, meta: Meta | None = None) -> Report:
    """The report of a commune and quarter, with ``meta`` or the remembered fields."""
    unit = _commune(session, org_code)
    p = Period.parse(period)
    history = lineage(session, unit)
    if history.basis(p) == "ended":
        names = ", ".join(name for _, name in history.successors) or "—"
        raise CdsError("err_report_ended", org=unit.name, period=p.label(), successors=names)
    meta = meta or load_meta(session, org_code, p.code)
    values: dict[str, float | str | None] = dict(rollup(session, unit, p.code))
    own = unit_values(session, unit, p.code)
    values.update({code: cell.value for code, cell in own.items() if isinstance(cell.value, str)})
    comments = {code: cell.comment for code, cell in own.items() if cell.comment}
    # The names, kinds and hierarchy in force in the quarter (districts until 30 June 2025).
    name, kind, above, on = _heading(session, unit, p)
    note = ""
    if history.basis(p) == "predecessors":
        note = report_model.predecessors_note(
            [name for _, name in history.predecessors], unit.valid_from
        )
    return report_model.build(
        org_name=name,
        org_kind=kind,
        parent=report_model.parent_authority(above, on),
        province=report_model.province_of(above, on),
        period=p,
        values=values,
        comments=comments,
        rows=for_unit(session, org_code, p.code),
        meta=meta,
        note=note,
        draft=not figure_states.state(session, org_code, p.code).final,
    )


def trend(session: Session, org_code: str, period: str, *, quarters: int = 6) -> list[TrendPoint]:
    """The indicators with a target, over the ``quarters`` up to ``period``; an indicator
    with no value in any of them is left out."""
    last = Period.parse(period)
    window = quarters_between(Period.from_index(last.index - quarters + 1), last)
    by_quarter = {q: {r.indicator: r for r in for_unit(session, org_code, q.code)} for q in window}
    points = []
    for code, indicator in INDICATORS.items():
        rows = [by_quarter[q][code] for q in window]
        if rows[-1].target is None or all(r.value.rate is None for r in rows):
            continue
        points += [
            TrendPoint(
                q.label(),
                indicator.name_vi,
                r.value.rate,
                r.target.value if r.target else None,
                r.status,
            )
            for q, r in zip(window, rows, strict=True)
        ]
    return points
