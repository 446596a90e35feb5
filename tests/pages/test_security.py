"""Sign-in hardening: lockout kept in the database, one message for every refusal, sessions that
end (logout, idle, absolute, disabled), a forced password change, the production cookie key,
and user text that never becomes markup."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlmodel import Session, create_engine, select
from streamlit.testing.v1 import AppTest

from apptest import DASHBOARD, PASSWORD, ROOT, sign_in, signed_in
from cds_core.errors import CdsError
from cds_core.interchange import OrgUnitRecord
from db import orgunits, security, sessions, users, values
from db.database import session_scope
from db.demo import ORG_UNITS
from db.models import AuditEvent, AuthSession, LoginThrottle, utcnow
from db.permissions import SYSTEM
from db.security import LOCAL, Client
from ui import client
from ui.auth import COOKIE_WRITES
from ui.config import ConfigError, cookie_key
from ui.i18n import plain

T0 = datetime(2024, 5, 2, 8, 0, tzinfo=UTC)
GOOD = "mật-khẩu-đủ-dài"
PAGES = sorted(str(p) for p in (ROOT / "app_pages").glob("*.py") if not p.name.startswith("_"))
GENERIC = "Tên đăng nhập hoặc mật khẩu không đúng"
EXPIRED = "Phiên làm việc đã hết hạn. Hãy đăng nhập lại."
LOGIN_LABELS = ["Tên đăng nhập", "Mật khẩu"]
A, B = Client("10.0.0.1"), Client("10.0.0.2")
OWN = Client("192.168.1.5", "d" * 43)  # the owner's browser, with its device cookie


@pytest.fixture
def db(session):
    users.create(session, actor=SYSTEM, username="quantri", role="admin", password=GOOD)
    session.commit()
    return session


def fail(session, times: int, now: datetime, client: Client = A, username: str = "quantri"):
    for _ in range(times):
        assert security.authenticate(session, username, "sai-mat-khau-1", client, now=now) is None
        session.commit()


def signs_in(session, client: Client, now: datetime, username: str = "quantri") -> bool:
    user = security.authenticate(session, username, GOOD, client, now=now)
    session.commit()
    return user is not None


# -- throttling, at the db layer (time frozen by passing `now`) --


def test_the_right_password_signs_in(db):
    assert security.authenticate(db, "quantri", GOOD, A, now=T0).username == "quantri"


def test_four_failures_then_success_start_the_count_again(db):
    fail(db, 4, T0)
    assert signs_in(db, A, T0)
    fail(db, 4, T0)
    assert signs_in(db, A, T0)


def test_five_failures_hold_that_client_back_even_against_the_right_password(db):
    fail(db, 5, T0)
    assert not signs_in(db, A, T0 + timedelta(seconds=59))
    assert signs_in(db, A, T0 + timedelta(seconds=61))


def test_each_failure_after_a_hold_holds_the_client_twice_as_long(db):
    fail(db, 5, T0)  # held 1 minute
    now = T0
    for minutes in (2, 4, 8):
        now += timedelta(minutes=minutes // 2, seconds=1)  # the previous hold is over
        fail(db, 1, now)
        assert not signs_in(db, A, now + timedelta(minutes=minutes, seconds=-1))
    assert signs_in(db, A, now + timedelta(minutes=8, seconds=1))
    fail(db, 4, now + timedelta(minutes=9))  # a success starts the count afresh
    assert signs_in(db, A, now + timedelta(minutes=9))


def test_guessing_during_a_hold_neither_counts_nor_extends_it(db):
    fail(db, 5, T0)
    fail(db, 50, T0 + timedelta(seconds=30))
    assert signs_in(db, A, T0 + timedelta(seconds=61))


def test_a_flood_from_one_client_never_locks_the_owner_out_of_another(db):
    """The attack: 500 wrong passwords for the admin from one address."""
    fail(db, 500, T0)
    assert not signs_in(db, A, T0)
    assert signs_in(db, B, T0)  # the owner, from a client that has not failed
    fail(db, 500, T0 + timedelta(minutes=10))
    assert signs_in(db, B, T0 + timedelta(minutes=10))


def test_a_distributed_guesser_is_capped_except_in_the_owners_own_browser(db):
    assert signs_in(db, OWN, T0)  # the owner signed in from this browser once
    security.trust(db, "quantri", OWN.device)
    db.commit()
    guessers = [Client(f"10.0.{i // 250}.{i % 250}") for i in range(security.GLOBAL_MAX)]
    for guesser in guessers:
        fail(db, 1, T0, guesser)
    assert not signs_in(db, Client("10.9.9.9"), T0)  # a new address waits out the hour
    assert signs_in(db, OWN, T0)  # the owner's browser does not
    # Refused attempts are not counted: the guesser cannot keep the cap on past its hour.
    fail(db, 100, T0 + timedelta(minutes=59), Client("10.9.9.8"))
    assert signs_in(db, Client("10.9.9.9"), T0 + timedelta(hours=1, seconds=1))


def test_a_device_cookie_the_user_never_signed_in_with_is_just_its_address(db):
    stranger = Client("10.0.0.1", "x" * 43)
    fail(db, 5, T0, stranger)
    assert not signs_in(db, Client("10.0.0.1", "y" * 43), T0)  # another made-up cookie
    assert signs_in(db, B, T0)


def test_holds_survive_a_restart(engine, db):
    fail(db, 5, T0)
    # A new engine on the same database: what a restarted server would open.
    fresh = create_engine(engine.url.render_as_string(hide_password=False))
    try:
        with Session(fresh) as session:
            assert not signs_in(session, A, T0 + timedelta(seconds=30))
            assert security.held_usernames(session, T0) == {"quantri"}
    finally:
        fresh.dispose()


def test_holds_are_audited_and_listed_for_admins(db):
    fail(db, 5, T0)
    fail(db, 5, T0, username="khong_co_ai")  # unknown names are held alike
    events = db.exec(select(AuditEvent).where(AuditEvent.action == "login_held")).all()
    assert sorted((e.username, e.old_value) for e in events) == [
        ("khong_co_ai", "ip:10.0.0.1"),
        ("quantri", "ip:10.0.0.1"),
    ]
    held = {(h.username, h.client) for h in security.holds(db, T0 + timedelta(seconds=30))}
    assert held == {("khong_co_ai", "ip:10.0.0.1"), ("quantri", "ip:10.0.0.1")}
    _, past = users.sign_in_holds(db, actor=users.actor_for(db, "quantri"))
    assert [(e.username, e.client) for e in past] == [
        ("khong_co_ai", "ip:10.0.0.1"),
        ("quantri", "ip:10.0.0.1"),
    ]


@pytest.mark.parametrize(
    ("username", "password", "disabled", "held"),
    [
        ("khong_co", GOOD, False, False),
        ("quantri", "sai-mat-khau-1", False, False),
        ("quantri", GOOD, True, False),
        ("quantri", GOOD, False, True),
        ("x" * 65, GOOD, False, False),
    ],
    ids=["unknown user", "wrong password", "disabled", "held back", "too long a name"],
)
def test_every_refusal_is_the_same_none(db, username, password, disabled, held):
    user = users.get(db, "quantri")
    user.active = not disabled
    db.add(user)
    db.commit()
    if held:
        fail(db, 5, T0)
    assert security.authenticate(db, username, password, A, now=T0) is None


def test_a_known_and_an_unknown_name_write_before_anything_tells_them_apart(engine, db):
    """A busy database must answer alike: every attempt's first statement is a write, made
    before the user's row is read (a wrong password during a lock revealed the name)."""
    statements: list[str] = []

    def seen(conn, cursor, statement, *args):
        statements.append(
            statement.split()[0].upper() + (" USER" if "app_user" in statement else "")
        )

    event.listen(engine, "before_cursor_execute", seen)
    try:
        for name in ("quantri", "khong_co_ai"):
            statements.clear()
            security.authenticate(db, name, "sai-mat-khau-1", A, now=T0)
            db.commit()
            first_write = next(
                i for i, s in enumerate(statements) if s in ("INSERT", "UPDATE", "DELETE")
            )
            reads_user = [i for i, s in enumerate(statements) if s == "SELECT USER"]
            assert first_write < min(reads_user, default=len(statements))
    finally:
        event.remove(engine, "before_cursor_execute", seen)


