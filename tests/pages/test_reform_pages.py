"""The reform and coverage as the pages show them (AppTest on the demo): a merged commune's
quarter before it existed, coverage beside any figure fewer units gave than should have, the
map page for administrators, and targets past their deadline."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from apptest import PASSWORD, ROOT, signed_in
from db import users, values
from db.database import session_scope
from db.permissions import SYSTEM

FULL = "Tỷ lệ DVCTT toàn trình (mức độ 4)"
SMARTPHONES = "Tỷ lệ người trưởng thành dùng điện thoại thông minh"


@pytest.fixture(autouse=True)
def root(app_db):
    """An administrator beside the demo's users."""
    with session_scope(app_db) as session:
        users.create(session, actor=SYSTEM, username="root", role="admin", password=PASSWORD)


def admin_on(script: str, org: str, period: str, **state):
    at = signed_in("root", "admin")
    at.session_state["org"], at.session_state["period"] = org, period
    for key, value in state.items():
        at.session_state[key] = value
    return at.switch_page(script).run()


def scorecard(at) -> pd.DataFrame:
    return pd.concat([d.value for d in at.dataframe], ignore_index=True).set_index("Chỉ số")


def test_the_merged_communes_overview_of_2024_is_its_predecessors_sum_with_coverage(app_db):
    at = admin_on("app_pages/overview.py", "XA_TAN_PHU_DONG", "2024Q1")
    assert not at.exception
    [note] = [i.value for i in at.info]
    assert "tổng của Xã Phú Đông, Xã Phú Tân, Xã Phú Thạnh" in note
    table = scorecard(at)
    assert table.loc[FULL, "Tử số/mẫu số"] == "73/156"
    assert table.loc[FULL, "Đơn vị có số liệu"] == "1/3 xã đã báo cáo"
    # Phú Tân's four hamlets and the two communes with no hamlet on the map: not all hamlets.
    assert table.loc[SMARTPHONES, "Đơn vị có số liệu"] == "4/6 đơn vị đã báo cáo"
    assert any("Đơn vị có số liệu k/n" in c.value for c in at.caption)


def test_phu_tans_own_overview_shows_no_coverage_where_every_unit_reported(app_db):
    at = signed_in("committee", "viewer")
    table = scorecard(at)
    assert set(table["Đơn vị có số liệu"]) == {""}
    assert not any("Đơn vị có số liệu k/n" in c.value for c in at.caption)


def test_one_hamlet_of_four_shows_its_coverage_on_the_overview_and_the_slide(app_db):
    with session_scope(app_db) as session:
        values.save(session, actor=SYSTEM, org_code="PHU_TAN_AP1", period="2024Q2",
                    entries={"xh_adults": "1472", "xh_smartphone_adults": "1260"})  # fmt: skip
    at = admin_on("app_pages/overview.py", "PHU_TAN", "2024Q2")
    assert scorecard(at).loc[SMARTPHONES, "Đơn vị có số liệu"] == "1/4 ấp đã báo cáo"
    # The slides of at most five rows each: the one of Xã hội số holding the smartphone rate.
    for index in range(12):
        at = admin_on("app_pages/overview.py", "PHU_TAN", "2024Q2", presenting=True,
                      present_slide=index)  # fmt: skip
        slide = next(m.value for m in at.markdown if "cds-slide" in m.value)
        if "<h2>Xã hội số" in slide and "điện thoại thông minh" in slide:
            break
    else:
        pytest.fail("no slide of Xã hội số shows the smartphone rate")
    assert "1/4 ấp đã báo cáo" in slide


def test_the_trend_of_the_merged_commune_labels_its_earlier_quarters(app_db):
    at = admin_on("app_pages/trends.py", "XA_TAN_PHU_DONG", "2024Q1",
                  trend_indicator="dvc_full_rate")  # fmt: skip
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["Nguồn số liệu"]) == ["Tổng của Xã Phú Đông, Xã Phú Tân, Xã Phú Thạnh"]
    assert list(table["Đơn vị có số liệu"]) == ["1/3 xã đã báo cáo"]


