"""The data-entry form as an officer uses it: the whole seed typed in, carried-over stocks,
typing that survives a page switch, and the submit → approve workflow."""

from __future__ import annotations

import pytest
from sqlmodel import delete

from apptest import ENTRY, button, key, shown, signed_in
from cds_core.catalogue import VALUE_CODES, Kind
from cds_core.interchange import parse_values
from cds_core.values import to_csv
from db.database import session_scope
from db.demo import SEED_VALUES
from db.models import DataValue, Submission
from db.orgunits import get as get_unit
from db.transfer import export_csv
from db.values import submission, unit_values

SEED_TEXT = SEED_VALUES.read_text(encoding="utf-8")


def comment_key(code: str) -> str:
    return f"c:PHU_TAN:2024Q1:{code}"


def open_form(user: str = "officer", role: str = "editor"):
    at = signed_in(user, role)
    at.session_state["period"] = "2024Q1"
    return at.switch_page(ENTRY).run()


@pytest.fixture
def empty_db(app_db):
    """The demo's org units and users, but no figures at all."""
    with session_scope(app_db) as session:
        session.exec(delete(DataValue))
        session.exec(delete(Submission))
    return app_db


def test_typing_the_whole_seed_report_reproduces_its_figures(empty_db):
    at = open_form()
    for r in parse_values(SEED_TEXT):
        vc = VALUE_CODES[r.element]
        text = to_csv(vc, r.value)
        if vc.kind is Kind.BOOL:
            at.selectbox(key=key(r.element)).set_value(text)
        elif r.element.startswith("nar_"):
            at.text_area(key=key(r.element)).input(text)
        else:
            at.text_input(key=key(r.element)).input(text)  # a device cell too: one input each
    at.run()
    at.toggle(key="entry_all_comments").set_value(True).run()
    for r in parse_values(SEED_TEXT):
        if r.comment:
            at.text_input(key=comment_key(r.element)).input(r.comment)
    at.run()
    button(at, "Lưu nháp").click().run()
    assert not at.exception
    assert any("Đã lưu 84 thay đổi" in s.value for s in at.success), [e.value for e in at.error]
    with session_scope(empty_db) as session:
        assert export_csv(session, org_code="PHU_TAN", period="2024Q1") == SEED_TEXT


def test_stocks_are_carried_over_from_last_quarter_until_saved(app_db):
    at = signed_in("officer", "editor")
    at.session_state["period"] = "2024Q2"
    at.switch_page(ENTRY).run()
    assert at.text_input(key=key("ht_staff_total", "2024Q2")).value == "22"  # a stock
    assert at.text_input(key=key("vb_out_total", "2024Q2")).value == ""  # a flow starts empty
    assert any("Chuyển từ quý trước" in c.value for c in at.caption)
    assert any("Quý trước: 93" in c.value for c in at.caption)
    button(at, "Lưu nháp").click().run()
    assert not any("chưa xác nhận" in c.value for c in at.caption)
    with session_scope(app_db) as session:
        cells = unit_values(session, get_unit(session, "PHU_TAN"), "2024Q2")
    assert cells["ht_staff_total"].value == 22


def test_typing_survives_a_visit_to_another_page(app_db):
    at = open_form()
    at.text_input(key=key("ht_staff_total")).input("24").run()
    at.switch_page("app_pages/overview.py").run()
    at.switch_page(ENTRY).run()
    assert at.text_input(key=key("ht_staff_total")).value == "24"


def test_a_warning_without_a_comment_is_listed_and_blocks_submitting(app_db):
    at = open_form()
    assert not any("cần ghi chú" in w.value for w in at.warning)  # the seed explains it
    at.text_input(key=comment_key("ht_pc_broadband")).input("").run()
    assert any("cần ghi chú" in w.value for w in at.warning)
    button(at, "Lưu và gửi báo cáo").click().run()
    assert any("chưa gửi được" in e.value for e in at.error)
    with session_scope(app_db) as session:
        assert submission(session, get_unit(session, "PHU_TAN"), "2024Q1").status == "draft"


def test_submit_then_the_district_approves_and_the_form_locks(app_db):
    at = open_form()
    button(at, "Lưu và gửi báo cáo").click().run()
    assert any("đã gửi" in m.value for m in at.markdown)
    district = signed_in("district", "editor")
    district.session_state["org"] = "PHU_TAN"
    district.switch_page(ENTRY).run()
    button(district, "Duyệt").click().run()
    assert any("đã duyệt" in m.value for m in district.markdown)
    assert district.text_input(key=key("ht_staff_total")).disabled
    assert button(district, "Lưu nháp").disabled
    history = district.dataframe[-1].value
    assert {"Trạng thái: đã gửi", "Trạng thái: đã duyệt"} <= set(history["Nội dung"])


def test_a_hamlet_with_an_activity_log_cannot_type_the_log_counts(app_db):
    at = signed_in("team1", "hamlet_editor")
    at.session_state["period"] = "2024Q1"
    at.switch_page(ENTRY).run()
    # The demo logs Ấp 1's Q1/2024 activities, so these three come from the log.
    for code in ("tcn_sessions", "tcn_people_guided", "tcn_accounts_supported"):
        assert at.text_input(key=key(code, org="PHU_TAN_AP1")).disabled
    assert not at.text_input(key=key("xh_adults", org="PHU_TAN_AP1")).disabled