# -- changing one's own password --


def test_changing_ones_password_needs_the_current_one_and_ends_a_forced_change(db):
    admin = users.actor_for(db, "quantri")
    users.get(db, "quantri").must_change_password = True
    for _ in range(security.MAX_FAILED):  # a session left open cannot be used to guess it
        with pytest.raises(CdsError) as info:
            users.change_own_password(db, actor=admin, old="khong-dung-1", new="mat-khau-moi-1",
                                      client=A)  # fmt: skip
        assert info.value.key == "err_password_wrong"
    with pytest.raises(CdsError):  # held back now, the right one included
        users.change_own_password(db, actor=admin, old=GOOD, new="mat-khau-moi-1", client=A)
    users.change_own_password(db, actor=admin, old=GOOD, new="mat-khau-moi-1", client=B)
    db.commit()
    user = users.get(db, "quantri")
    assert not user.must_change_password
    assert security.authenticate(db, "quantri", "mat-khau-moi-1", B, now=T0) is not None
    assert security.authenticate(db, "quantri", GOOD, B, now=T0) is None
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
        users.change_own_password(db, actor=admin, old=GOOD, new=new, client=LOCAL)
    assert info.value.key == key


# -- server-side sessions --


def test_a_session_lives_until_closed_idle_or_too_old(db):
    token = sessions.open_session(db, "quantri", now=T0)
    assert sessions.check(db, token, now=T0 + timedelta(minutes=59)) == "quantri"
    later = T0 + timedelta(minutes=59 + sessions.IDLE_MINUTES - 1)
    assert sessions.check(db, token, now=later) == "quantri"  # each use moves the idle limit
    assert sessions.check(db, token, now=later + timedelta(minutes=61)) is None
    busy = sessions.open_session(db, "quantri", now=T0)
    for hour in range(1, sessions.SESSION_HOURS + 1):
        seen = sessions.check(db, busy, now=T0 + timedelta(hours=hour, seconds=-1))
        assert seen == ("quantri" if hour < sessions.SESSION_HOURS else "quantri")
    assert (
        sessions.check(db, busy, now=T0 + timedelta(hours=sessions.SESSION_HOURS, seconds=1))
        is None
    )


