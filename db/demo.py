"""The demo: the seed report's org units and its Q1/2024 figures, loaded through the import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlmodel import Session

from cds_core.interchange import OrgUnitRecord, parse_values
from db import demo_hamlets, orgunits, transfer
from db.permissions import SYSTEM

DEMO_DIR = Path(__file__).resolve().parent / "demo"
SEED_VALUES = DEMO_DIR / "phu_tan_2024q1.csv"

# Districts ended on 1 July 2025 (two-level local government); the history stays with them.
ORG_UNITS = (
    ("TIEN_GIANG", "Tỉnh Tiền Giang", "tinh", None, None, None),
    ("TAN_PHU_DONG", "Huyện Tân Phú Đông", "huyen", "TIEN_GIANG", None, date(2025, 6, 30)),
    ("PHU_TAN", "Xã Phú Tân", "xa", "TAN_PHU_DONG", None, None),
    ("PHU_TAN_AP1", "Ấp 1 (dữ liệu mẫu)", "ap", "PHU_TAN", None, None),
    ("PHU_TAN_AP2", "Ấp 2 (dữ liệu mẫu)", "ap", "PHU_TAN", None, None),
    ("PHU_TAN_AP3", "Ấp 3 (dữ liệu mẫu)", "ap", "PHU_TAN", None, None),
    ("PHU_TAN_AP4", "Ấp 4 (dữ liệu mẫu)", "ap", "PHU_TAN", None, None),
)


def seed(session: Session) -> transfer.ImportSummary:
    """Create the demo org units and enter the seed's figures where cells are still empty.

    Idempotent, and never overwrites what someone has typed since.
    """
    records = [OrgUnitRecord(i + 2, *row) for i, row in enumerate(ORG_UNITS)]
    real = [r for r in records if r.level != "ap"]
    orgunits.upsert(session, actor=SYSTEM, records=real)
    # The seed report names no hamlets: ours are invented, and the UI labels them as such.
    orgunits.upsert(
        session, actor=SYSTEM, records=[r for r in records if r.level == "ap"], is_demo=True
    )
    demo_hamlets.seed(session)
    return transfer.import_records(
        session,
        actor=SYSTEM,
        records=parse_values(SEED_VALUES.read_text(encoding="utf-8")),
        reason="seed-demo",
        only_empty=True,
    )
