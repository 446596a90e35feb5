"""The demo's four invented hamlets: figures for 2023Q2-2024Q1, a team roster each, and the
teams' activity log of Q1/2024, entered through the same write functions as typed data.

Idempotent and never overwriting: figures only fill empty cells, a roster is added only to a
hamlet with none, and the log only to a hamlet with no activity and no typed Q1/2024 figures
that the log would replace. Names are Vietnam's placeholder names and phones 0900 000 xxx.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlmodel import Session, select

from cds_core.hamlets import DERIVED
from cds_core.interchange import parse_values
from db import hamlets, transfer, values
from db.models import TeamActivity, TeamMember
from db.permissions import SYSTEM

FIGURES = Path(__file__).resolve().parent / "demo" / "hamlets_2024q1.csv"
LOG_PERIOD = "2024Q1"

BQL, DOAN, CA, PN, ND, CCB = (
    "Ban nhân dân ấp",
    "Đoàn Thanh niên",
    "Công an xã",
    "Hội Liên hiệp Phụ nữ",
    "Hội Nông dân",
    "Hội Cựu chiến binh",
)
LEAD, DEPUTY, MEMBER = "Tổ trưởng", "Tổ phó", "Thành viên"
START = date(2022, 9, 1)  # the teams were set up in the autumn of 2022

# (name, role in team, organisation, phone last three digits, joined, left)
ROSTERS: dict[str, tuple[tuple[str, str, str, str, date, date | None], ...]] = {
    "PHU_TAN_AP1": (
        ("Nguyễn Văn A", LEAD, BQL, "101", START, None),
        ("Trần Thị B", DEPUTY, DOAN, "102", START, None),
        ("Lê Văn C", MEMBER, CA, "103", START, None),
        ("Phạm Thị D", MEMBER, PN, "104", START, None),
        ("Hoàng Văn E", MEMBER, ND, "105", date(2023, 3, 1), None),
        ("Võ Thị G", MEMBER, DOAN, "106", date(2023, 6, 1), None),
    ),
    "PHU_TAN_AP2": (
        ("Đặng Văn H", LEAD, BQL, "201", START, None),
        ("Bùi Thị K", DEPUTY, PN, "202", START, None),
        ("Đỗ Văn L", MEMBER, CA, "203", START, None),
        ("Hồ Thị M", MEMBER, DOAN, "204", START, None),
        ("Ngô Văn N", MEMBER, CCB, "205", START, None),
        ("Dương Thị P", MEMBER, DOAN, "206", START, date(2023, 12, 31)),
    ),
    "PHU_TAN_AP3": (
        ("Lý Văn Q", LEAD, BQL, "301", START, None),
        ("Mai Thị R", DEPUTY, DOAN, "302", START, None),
        ("Trương Văn S", MEMBER, CA, "303", START, None),
        ("Phan Thị T", MEMBER, PN, "304", START, None),
        ("Vũ Văn U", MEMBER, ND, "305", date(2023, 9, 1), None),
    ),
    "PHU_TAN_AP4": (
        ("Huỳnh Văn V", LEAD, BQL, "401", START, None),
        ("Châu Thị X", MEMBER, PN, "402", START, None),
        ("Tạ Văn Y", MEMBER, CA, "403", START, None),
        ("Kiều Thị Z", MEMBER, DOAN, "404", START, None),
    ),
}

# (month, day, kind, place, members present, people reached, accounts supported); Q1/2024,
# quieter around Tết (10 February).
_KINDS = (
    "huong_dan_vneid",
    "tuyen_truyen",
    "huong_dan_dvc",
    "thanh_toan_khong_tien_mat",
    "huong_dan_vneid",
    "thuong_mai_dien_tu",
)
_DAYS = ((1, 6), (1, 13), (1, 20), (1, 27), (2, 3), (2, 20), (2, 27), (3, 2), (3, 9), (3, 16),
         (3, 23), (3, 30))  # fmt: skip
_PLACES = ("Nhà văn hóa ấp", "Điểm sinh hoạt ấp", "Chợ", "Tại nhà dân", "Trường tiểu học")


def _log(index: int, size: float) -> list[dict[str, object]]:
    """A dozen sessions for a hamlet; ``size`` scales turnout to its population."""
    entries = []
    for n, (month, day) in enumerate(_DAYS):
        kind = _KINDS[(n + index) % len(_KINDS)]
        people = round((14 + (n * 7 + index * 5) % 23) * size)
        accounts = 0 if kind == "tuyen_truyen" else round(people * (0.25 + (n % 3) * 0.05))
        entries.append(
            {
                "date": date(2024, month, day),
                "kind": kind,
                "place": _PLACES[(n + index) % len(_PLACES)],
                "members_present": 2 + (n + index) % 3,
                "people_reached": people,
                "accounts_supported": accounts,
                "note": "Dữ liệu mẫu",
            }
        )
    return entries


def seed(session: Session) -> None:
    """Fill the four demo hamlets where nothing has been entered yet."""
    for index, (code, roster) in enumerate(ROSTERS.items()):
        hamlet = hamlets.get_hamlet(session, code)
        if not session.exec(
            select(TeamMember.id).where(TeamMember.org_unit_id == hamlet.id)
        ).first():
            for name, role, org, phone, joined, left in roster:
                fields = {
                    "name": name,
                    "role_in_team": role,
                    "organisation": org,
                    "phone": f"0900 000 {phone}",
                    "joined": joined,
                    "left": left,
                }
                hamlets.save_member(session, actor=SYSTEM, hamlet_code=code, fields=fields)
        has_log = session.exec(
            select(TeamActivity.id).where(TeamActivity.org_unit_id == hamlet.id)
        ).first()
        typed = values.unit_values(session, hamlet, LOG_PERIOD).keys() & set(DERIVED)
        if not has_log and not typed:
            for fields in _log(index, 1.0 - 0.12 * index):
                hamlets.log_activity(session, actor=SYSTEM, hamlet_code=code, fields=fields)
    transfer.import_records(
        session,
        actor=SYSTEM,
        records=parse_values(FIGURES.read_text(encoding="utf-8")),
        reason="seed-demo",
        only_empty=True,
    )
