"""The hamlet pages through AppTest: from the commune's comparison down to one hamlet, the team's
forms for those who keep it, and phones hidden from the rest."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs

import pytest

from apptest import shown, signed_in
from db.database import session_scope
from db.orgunits import get as get_unit
from db.values import unit_values

COMPARE = "app_pages/drilldown.py"
HAMLET = "app_pages/hamlet.py"


def _frame(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _button(at, label: str):
    return next(b for b in at.button if b.label == label)


def test_drill_down_from_the_commune_to_a_hamlet(app_db):
    at = signed_in("officer", "editor")
    at.switch_page(COMPARE).run()
    assert not at.exception
    assert any("Tổng của xã là tổng các ấp" in i.value for i in at.info)
    table = _frame(at, "Tử số/mẫu số")
    assert list(table["Ấp"]) == [f"Ấp {n} (dữ liệu mẫu)" for n in (1, 2, 3, 4)] + ["Cả xã"]
    # The commune's counts are the hamlets' counts added up.
    pairs = [tuple(int(x.replace(".", "")) for x in c.split("/")) for c in table["Tử số/mẫu số"]]
    *hamlets, commune = pairs
    assert commune == (sum(n for n, _ in hamlets), sum(d for _, d in hamlets))
    assert "Xếp hạng" not in table.columns and "Hạng" in _frame(at, "Hạng").columns

    links = {shown(link.proto.label): link.proto for link in at.get("page_link")}
    link = links["Ấp 2 (dữ liệu mẫu)"]
    assert link.page == "ap"
    # Follow the link as the browser would: its page, with its query string.
    for key, [value] in parse_qs(link.query_string).items():
        at.query_params[key] = value
    at.switch_page(HAMLET).run()
    assert not at.exception
    assert at.title[0].value == "Ấp"
    assert at.selectbox[0].value == "PHU_TAN_AP2"
    assert any("Dữ liệu mẫu" in w.value for w in at.warning)
    assert "Bùi Thị K" in set(_frame(at, "Họ tên")["Họ tên"])


def test_a_viewer_sees_the_team_without_phones_or_forms(app_db):
    at = signed_in("committee", "viewer")
    at.switch_page(HAMLET).run()
    assert not at.exception
    roster = _frame(at, "Điện thoại")
    assert set(roster["Điện thoại"]) == {"(ẩn)"}
    assert [b.label for b in at.button] == ["Đăng xuất"] and not at.date_input


def test_the_hamlet_team_logs_an_activity_and_the_quarter_recounts(app_db):
    at = signed_in("team1", "hamlet_editor")
    at.switch_page(HAMLET).run()
    assert at.selectbox[0].value == "PHU_TAN_AP1"
    assert "0900 000 101" in set(_frame(at, "Điện thoại")["Điện thoại"])
    with session_scope(app_db) as session:
        before = unit_values(session, get_unit(session, "PHU_TAN_AP1"), "2024Q1")
    at.date_input[-1].set_value(date(2024, 3, 29))
    inputs = {t.label: t for t in at.text_input}
    inputs["Địa điểm"].input("Chợ")
    inputs["Lượt người dân"].input("30")
    inputs["Tài khoản được hỗ trợ tạo"].input("12")
    _button(at, "Ghi hoạt động").click().run()
    assert not at.exception
    assert any("Quý I/2024" in s.value for s in at.success), [e.value for e in at.error]
    with session_scope(app_db) as session:
        after = unit_values(session, get_unit(session, "PHU_TAN_AP1"), "2024Q1")
    assert after["tcn_sessions"].value == before["tcn_sessions"].value + 1
    assert after["tcn_people_guided"].value == before["tcn_people_guided"].value + 30


def test_a_bad_activity_is_named_kept_and_not_logged(app_db):
    at = signed_in("team1", "hamlet_editor")
    at.switch_page(HAMLET).run()
    at.date_input[-1].set_value(date(2024, 3, 29))
    inputs = {t.label: t for t in at.text_input}
    inputs["Lượt người dân"].input("5")
    inputs["Tài khoản được hỗ trợ tạo"].input("9")
    _button(at, "Ghi hoạt động").click().run()
    assert any("Tài khoản được hỗ trợ tạo: Số tài khoản" in e.value for e in at.error)
    assert {t.label: t.value for t in at.text_input}["Tài khoản được hỗ trợ tạo"] == "9"
    with session_scope(app_db) as session:
        cells = unit_values(session, get_unit(session, "PHU_TAN_AP1"), "2024Q1")
    assert cells["tcn_people_guided"].value == 285


def test_a_hamlet_team_has_no_comparison_page(app_db):
    at = signed_in("team1", "hamlet_editor")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(COMPARE)