@pytest.mark.parametrize(
    "end",
    ["logout", "password change", "password reset", "disabled"],
)
def test_ending_a_session_ends_every_copy_of_its_token(db, end):
    users.create(db, actor=SYSTEM, username="canbo", role="admin", password=GOOD)
    mine = sessions.open_session(db, "canbo")
    other = sessions.open_session(db, "canbo")  # the same user in another browser
    bystander = sessions.open_session(db, "quantri")
    if end == "logout":
        sessions.close(db, mine)
    elif end == "password change":
        actor = users.actor_for(db, "canbo")
        users.change_own_password(db, actor=actor, old=GOOD, new="mat-khau-moi-1", client=A)
    elif end == "password reset":
        users.reset_password(db, actor=SYSTEM, username="canbo")
    else:
        users.set_active(db, actor=SYSTEM, username="canbo", active=False)
    db.commit()
    assert sessions.check(db, mine) is None
    assert sessions.check(db, other) == (None if end != "logout" else "canbo")
    assert sessions.check(db, bystander) == "quantri"


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


def holds(engine) -> list[tuple[str, str, int]]:
    with session_scope(engine) as session:
        rows = session.exec(select(LoginThrottle).order_by(LoginThrottle.id))
        return [(r.username, r.client, r.failures) for r in rows]


def test_the_login_form_signs_in_and_counts_failures_in_the_database(app_db):
    at = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    login(at, "officer", "not-the-password")
    assert ("officer", "ip:local", 1) in holds(app_db)
    login(at, "officer", PASSWORD)
    assert at.title[0].value == "Tổng quan"
    assert ("officer", "ip:local", 0) in holds(app_db)
    assert at.session_state["_sid"]
    with session_scope(app_db) as session:
        assert sessions.check(session, at.session_state["_sid"]) == "officer"


