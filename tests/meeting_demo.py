"""The demo as the committee meets on it: Phú Tân's Quý II/2024 saved as a draft (its Quý I
figures carried over, a few of them changed, an officer's comment on a shortfall), and the
hamlets' Quý II not entered. The changed figures are invented for the tests."""

from __future__ import annotations

from sqlmodel import Session

from cds_core import values as value_io
from cds_core.catalogue import VALUE_CODES
from db import values
from db.orgunits import get as get_unit
from db.permissions import SYSTEM

Q1, Q2 = "2024Q1", "2024Q2"
# (element, Quý II value): what moved since Quý I.
CHANGES = {
    "dvc_tthc_full": "95",  # 73/156 = 46,8% → 95/156 = 60,9%: up 14,1 points, still short of 80%
    "ht_staff_with_pc": "22",  # 21/22 → 22/22: the target met
    "em_accounts": "20",  # 21/22 → 20/22 = 90,9%: down 4,6 points
}
FULL_COMMENT = "Còn 61 thủ tục chưa được tỉnh cấu hình toàn trình trên Cổng dịch vụ công"


def phu_tan_q2_draft(session: Session) -> None:
    """Save Phú Tân's Quý II/2024 as a draft (not submitted); commits."""
    unit = get_unit(session, "PHU_TAN")
    cells = values.unit_values(session, unit, Q1)
    entries = {
        code: value_io.to_csv(VALUE_CODES[code], cell.value)
        for code, cell in cells.items()
        if cell.value is not None
    }
    entries.update(CHANGES)
    comments = {code: cell.comment for code, cell in cells.items()}
    comments["dvc_tthc_full"] = FULL_COMMENT
    values.save(session, actor=SYSTEM, org_code="PHU_TAN", period=Q2, entries=entries,
                comments=comments)  # fmt: skip
    session.commit()
