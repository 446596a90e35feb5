"""User administration: what an admin may do to accounts, each step audited, and the page."""

from __future__ import annotations

import pytest
from sqlmodel import select

from apptest import PASSWORD, ROOT, shown, signed_in
from cds_core.errors import CdsError
from db import security, users
from db.database import session_scope
from db.errors import PermissionDenied
from db.models import AuditEvent
from db.permissions import SYSTEM
from db.security import LOCAL

GOOD = "mật-khẩu-đủ-dài"


@pytest.fixture
def db(demo_session):
    for name, role, org in [("quantri", "admin", None), ("canbo", "editor", "PHU_TAN")]:
        users.create(demo_session, actor=SYSTEM, username=name, role=role, password=GOOD,
                     org_code=org)  # fmt: skip
    demo_session.commit()
    return demo_session


def admin(db):
    return users.actor_for(db, "quantri")


def audit(db, action: str) -> list[AuditEvent]:
    return list(db.exec(select(AuditEvent).where(AuditEvent.action == action)))


def test_an_invited_user_gets_a_password_shown_once_and_must_change_it(db):
    password = users.invite(db, actor=admin(db), username="moi", role="viewer",
                            org_code="PHU_TAN", display_name="Chị Mới")  # fmt: skip
    db.commit()
    user = users.get(db, "moi")
    assert user.must_change_password and user.display_name == "Chị Mới"
    assert len(password) >= users.MIN_PASSWORD
    assert security.authenticate(db, "moi", password, LOCAL) is not None
    assert password not in repr(audit(db, "user_created"))


def test_disabling_stops_the_user_and_is_audited(db):
    users.set_active(db, actor=admin(db), username="canbo", active=False)
    db.commit()
    assert users.actor_for(db, "canbo") is None
    assert security.authenticate(db, "canbo", GOOD, LOCAL) is None
    users.set_active(db, actor=admin(db), username="canbo", active=True)
    assert users.actor_for(db, "canbo") is not None
    assert [(e.username, e.new_value) for e in audit(db, "user_disabled")] == [("quantri", "canbo")]
    assert len(audit(db, "user_enabled")) == 1


def test_an_admin_cannot_disable_themself_or_the_last_admin(db):
    with pytest.raises(PermissionDenied) as info:
        users.set_active(db, actor=admin(db), username="quantri", active=False)
    assert info.value.key == "err_user_self"
    with pytest.raises(PermissionDenied) as info:
        users.set_active(db, actor=SYSTEM, username="quantri", active=False)
    assert info.value.key == "err_last_admin"
    with pytest.raises(PermissionDenied) as info:
        users.change_role(db, actor=SYSTEM, username="quantri", role="viewer", org_code="PHU_TAN")
    assert info.value.key == "err_last_admin"


def test_a_reset_replaces_the_password_lifts_every_hold_and_forces_a_change(db):
    for _ in range(security.MAX_FAILED):
        security.authenticate(db, "canbo", "sai-mat-khau-1", LOCAL)
    db.commit()
    assert security.held_usernames(db) == {"canbo"}
    temporary = users.reset_password(db, actor=admin(db), username="canbo")
    db.commit()
    user = users.get(db, "canbo")
    assert user.must_change_password and not security.held_usernames(db)
    assert security.authenticate(db, "canbo", GOOD, LOCAL) is None
    assert security.authenticate(db, "canbo", temporary, LOCAL) is not None
    events = audit(db, "password_reset")
    assert [e.new_value for e in events] == ["canbo"]
    assert temporary not in repr(events)


def test_changing_a_role_or_scope_is_checked_and_audited(db):
    users.change_role(db, actor=admin(db), username="canbo", role="hamlet_editor",
                      org_code="PHU_TAN_AP2")  # fmt: skip
    db.commit()
    actor = users.actor_for(db, "canbo")
    assert actor.role == "hamlet_editor"
    assert users.scope_code(db, "canbo") == "PHU_TAN_AP2"
    [event] = audit(db, "user_role")
    assert (event.old_value, event.new_value, event.reason) == (
        "editor PHU_TAN",
        "hamlet_editor PHU_TAN_AP2",
        "canbo",
    )


@pytest.mark.parametrize(
    ("role", "org", "key"),
    [
        ("hamlet_editor", "PHU_TAN", "err_scope_hamlet"),
        ("viewer", None, "err_scope_required"),
        ("boss", "PHU_TAN", "err_role"),
        ("editor", "KHONG_CO", "err_org_not_found"),
    ],
)
def test_a_role_change_is_refused_on_a_wrong_scope(db, role, org, key):
    with pytest.raises(CdsError) as info:
        users.change_role(db, actor=admin(db), username="canbo", role=role, org_code=org)
    assert info.value.key == key
    db.rollback()
    assert users.actor_for(db, "canbo").role == "editor"