def test_unknown_user_wrong_password_and_held_back_get_one_message(app_db):
    at = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    seen = []
    login(at, "nobody_here", PASSWORD)
    seen.append([e.value for e in at.error])
    for _ in range(5):
        login(at, "officer", "not-the-password")
        seen.append([e.value for e in at.error])
    login(at, "officer", PASSWORD)  # held back now: even the right password is refused
    seen.append([e.value for e in at.error])
    assert seen == [[GENERIC]] * 7
    assert shows_only_login(at)


def test_a_busy_database_answers_a_known_and_an_unknown_name_alike(app_db, tmp_path):
    """A write lock held elsewhere (an import, a backup): the wrong password for a real name
    once showed a traceback with the SQL, an unknown name the usual message."""
    app_db.dispose()
    event.listen(app_db, "connect", lambda conn, _: conn.execute("PRAGMA busy_timeout=50"))
    at = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    blocker = sqlite3.connect(app_db.url.database)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        answers = [[e.value for e in login(at, name, "not-the-password").error]
                   for name in ("officer", "nobody_here")]  # fmt: skip
    finally:
        blocker.rollback()
        blocker.close()
    assert not at.exception
    assert (
        answers[0]
        == answers[1]
        == ["Hệ thống đang bận, chưa kiểm tra được đăng nhập. Hãy thử lại sau ít giây."]
    )


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


def test_logout_ends_the_session_everywhere_it_was_copied(app_db):
    at = signed_in("officer", "editor")
    elsewhere = sign_in(AppTest.from_file(DASHBOARD, default_timeout=60), "officer", "editor")
    elsewhere.session_state["_sid"] = at.session_state["_sid"]  # signed in by a copied cookie
    assert elsewhere.run().title[0].value == "Tổng quan"
    at.sidebar.button(key="logout_button").click().run()
    assert shows_only_login(at)
    at.run()
    assert shows_only_login(at)
    assert not at.session_state["username"]
    elsewhere.run()  # its next click
    assert shows_only_login(elsewhere)
    assert [w.value for w in elsewhere.warning] == [EXPIRED]


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(app_db):
    at = signed_in("committee", "viewer")
    elsewhere = signed_in("committee", "viewer")
    at.switch_page("app_pages/account.py").run()
    for widget, text in zip(at.text_input, [PASSWORD, "mới-mới-mới-1", "mới-mới-mới-1"],
                            strict=True):  # fmt: skip
        widget.input(text)
    at.button(key="FormSubmitter:change_password-Đổi mật khẩu").click().run()
    assert [t.value for t in at.toast] == ["Đã đổi mật khẩu"]
    assert at.title[0].value == "Tài khoản"
    elsewhere.run()
    assert shows_only_login(elsewhere)


@pytest.mark.parametrize(
    ("opened_ago", "seen_ago", "expired"),
    [
        (timedelta(minutes=1), timedelta(minutes=1), False),
        (timedelta(hours=sessions.SESSION_HOURS, minutes=-1), timedelta(minutes=1), False),
        (timedelta(hours=2), timedelta(minutes=sessions.IDLE_MINUTES + 1), True),
        (timedelta(hours=sessions.SESSION_HOURS, minutes=1), timedelta(minutes=1), True),
    ],
    ids=["fresh", "busy all day", "idle too long", "past the absolute limit"],
)
def test_sessions_expire_when_idle_or_too_old(app_db, opened_ago, seen_ago, expired):
    at = sign_in(AppTest.from_file(DASHBOARD, default_timeout=60), "officer", "editor")
    now = utcnow()
    with session_scope(app_db) as session:
        row = session.exec(select(AuthSession)).one()
        row.created_at, row.last_seen = now - opened_ago, now - seen_ago
        session.add(row)
    at.run()
    if expired:
        assert shows_only_login(at)
        assert [w.value for w in at.warning] == [EXPIRED]
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
        assert security.authenticate(session, "officer", "của-riêng-tôi-1", LOCAL) is not None


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
    assert [t.value for t in at.toast] == ["Đã đổi mật khẩu"]
    with session_scope(app_db) as session:
        assert security.authenticate(session, "committee", new, LOCAL) is not None


# -- the client and the cookie --


