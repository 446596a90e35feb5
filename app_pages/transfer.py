"""Nhập/xuất tệp: export values to CSV or Excel, fill a template offline, and import a file
after a dry-run preview of what it would change (all or nothing)."""

import pandas as pd
import streamlit as st

from cds_core import workbook
from cds_core.catalogue import VALUE_CODES, value_code_name
from cds_core.errors import CdsError
from cds_core.interchange import parse_values_all, write_values
from cds_core.limits import MAX_ROWS, MAX_UPLOAD_MB, check_size
from cds_core.periods import Period
from cds_core.roles import Role
from cds_core.values import to_csv
from db.database import session_scope
from db.orgunits import get as get_unit
from db.transfer import REJECTED, export_rows, import_records, preview
from texts import error_text
from ui.auth import require_user
from ui.data import engine
from ui.i18n import error_plain, lang, tr
from ui.report_review import review_reports
from ui.widgets import org_picker, period_picker
from ui.writes import write

actor = require_user()
L = lang()
st.title(tr("page_transfer"))
left, right = st.columns(2)
with left:
    org = org_picker(actor)
with right:
    period = period_picker(actor)
label = Period.parse(period).label(L)

st.header(tr("transfer_export"))
whole = st.checkbox(tr("transfer_all_quarters"), key="transfer_all")
with session_scope(engine()) as session:
    rows = export_rows(session, org_code=org, period=None if whole else period)
    level = get_unit(session, org).level
stem = f"so-lieu-{org}-{'tat-ca' if whole else period}"
st.caption(tr("transfer_rows", count=len(rows)))
c1, c2, c3 = st.columns(3)
c1.download_button(
    tr("download_csv"),
    write_values(rows, for_people=True).encode("utf-8"),
    file_name=f"{stem}.csv",
    mime="text/csv",
)
# The workbooks are written only when clicked, not on every run of the page.
c2.download_button(
    tr("download_xlsx"),
    lambda: workbook.write(rows, L),
    file_name=f"{stem}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
if level in ("xa", "ap"):
    own = [r for r in rows if r[0] == org and r[1] == period]
    c3.download_button(
        tr("download_template", period=label),
        lambda: workbook.write(own, L, template_for=(org, period, level)),
        file_name=f"mau-{org}-{period}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )

if actor.role == Role.VIEWER:
    st.stop()

review_reports(actor, org)

st.header(tr("transfer_import"))
upload = st.file_uploader(
    tr("transfer_upload"),
    type=["csv", "xlsx"],
    key="transfer_file",
    max_upload_size=MAX_UPLOAD_MB,
    help=tr("transfer_limits", mb=MAX_UPLOAD_MB, rows=MAX_ROWS),
)
if upload is None:
    st.stop()

try:
    check_size(upload.size)
    data = upload.getvalue()
    if upload.name.lower().endswith(".xlsx"):
        records, errors = workbook.read(data)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CdsError("err_not_utf8") from None
        records, errors = parse_values_all(text, max_rows=MAX_ROWS)
except CdsError as exc:
    st.error(error_plain(exc))
    st.stop()

with session_scope(engine()) as session:
    plan = preview(session, actor=actor, records=records, errors=errors)

states = ("new", "changed", "unchanged", "rejected")
cols = st.columns(len(states))
for col, state in zip(cols, states, strict=True):
    col.metric(tr("transfer_" + state), plan.count(state))


def _shown(code: str, value) -> str:
    return "" if value is None or not code else to_csv(VALUE_CODES[code], value)


st.dataframe(
    pd.DataFrame(
        [
            {
                tr("col_line"): f"{r.sheet} · {r.line}" if r.sheet else r.line,
                tr("col_org"): r.org_unit,
                tr("col_period"): r.period,
                tr("col_indicator"): value_code_name(VALUE_CODES[r.element], L)
                if r.element
                else "",
                tr("col_old"): _shown(r.element, r.old),
                tr("col_new"): _shown(r.element, r.new),
                tr("col_result"): tr("transfer_" + r.state),
                tr("col_reason"): error_text(r.reason, L)
                if r.reason
                else (tr(r.note[0], **r.note[1]) if r.note else ""),
            }
            for r in plan.rows
        ]
    ),
    hide_index=True,
    width="stretch",
    placeholder="",
)
if plan.count(REJECTED):
    st.error(tr("transfer_rejected_note", count=plan.count(REJECTED)))
elif not plan.applicable:
    st.info(tr("transfer_nothing"))
elif st.button(tr("transfer_apply"), type="primary") and (
    done := write(
        lambda s: import_records(s, actor=actor, records=records, reason=upload.name),
        spinner=tr("transfer_applying"),
    )
):
    st.success(tr("transfer_done", new=done.value.new, changed=done.value.changed))
