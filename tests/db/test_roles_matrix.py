"""Role × action: every write function of db/, for one user of each role and scope.

Allowed means the write happens and is audited under the acting user's name; refused means
PermissionDenied (for a CSV import: a line error whose reason is PermissionDenied) and nothing
written. The demo tree: district TAN_PHU_DONG > commune PHU_TAN > hamlets PHU_TAN_AP1, AP2;
PHU_THANH is a second commune of the district.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hamlet_forms import ACTIVITY, MEMBER
from sqlmodel import func, select

from cds_core.interchange import CsvError, OrgUnitRecord, ValueRecord
from cds_core.periods import Period
from cds_core.report_model import Meta
from db import hamlets, orgunits, reports, targets, tasks, transfer, users, values, workflow
from db.errors import NotFound, PermissionDenied
from db.models import AuditEvent, MeetingTask, TargetRow
from db.permissions import SYSTEM
from db.security import LOCAL

P = "2024Q1"
PASSWORD = "mật-khẩu-đủ-dài"
AP1 = "PHU_TAN_AP1"

# username → (role, scope)
PEOPLE = {
    "quantri": ("admin", None),
    "huyen": ("editor", "TAN_PHU_DONG"),
    "canbo": ("editor", "PHU_TAN"),
    "canbo_khac": ("editor", "PHU_THANH"),
    "to_ap1": ("hamlet_editor", AP1),
    "xem": ("viewer", "PHU_TAN"),
}


def _task(session) -> int:
    return tasks.add_task(session, actor=SYSTEM, org_code="PHU_TAN", period=P, what="Tập huấn",
                          due=date(2024, 6, 30), person="Văn phòng")  # fmt: skip


def _first_task(session) -> int:
    return session.exec(select(MeetingTask.id)).first()


def _first_activity(session) -> int:
    return hamlets.activities(session, actor=SYSTEM, hamlet_code=AP1)[0].id


# action → (what to prepare as SYSTEM, the write itself)
Write = Callable[..., object]
ACTIONS: dict[str, tuple[Write | None, Write]] = {
    "values.save commune": (
        None,
        lambda s, a: values.save(s, actor=a, org_code="PHU_TAN", period=P,
                                 entries={"ht_staff_total": "7"}),
    ),
    "values.save hamlet": (
        None,
        lambda s, a: values.save(s, actor=a, org_code=AP1, period=P, entries={"xh_adults": "7"}),
    ),
    "values.import_records": (
        None,
        lambda s, a: transfer.import_records(
            s, actor=a, records=[ValueRecord(2, "PHU_TAN", P, "ht_staff_total", 7.0, "")]
        ),
    ),
    "orgunits.upsert": (
        None,
        lambda s, a: orgunits.upsert(
            s, actor=a, records=[OrgUnitRecord(2, "PHU_TAN_AP9", "Ấp 9", "ap", "PHU_TAN",
                                               None, date(2025, 6, 30))]
        ),
    ),
    "users.create": (
        None,
        lambda s, a: users.create(s, actor=a, username="moi", role="viewer", password=PASSWORD,
                                  org_code="PHU_TAN"),
    ),
    "users.invite": (
        None,
        lambda s, a: users.invite(s, actor=a, username="moi", role="viewer", org_code="PHU_TAN"),
    ),
    "users.set_active": (
        None,
        lambda s, a: users.set_active(s, actor=a, username="xem", active=False),
    ),
    "users.reset_password": (
        None,
        lambda s, a: users.reset_password(s, actor=a, username="xem"),
    ),
    "users.change_role": (
        None,
        lambda s, a: users.change_role(s, actor=a, username="xem", role="viewer",
                                       org_code="TAN_PHU_DONG"),
    ),
    "users.change_own_password": (
        None,
        lambda s, a: users.change_own_password(s, actor=a, old=PASSWORD, new="mật-khẩu-mới-123",
                                               client=LOCAL),
    ),
    "workflow.submit": (
        None,
        lambda s, a: workflow.submit(s, actor=a, org_code="PHU_TAN", period=P),
    ),
    "workflow.approve": (
        lambda s: workflow.submit(s, actor=SYSTEM, org_code="PHU_TAN", period=P),
        lambda s, a: workflow.approve(s, actor=a, org_code="PHU_TAN", period=P),
    ),
    "workflow.reopen": (
        lambda s: (
            workflow.submit(s, actor=SYSTEM, org_code="PHU_TAN", period=P),
            workflow.approve(s, actor=SYSTEM, org_code="PHU_TAN", period=P),
        ),
        lambda s, a: workflow.reopen(s, actor=a, org_code="PHU_TAN", period=P, reason="sửa"),
    ),
    "hamlets.save_member": (
        None,
        lambda s, a: hamlets.save_member(s, actor=a, hamlet_code=AP1, fields=MEMBER),
    ),
    "hamlets.log_activity": (
        None,
        lambda s, a: hamlets.log_activity(s, actor=a, hamlet_code=AP1, fields=ACTIVITY),
    ),
    "hamlets.delete_activity": (
        lambda s: hamlets.log_activity(s, actor=SYSTEM, hamlet_code=AP1, fields=ACTIVITY),
        lambda s, a: hamlets.delete_activity(s, actor=a, hamlet_code=AP1,
                                             activity_id=_first_activity(s)),
    ),
    "reports.save_meta": (
        None,
        lambda s, a: reports.save_meta(s, actor=a, org_code="PHU_TAN", period=P,
                                       meta=Meta(number="12/BC-UBND")),
    ),
    "targets.save": (
        None,
        lambda s, a: targets.save(s, actor=a, indicator="dvc_full_rate", comparator=">=",
                                  value=90, deadline=2026, source="Kế hoạch của xã",
                                  org_unit="PHU_TAN", reason="kế hoạch mới"),
    ),
    "targets.remove": (
        lambda s: targets.save(s, actor=SYSTEM, indicator="dvc_full_rate", comparator=">=",
                               value=90, deadline=2026, source="Kế hoạch của xã",
                               org_unit="PHU_TAN", reason="kế hoạch mới"),
        lambda s, a: targets.remove(s, actor=a, row_id=s.exec(select(TargetRow.id)).first()),
    ),
    "hamlets.sync_derived": (
        # A figure out of step with the log, for the sync to put right.
        lambda s: values.save(s, actor=SYSTEM, org_code=AP1, period=P,
                              entries={"tcn_sessions": "99"}),
        lambda s, a: hamlets.sync_derived(
            s, actor=a, hamlet=orgunits.get(s, AP1), period=Period.parse(P)
        ),
    ),
    "tasks.save_conclusions": (
        None,
        lambda s, a: tasks.save_conclusions(s, actor=a, org_code="PHU_TAN", period=P,
                                            text="Đẩy mạnh thanh toán số"),
    ),
    "tasks.add_task": (
        None,
        lambda s, a: tasks.add_task(s, actor=a, org_code="PHU_TAN", period=P, what="Tập huấn",
                                    due=date(2024, 6, 30), person="Văn phòng"),
    ),
    "tasks.update_task": (
        lambda s: _task(s),
        lambda s, a: tasks.update_task(s, actor=a, task_id=_first_task(s), what="Tập huấn lại",
                                       due=date(2024, 9, 30), owner_unit=AP1),
    ),
    "tasks.set_done": (
        lambda s: _task(s),
        lambda s, a: tasks.set_done(s, actor=a, task_id=_first_task(s), done_on=date(2024, 6, 1)),
    ),
    "tasks.fill_part_two": (
        lambda s: _task(s),
        lambda s, a: tasks.fill_part_two(s, actor=a, org_code="PHU_TAN", period=P,
                                         on=date(2024, 5, 1)),
    ),
}  # fmt: skip

ALL = set(PEOPLE)
ADMIN = {"quantri"}
COMMUNE_EDITORS = {"quantri", "huyen", "canbo"}
HAMLET_KEEPERS = COMMUNE_EDITORS | {"to_ap1"}
APPROVERS = {"quantri", "huyen"}  # an editor of the parent unit, never the unit's own
# action → who may do it; everyone else is refused.
ALLOWED = {
    "values.save commune": COMMUNE_EDITORS,
    "values.save hamlet": HAMLET_KEEPERS,
    "values.import_records": COMMUNE_EDITORS,
    "orgunits.upsert": ADMIN,
    "users.create": ADMIN,
    "users.invite": ADMIN,
    "users.set_active": ADMIN,
    "users.reset_password": ADMIN,
    "users.change_role": ADMIN,
    "users.change_own_password": ALL,
    "workflow.submit": COMMUNE_EDITORS,
    "workflow.approve": APPROVERS,
    "workflow.reopen": APPROVERS,
    "hamlets.save_member": HAMLET_KEEPERS,
    "hamlets.log_activity": HAMLET_KEEPERS,
    "hamlets.delete_activity": HAMLET_KEEPERS,
    "hamlets.sync_derived": HAMLET_KEEPERS,
    "reports.save_meta": COMMUNE_EDITORS,
    "targets.save": ADMIN,
    "targets.remove": ADMIN,
    # The committee's secretary: an editor of the unit or above (a viewer reads, a hamlet
    # team keeps its hamlet).
    "tasks.save_conclusions": COMMUNE_EDITORS,
    "tasks.add_task": COMMUNE_EDITORS,
    "tasks.update_task": COMMUNE_EDITORS,
    "tasks.set_done": COMMUNE_EDITORS,
    "tasks.fill_part_two": COMMUNE_EDITORS,
}
CASES = [
    pytest.param(action, who, who in ALLOWED[action], id=f"{action}-{who}")
    for action in ACTIONS
    for who in PEOPLE
]


@pytest.fixture
def db(demo_session):
    # The demo has a second commune under the district, Phú Thạnh, for "another unit".
    for username, (role, org) in PEOPLE.items():
        users.create(demo_session, actor=SYSTEM, username=username, role=role,
                     password=PASSWORD, org_code=org)  # fmt: skip
    demo_session.commit()
    return demo_session


def _events(session, username: str | None = None) -> int:
    stmt = select(func.count()).select_from(AuditEvent)
    if username is not None:
        stmt = stmt.where(AuditEvent.username == username)
    return session.exec(stmt).one()


def test_every_action_has_its_row_in_the_table():
    assert set(ACTIONS) == set(ALLOWED)


@pytest.mark.parametrize(("action", "who", "allowed"), CASES)
def test_role_and_scope_decide_every_write(db, action, who, allowed):
    prepare, write = ACTIONS[action]
    if prepare is not None:
        prepare(db)
        db.commit()
    actor = users.actor_for(db, who)
    before = _events(db)
    by_actor = _events(db, who)
    if allowed:
        write(db, actor)
        db.commit()
        assert _events(db, who) > by_actor, "an allowed write is audited under its author"
        return
    with pytest.raises((PermissionDenied, CsvError)) as info:
        write(db, actor)
    refusal = info.value.reason if isinstance(info.value, CsvError) else info.value
    if action == "values.import_records":
        # A unit outside the importer's scope reads as an unknown code, never as someone else's.
        assert isinstance(refusal, PermissionDenied | NotFound)
    else:
        assert isinstance(refusal, PermissionDenied)
    db.rollback()
    assert _events(db) == before


def test_a_disabled_user_has_no_actor_and_cannot_change_a_password(db):
    actor = users.actor_for(db, "canbo")
    users.set_active(db, actor=SYSTEM, username="canbo", active=False)
    db.commit()
    assert users.actor_for(db, "canbo") is None
    with pytest.raises(PermissionDenied):
        users.change_own_password(
            db, actor=actor, old=PASSWORD, new="mật-khẩu-mới-123", client=LOCAL
        )
