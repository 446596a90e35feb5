"""Targets set by an administrator: permission checked and audited in db, the most specific
target wins, bad input named by field, and the targets page beside the catalogue default."""

import pytest

from apptest import PASSWORD, signed_in
from cds_core.status import Status
from db import audit, users
from db import targets as target_db
from db.database import session_scope
from db.errors import FieldErrors, PermissionDenied
from db.permissions import SYSTEM, Actor
from db.scorecards import for_unit

ADMIN = Actor("boss", "admin", None)
EDITOR = Actor("officer", "editor", "/1/")
FULL = dict(indicator="dvc_full_rate", comparator=">=", deadline=2025, source="QĐ thử",
            reason="kế hoạch mới")  # fmt: skip


def status(session, org, code="dvc_full_rate"):
    return next(r for r in for_unit(session, org, "2024Q1") if r.indicator == code).status


def test_only_an_administrator_may_set_a_target_and_a_refusal_writes_nothing(demo_session):
    with pytest.raises(PermissionDenied):
        target_db.save(demo_session, actor=EDITOR, value=10, **FULL)
    assert target_db.overrides(demo_session) == []
    assert audit.history(demo_session, element="dvc_full_rate") == []


def test_a_changed_default_is_audited_with_the_old_and_new_target(demo_session):
    assert status(demo_session, "PHU_TAN") is Status.NOT_MET
    target_db.save(demo_session, actor=ADMIN, value=40, **FULL)
    assert status(demo_session, "PHU_TAN") is Status.MET
    [event] = audit.history(demo_session, element="dvc_full_rate")
    assert (event.username, event.action, event.reason) == ("boss", "target", "kế hoạch mới")
    assert event.old_value == "T1 >= 80.0 by 2025"
    assert event.new_value == "T1 >= 40.0 by 2025"


def test_a_units_own_target_wins_for_that_unit_only(demo_session):
    target_db.save(demo_session, actor=ADMIN, value=40, org_unit="PHU_TAN", **FULL)
    target_db.save(demo_session, actor=ADMIN, value=95, level="xa", **FULL)
    assert status(demo_session, "PHU_TAN") is Status.MET  # its own 40% beats the level's 95%
    # The district keeps the framework's 80% (its rate is the commune's: not met).
    assert status(demo_session, "TAN_PHU_DONG") is Status.NOT_MET
    defaults = [t for t in target_db.in_force(demo_session) if t.indicator == "dvc_full_rate"]
    assert {(t.org_unit, t.level, t.value) for t in defaults} == {
        (None, None, 80.0),
        ("PHU_TAN", None, 40.0),
        (None, "xa", 95.0),
    }


def test_a_target_from_a_later_year_does_not_judge_earlier_quarters(demo_session):
    target_db.save(demo_session, actor=ADMIN, value=40, org_unit="PHU_TAN", year=2025, **FULL)
    assert status(demo_session, "PHU_TAN") is Status.NOT_MET  # 2024 still under 80%


def test_saving_the_same_scope_again_changes_that_row(demo_session):
    target_db.save(demo_session, actor=ADMIN, value=40, org_unit="PHU_TAN", **FULL)
    target_db.save(demo_session, actor=ADMIN, value=60, org_unit="PHU_TAN", **FULL)
    [row] = target_db.overrides(demo_session)
    assert row.target.value == 60 and row.updated_by == "boss"


def test_removing_an_override_brings_the_default_back_and_is_audited(demo_session):
    target_db.save(demo_session, actor=ADMIN, value=40, **FULL)
    [row] = target_db.overrides(demo_session)
    with pytest.raises(PermissionDenied):
        target_db.remove(demo_session, actor=EDITOR, row_id=row.row_id)
    target_db.remove(demo_session, actor=ADMIN, row_id=row.row_id)
    assert status(demo_session, "PHU_TAN") is Status.NOT_MET
    assert [e.action for e in audit.history(demo_session, element="dvc_full_rate")] == [
        "target_removed",
        "target",
    ]


def test_bad_input_is_named_by_field_and_nothing_is_saved(demo_session):
    with pytest.raises(FieldErrors) as caught:
        target_db.save(demo_session, actor=ADMIN, indicator="dvc_full_rate", comparator=">=",
                       value=150, amber_from=90, deadline=1999, source=" ",
                       org_unit="NOWHERE", level="thon", reason=" ")  # fmt: skip
    assert set(caught.value.errors) == {
        "value", "deadline", "source", "org_unit", "level", "reason"
    }  # fmt: skip
    with pytest.raises(FieldErrors) as caught:
        target_db.save(demo_session, actor=ADMIN, value=80, amber_from=90, **FULL)
    assert caught.value.errors["amber_from"].key == "err_target_band"
    assert target_db.overrides(demo_session) == []


def test_an_override_names_its_own_source_not_the_catalogues(demo_session):
    kept = target_db.catalogue_default("dvc_full_rate").source
    with pytest.raises(FieldErrors) as caught:
        target_db.save(demo_session, actor=ADMIN, value=40, **{**FULL, "source": kept + " "})
    assert caught.value.errors["source"].key == "err_target_source_kept"
    assert target_db.overrides(demo_session) == []


def test_the_catalogue_default_stays_beside_an_override(demo_session):
    target_db.save(demo_session, actor=ADMIN, value=40, **FULL)
    assert target_db.catalogue_default("dvc_full_rate").value == 80.0


def test_the_targets_page_lists_every_target_and_lets_an_admin_set_one(app_db):
    with session_scope(app_db) as session:
        users.create(session, actor=SYSTEM, username="boss", role="admin", password=PASSWORD)
    at = signed_in("boss", "admin")
    at.switch_page("app_pages/targets.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == 17
    assert {"Nguồn", "Gần đạt từ", "Thời hạn", "Mặc định của danh mục"} <= set(table.columns)
    at.selectbox(key="target_indicator").set_value("dvc_full_rate").run()
    # The form starts with an empty source: an override cites its own decision.
    assert at.text_area[0].value == ""
    at.number_input[0].set_value(40.0)
    at.selectbox[2].set_value("PHU_TAN")  # the org unit of the scope
    at.text_area[0].set_value("QĐ 12/QĐ-UBND của xã")
    at.button[0].click().run()  # the form's save, without a reason
    assert any("Lý do thay đổi" in e.value for e in at.error)
    at.text_input[0].set_value("kế hoạch của xã")
    at.button[0].click().run()
    assert not at.exception
    assert any("Đã lưu mục tiêu T1" in s.value for s in at.success)
    table = at.dataframe[0].value
    own = table[table["Áp dụng cho"] == "Xã Phú Tân"].iloc[0]
    assert (own["Mục tiêu"], own["Mặc định của danh mục"]) == ("≥ 40%", "≥ 80% · 64% · 2025")


def test_a_viewer_sees_the_targets_but_no_form(app_db):
    at = signed_in("committee", "viewer")
    at.switch_page("app_pages/targets.py").run()
    assert len(at.dataframe[0].value) == 17
    assert not at.get("form")
    assert any("Chỉ quản trị viên" in c.value for c in at.caption)
