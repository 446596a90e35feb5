"""The demo: the seed report's org units and its Q1/2024 figures, loaded through the import."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sqlmodel import Session

from cds_core.interchange import OrgUnitRecord, parse_values
from db import demo_hamlets, orgunits, transfer
from db.permissions import SYSTEM

DEMO_DIR = Path(__file__).resolve().parent / "demo"
SEED_VALUES = DEMO_DIR / "phu_tan_2024q1.csv"

REFORM = date(2025, 7, 1)  # two-level local government (NQ 202/2025/QH15, NQ 1663/NQ-UBTVQH15)
ENDED = REFORM - timedelta(days=1)
HAMLETS = ("PHU_TAN_AP1", "PHU_TAN_AP2", "PHU_TAN_AP3", "PHU_TAN_AP4")

# (code, name, level, parent, valid_from, valid_to, predecessors): the map before and after
# the reform. Districts ended; Tiền Giang and Đồng Tháp became tỉnh Đồng Tháp; xã Phú Tân, Phú
# Đông and Phú Thạnh became xã Tân Phú Đông, to which the (invented) hamlets moved. History
# stays with the units that reported it.
ORG_UNITS = (
    ("TIEN_GIANG", "Tỉnh Tiền Giang", "tinh", None, None, ENDED, ()),
    ("DONG_THAP_CU", "Tỉnh Đồng Tháp (trước 01/7/2025)", "tinh", None, None, ENDED, ()),
    ("DONG_THAP", "Tỉnh Đồng Tháp", "tinh", None, REFORM, None, ("TIEN_GIANG", "DONG_THAP_CU")),
    ("TAN_PHU_DONG", "Huyện Tân Phú Đông", "huyen", "TIEN_GIANG", None, ENDED, ()),
    ("PHU_TAN", "Xã Phú Tân", "xa", "TAN_PHU_DONG", None, ENDED, ()),
    ("PHU_DONG", "Xã Phú Đông", "xa", "TAN_PHU_DONG", None, ENDED, ()),
    ("PHU_THANH", "Xã Phú Thạnh", "xa", "TAN_PHU_DONG", None, ENDED, ()),
    ("XA_TAN_PHU_DONG", "Xã Tân Phú Đông", "xa", "DONG_THAP", REFORM, None,
     ("PHU_TAN", "PHU_DONG", "PHU_THANH")),
    *(
        row
        for n, code in enumerate(HAMLETS, start=1)
        for row in (
            (code, f"Ấp {n} (dữ liệu mẫu)", "ap", "PHU_TAN", None, ENDED, ()),
            (code, f"Ấp {n} (dữ liệu mẫu)", "ap", "XA_TAN_PHU_DONG", REFORM, None, ()),
        )
    ),
)  # fmt: skip


def seed(session: Session) -> transfer.ImportSummary:
    """Create the demo map and enter the seed's figures where cells are still empty.

    Idempotent, and never overwrites what someone has typed since.
    """
    records = [OrgUnitRecord(i + 2, *row) for i, row in enumerate(ORG_UNITS)]
    # The seed report names no hamlets: ours are invented, and the UI labels them as such.
    orgunits.upsert(session, actor=SYSTEM, records=records, demo_codes=HAMLETS)
    demo_hamlets.seed(session)
    return transfer.import_records(
        session,
        actor=SYSTEM,
        records=parse_values(SEED_VALUES.read_text(encoding="utf-8")),
        reason="seed-demo",
        only_empty=True,
    )
