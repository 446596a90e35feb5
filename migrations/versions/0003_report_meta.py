"""report meta: number, place, date, signer and recipients of a commune's quarterly report

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 07:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "report_meta",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_unit_id", sa.Integer(), nullable=False),
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("number", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("place", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("doc_date", sa.Date(), nullable=True),
        sa.Column("signer_authority", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("signer_title", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("signer_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("recipients", sa.Text(), server_default="", nullable=False),
        sa.Column("updated_by", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["org_unit_id"], ["org_unit.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("org_unit_id", "period"),
    )
    with op.batch_alter_table("report_meta", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_report_meta_org_unit_id"), ["org_unit_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("report_meta", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_meta_org_unit_id"))
    op.drop_table("report_meta")
