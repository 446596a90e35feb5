"""The committee's meeting pages in AppTest: who is late (Tình hình nộp báo cáo), with the
approver's link to each form, and the "k/n ấp đã báo cáo" beside figures of units that did not
report."""

from __future__ import annotations

import pandas as pd
from meeting_demo import phu_tan_q2_draft

from apptest import signed_in
from db import workflow
from db.database import session_scope
from db.permissions import SYSTEM


def on(username: str, role: str, script: str, org: str, period: str):
    at = signed_in(username, role)
    at.session_state["org"], at.session_state["period"] = org, period
    return at.switch_page(script).run()


def test_the_district_sees_every_commune_late_first_with_a_link_to_each_form(app_db):
    with session_scope(app_db) as session:
        phu_tan_q2_draft(session)
    at = on("district", "editor", "app_pages/completeness.py", "TAN_PHU_DONG", "2024Q2")
    assert not at.exception
    frame = at.dataframe[0].value
    assert list(frame["Đơn vị"]) == ["Xã Phú Đông", "Xã Phú Thạnh", "Xã Phú Tân"]
    assert list(frame["Trạng thái báo cáo"]) == [
        "chưa báo cáo",
        "chưa báo cáo",
        "đang nhập, chưa gửi",
    ]
    # The two that never sent are as late as the one that saved a draft: none shows "—".
    assert list(frame["Đúng hạn?"]) == ["trễ hạn"] * 3
    assert set(frame["Hạn nộp"]) == {"10/07/2024"}
    assert list(frame["Biểu mẫu"]) == [
        f"nhap-so-lieu?org={code}&period=2024Q2" for code in ("PHU_DONG", "PHU_THANH", "PHU_TAN")
    ]
    assert any("0/3 đơn vị đã gửi báo cáo" in m.value and "3 đơn vị trễ hạn" in m.value
               for m in at.markdown)  # fmt: skip
    assert any("1/3 đơn vị đã có số liệu" in c.value for c in at.caption)


def test_a_report_sent_is_on_time_or_late_and_a_viewer_gets_no_form_link(app_db):
    with session_scope(app_db) as session:
        workflow.submit(session, actor=SYSTEM, org_code="PHU_TAN", period="2024Q1")
    at = on("committee", "viewer", "app_pages/completeness.py", "PHU_TAN", "2024Q1")
    frame = at.dataframe[0].value
    # Phú Tân's committee reads its hamlets: none of them has sent its own report.
    assert list(frame["Trạng thái báo cáo"]) == ["đang nhập, chưa gửi"] * 4
    assert "Biểu mẫu" not in frame.columns
    district = on("district", "editor", "app_pages/completeness.py", "TAN_PHU_DONG", "2024Q1")
    frame = district.dataframe[0].value.set_index("Đơn vị")
    # Submitted today, long after 10 April 2024.
    assert frame.loc["Xã Phú Tân", "Trạng thái báo cáo"] == "đã gửi"
    assert frame.loc["Xã Phú Tân", "Đúng hạn?"] == "trễ hạn"
    assert frame.loc["Xã Phú Tân", "Gửi lúc"] != ""


def scorecard(at) -> pd.DataFrame:
    return pd.concat([d.value for d in at.dataframe], ignore_index=True).set_index("Chỉ số")


def test_a_figure_of_no_data_says_how_many_hamlets_reported(app_db):
    with session_scope(app_db) as session:
        phu_tan_q2_draft(session)
    at = on("officer", "editor", "app_pages/overview.py", "PHU_TAN", "2024Q2")
    table = scorecard(at)
    hamlets = table.loc["Tỷ lệ hộ gia đình có cáp quang"]
    assert (hamlets["Đánh giá"], hamlets["Đơn vị có số liệu"]) == (
        "? chưa có số liệu", "0/4 ấp đã báo cáo"
    )  # fmt: skip
    # The commune's own figures: no count, the commune reported them.
    assert table.loc["Tỷ lệ DVCTT toàn trình (mức độ 4)", "Đơn vị có số liệu"] == ""
