"""SQLModel tables of a hamlet's community tech team: its roster and its activity log."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from db.models import utcnow


class TeamMember(SQLModel, table=True):
    """One member of a hamlet's Tổ công nghệ số cộng đồng; no personal data beyond these fields."""

    __tablename__ = "team_member"
    id: int | None = Field(default=None, primary_key=True)
    org_unit_id: int = Field(foreign_key="org_unit.id", index=True)  # the hamlet
    name: str = Field(max_length=200)
    role_in_team: str = Field(default="", max_length=100)  # tổ trưởng, thành viên …
    organisation: str = Field(default="", max_length=200)  # đoàn thanh niên, công an …
    phone: str = Field(default="", max_length=32)
    joined: dt.date | None = None
    left: dt.date | None = None
    updated_by: str = Field(default="", max_length=64)
    updated_at: dt.datetime = Field(default_factory=utcnow)


class TeamActivity(SQLModel, table=True):
    """One session of a hamlet's team: what was done, where, with how many people reached."""

    __tablename__ = "team_activity"
    id: int | None = Field(default=None, primary_key=True)
    org_unit_id: int = Field(foreign_key="org_unit.id", index=True)  # the hamlet
    date: dt.date = Field(index=True)
    kind: str = Field(max_length=32)  # cds_core.hamlets.ACTIVITY_KINDS
    place: str = Field(default="", max_length=200)
    members_present: int = 0
    people_reached: int = 0
    accounts_supported: int = 0
    note: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    created_by: str = Field(default="", max_length=64)
    created_at: dt.datetime = Field(default_factory=utcnow)
