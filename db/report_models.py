"""SQLModel table of the report page: what an officer fills in before generating a report."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from db.models import utcnow


class ReportMetaRow(SQLModel, table=True):
    """Number, place, date, signer and recipients of one commune's report for one quarter.

    The quarter's row holds what was printed; the commune's latest row pre-fills the next
    quarter's form (place, signer and recipients carry over, number and date do not).
    """

    __tablename__ = "report_meta"
    __table_args__ = (UniqueConstraint("org_unit_id", "period"),)
    id: int | None = Field(default=None, primary_key=True)
    org_unit_id: int = Field(foreign_key="org_unit.id", index=True)
    period: str = Field(max_length=8)  # 2024Q1
    number: str = Field(default="", max_length=32)  # "15" of "Số: 15/BC-UBND"
    place: str = Field(default="", max_length=100)  # địa danh: "Phú Tân"
    doc_date: date | None = None
    signer_authority: str = Field(default="", max_length=100)  # "KT. CHỦ TỊCH"
    signer_title: str = Field(default="", max_length=100)  # "PHÓ CHỦ TỊCH"
    signer_name: str = Field(default="", max_length=200)
    recipients: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    updated_by: str = Field(default="", max_length=64)
    updated_at: datetime = Field(default_factory=utcnow)
