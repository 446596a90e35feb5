"""lookup indexes: the audit log read by a unit's quarter

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 07:30:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # (org_unit, period) serves every lookup the single-column index served, and more.
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_event_org_unit"))
        batch_op.create_index(
            "ix_audit_event_org_unit_period", ["org_unit", "period"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_org_unit_period")
        batch_op.create_index(batch_op.f("ix_audit_event_org_unit"), ["org_unit"], unique=False)