@pytest.mark.parametrize(
    ("headers", "remote", "proxies", "expected"),
    [
        ({}, None, 0, "local"),
        ({}, "203.0.113.7", 0, "203.0.113.7"),
        ({"X-Forwarded-For": "198.51.100.1"}, "203.0.113.7", 0, "203.0.113.7"),  # not trusted
        ({"X-Forwarded-For": "198.51.100.1"}, None, 1, "198.51.100.1"),
        ({"X-Forwarded-For": "6.6.6.6, 198.51.100.1"}, None, 1, "198.51.100.1"),  # spoofed first
        ({"X-Forwarded-For": "198.51.100.1, 10.0.0.2"}, None, 2, "198.51.100.1"),
        ({"X-Forwarded-For": "not an address"}, None, 1, "local"),
    ],
)
def test_the_client_address_trusts_forwarded_headers_only_from_configured_proxies(
    headers, remote, proxies, expected
):
    assert client.address(headers, remote, proxies) == expected


@pytest.mark.parametrize(
    ("url", "headers", "proxies", "secure"),
    [
        ("https://cds.example.vn/", {}, 0, True),
        ("http://127.0.0.1:8501/", {}, 0, False),
        ("http://cds.example.vn/", {"X-Forwarded-Proto": "https"}, 1, True),
        ("http://cds.example.vn/", {"X-Forwarded-Proto": "https"}, 0, False),
    ],
)
def test_cookies_are_secure_when_the_page_came_over_https(url, headers, proxies, secure):
    assert client.https(url, headers, proxies) is secure


def test_the_cookie_written_after_signing_in_over_https_is_secure(app_db):
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.context["url"] = "https://cds.example.vn/"
    login(at.run(), "officer", PASSWORD)
    writes = [c for c in at.get("component_instance") if '"method": "set"' in c.proto.json_args]
    assert {json.loads(c.proto.json_args)["cookie"] for c in writes} == {"cds_auth", "cds_device"}
    assert all(json.loads(c.proto.json_args)["options"]["secure"] for c in writes)


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

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[bấm vào đây](http://evil.example/a)",
    "![](http://evil.example/pixel.png)",
)
PAYLOAD = " ".join(PAYLOADS)
# Elements whose text Streamlit renders as Markdown (or, with allow_html, as HTML).
MARKDOWN_TYPES = ("markdown", "caption", "title", "header", "subheader", "error", "warning",
                  "info", "success", "toast")  # fmt: skip


@pytest.fixture
def hostile(app_db):
    """An admin whose name, every org unit's name, a comment and a narrative carry markup."""
    with session_scope(app_db) as session:
        users.create(session, actor=SYSTEM, username="boss", role="admin", password=PASSWORD,
                     display_name=PAYLOAD)  # fmt: skip
        # Every unit's name, in each period of its life: pages name a unit, its parent and its
        # children in headings.
        renamed = [
            OrgUnitRecord(line, code, f"{PAYLOAD} {code}", *rest)
            for line, (code, _, *rest) in enumerate(ORG_UNITS, start=1)
        ]
        orgunits.upsert(session, actor=SYSTEM, records=renamed)
        values.save(session, actor=SYSTEM, org_code="PHU_TAN", period="2024Q1",
                    entries={"ht_staff_total": "22", "nar_difficulties": PAYLOAD},
                    comments={"ht_staff_total": PAYLOAD})  # fmt: skip
    return app_db


def markup_elements(at: AppTest) -> list[tuple[object, tuple[str, ...]]]:
    """Elements whose text the browser would read as HTML, each with the payloads that would
    run there: Markdown with HTML allowed renders all four; ``st.html`` (a phone's table
    cards) renders HTML only, and shows Markdown as the characters typed."""
    raw = [(m, PAYLOADS) for m in at.get("markdown") if m.allow_html]
    return raw + [(h, PAYLOADS[:2]) for h in at.get("html")]


def rendered_texts(at: AppTest) -> list[str]:
    """The Markdown source of every element Streamlit renders as Markdown, and link labels."""
    texts = [str(e.value) for kind in MARKDOWN_TYPES for e in at.get(kind)]
    return texts + [e.proto.label for e in at.get("page_link")]


# A tag, a link or an image that Markdown would act on: not escaped by a backslash.
LIVE = re.compile(r"(?<!\\)<(script|img)|(?<!\\)\]\(http|(?<!\\)!\[")