def test_the_comparison_of_the_new_province_in_2024_shows_coverage(app_db):
    at = admin_on("app_pages/compare.py", "DONG_THAP", "2024Q1")
    assert not at.exception
    frame = at.dataframe[-1].value.set_index("Đơn vị")
    assert frame.loc["Tỉnh Tiền Giang", FULL] == "46,8% ✖ chưa đạt (1/3 xã đã báo cáo)"


def test_the_hamlet_comparison_says_how_many_hamlets_reported(app_db):
    with session_scope(app_db) as session:
        values.save(session, actor=SYSTEM, org_code="PHU_TAN_AP1", period="2024Q2",
                    entries={"xh_households": "559", "xh_fiber_households": "430"})  # fmt: skip
    at = admin_on("app_pages/drilldown.py", "PHU_TAN", "2024Q2", hamlet_indicator="xh_fiber_rate")
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["Đơn vị có số liệu"])[-1] == "1/4 ấp đã báo cáo"


def test_the_map_page_shows_the_tree_of_any_date_and_each_units_lineage(app_db):
    at = signed_in("root", "admin")
    at.switch_page("app_pages/org_map.py").run()
    assert not at.exception
    today = list(at.dataframe[0].value["Mã"])
    assert today[:2] == ["DONG_THAP", "XA_TAN_PHU_DONG"] and "PHU_TAN" not in today
    at.date_input(key="map_day").set_value(date(2024, 3, 31)).run()
    before = list(at.dataframe[0].value["Mã"])
    assert "PHU_TAN" in before and "XA_TAN_PHU_DONG" not in before
    at.selectbox(key="map_unit").set_value("XA_TAN_PHU_DONG").run()
    lineage = " ".join(m.value for m in at.markdown).replace("\\", "")  # names shown as typed
    assert "Xã Phú Tân (PHU_TAN)" in lineage and "Xã Phú Thạnh (PHU_THANH)" in lineage


def test_an_admin_adds_a_unit_on_the_map_page_and_a_bad_one_is_refused(app_db):
    at = signed_in("root", "admin")
    at.switch_page("app_pages/org_map.py").run()
    form = {"Mã": "XA_MOI", "Đơn vị": "Xã Mới"}
    for label, value in form.items():
        next(t for t in at.text_input if t.label == label).set_value(value)
    parent = next(s for s in at.selectbox if s.label == "Đơn vị cấp trên")
    parent.set_value("DONG_THAP")
    next(s for s in at.selectbox if s.label == "Cấp").set_value("xa")
    # A commune under the new province from before the province existed: refused, unsaved.
    at.button(key="FormSubmitter:map_new_form-Thêm đơn vị").click().run()
    shown = [e.value.replace("\\", "") for e in at.error]  # codes quoted as typed
    assert any("DONG_THAP" in e and "XA_MOI" in e for e in shown)
    next(d for d in at.date_input if d.label == "Từ ngày").set_value(date(2025, 7, 1))
    at.button(key="FormSubmitter:map_new_form-Thêm đơn vị").click().run()
    assert not at.error
    assert "Xã Mới (XA_MOI)" in [s.value for s in at.success][0]


def test_the_map_page_is_for_administrators_only(app_db):
    from ui.navigation import visible_to

    assert [p.script for p in visible_to("admin")][-1] == "org_map.py"
    assert all(p.script != "org_map.py" for role in ("editor", "viewer", "hamlet_editor")
               for p in visible_to(role))  # fmt: skip
    # The page guards itself too: opened directly by an editor, it refuses.
    at = signed_in("officer", "editor", str(ROOT / "app_pages" / "org_map.py"))
    assert [e.value for e in at.error] == ["Bạn không có quyền xem trang này."]


def test_the_targets_page_says_which_targets_are_past_their_deadline(app_db):
    at = signed_in("committee", "viewer")
    at.switch_page("app_pages/targets.py").run()
    [warning] = [w.value for w in at.warning]
    assert f"Năm {date.today().year}" in warning and "quá thời hạn" in warning
    assert FULL in warning
