"""Who may write what, checked in the write path itself; and how users are created."""

from __future__ import annotations

import bcrypt
import pytest
from sqlmodel import select

from cds_core.errors import CdsError
from db import orgunits, users, values
from db.errors import NotFound, PermissionDenied
from db.models import AuditEvent, DataValue, Submission
from db.permissions import SYSTEM

P = "2024Q1"
PASSWORD = "mật-khẩu-đủ-dài"

USERS = {
    "quantri": ("admin", None),
    "canbo": ("editor", "PHU_TAN"),
    "to_ap1": ("hamlet_editor", "PHU_TAN_AP1"),
    "xem": ("viewer", "PHU_TAN"),
}

# (username, org unit, element, allowed)
CASES = [
    ("quantri", "PHU_TAN", "ht_staff_total", True),
    ("quantri", "PHU_TAN_AP2", "xh_adults", True),
    ("quantri", "PHU_THANH", "ht_staff_total", True),
    ("quantri", "TAN_PHU_DONG", "ht_staff_total", True),
    ("canbo", "PHU_TAN", "ht_staff_total", True),
    ("canbo", "PHU_TAN_AP2", "xh_adults", True),
    ("canbo", "PHU_THANH", "ht_staff_total", False),
    ("canbo", "TAN_PHU_DONG", "ht_staff_total", False),
    ("to_ap1", "PHU_TAN_AP1", "xh_adults", True),
    ("to_ap1", "PHU_TAN_AP1", "xh_smartphone_adults", True),
    ("to_ap1", "PHU_TAN_AP2", "xh_adults", False),
    ("to_ap1", "PHU_TAN", "xh_adults", False),
    ("to_ap1", "PHU_TAN_AP1", "ht_staff_total", False),
    ("xem", "PHU_TAN", "ht_staff_total", False),
    ("xem", "PHU_TAN_AP1", "xh_adults", False),
    ("xem", "PHU_THANH", "ht_staff_total", False),
]


@pytest.fixture
def db(demo_session):
    """The demo (Phú Thạnh is a second commune under the district) and a user of each role."""
    for username, (role, org) in USERS.items():
        users.create(
            demo_session,
            actor=SYSTEM,
            username=username,
            role=role,
            password=PASSWORD,
            org_code=org,
        )
    demo_session.commit()
    return demo_session


def _state(session, org: str):
    unit = orgunits.get(session, org)
    return (
        values.unit_values(session, unit, P),
        session.exec(select(Submission).where(Submission.org_unit_id == unit.id)).all(),
        len(session.exec(select(AuditEvent)).all()),
    )


@pytest.mark.parametrize(("username", "org", "element", "allowed"), CASES)
def test_role_and_scope(db, username, org, element, allowed):
    actor = users.actor_for(db, username)
    assert actor is not None
    before = _state(db, org)
    if allowed:
        result = values.save(db, actor=actor, org_code=org, period=P, entries={element: "7"})
        db.commit()
        assert result.new + result.changed == [element]
        assert values.unit_values(db, orgunits.get(db, org), P)[element].value == 7
        return
    with pytest.raises(PermissionDenied):
        values.save(db, actor=actor, org_code=org, period=P, entries={element: "7"})
    db.rollback()
    assert _state(db, org) == before


def test_a_refused_import_writes_nothing(db):
    actor = users.actor_for(db, "canbo")
    rows = len(db.exec(select(DataValue)).all())
    with pytest.raises(PermissionDenied):
        values.save(
            db, actor=actor, org_code="PHU_THANH", period=P, entries={"ht_staff_total": "5"}
        )
    db.rollback()
    assert len(db.exec(select(DataValue)).all()) == rows


def test_only_an_admin_creates_users(db):
    editor = users.actor_for(db, "canbo")
    with pytest.raises(PermissionDenied):
        users.create(db, actor=editor, username="moi", role="viewer", password=PASSWORD,
                     org_code="PHU_TAN")  # fmt: skip


def test_actor_carries_its_scope_and_every_unit_it_reaches(db):
    admin = users.actor_for(db, "quantri")
    assert (admin.scope, admin.reach) == (None, frozenset())
    editor = users.actor_for(db, "canbo")
    # Phú Tân and the hamlets it had until they moved to the new commune in July 2025.
    assert editor.scope == "PHU_TAN"
    assert editor.reach == {"PHU_TAN", *(f"PHU_TAN_AP{i}" for i in range(1, 5))}
    assert users.actor_for(db, "nobody") is None
    assert users.scope_code(db, "to_ap1") == "PHU_TAN_AP1"


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [
        ({"password": "ngan123"}, "err_password_short"),
        ({"password": "123456789"}, "err_password_short"),
        ({"role": "superuser"}, "err_role"),
        ({"org_code": None}, "err_scope_required"),
        ({"role": "viewer", "org_code": None}, "err_scope_required"),
        ({"role": "hamlet_editor", "org_code": "PHU_TAN"}, "err_scope_hamlet"),
        ({"username": "canbo"}, "err_user_exists"),
        ({"username": "có dấu cách"}, "err_username"),
        ({"org_code": "KHONG_CO"}, "err_org_not_found"),
    ],
)
def test_create_user_validation(db, kwargs, key):
    args = {
        "username": "nguoimoi",
        "role": "editor",
        "password": PASSWORD,
        "org_code": "PHU_TAN",
        **kwargs,
    }
    count = users.count(db)
    with pytest.raises(CdsError) as info:
        users.create(db, actor=SYSTEM, **args)
    db.rollback()
    assert info.value.key == key
    assert users.count(db) == count


def test_a_password_of_ten_characters_is_enough(db):
    user = users.create(
        db, actor=SYSTEM, username="du10", role="viewer", password="0123456789", org_code="PHU_TAN"
    )
    assert user.active and user.role == "viewer"


def test_passwords_are_stored_as_bcrypt_hashes_only(db):
    for username in USERS:
        stored = users.get(db, username).password_hash
        assert stored.startswith("$2") and PASSWORD not in stored
        assert bcrypt.checkpw(PASSWORD.encode(), stored.encode())


def test_a_disabled_user_cannot_act(db):
    user = users.get(db, "canbo")
    user.active = False
    db.add(user)
    db.commit()
    assert users.actor_for(db, "canbo") is None
    with pytest.raises(NotFound):
        users.get(db, "khong_ai")
