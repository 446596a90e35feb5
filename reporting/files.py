"""The report files of one commune and quarter, read from the database (page and CLI alike),
and their names: a report whose figures are not all approved says so in its name too."""

from __future__ import annotations

from sqlmodel import Session

from cds_core.periods import Period
from cds_core.report_model import Meta
from db import figure_states, reports
from db.scorecards import for_unit
from reporting import docx_report, xlsx_report
from reporting.charts import trend_png

DRAFT_SUFFIX = "-du-thao"  # "DỰ THẢO" in a file name any system can carry


def docx_file(
    session: Session, org_code: str, period: str, *, meta: Meta | None = None, charts=False
) -> bytes:
    """The Word report; with ``charts``, the trend of the main indicators after the appendix."""
    report = reports.build(session, org_code, period, meta=meta)
    points = reports.trend(session, org_code, period) if charts else []
    return docx_report.render(report, charts=[trend_png(points)] if points else [])


def xlsx_file(session: Session, org_code: str, period: str, *, meta: Meta | None = None) -> bytes:
    report = reports.build(session, org_code, period, meta=meta)
    return xlsx_report.render(report, for_unit(session, org_code, period))


def is_draft(session: Session, org_code: str, period: str) -> bool:
    """Whether the report of ``org_code`` and ``period`` is a draft: any of its figures (the
    commune's or a hamlet's) not yet approved. The same test as the document's own mark."""
    return not figure_states.state(session, org_code, Period.parse(period).code).final


def file_name(org_code: str, period: str, suffix: str, *, draft: bool) -> str:
    """``bao-cao-cds-PHU_TAN-2024Q1.docx``, or ``…-2024Q1-du-thao.docx`` for a draft."""
    stem = f"bao-cao-cds-{org_code}-{Period.parse(period).code}"
    return f"{stem}{DRAFT_SUFFIX if draft else ''}{suffix}"
