"""What a hamlet team's forms send: one new roster member and one activity, as typed."""

from __future__ import annotations

from datetime import date

MEMBER = {"name": "Đinh Văn Mới", "role_in_team": "Thành viên", "phone": "0900 000 999"}
ACTIVITY = {
    "date": date(2024, 3, 5),
    "kind": "huong_dan_dvc",
    "place": "Nhà văn hóa ấp",
    "members_present": "3",
    "people_reached": "25",
    "accounts_supported": "9",
}
