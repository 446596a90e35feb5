"""SQLModel tables: org units (with their versions, lineage and members), values, submissions,
audit events, targets, users, what signing in keeps (sessions, throttles of failed attempts,
trusted browsers), hamlet teams (roster and activity log), report metadata and unsaved form
drafts: every table in one module, so none imports back."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, date, datetime

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from cds_core.orgmap import official_code


def utcnow() -> datetime:
    return datetime.now(UTC)


class OrgUnit(SQLModel, table=True):
    """A province, district, commune or hamlet; history stays with the unit it was reported for.

    Name, kind, parent and path are the latest version's (``OrgUnitVersion`` holds every
    period of the unit's life); valid_from and valid_to span all of them. ``code`` is the
    unit's key: its official code, or ``CODE@YYYY-MM-DD`` for a unit that took over a code
    another unit held before (``cds_core.orgmap``); ``official_code`` is the code alone.
    """

    __tablename__ = "org_unit"
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=64, unique=True, index=True)
    name: str = Field(max_length=200)
    level: str = Field(max_length=8)  # the tier: tinh, huyen, xa, ap
    kind: str = Field(default="", max_length=16)  # cds_core.kinds: phuong, dac_khu, khu_pho …
    parent_id: int | None = Field(default=None, foreign_key="org_unit.id", index=True)
    # Materialised path "/1/5/23/" of the latest version: the tree as it stands, in order.
    path: str = Field(default="", max_length=400, index=True)
    valid_from: date | None = None
    valid_to: date | None = None
    is_demo: bool = False

    @property
    def official_code(self) -> str:
        return official_code(self.code)


class OrgUnitVersion(SQLModel, table=True):
    """One period of a unit's life: its name, kind and parent from valid_from to valid_to (a
    hamlet that moves to the new commune has two, and keeps its id, history and users)."""

    __tablename__ = "org_unit_version"
    id: int | None = Field(default=None, primary_key=True)
    org_unit_id: int = Field(foreign_key="org_unit.id", index=True)
    valid_from: date | None = None
    valid_to: date | None = None
    name: str = Field(max_length=200)
    kind: str = Field(default="", max_length=16)
    parent_id: int | None = Field(default=None, foreign_key="org_unit.id", index=True)


class OrgUnitLineage(SQLModel, table=True):
    """The unit continues ``predecessor`` from its valid_from: a merge (many rows), a renaming
    (one), a split (the predecessor in the lineage of several units)."""

    __tablename__ = "org_unit_lineage"
    __table_args__ = (UniqueConstraint("org_unit_id", "predecessor_id"),)
    id: int | None = Field(default=None, primary_key=True)
    org_unit_id: int = Field(foreign_key="org_unit.id", index=True)
    predecessor_id: int = Field(foreign_key="org_unit.id", index=True)


class OrgUnitMember(SQLModel, table=True):
    """Derived from the map (``cds_core.orgmap.members``), rewritten with every change to it:
    ``member``'s own values count in ``ancestor``'s figure for quarters first…last_period.

    Every rollup joins values to it, so a subtree in a quarter — across a change of parent or
    a merger — is one indexed range read on any database.
    """

    __tablename__ = "org_unit_member"
    __table_args__ = (
        Index("ix_org_unit_member_lookup", "ancestor_id", "member_id", "first_period"),
    )
    id: int | None = Field(default=None, primary_key=True)
    ancestor_id: int = Field(foreign_key="org_unit.id")
    member_id: int = Field(foreign_key="org_unit.id")
    member_level: str = Field(max_length=8)
    first_period: str = Field(max_length=8)  # 2024Q1, or 0000Q1 for an open past
    last_period: str = Field(max_length=8)  # or 9999Q4 for an open future
    comparable: bool = True  # False: a split predecessor, nothing of it is summed


class DataValue(SQLModel, table=True):
    """One org unit × quarter × element (cell) → value, as last saved."""

    __tablename__ = "data_value"
    __table_args__ = (UniqueConstraint("org_unit_id", "period", "element"),)
    id: int | None = Field(default=None, primary_key=True)
    org_unit_id: int = Field(foreign_key="org_unit.id")
    period: str = Field(max_length=8, index=True)  # 2024Q1
    element: str = Field(max_length=80, index=True)  # value code, e.g. ht_device.desktop.total
    value_num: float | None = None  # counts, numbers, percentages, booleans as 1/0
    value_text: str | None = Field(default=None, sa_column=Column(Text))
    comment: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    updated_by: str = Field(default="", max_length=64)
    updated_at: datetime = Field(default_factory=utcnow)


class Submission(SQLModel, table=True):
    """Workflow state of one org unit's quarter; ``version`` grows with every save."""

    __tablename__ = "submission"
    __table_args__ = (UniqueConstraint("org_unit_id", "period"),)
    id: int | None = Field(default=None, primary_key=True)
    org_unit_id: int = Field(foreign_key="org_unit.id")
    period: str = Field(max_length=8, index=True)
    status: str = Field(default="draft", max_length=16)  # cds_core.submissions.SubmissionStatus
    version: int = 0
    updated_by: str = Field(default="", max_length=64)
    updated_at: datetime = Field(default_factory=utcnow)


