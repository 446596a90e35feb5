"""Sign-in hardening: lockout kept in the database, one message for every refusal, sessions that
end (logout, idle, absolute, disabled), a forced password change, the production cookie key,
and user text that never becomes markup."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, create_engine, select
from streamlit.testing.v1 import AppTest

from apptest import DASHBOARD, PASSWORD, ROOT, signed_in
from cds_core.errors import CdsError
from cds_core.interchange import OrgUnitRecord
from db import orgunits, security, users, values
from db.database import session_scope
from db.models import AuditEvent, User
from db.permissions import SYSTEM
from ui import auth
from ui.config import ConfigError, cookie_key

T0 = datetime(2024, 5, 2, 8, 0, tzinfo=UTC)
GOOD = "mật-khẩu-đủ-dài"
PAGES = sorted(str(p) for p in (ROOT / "app_pages").glob("*.py") if not p.name.startswith("_"))
GENERIC = "Tên đăng nhập hoặc mật khẩu không đúng"
LOGIN_LABELS = ["Tên đăng nhập", "Mật khẩu"]


@pytest.fixture
def db(session):
    users.create(session, actor=SYSTEM, username="quantri", role="admin", password=GOOD)
    session.commit()
    return session


def fail(session, times: int, now: datetime, username: str = "quantri") -> None:
    for _ in range(times):
        assert security.authenticate(session, username, "sai-mat-khau-1", now=now) is None
        session.commit()


# -- lockout, at the db layer (time frozen by passing `now`) --


def test_the_right_password_signs_in(db):
    assert security.authenticate(db, "quantri", GOOD, now=T0).username == "quantri"


def test_four_failures_then_success_start_the_count_again(db):
    fail(db, 4, T0)
    assert security.authenticate(db, "quantri", GOOD, now=T0) is not None
    db.commit()
    fail(db, 4, T0)
    assert security.authenticate(db, "quantri", GOOD, now=T0) is not None


def test_five_failures_lock_the_account_even_against_the_right_password(db):
    fail(db, 5, T0)
    user = users.get(db, "quantri")
    assert security.locked(user, T0)
    assert user.locked_until.astimezone(UTC) == T0 + timedelta(minutes=15)
    assert security.authenticate(db, "quantri", GOOD, now=T0 + timedelta(minutes=14)) is None


def test_the_lock_ends_after_15_minutes(db):
    fail(db, 5, T0)
    later = T0 + timedelta(minutes=15, seconds=1)
    assert security.authenticate(db, "quantri", GOOD, now=later) is not None


def test_guessing_during_the_lock_neither_counts_nor_extends_it(db):
    fail(db, 5, T0)
    fail(db, 10, T0 + timedelta(minutes=10))
    user = users.get(db, "quantri")
    assert user.locked_until.astimezone(UTC) == T0 + timedelta(minutes=15)
    assert user.failed_attempts == 0


def test_the_lock_survives_a_restart(engine, db):
    fail(db, 5, T0)
    # A new engine on the same database: what a restarted server would open.
    fresh = create_engine(engine.url.render_as_string(hide_password=False))
    try:
        with Session(fresh) as session:
            user = session.exec(select(User).where(User.username == "quantri")).one()
            assert security.locked(user, T0 + timedelta(minutes=1))
            assert security.authenticate(session, "quantri", GOOD, now=T0) is None
    finally:
        fresh.dispose()


def test_a_lockout_is_audited(db):
    fail(db, 5, T0)
    events = db.exec(select(AuditEvent).where(AuditEvent.action == "user_locked")).all()
    assert [e.username for e in events] == ["quantri"]


@pytest.mark.parametrize(
    ("username", "password", "disabled", "locked"),
    [
        ("khong_co", GOOD, False, False),
        ("quantri", "sai-mat-khau-1", False, False),
        ("quantri", GOOD, True, False),
        ("quantri", GOOD, False, True),
    ],
    ids=["unknown user", "wrong password", "disabled", "locked"],
)
def test_every_refusal_is_the_same_none(db, username, password, disabled, locked):
    user = users.get(db, "quantri")
    user.active = not disabled
    if locked:
        user.locked_until = T0 + timedelta(minutes=5)
    db.add(user)
    db.commit()
    assert security.authenticate(db, username, password, now=T0) is None


# -- changing one's own password --


def test_changing_ones_password_needs_the_current_one_and_ends_a_forced_change(db):
    admin = users.actor_for(db, "quantri")
    users.get(db, "quantri").must_change_password = True
    with pytest.raises(CdsError) as info:
        users.change_own_password(db, actor=admin, old="khong-dung-1", new="mat-khau-moi-1")
    assert info.value.key == "err_password_wrong"
    assert users.get(db, "quantri").failed_attempts == 1
    users.change_own_password(db, actor=admin, old=GOOD, new="mat-khau-moi-1")
    db.commit()
    user = users.get(db, "quantri")
    assert not user.must_change_password
    assert security.authenticate(db, "quantri", "mat-khau-moi-1", now=T0) is not None
    assert security.authenticate(db, "quantri", GOOD, now=T0) is None
    audit = db.exec(select(AuditEvent).where(AuditEvent.action == "password_changed")).all()
    assert len(audit) == 1
    assert "mat-khau-moi-1" not in repr(audit[0])


@pytest.mark.parametrize(
    ("new", "key"),
    [
        ("ngan", "err_password_short"),
        ("123456789", "err_password_short"),
        (GOOD, "err_password_same"),
    ],
)
def test_a_new_password_is_refused_when_short_or_unchanged(db, new, key):
    admin = users.actor_for(db, "quantri")
    with pytest.raises(CdsError) as info:
        users.change_own_password(db, actor=admin, old=GOOD, new=new)
    assert info.value.key == key


# -- the login form and the session, through AppTest --


def login(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    return at.button[0].click().run()


def shows_only_login(at: AppTest) -> bool:
    return (
        not at.exception
        and [w.label for w in at.text_input] == LOGIN_LABELS
        and not at.dataframe
        and "Tổng quan" not in [t.value for t in at.title]
    )


def test_the_login_form_signs_in_and_counts_failures_in_the_database(app_db):
    at = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    login(at, "officer", "not-the-password")
    with session_scope(app_db) as session:
        assert users.get(session, "officer").failed_attempts == 1
    login(at, "officer", PASSWORD)
    assert at.title[0].value == "Tổng quan"
    with session_scope(app_db) as session:
        assert users.get(session, "officer").failed_attempts == 0


def test_unknown_user_wrong_password_and_locked_get_one_message(app_db):
    at = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    seen = []
    login(at, "nobody_here", PASSWORD)
    seen.append([e.value for e in at.error])
    for _ in range(5):
        login(at, "officer", "not-the-password")
        seen.append([e.value for e in at.error])
    login(at, "officer", PASSWORD)  # locked now: even the right password is refused
    seen.append([e.value for e in at.error])
    assert seen == [[GENERIC]] * 7
    assert shows_only_login(at)


def test_a_disabled_user_is_refused_at_login(app_db):
    with session_scope(app_db) as session:
        users.set_active(session, actor=SYSTEM, username="officer", active=False)
    at = login(AppTest.from_file(DASHBOARD, default_timeout=60).run(), "officer", PASSWORD)
    assert [e.value for e in at.error] == [GENERIC]
    assert shows_only_login(at)


def test_a_disabled_user_is_signed_out_on_the_next_run(app_db):
    at = signed_in("officer", "editor")
    assert at.title[0].value == "Tổng quan"
    with session_scope(app_db) as session:
        users.set_active(session, actor=SYSTEM, username="officer", active=False)
    at.run()
    assert shows_only_login(at)
    assert [w.value for w in at.warning] == [
        "Tài khoản không còn hoạt động. Hãy liên hệ quản trị viên."
    ]
    assert not at.session_state["authentication_status"]


def test_logout_shows_the_login_and_stays_signed_out(app_db):
    at = signed_in("officer", "editor")
    at.sidebar.button(key="logout_button").click().run()
    assert shows_only_login(at)
    at.run()
    assert shows_only_login(at)
    assert not at.session_state["username"]


@pytest.mark.parametrize(
    ("started_ago", "seen_ago", "expired"),
    [
        (60, 60, False),
        (3600 * auth.SESSION_HOURS - 60, 60, False),
        (120 * 60, auth.IDLE_MINUTES * 60 + 1, True),
        (3600 * auth.SESSION_HOURS + 1, 60, True),
    ],
    ids=["fresh", "busy all day", "idle too long", "past the absolute limit"],
)
def test_sessions_expire_when_idle_or_too_old(app_db, started_ago, seen_ago, expired):
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = "officer"
    at.session_state["name"] = "officer"
    at.session_state["roles"] = ["editor"]
    at.session_state["_auth_started"] = time.time() - started_ago
    at.session_state["_auth_seen"] = time.time() - seen_ago
    at.run()
    if expired:
        assert shows_only_login(at)
        assert [w.value for w in at.warning] == ["Phiên làm việc đã hết hạn. Hãy đăng nhập lại."]
    else:
        assert at.title[0].value == "Tổng quan"


@pytest.mark.parametrize("script", [DASHBOARD, *PAGES], ids=lambda p: Path(p).name)
def test_a_reset_password_blocks_every_page_until_changed(app_db, script):
    with session_scope(app_db) as session:
        users.reset_password(session, actor=SYSTEM, username="officer")
    at = signed_in("officer", "editor", script=script)
    assert not at.exception
    assert [t.value for t in at.title] == ["Chọn mật khẩu mới"]
    assert [w.label for w in at.text_input] == [
        "Mật khẩu hiện tại",
        "Mật khẩu mới",
        "Nhập lại mật khẩu mới",
    ]
    assert not at.dataframe


def test_the_forced_change_lets_the_user_in_once_done(app_db):
    with session_scope(app_db) as session:
        temporary = users.reset_password(session, actor=SYSTEM, username="officer")
    at = signed_in("officer", "editor")
    for widget, text in zip(
        at.text_input, [temporary, "của-riêng-tôi-1", "của-riêng-tôi-1"], strict=True
    ):
        widget.input(text)
    at.button[0].click().run()
    assert at.title[0].value == "Tổng quan"
    with session_scope(app_db) as session:
        assert not users.get(session, "officer").must_change_password
        assert security.authenticate(session, "officer", "của-riêng-tôi-1") is not None


def test_a_login_with_a_reset_password_goes_to_the_forced_change(app_db):
    with session_scope(app_db) as session:
        temporary = users.reset_password(session, actor=SYSTEM, username="officer")
    at = login(AppTest.from_file(DASHBOARD, default_timeout=60).run(), "officer", temporary)
    assert [t.value for t in at.title] == ["Chọn mật khẩu mới"]


def test_the_account_page_changes_ones_own_password(app_db):
    new = "mới-mới-mới-1"
    at = signed_in("committee", "viewer")
    at.switch_page("app_pages/account.py").run()
    assert at.title[0].value == "Tài khoản"
    for widget, text in zip(at.text_input, [PASSWORD, new, "khác-khác-khác"], strict=True):
        widget.input(text)
    at.button(key="FormSubmitter:change_password-Đổi mật khẩu").click().run()
    assert [e.value for e in at.error] == ["Hai lần nhập mật khẩu mới không giống nhau"]
    for widget, text in zip(at.text_input, [PASSWORD, new, new], strict=True):
        widget.input(text)
    at.button(key="FormSubmitter:change_password-Đổi mật khẩu").click().run()
    assert [s.value for s in at.success] == ["Đã đổi mật khẩu"]


# -- the cookie key in production --


@pytest.mark.parametrize(
    ("key", "weak"),
    [
        ("", True),
        ("short-key-123", True),
        ("<replace with 48+ random characters: python -c ...>", True),
        ("change-me-change-me-change-me-change-me", True),
        ("Jx3kQ9vT2mWb7LpZ4nRc8YdF6sHg1aVe5uKo0iPq", False),
    ],
    ids=["missing", "short", "placeholder", "change-me", "strong"],
)
def test_production_refuses_a_weak_cookie_key(key, weak):
    environ = {"CDS_ENV": "production", "CDS_COOKIE_KEY": key}
    if weak:
        with pytest.raises(ConfigError):
            cookie_key(environ, {})
        # Outside production a weak key is replaced by a random one, never used as given.
        assert cookie_key({"CDS_COOKIE_KEY": key}, {}) not in ("", key)
    else:
        assert cookie_key(environ, {}) == key


def test_the_environment_key_wins_over_secrets_toml():
    strong = "Jx3kQ9vT2mWb7LpZ4nRc8YdF6sHg1aVe5uKo0iPq"
    assert cookie_key({"CDS_COOKIE_KEY": strong}, {"cookie_key": strong[::-1]}) == strong
    assert cookie_key({}, {"cookie_key": strong}) == strong


@pytest.mark.parametrize("key", ["", "short-key-123", "replace-me-replace-me-replace-me-123"])
def test_in_production_a_weak_key_stops_the_app_before_the_login(app_db, monkeypatch, key):
    monkeypatch.setenv("CDS_ENV", "production")
    monkeypatch.setenv("CDS_COOKIE_KEY", key)
    for script in [DASHBOARD, *PAGES]:
        at = AppTest.from_file(script, default_timeout=60).run()
        assert not at.exception
        assert [e.value for e in at.error] == [
            "Chưa cấu hình khóa cookie đủ mạnh (cookie_key, ít nhất 32 ký tự) cho môi trường "
            "production; ứng dụng không khởi động."
        ]
        assert not at.text_input


def test_in_production_a_strong_key_shows_the_login(app_db, monkeypatch):
    monkeypatch.setenv("CDS_ENV", "production")
    monkeypatch.setenv("CDS_COOKIE_KEY", "Jx3kQ9vT2mWb7LpZ4nRc8YdF6sHg1aVe5uKo0iPq")
    at = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    assert shows_only_login(at)


# -- user text is text, never markup --

PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")
PAYLOAD = " ".join(PAYLOADS)


@pytest.fixture
def hostile(app_db):
    """An admin whose name, an org unit's name, a comment and a narrative carry markup."""
    with session_scope(app_db) as session:
        users.create(session, actor=SYSTEM, username="boss", role="admin", password=PASSWORD,
                     display_name=PAYLOAD)  # fmt: skip
        hamlet = OrgUnitRecord(1, "PHU_TAN_AP1", PAYLOAD, "ap", "PHU_TAN", None, None)
        orgunits.upsert(session, actor=SYSTEM, records=[hamlet])
        values.save(session, actor=SYSTEM, org_code="PHU_TAN", period="2024Q1",
                    entries={"ht_staff_total": "22", "nar_difficulties": PAYLOAD},
                    comments={"ht_staff_total": PAYLOAD})  # fmt: skip
    return app_db