def beside(at, code: str):
    """The notes column standing right of a field's value."""
    columns = list(at.columns)
    for i, column in enumerate(columns):
        if any(w.key == key(code) for w in column.text_input):
            return columns[i + 1]
    raise AssertionError(f"no field {code}")


def test_help_says_what_a_figure_means_and_where_it_comes_from_never_a_code(app_db):
    at = open_form()
    help_text = at.text_input(key=key("vb_out_total")).help
    assert "Tổng số văn bản đi phát hành trong quý" in help_text
    assert "Nguồn số liệu" in help_text and "sổ công văn" in help_text
    for widget in [*at.text_input, *at.selectbox, *at.text_area]:
        if widget.key and widget.key.startswith("v:"):
            code = widget.key.rsplit(":", 1)[1]
            assert code not in (widget.help or ""), code


def test_each_rate_stands_beside_the_last_of_its_inputs_and_follows_the_typing(app_db):
    at = open_form()
    assert "Tỷ lệ CBCC được trang bị máy tính" in " ".join(
        m.value for m in beside(at, "ht_staff_with_pc").markdown
    )
    at.text_input(key=key("ht_staff_with_pc")).input("22").run()
    rate = " ".join(m.value for m in beside(at, "ht_staff_with_pc").markdown)
    assert "100%" in rate and "(22/22)" in rate


def test_each_problem_is_shown_once_at_its_field_and_the_index_links_to_it(app_db):
    at = open_form()
    at.text_input(key=key("dvc_dossiers_online_full")).input("20").run()  # 33 + 20 ≠ 50
    sum_errors = [e for e in at.error if "trong đó mức độ 4" in e.value]
    assert len(sum_errors) == 1
    assert sum_errors[0].value in [e.value for e in beside(at, "dvc_dossiers_online_full").error]
    index = " ".join(m.value for m in at.markdown)
    assert "✖ [trong đó mức độ 4 (toàn trình)](#f-dvc_dossiers_online_full)" in index


def test_the_index_counts_each_section_and_links_to_its_first_empty_cell(app_db):
    at = open_form()
    table = next(m.value for m in at.markdown if m.value.startswith("| Mục |"))
    assert "| [I · Lãnh đạo, chỉ đạo](#f-ld_plan_issued) | 5/6 | — | " in table
    assert "[Số cuộc họp Ban Chỉ đạo CĐS](#f-ld_steering_meetings)" in table


def test_a_warning_explained_last_quarter_on_the_same_figures_lets_the_quarter_go(app_db):
    at = signed_in("officer", "editor")
    at.session_state["period"] = "2024Q2"
    at.switch_page(ENTRY).run()
    # Q1's stocks carried over: broadband 35 > 21 connected again, explained in Q1.
    assert any("đã giải thích ở quý trước" in i.value for i in at.info)
    assert not any("cần ghi chú" in w.value for w in at.warning)
    for code in ("vb_out_total", "vb_out_secret", "vb_out_electronic_only"):
        at.text_input(key=key(code, "2024Q2")).input("0" if code == "vb_out_secret" else "9")
    at.run()
    button(at, "Lưu và gửi báo cáo").click().run()
    assert not at.exception
    assert any("Đã gửi báo cáo" in t.value for t in at.toast), [e.value for e in at.error]
    with session_scope(app_db) as session:
        unit = get_unit(session, "PHU_TAN")
        assert submission(session, unit, "2024Q2").status == "submitted"
        assert "35 máy băng rộng" in unit_values(session, unit, "2024Q2")["ht_pc_broadband"].comment


def test_a_carried_warning_asks_again_once_its_figures_change(app_db):
    at = signed_in("officer", "editor")
    at.session_state["period"] = "2024Q2"
    at.switch_page(ENTRY).run()
    at.text_input(key=key("ht_pc_broadband", "2024Q2")).input("36").run()
    assert any("cần ghi chú" in w.value for w in at.warning)
    assert any(t.key == "c:PHU_TAN:2024Q2:ht_pc_broadband" for t in at.text_input)


def test_save_feedback_shows_by_the_buttons_and_as_a_toast(app_db):
    at = open_form()
    at.text_input(key=key("ld_steering_meetings")).input("2").run()
    assert any("1 ô chưa lưu" in c.value for c in at.caption)
    button(at, "Lưu nháp").click().run()
    assert any("Đã lưu 1 thay đổi" in t.value for t in at.toast)
    assert any("Đã lưu 1 thay đổi" in s.value for s in at.success)
    assert not any("chưa lưu" in c.value for c in at.caption)


def test_a_number_people_could_read_two_ways_says_how_it_was_read(app_db):
    at = open_form()
    at.text_input(key=key("ht_staff_total")).input("1.096")
    at.text_input(key=key("ht_bandwidth_mbps")).input("1.096").run()
    notes = [shown(c.value) for c in at.caption if "được đọc là" in c.value]
    assert notes == [
        "“1.096” được đọc là 1096 (dấu chấm ngăn cách hàng nghìn; số đếm không có phần thập phân)",
        "“1.096” được đọc là số thập phân (dấu chấm là dấu thập phân), không phải 1096; "
        "nếu là hàng nghìn, hãy gõ 1096",
    ]
