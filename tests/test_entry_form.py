"""The data-entry form as an officer uses it: the whole seed typed in, carried-over stocks,
typing that survives a page switch, and the submit → approve workflow."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlmodel import delete

from apptest import shown, signed_in
from cds_core.catalogue import DEVICE_COLUMNS, DEVICE_TYPES, VALUE_CODES, Kind
from cds_core.interchange import parse_values
from cds_core.values import to_csv
from db.database import session_scope
from db.demo import SEED_VALUES
from db.models import DataValue, Submission
from db.orgunits import get as get_unit
from db.transfer import export_csv
from db.values import submission, unit_values

ENTRY = "app_pages/data_entry.py"
SEED_TEXT = SEED_VALUES.read_text(encoding="utf-8")


def key(code: str, period: str = "2024Q1", org: str = "PHU_TAN") -> str:
    return f"v:{org}:{period}:{code}"


def comment_key(code: str) -> str:
    return f"c:PHU_TAN:2024Q1:{code}"


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


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
    records = parse_values(SEED_TEXT)
    grid = [[None] * len(DEVICE_COLUMNS) for _ in DEVICE_TYPES]
    types = [t for t, _, _ in DEVICE_TYPES]
    columns = [c for c, _, _ in DEVICE_COLUMNS]
    for r in records:
        vc = VALUE_CODES[r.element]
        if vc.options:
            t, c = vc.options
            grid[types.index(t)][columns.index(c)] = r.value
            continue
        text = to_csv(vc, r.value)
        if vc.kind is Kind.BOOL:
            at.selectbox(key=key(r.element)).set_value(text)
        elif r.element.startswith("nar_"):
            at.text_area(key=key(r.element)).input(text)
        else:
            at.text_input(key=key(r.element)).input(text)
        if r.comment:
            at.text_input(key=comment_key(r.element)).input(r.comment)
    # AppTest cannot type into a data_editor: hand the form the grid as the officer filled it.
    base = at.session_state["g:PHU_TAN:2024Q1:base"]
    at.session_state["g:PHU_TAN:2024Q1:base"] = pd.DataFrame(
        grid, index=base.index, columns=base.columns, dtype="float"
    )
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
    assert {"đã gửi", "đã duyệt"} <= set(history["Nội dung"])


def test_a_hamlet_with_an_activity_log_cannot_type_the_log_counts(app_db):
    at = signed_in("team1", "hamlet_editor")
    at.session_state["period"] = "2024Q1"
    at.switch_page(ENTRY).run()
    # The demo logs Ấp 1's Q1/2024 activities, so these three come from the log.
    for code in ("tcn_sessions", "tcn_people_guided", "tcn_accounts_supported"):
        assert at.text_input(key=key(code, org="PHU_TAN_AP1")).disabled
    assert not at.text_input(key=key("xh_adults", org="PHU_TAN_AP1")).disabled


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