def test_the_user_list_is_for_admins_and_holds_no_hash(db):
    rows = users.listing(db, actor=admin(db))
    assert [r.username for r in rows] == ["canbo", "quantri"]
    assert rows[0].scope == "PHU_TAN" and rows[1].scope is None
    assert "$2" not in repr(rows)
    with pytest.raises(PermissionDenied):
        users.listing(db, actor=users.actor_for(db, "canbo"))


# -- the page --


@pytest.fixture
def admin_app(app_db):
    with session_scope(app_db) as session:
        users.create(session, actor=SYSTEM, username="boss", role="admin", password=PASSWORD)
    return app_db


def users_page(admin_app):
    at = signed_in("boss", "admin")
    return at.switch_page("app_pages/users.py").run()


def test_the_page_creates_a_user_and_shows_the_password_once(admin_app):
    at = users_page(admin_app)
    assert at.title[0].value == "Người dùng"
    assert at.selectbox[0].value == "viewer"  # the least power unless chosen otherwise
    at.text_input[0].input("moi.nguoi")
    at.text_input[1].input("Anh Mới")
    at.selectbox[1].set_value("PHU_TAN")
    at.button(key="FormSubmitter:create_user-Tạo người dùng").click().run()
    assert not at.exception
    assert [shown(s.value) for s in at.success] == ["Đã tạo người dùng moi.nguoi"]
    [once] = [c.value for c in at.code]
    with session_scope(admin_app) as session:
        assert security.authenticate(session, "moi.nguoi", once, LOCAL) is not None
        assert users.get(session, "moi.nguoi").must_change_password
    at.run()
    assert not at.code  # never shown again


def test_the_page_disables_and_resets(admin_app):
    at = users_page(admin_app)
    at.selectbox(key="_users_pick").set_value("officer").run()
    at.button(key="users_disable").click().run()
    assert [shown(s.value) for s in at.success] == ["Đã khóa tài khoản officer"]
    at.button(key="users_reset").click().run()
    # A reset asks first; cancelling leaves the password alone.
    assert any("Cấp lại mật khẩu cho officer?" in w.value for w in at.warning)
    at.button(key="users_reset_no").click().run()
    assert not at.code and not at.warning
    with session_scope(admin_app) as session:
        assert not users.get(session, "officer").must_change_password
    at.button(key="users_reset").click().run()
    at.button(key="users_reset_yes").click().run()
    [temporary] = [c.value for c in at.code]
    with session_scope(admin_app) as session:
        user = users.get(session, "officer")
        assert not user.active and user.must_change_password
        assert security.password_matches(temporary, user.password_hash)


def test_a_refusal_on_the_page_is_shown_and_changes_nothing(admin_app):
    at = users_page(admin_app)
    at.selectbox(key="_users_pick").set_value("boss").run()
    at.button(key="users_disable").click().run()
    assert [e.value for e in at.error] == ["Không thể tự khóa tài khoản của mình"]
    with session_scope(admin_app) as session:
        assert users.get(session, "boss").active


@pytest.mark.parametrize(("username", "role"), [("officer", "editor"), ("committee", "viewer")])
def test_only_admins_have_the_user_page(app_db, username, role):
    at = signed_in(username, role)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/users.py")
    direct = signed_in(username, role, script=str(ROOT / "app_pages" / "users.py"))
    assert [e.value for e in direct.error] == ["Bạn không có quyền xem trang này."]
    assert not direct.dataframe


def test_the_page_shows_admins_which_clients_are_held_back(admin_app):
    with session_scope(admin_app) as session:
        for _ in range(security.MAX_FAILED):
            security.authenticate(session, "officer", "not-the-password", LOCAL)
    at = users_page(admin_app)
    users = next(d.value for d in at.dataframe if "Trạng thái" in d.value.columns)
    state = dict(zip(users["Tên đăng nhập"], users["Trạng thái"], strict=True))
    assert state["officer"] == "hoạt động; có máy bị chặn đăng nhập tạm thời"
    held = next(d.value for d in at.dataframe if "Chặn đến" in d.value.columns)
    clients = held["Máy (địa chỉ hoặc trình duyệt)"]
    assert list(zip(held["Tên đăng nhập"], clients, strict=True)) == [("officer", "ip:local")]
