"""Báo cáo: a commune's quarterly report as Word (Decree 30 layout) and Excel, to download;
built from figures not all approved, it is marked DỰ THẢO on every page and in its file name.

The document's number, place, date, signer and recipients are pre-filled from what the
commune last used; generating remembers them when the user may (an editor of the commune or
an administrator: db.reports.save_meta checks), and anyone who sees the commune may download.
"""

from datetime import date

import streamlit as st

from cds_core.report_model import Meta
from db import reports
from db.database import session_scope
from db.orgunits import get as get_unit
from reporting.files import docx_file, file_name, is_draft, xlsx_file
from ui import figure_states
from ui.auth import require_user
from ui.data import engine
from ui.i18n import tr
from ui.widgets import org_picker, period_picker
from ui.writes import write

# The report's two files: the Word document and its workbook, each its own download.
DOWNLOADS = (
    ("docx", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     ":material/description:"),
    ("xlsx", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
     ":material/table_view:"),
)  # fmt: skip

actor = require_user()
st.title(tr("page_reports"))
st.caption(tr("report_intro"))
left, right = st.columns(2)
with left:
    org = org_picker(actor, levels=("xa",))
with right:
    period = period_picker(actor)

with session_scope(engine()) as session:
    meta = reports.load_meta(session, org, period)
    may_save = reports.may_save_meta(actor, get_unit(session, org))

state = figure_states.of(org, period)
figure_states.badge(state)
if not state.final:
    st.warning(tr("report_draft_notice"), icon=":material/edit_note:")

# Keys carry the commune and quarter: switching either shows that report's remembered fields.
key = f"{org}:{period}"
with st.form(f"report_form:{key}"):
    st.subheader(tr("report_form"))
    c1, c2, c3 = st.columns(3)
    number = c1.text_input(tr("report_number"), meta.number)
    place = c2.text_input(tr("report_place"), meta.place)
    doc_date = c3.date_input(tr("report_date"), meta.doc_date or date.today(), format="DD/MM/YYYY")
    c4, c5, c6 = st.columns(3)
    authority = c4.text_input(tr("report_signer_authority"), meta.signer_authority)
    title = c5.text_input(tr("report_signer_title"), meta.signer_title)
    name = c6.text_input(tr("report_signer_name"), meta.signer_name)
    recipients = st.text_area(tr("report_recipients"), "\n".join(meta.recipients))
    charts = st.checkbox(tr("report_charts"))
    if not may_save:
        st.caption(tr("report_read_only"))
    generate = st.form_submit_button(tr("report_generate"), type="primary")

if generate:
    filled = Meta(
        number=number,
        place=place,
        doc_date=doc_date,
        signer_authority=authority,
        signer_title=title,
        signer_name=name,
        recipients=tuple(recipients.splitlines()),
    )

    def build(session) -> dict[str, bytes]:
        if may_save:
            reports.save_meta(session, actor=actor, org_code=org, period=period, meta=filled)
        return {
            "docx": docx_file(session, org, period, meta=filled, charts=charts),
            "xlsx": xlsx_file(session, org, period, meta=filled),
            "draft": is_draft(session, org, period),
        }

    if files := write(build, spinner=tr("report_generating")):
        st.session_state["report_files"] = {"key": key, **files.value}

ready = st.session_state.get("report_files")
if ready and ready["key"] == key:
    st.success(tr("report_ready_draft" if ready["draft"] else "report_ready"))
    for column, (fmt, suffix, mime, icon) in zip(st.columns(2), DOWNLOADS, strict=True):
        column.download_button(
            tr(f"report_download_{fmt}"),
            ready[fmt],
            file_name=file_name(org, period, suffix, draft=ready["draft"]),
            mime=mime,
            icon=icon,
        )