def markup_elements(at: AppTest) -> list:
    """Elements whose text the browser would read as HTML."""
    raw = [m for m in at.get("markdown") if m.allow_html]
    return raw + list(at.get("html"))


def signed_in_as_boss(script: str) -> AppTest:
    at = AppTest.from_file(script, default_timeout=60)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = "boss"
    at.session_state["name"] = PAYLOAD
    at.session_state["roles"] = ["admin"]
    return at.run()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: Path(p).name)
def test_no_page_renders_user_text_as_markup(hostile, page):
    at = signed_in_as_boss(DASHBOARD)
    at.switch_page(str(Path(page).relative_to(ROOT))).run()
    assert not at.exception
    for element in markup_elements(at):
        # Escaped, the payload is text (a phone's table cards carry names that way); only the
        # raw markup would run. The app's own script and style sheets carry no user text.
        for payload in PAYLOADS:
            assert payload not in str(element.value)


def test_a_name_a_comment_and_a_narrative_show_as_literal_text(hostile):
    at = signed_in_as_boss(DASHBOARD)
    assert f"Đăng nhập: {PAYLOAD}" in [c.value for c in at.sidebar.caption]
    at.switch_page("app_pages/data_entry.py").run()
    assert not at.exception
    shown = [w.value for w in at.text_input] + [w.value for w in at.text_area]
    assert shown.count(PAYLOAD) >= 2  # the comment and the narrative, verbatim
    assert not [e for e in markup_elements(at) if "alert(1)" in str(e.value)]


def test_the_app_hashes_at_full_bcrypt_cost_though_the_tests_do_not():
    # A fresh interpreter sees db.security as the app does, without the tests' cheap cost.
    code = "from db.security import hash_password; print(hash_password('x')[:7])"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True)  # fmt: skip
    assert result.stdout.strip() == "$2b$12$"
    assert security.hash_password("x").startswith("$2b$04$")  # tests/conftest.py's cheap cost
