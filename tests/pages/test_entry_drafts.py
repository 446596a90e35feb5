"""Typing is never lost: what an officer types is kept on the server as they go and comes back
in a new session (a reload, a closed tab, a restart) until saved or discarded; the URL keeps
the unit and quarter, and a new session opens where the officer left off."""

from __future__ import annotations

from apptest import ENTRY, actor, button, key, signed_in
from db import drafts
from db.database import session_scope
from db.orgunits import get as get_unit
from db.values import save, submission

URL = {"org": "PHU_TAN", "period": "2024Q1"}


def officer_draft(engine, period: str = "2024Q1"):
    with session_scope(engine) as session:
        officer = actor(session, "officer", "editor", "PHU_TAN")
        return drafts.load(session, actor=officer, org_code="PHU_TAN", period=period)


def new_session(query: dict | None = None):
    """A browser tab opened afresh (or reloaded) on the form: nothing in the session, the URL
    as given."""
    return signed_in("officer", "editor", query=query).switch_page(ENTRY).run()


def test_typing_comes_back_in_a_new_session_until_it_is_saved(app_db):
    at = new_session(URL)
    at.text_input(key=key("ht_staff_total")).input("24").run()
    assert officer_draft(app_db).entries == {"ht_staff_total": "24"}

    again = new_session(URL)
    assert again.text_input(key=key("ht_staff_total")).value == "24"
    assert any("Đã mở lại 1 ô" in i.value for i in again.info)
    assert any("giữ trên máy chủ" in c.value for c in again.caption)
    button(again, "Lưu nháp").click().run()
    assert officer_draft(app_db) is None
    assert not any("Đã mở lại" in i.value for i in new_session(URL).info)


def test_discarding_the_typing_reloads_the_saved_figures_everywhere(app_db):
    at = new_session(URL)
    at.text_input(key=key("ht_staff_total")).input("24").run()
    button(at, "Bỏ phần đang gõ, tải lại số đã lưu").click().run()
    assert at.text_input(key=key("ht_staff_total")).value == "22"
    assert officer_draft(app_db) is None
    assert new_session(URL).text_input(key=key("ht_staff_total")).value == "22"


def test_the_url_keeps_the_unit_and_the_quarter(app_db):
    at = new_session()
    assert at.query_params["org"] == "PHU_TAN"
    at.selectbox(key="_period_pick").set_value("2024Q3").run()
    assert at.query_params["period"] == "2024Q3"
    reloaded = new_session({"org": "PHU_TAN", "period": "2024Q3"})
    assert reloaded.selectbox(key="_period_pick").value == "2024Q3"
    assert any("Quý III/2024" in c.value for c in reloaded.caption)


def test_a_new_session_offers_the_quarter_where_the_typing_was_left(app_db):
    at = new_session({"org": "PHU_TAN", "period": "2024Q3"})
    at.text_input(key=key("vb_out_total", "2024Q3")).input("90").run()
    # Signed in again: the overview opened on the newest quarter with data, Q1 (submitted).
    again = new_session()
    assert any("phần gõ chưa lưu ở Quý III/2024" in i.value for i in again.info)
    button(again, "Mở Quý III/2024").click().run()
    assert again.selectbox(key="_period_pick").value == "2024Q3"
    assert again.text_input(key=key("vb_out_total", "2024Q3")).value == "90"


def test_a_draft_restored_after_someone_elses_save_meets_the_conflict(app_db):
    at = new_session(URL)
    at.text_input(key=key("ht_staff_total")).input("24").run()
    with session_scope(app_db) as session:
        district = actor(session, "district", "editor", "TAN_PHU_DONG")
        version = submission(session, get_unit(session, "PHU_TAN"), "2024Q1").version
        save(session, actor=district, org_code="PHU_TAN", period="2024Q1",
             entries={"ht_staff_with_pc": "20"}, expected_version=version)  # fmt: skip

    again = new_session(URL)
    assert any("Có người đã lưu biểu mẫu này" in w.value for w in again.warning)
    button(again, "Lưu nháp").click().run()
    assert any("Người khác vừa lưu biểu mẫu này (1 thay đổi)" in e.value for e in again.error)
    conflict = again.dataframe[0].value
    assert list(conflict.columns)[:3] == ["Thời điểm", "Người sửa", "Nội dung"]
    first = conflict.iloc[0]
    assert first["Nội dung"] == "CBCC được trang bị máy tính"
    assert (first["Giá trị cũ"], first["Giá trị mới"]) == ("21", "20")
    assert first["Người sửa"] == "district"
    assert again.text_input(key=key("ht_staff_total")).value == "24"  # the typing stays
