"""The report files of one commune and quarter, read from the database (page and CLI alike)."""

from __future__ import annotations

from sqlmodel import Session

from cds_core.report_model import Meta
from db import reports
from db.scorecards import for_unit
from reporting import docx_report, xlsx_report
from reporting.charts import trend_png


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
