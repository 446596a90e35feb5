"""unit kinds: what each unit is within its tier (phường, đặc khu, khu phố …), per version

Existing units and versions take their tier's own word as their kind (a xã-tier unit is a
xã), which is what they were called until now.

Revision ID: 0008_unit_kinds
Revises: 0007_lineage
Create Date: 2026-12-08 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008_unit_kinds"
down_revision: str | None = "0007_lineage"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    kind = sqlmodel.sql.sqltypes.AutoString(length=16)
    with op.batch_alter_table("org_unit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", kind, nullable=False, server_default=""))
    with op.batch_alter_table("org_unit_version", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", kind, nullable=False, server_default=""))
    op.execute("UPDATE org_unit SET kind = level")
    op.execute(
        "UPDATE org_unit_version SET kind = "
        "(SELECT level FROM org_unit WHERE org_unit.id = org_unit_version.org_unit_id)"
    )
    # The models declare no server default: new rows always carry their kind.
    with op.batch_alter_table("org_unit", schema=None) as batch_op:
        batch_op.alter_column("kind", existing_type=kind, server_default=None)
    with op.batch_alter_table("org_unit_version", schema=None) as batch_op:
        batch_op.alter_column("kind", existing_type=kind, server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("org_unit_version", schema=None) as batch_op:
        batch_op.drop_column("kind")
    with op.batch_alter_table("org_unit", schema=None) as batch_op:
        batch_op.drop_column("kind")