def renders_user_markup(at: AppTest) -> list[str]:
    """Texts in which a payload's link, image or tag would be rendered, not shown."""
    return [t for t in rendered_texts(at) if LIVE.search(t)]


def signed_in_as_boss(script: str) -> AppTest:
    at = sign_in(AppTest.from_file(script, default_timeout=60), "boss", "admin", name=PAYLOAD)
    return at.run()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: Path(p).name)
def test_no_page_renders_user_text_as_markup(hostile, page):
    at = signed_in_as_boss(DASHBOARD)
    at.switch_page(str(Path(page).relative_to(ROOT))).run()
    assert not at.exception
    for element, live in markup_elements(at):
        # Escaped, the payload is text (a phone's table cards carry names that way); only the
        # raw markup would run. The app's own script and style sheets carry no user text.
        for payload in live:
            assert payload not in str(element.value)
    assert renders_user_markup(at) == []


def test_a_name_a_comment_and_a_narrative_show_as_literal_text(hostile):
    at = signed_in_as_boss(DASHBOARD)
    assert f"Đăng nhập: {plain(PAYLOAD)}" in [c.value for c in at.sidebar.caption]
    at.switch_page("app_pages/data_entry.py").run()
    assert not at.exception
    shown = [w.value for w in at.text_input] + [w.value for w in at.text_area]
    assert shown.count(PAYLOAD) >= 2  # the comment and the narrative, verbatim
    assert not [e for e, _ in markup_elements(at) if "alert(1)" in str(e.value)]


def test_a_typed_value_is_echoed_in_its_error_as_typed_never_rendered(hostile):
    at = signed_in_as_boss(DASHBOARD)
    at.session_state["org"] = "PHU_TAN"
    at.switch_page("app_pages/data_entry.py").run()
    typed = "[22](http://evil.example/a)"
    at.text_input(key="v:PHU_TAN:2024Q1:ht_staff_total").input(typed).run()
    errors = [e.value for e in at.error]
    assert any(plain(typed) in e for e in errors)
    assert renders_user_markup(at) == []


def test_the_app_hashes_at_full_bcrypt_cost_though_the_tests_do_not():
    # A fresh interpreter sees db.security as the app does, without the tests' cheap cost.
    code = "from db.security import hash_password; print(hash_password('x')[:7])"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True)  # fmt: skip
    assert result.stdout.strip() == "$2b$12$"
    assert security.hash_password("x").startswith("$2b$04$")  # tests/conftest.py's cheap cost


def test_a_new_sign_in_writes_its_cookies_in_the_next_runs_then_stops(app_db):
    """The first run after signing in may be cut short before the cookie component reaches the
    browser, so the write is repeated for a few runs (each drawing the component once: a
    second draw in one run would be a duplicate-key error), then no more."""
    at = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    login(at, "officer", PASSWORD)  # the sign-in run, then the rerun that writes once
    assert at.title[0].value == "Tổng quan" and not at.exception
    left = []
    for _ in range(COOKIE_WRITES):
        left.append(at.session_state.get("_set_cookie", 0))
        at.run()
        assert not at.exception
    assert left == list(range(COOKIE_WRITES - 1, -1, -1))
    assert "_set_cookie" not in at.session_state


def test_a_sign_out_deletes_the_cookie_in_the_next_runs_each_with_a_new_component(app_db):
    """Deleted once, the cookie outlived a sign-out when the next run followed before the
    delete component loaded; each of the next runs draws a new one, then none."""
    at = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    login(at, "officer", PASSWORD)
    at.button(key="logout_button").click().run()
    deletes = []
    for _ in range(COOKIE_WRITES + 1):
        assert not at.exception and at.text_input[1].label == "Mật khẩu"
        drawn = [json.loads(e.proto.json_args) for e in at.get("component_instance")]
        deletes.append([args["key"] for args in drawn if args["method"] == "delete"])
        at.run()
    assert deletes == [[f"delete_{n}"] for n in range(COOKIE_WRITES, 0, -1)] + [[]]
    # Signing in again at once stops the deletes left: they would race the new cookie's writes.
    login(at, "officer", PASSWORD)
    at.button(key="logout_button").click().run()
    login(at, "officer", PASSWORD)
    assert "_forget_cookie" not in at.session_state and "_set_cookie" in at.session_state
