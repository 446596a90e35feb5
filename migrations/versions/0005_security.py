"""security: server-side sessions, per-client sign-in throttling, trusted browsers; the lock in
the user's row goes; stored values outside the catalogue's new bounds are reported

Revision ID: 0005_security
Revises: 0004
Create Date: 2026-12-02 20:15:00.000000
"""

import os
import sys
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005_security"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "auth_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("username", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("last_seen", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("auth_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auth_session_token_hash"), ["token_hash"], unique=True)
        batch_op.create_index(batch_op.f("ix_auth_session_username"), ["username"], unique=False)

    op.create_table(
        "login_throttle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("client", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("strikes", sa.Integer(), nullable=False),
        sa.Column("since", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("last_attempt", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("blocked_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username", "client"),
    )
    op.create_table(
        "trusted_device",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("device_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("last_used", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username", "device_hash"),
    )
    # The lock kept in the user's row let anyone lock anyone out: login_throttle replaces it.
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.drop_column("failed_attempts")
        batch_op.drop_column("locked_until")
    _report_out_of_bounds()


def _report_out_of_bounds() -> None:
    """Name every stored value the catalogue's bounds now refuse, one line each on stderr: the
    values stay (figures are not changed behind anyone's back) until someone corrects them,
    and the form refuses to save them unchanged."""
    from db.bounds import out_of_bounds
    from texts import t

    lang = os.environ.get("CDS_LANG", "vi")
    found = out_of_bounds(op.get_bind())
    for f in found:
        print(t("migration_out_of_bounds", lang, org=f.org_unit, period=f.period,
                element=f.element, value=f.value, limit=int(f.maximum)), file=sys.stderr)  # fmt: skip
    if found:
        print(t("migration_out_of_bounds_total", lang, count=len(found)), file=sys.stderr)


def downgrade() -> None:
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("locked_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column("failed_attempts", sa.Integer(), nullable=False, server_default="0")
        )
    op.drop_table("trusted_device")
    op.drop_table("login_throttle")
    with op.batch_alter_table("auth_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auth_session_username"))
        batch_op.drop_index(batch_op.f("ix_auth_session_token_hash"))
    op.drop_table("auth_session")
