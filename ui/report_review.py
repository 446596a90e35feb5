"""Nhập từ báo cáo cũ: past quarterly reports uploaded, every figure reviewed beside the
sentence it came from, then applied through the import's dry run, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from cds_core import values as value_io
from cds_core.catalogue import value_code, value_code_name
from cds_core.errors import CdsError
from cds_core.extraction import Extraction
from cds_core.interchange import CsvError, ValueRecord
from cds_core.limits import MAX_UPLOAD_MB
from db.database import session_scope
from db.permissions import Actor
from db.transfer import REJECTED, import_records, preview
from reporting.report_reading import extract_file, problem_text
from texts import error_text
from ui.data import engine
from ui.i18n import error_plain, lang, plain, tr
from ui.writes import write

# Stored in the audit log beside every value it brings in, in Vietnamese like the reports.
AUDIT_REASON = "từ báo cáo {name}"
EDITOR_KEY = "review_table"
USE, VALUE = "use", "value"  # the two columns an officer changes


@dataclass(frozen=True)
class _Report:
    name: str
    extraction: Extraction


def review_reports(actor: Actor, org: str) -> None:
    """The upload, the review table, the dry run and the apply button; nothing is written
    before the officer applies."""
    L = lang()
    st.header(tr("review_header"))
    st.caption(tr("review_caption"))
    uploads = st.file_uploader(
        tr("review_upload"),
        type=["docx", "txt"],
        accept_multiple_files=True,
        key="review_files",
        max_upload_size=MAX_UPLOAD_MB,
    )
    reports: list[_Report] = []
    for upload in uploads or ():
        try:
            reports.append(_Report(upload.name, extract_file(upload.name, upload.getvalue())))
        except CdsError as exc:
            st.error(tr("review_file_error", name=plain(upload.name), reason=error_plain(exc)))
    if not reports:
        return
    for report in reports:
        _problems(report)

    frame = _frame(actor, org, reports)
    edited = st.data_editor(
        frame,
        key=EDITOR_KEY,
        hide_index=True,
        width="stretch",
        disabled=[c for c in frame.columns if c not in (USE, VALUE)],
        column_config={
            USE: st.column_config.CheckboxColumn(tr("col_use")),
            VALUE: st.column_config.TextColumn(tr("col_value")),
            "file": tr("col_file"),
            "line": tr("col_line"),
            "element": tr("col_element"),
            "code": None,
            "period": tr("col_period"),
            "stored": tr("col_stored"),
            "compare": tr("col_compare"),
            "passage": tr("col_passage"),
        },
    )
    chosen, errors, files = _chosen(org, edited)
    if not chosen and not errors:
        st.info(tr("review_nothing"))
        return
    with session_scope(engine()) as session:
        plan = preview(session, actor=actor, records=chosen, errors=errors)
    st.write(tr("review_plan", new=plan.count("new"), changed=plan.count("changed")))
    for row in plan.rows:
        if row.state == REJECTED:
            where = edited.iloc[row.line - 1]
            st.error(plain(f"{where['file']} · {where['line']} · {where['code']}: "
                           f"{error_text(row.reason, L)}"))  # fmt: skip
    if plan.count(REJECTED):
        st.error(tr("transfer_rejected_note", count=plan.count(REJECTED)))
    elif st.button(tr("review_apply"), type="primary", disabled=not plan.applicable):
        _apply(actor, chosen, files)


def _problems(report: _Report) -> None:
    ex = report.extraction
    st.text(
        tr("review_file", name=report.name, period=ex.period.label(lang()),
           figures=len(ex.figures), problems=len(ex.problems))
    )  # fmt: skip
    if ex.problems:
        with st.expander(tr("review_problems", count=len(ex.problems))):
            st.text(
                "\n".join(
                    tr("review_problem", line=p.line, code=p.code, message=problem_text(p, lang()))
                    for p in ex.problems
                )
            )


def _frame(actor: Actor, org: str, reports: list[_Report]) -> pd.DataFrame:
    """One row a figure, with what is stored for it now (read through the import's dry run,
    so what the officer may not see stays hidden as the import hides it)."""
    figures = [(r, f) for r in reports for f in r.extraction.figures]
    records = [
        ValueRecord(i, org, r.extraction.period.code, f.code, f.value, f.passage)
        for i, (r, f) in enumerate(figures, start=1)
    ]
    with session_scope(engine()) as session:
        plan = preview(session, actor=actor, records=records, errors=[])
    rows = []
    for (report, figure), row in zip(figures, plan.rows, strict=True):
        vc = value_code(figure.code)
        if row.reason is not None:
            compare = error_text(row.reason, lang())
        elif row.old is None:
            compare = tr("review_new")
        else:
            compare = tr("review_same" if row.old == row.new else "review_different")
        rows.append({
            USE: row.reason is None and row.old != row.new,
            "file": report.name,
            "line": figure.line,
            "element": value_code_name(vc, lang()),
            "code": figure.code,
            "period": row.period,
            VALUE: value_io.to_csv(vc, figure.value),
            "stored": "" if row.old is None else value_io.to_csv(vc, row.old),
            "compare": compare,
            "passage": figure.passage,
        })  # fmt: skip
    return pd.DataFrame(rows)


def _chosen(
    org: str, edited: pd.DataFrame
) -> tuple[list[ValueRecord], list[CsvError], dict[int, str]]:
    """The ticked rows whose value differs from the stored one, as import records numbered by
    their row; a corrected value that cannot be read is a rejected row, as in a CSV."""
    records: list[ValueRecord] = []
    errors: list[CsvError] = []
    files: dict[int, str] = {}
    for i, row in enumerate(edited.to_dict("records"), start=1):
        if not row[USE]:
            continue
        try:
            value = value_io.parse(value_code(row["code"]), str(row[VALUE] or ""))
        except CdsError as exc:
            errors.append(CsvError(i, "value", exc))
            continue
        if row["stored"] and value_io.to_csv(value_code(row["code"]), value) == row["stored"]:
            continue  # the same as stored: nothing to write, and its comment stays
        records.append(ValueRecord(i, org, row["period"], row["code"], value, row["passage"]))
        files[i] = row["file"]
    seen: dict[tuple[str, str], ValueRecord] = {}
    for rec in records:
        first = seen.setdefault((rec.period, rec.element), rec)
        if first is not rec and first.value != rec.value:
            errors.append(CsvError(rec.line, "value", CdsError("err_csv_duplicate",
                                                               first=first.line)))  # fmt: skip
    bad = {e.line for e in errors}
    return [r for r in records if r.line not in bad], errors, files


def _apply(actor: Actor, records: list[ValueRecord], files: dict[int, str]) -> None:
    """One transaction for every report, each with its own audit reason."""

    def apply(session) -> tuple[int, int]:
        new = changed = 0
        for name in dict.fromkeys(files.values()):
            mine = [r for r in records if files[r.line] == name]
            reason = AUDIT_REASON.format(name=name)
            summary = import_records(session, actor=actor, records=mine, reason=reason)
            new, changed = new + summary.new, changed + summary.changed
        return new, changed

    done = write(apply, spinner=tr("transfer_applying"))
    if done is not None:
        st.success(tr("review_done", new=done.value[0], changed=done.value[1]))
