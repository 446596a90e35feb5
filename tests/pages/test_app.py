"""The pages through Streamlit's AppTest: the login gate, the overview, the data-entry form."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from apptest import DASHBOARD, ROOT, signed_in
from db.database import session_scope
from db.orgunits import get as get_unit
from db.permissions import SYSTEM
from db.values import save, unit_values

PAGES = sorted(str(p) for p in (ROOT / "app_pages").glob("*.py") if not p.name.startswith("_"))
FULL = "v:PHU_TAN:2024Q1:dvc_tthc_full"
STAFF = "v:PHU_TAN:2024Q1:ht_staff_total"


def scorecard(at: AppTest) -> pd.DataFrame:
    """The overview's tables (one per pillar) as one frame."""
    return pd.concat([d.value for d in at.dataframe], ignore_index=True)


def status_of(at: AppTest, indicator_name: str) -> str:
    frame = scorecard(at)
    row = frame[frame["Chỉ số"] == indicator_name]
    return row["Đánh giá"].iloc[0]


@pytest.mark.parametrize("script", [DASHBOARD, *PAGES], ids=lambda p: Path(p).name)
def test_no_page_renders_its_content_without_login(app_db, script):
    at = AppTest.from_file(script, default_timeout=60).run()
    assert not at.exception
    assert [w.label for w in at.text_input] == ["Tên đăng nhập", "Mật khẩu"]
    assert not at.dataframe
    assert all(t.value not in ("Tổng quan", "Nhập số liệu", "Quy tắc đánh giá") for t in at.title)


def test_wrong_password_shows_one_generic_message(app_db):
    at = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    at.text_input[0].input("officer")
    at.text_input[1].input("wrong-password-123")
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["Tên đăng nhập hoặc mật khẩu không đúng"]
    assert not at.dataframe


def test_overview_shows_the_seed_statuses(app_db):
    at = signed_in("committee", "viewer")
    assert not at.exception
    assert at.title[0].value == "Tổng quan"
    assert status_of(at, "Tỷ lệ DVCTT toàn trình (mức độ 4)") == "✖ chưa đạt"
    assert status_of(at, "Tỷ lệ hồ sơ giải quyết trực tuyến mức độ 3, 4") == "✔ đạt"
    assert status_of(at, "Tỷ lệ CBCC được trang bị máy tính") == "◐ gần đạt"
    frame = scorecard(at)
    row = frame[frame["Chỉ số"] == "Tỷ lệ hồ sơ giải quyết trực tuyến mức độ 3, 4"].iloc[0]
    assert (row["Giá trị"], row["Tử số/mẫu số"], row["Mục tiêu"]) == ("84,7%", "50/59", "> 80%")
    assert any(m.value == "**5/17 chỉ tiêu đạt**" for m in at.markdown)


def test_overview_speaks_english_on_the_switch(app_db):
    at = signed_in("committee", "viewer")
    at.sidebar.radio[0].set_value("en").run()
    assert at.title[0].value == "Overview"
    assert "✖ not met" in set(scorecard(at)["Status"])


def test_typing_a_value_and_saving_changes_the_status(app_db):
    at = signed_in("officer", "editor")
    at.switch_page("app_pages/data_entry.py").run()
    assert at.title[0].value == "Nhập số liệu"
    assert at.text_input(key=FULL).value == "73"
    at.text_input(key=FULL).set_value("130").run()
    # The computed rate follows what is typed, before anything is saved.
    assert any("83,3%" in m.value for m in at.markdown)
    save = next(b for b in at.button if b.label == "Lưu nháp")
    save.click().run()
    assert any("Đã lưu 1 thay đổi" in s.value for s in at.success)
    at.switch_page("app_pages/overview.py").run()
    assert status_of(at, "Tỷ lệ DVCTT toàn trình (mức độ 4)") == "✔ đạt"


@pytest.mark.parametrize(
    ("typed", "message"),
    [("-5", "Không được nhập số âm"), ("abc", "không phải là số"), ("2,5", "Phải là số nguyên")],
)
def test_bad_input_is_named_kept_and_nothing_is_saved(app_db, typed, message):
    at = signed_in("officer", "editor")
    at.switch_page("app_pages/data_entry.py").run()
    at.text_input(key=STAFF).set_value(typed).run()
    assert any(message in e.value for e in at.error)
    next(b for b in at.button if b.label == "Lưu nháp").click().run()
    assert any("chưa lưu gì" in e.value for e in at.error)
    assert at.text_input(key=STAFF).value == typed
    with session_scope(app_db) as session:
        assert (
            unit_values(session, get_unit(session, "PHU_TAN"), "2024Q1")["ht_staff_total"].value
            == 22
        )


def test_part_larger_than_whole_is_shown_at_the_field(app_db):
    at = signed_in("officer", "editor")
    at.switch_page("app_pages/data_entry.py").run()
    at.text_input(key=FULL).set_value("200").run()
    assert any(
        "DVCTT toàn trình (mức độ 4) (200) lớn hơn Tổng số TTHC" in e.value for e in at.error
    )


def test_viewer_cannot_open_the_entry_page(app_db):
    at = signed_in("committee", "viewer", script=str(ROOT / "app_pages" / "data_entry.py"))
    assert [e.value for e in at.error] == ["Bạn không có quyền xem trang này."]
    assert not at.text_input


def test_viewer_navigation_has_no_entry_page(app_db):
    at = signed_in("committee", "viewer")
    # The page is not registered for a viewer, so AppTest cannot even switch to it.
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/data_entry.py")


def test_hamlet_editor_sees_only_hamlet_figures(app_db):
    at = signed_in("team1", "hamlet_editor")
    at.switch_page("app_pages/data_entry.py").run()
    keys = {w.key for w in at.text_input}
    assert "v:PHU_TAN_AP1:2024Q1:xh_adults" in keys
    assert not any(k.endswith(":ht_staff_total") for k in keys)


def test_a_stale_save_is_refused_keeps_the_typing_and_reload_shows_the_newer_figures(app_db):
    at = signed_in("officer", "editor")
    at.switch_page("app_pages/data_entry.py").run()
    at.text_input(key=STAFF).set_value("30").run()
    with session_scope(app_db) as session:  # a colleague saves first
        save(session, actor=SYSTEM, org_code="PHU_TAN", period="2024Q1",
             entries={"ht_staff_total": "25"})  # fmt: skip
    next(b for b in at.button if b.label == "Lưu nháp").click().run()
    assert any("Người khác vừa lưu" in e.value for e in at.error)
    assert at.text_input(key=STAFF).value == "30"
    with session_scope(app_db) as session:
        assert (
            unit_values(session, get_unit(session, "PHU_TAN"), "2024Q1")["ht_staff_total"].value
            == 25
        )
    next(b for b in at.button if b.label.startswith("Bỏ phần đang gõ")).click().run()
    assert at.text_input(key=STAFF).value == "25"