class AuditEvent(SQLModel, table=True):
    """Append-only: every change of a value, a workflow step, a user or a target."""

    __tablename__ = "audit_event"
    # A unit's quarter is how the log is read (a conflict's changes, the entry page's history,
    # when it was submitted); a unit alone would walk every quarter it ever had.
    __table_args__ = (Index("ix_audit_event_org_unit_period", "org_unit", "period"),)
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    username: str = Field(max_length=64)
    action: str = Field(max_length=32)
    org_unit: str | None = Field(default=None, max_length=64)
    period: str | None = Field(default=None, max_length=8)
    element: str | None = Field(default=None, max_length=80)
    version: int | None = None  # the submission version this change produced
    old_value: str | None = Field(default=None, sa_column=Column(Text))
    new_value: str | None = Field(default=None, sa_column=Column(Text))
    reason: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))


class TargetRow(SQLModel, table=True):
    """A target set in the database: overrides or adds to the catalogue's defaults."""

    __tablename__ = "target"
    id: int | None = Field(default=None, primary_key=True)
    target_id: str = Field(max_length=32)  # T1 … or an administrator's own id
    framework: str = Field(default="NQ08", max_length=32)
    indicator: str = Field(max_length=64, index=True)
    comparator: str = Field(max_length=2)
    value: float
    amber_from: float | None = None
    deadline: int
    source: str = Field(sa_column=Column(Text, nullable=False))
    org_unit: str | None = Field(default=None, max_length=64)
    level: str | None = Field(default=None, max_length=8)
    year: int | None = None
    updated_by: str = Field(default="", max_length=64)
    updated_at: datetime = Field(default_factory=utcnow)


class User(SQLModel, table=True):
    """A person who signs in; ``scope`` is the org unit they act on, with everything below it."""

    __tablename__ = "app_user"
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64, unique=True, index=True)
    display_name: str = Field(max_length=200)
    password_hash: str = Field(max_length=100)
    role: str = Field(max_length=16)  # cds_core.roles.Role
    scope_org_id: int | None = Field(default=None, foreign_key="org_unit.id")
    active: bool = True
    must_change_password: bool = False
    created_at: datetime = Field(default_factory=utcnow)


class AuthSession(SQLModel, table=True):
    """A signed-in browser session. Its cookie carries a random id and this row only the id's
    hash: deleting the row (logout, a password change or reset, disabling) ends every copy of
    the cookie."""

    __tablename__ = "auth_session"
    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    username: str = Field(max_length=64, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    last_seen: datetime = Field(default_factory=utcnow)


class LoginThrottle(SQLModel, table=True):
    """Failed sign-ins for one username from one client (``client`` "*": from every client the
    user has not signed in from before), and how long that client is held back."""

    __tablename__ = "login_throttle"
    __table_args__ = (UniqueConstraint("username", "client"),)
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64)
    client: str = Field(max_length=80)
    failures: int = 0
    strikes: int = 0  # times held back since the last success: each hold is twice as long
    since: datetime = Field(default_factory=utcnow)  # start of the counting window
    last_attempt: datetime = Field(default_factory=utcnow)
    blocked_until: datetime | None = None


class TrustedDevice(SQLModel, table=True):
    """A browser a user has signed in from (the hash of its device cookie): the global cap on
    failed sign-ins never holds it back."""

    __tablename__ = "trusted_device"
    __table_args__ = (UniqueConstraint("username", "device_hash"),)
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64)
    device_hash: str = Field(max_length=64)
    last_used: datetime = Field(default_factory=utcnow)


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


class FormDraft(SQLModel, table=True):
    """What one user has typed into one unit's quarterly form and not saved yet.

    Kept on the server as they type, so a reload, a closed tab or a server restart loses
    nothing; deleted when the form is saved or the typing discarded. Only the cells that differ
    from the saved form are kept, with the version the typing started from (a save after
    someone else's still meets the optimistic-concurrency check).
    """

    __tablename__ = "form_draft"
    __table_args__ = (UniqueConstraint("username", "org_unit_id", "period"),)
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64)
    org_unit_id: int = Field(foreign_key="org_unit.id")
    period: str = Field(max_length=8)  # 2024Q1
    base_version: int = 0  # the submission version the typing started from
    entries: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    comments: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow)
