"""lineage: org unit versions, lineage and members (the 2025 reform); successor_id replaced

Each unit gets one version from its own columns; the unused ``successor_id`` becomes lineage
rows (the unit it pointed to continues this one) and is dropped; members are computed from the
map by the same pure function the app uses.

Revision ID: 0007_lineage
Revises: 0006_drafts
Create Date: 2026-12-02 21:00:00.000000
"""

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
import sqlmodel
from alembic import op

from cds_core import orgmap

revision: str = "0007_lineage"
down_revision: str | None = "0006_drafts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _date(value) -> date | None:
    # SQLite hands a DATE back as text through a plain SELECT.
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def upgrade() -> None:
    op.create_table(
        "org_unit_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_unit_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["org_unit_id"], ["org_unit.id"]),
        sa.ForeignKeyConstraint(["parent_id"], ["org_unit.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("org_unit_version", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_org_unit_version_org_unit_id"), ["org_unit_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_org_unit_version_parent_id"), ["parent_id"], unique=False
        )
    op.create_table(
        "org_unit_lineage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_unit_id", sa.Integer(), nullable=False),
        sa.Column("predecessor_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["org_unit_id"], ["org_unit.id"]),
        sa.ForeignKeyConstraint(["predecessor_id"], ["org_unit.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("org_unit_id", "predecessor_id"),
    )
    with op.batch_alter_table("org_unit_lineage", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_org_unit_lineage_org_unit_id"), ["org_unit_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_org_unit_lineage_predecessor_id"), ["predecessor_id"], unique=False
        )
    op.create_table(
        "org_unit_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ancestor_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("member_level", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("first_period", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("last_period", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("comparable", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["ancestor_id"], ["org_unit.id"]),
        sa.ForeignKeyConstraint(["member_id"], ["org_unit.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("org_unit_member", schema=None) as batch_op:
        batch_op.create_index(
            "ix_org_unit_member_lookup", ["ancestor_id", "member_id", "first_period"], unique=False
        )
    _fill()
    with op.batch_alter_table("org_unit", schema=None) as batch_op:
        batch_op.drop_column("successor_id")


def _fill() -> None:
    """Versions, lineage and members of the units already there."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT id, code, name, level, parent_id, valid_from, valid_to, successor_id "
            "FROM org_unit"
        )
    ).all()
    if not rows:
        return
    codes = {r.id: r.code for r in rows}
    ids = {r.code: r.id for r in rows}
    predecessors: dict[str, list[str]] = {}
    for r in rows:
        if r.successor_id in codes:
            predecessors.setdefault(codes[r.successor_id], []).append(r.code)
    units = {
        r.code: orgmap.Unit(
            r.code,
            r.level,
            (
                orgmap.Version(
                    _date(r.valid_from), _date(r.valid_to), r.name, codes.get(r.parent_id)
                ),
            ),
            tuple(sorted(predecessors.get(r.code, ()))),
        )
        for r in rows
    }
    op.bulk_insert(
        sa.table("org_unit_version", sa.column("org_unit_id"), sa.column("valid_from"),
                 sa.column("valid_to"), sa.column("name"), sa.column("parent_id")),
        [{"org_unit_id": r.id, "valid_from": _date(r.valid_from), "valid_to": _date(r.valid_to),
          "name": r.name, "parent_id": r.parent_id} for r in rows],
    )  # fmt: skip
    lineage = [
        {"org_unit_id": ids[code], "predecessor_id": ids[pred]}
        for code, preds in predecessors.items()
        for pred in preds
    ]
    if lineage:
        op.bulk_insert(
            sa.table("org_unit_lineage", sa.column("org_unit_id"), sa.column("predecessor_id")),
            lineage,
        )
    op.bulk_insert(
        sa.table("org_unit_member", sa.column("ancestor_id"), sa.column("member_id"),
                 sa.column("member_level"), sa.column("first_period"), sa.column("last_period"),
                 sa.column("comparable")),
        [{"ancestor_id": ids[m.ancestor], "member_id": ids[m.member], "member_level": m.level,
          "first_period": m.first, "last_period": m.last, "comparable": m.comparable}
         for m in orgmap.members(units)],
    )  # fmt: skip


def downgrade() -> None:
    with op.batch_alter_table("org_unit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("successor_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_org_unit_successor_id", "org_unit", ["successor_id"], ["id"]
        )
    with op.batch_alter_table("org_unit_member", schema=None) as batch_op:
        batch_op.drop_index("ix_org_unit_member_lookup")
    op.drop_table("org_unit_member")
    with op.batch_alter_table("org_unit_lineage", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_org_unit_lineage_predecessor_id"))
        batch_op.drop_index(batch_op.f("ix_org_unit_lineage_org_unit_id"))
    op.drop_table("org_unit_lineage")
    with op.batch_alter_table("org_unit_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_org_unit_version_parent_id"))
        batch_op.drop_index(batch_op.f("ix_org_unit_version_org_unit_id"))
    op.drop_table("org_unit_version")
