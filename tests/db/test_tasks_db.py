"""The Steering Committee's decisions on the database (SQLite and PostgreSQL): a meeting's
conclusions and tasks, recorded by the secretary, audited, read by everyone in scope; a task
recorded at one meeting reported in the next quarter's brief, overdue after its date, done once
marked; and the report's Phần thứ hai written from the open tasks."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from apptest import actor
from cds_core.errors import CdsError
from cds_core.tasks import TaskState
from db import tasks, values, workflow
from db.errors import Locked, NotFound, PermissionDenied
from db.models import AuditEvent
from db.orgunits import get as get_unit
from db.permissions import SYSTEM

Q1, Q2, Q3 = "2024Q1", "2024Q2", "2024Q3"
DUE = date(2024, 6, 30)


@pytest.fixture
def people(demo_session):
    s = demo_session
    return {
        "secretary": actor(s, "thuky", "editor", "PHU_TAN"),
        "district": actor(s, "huyen", "editor", "TAN_PHU_DONG"),
        "committee": actor(s, "bcd", "viewer", "PHU_TAN"),
        "elsewhere": actor(s, "phuthanh", "viewer", "PHU_THANH"),
    }


def add(session, who, **fields):
    task = {"what": "Hướng dẫn người dân thanh toán không dùng tiền mặt", "due": DUE,
            "person": "Bà Trần Thị B", **fields}  # fmt: skip
    return tasks.add_task(session, actor=who, org_code="PHU_TAN", period=fields.pop("period", Q1),
                          **{k: v for k, v in task.items() if k != "period"})  # fmt: skip


def test_a_task_of_one_meeting_is_in_the_next_quarters_brief_and_overdue_after_its_date(
    demo_session, people
):
    s, secretary = demo_session, people["secretary"]
    task_id = add(s, secretary, owner_unit="PHU_TAN_AP1", indicator="xh_epayment_rate")
    # The quarter's own brief is read before its meeting: the task is not there.
    assert tasks.for_brief(s, people["committee"], "PHU_TAN", Q1, on=date(2024, 4, 20)) == []
    [before] = tasks.for_brief(s, people["committee"], "PHU_TAN", Q2, on=date(2024, 6, 30))
    assert (before.id, before.state, before.who) == (
        task_id, TaskState.OPEN, "Bà Trần Thị B (Ấp 1 (dữ liệu mẫu))"
    )  # fmt: skip
    [after] = tasks.for_brief(s, people["committee"], "PHU_TAN", Q2, on=date(2024, 7, 1))
    assert after.state is TaskState.OVERDUE
    # Not done: still reported a quarter later; done: reported at the next meeting only.
    assert [t.id for t in tasks.for_brief(s, secretary, "PHU_TAN", Q3, on=date(2024, 10, 1))] == [
        task_id
    ]
    tasks.set_done(s, actor=secretary, task_id=task_id, done_on=date(2024, 7, 3))
    [done] = tasks.for_brief(s, secretary, "PHU_TAN", Q2, on=date(2024, 10, 1))
    assert (done.state, done.done_on) == (TaskState.DONE, date(2024, 7, 3))
    assert tasks.for_brief(s, secretary, "PHU_TAN", Q3, on=date(2024, 10, 1)) == []


def test_conclusions_and_every_change_of_a_task_are_audited_under_their_author(
    demo_session, people
):
    s, secretary = demo_session, people["secretary"]
    conclusions = "Tập trung nâng tỷ lệ thanh toán số"
    tasks.save_conclusions(s, actor=secretary, org_code="PHU_TAN", period=Q1, text=conclusions,
                           held_on=date(2024, 4, 15))  # fmt: skip
    task_id = add(s, secretary)
    tasks.update_task(s, actor=people["district"], task_id=task_id, what="Mở lớp hướng dẫn",
                      due=date(2024, 8, 31), person="", owner_unit="PHU_TAN_AP2")  # fmt: skip
    tasks.set_done(s, actor=secretary, task_id=task_id, done_on=date(2024, 8, 1))
    tasks.set_done(s, actor=secretary, task_id=task_id, done_on=None)
    events = s.exec(
        select(AuditEvent.action, AuditEvent.username)
        .where(AuditEvent.action.in_(["meeting_conclusions", "task_add", "task_edit", "task_done",
                                      "task_reopen"]))
        .order_by(AuditEvent.id)
    ).all()  # fmt: skip
    assert [tuple(e) for e in events] == [
        ("meeting_conclusions", "thuky"), ("task_add", "thuky"), ("task_edit", "huyen"),
        ("task_done", "thuky"), ("task_reopen", "thuky"),
    ]  # fmt: skip
    edit = s.exec(select(AuditEvent).where(AuditEvent.action == "task_edit")).one()
    assert "Bà Trần Thị B" in edit.old_value and "Ấp 2 (dữ liệu mẫu)" in edit.new_value
    record = tasks.meeting(s, people["committee"], "PHU_TAN", Q1, on=date(2024, 8, 1))
    assert (record.held_on, record.conclusions) == (date(2024, 4, 15), conclusions)
    assert [(t.what, t.who, t.state) for t in record.tasks] == [
        ("Mở lớp hướng dẫn", "Ấp 2 (dữ liệu mẫu)", TaskState.OPEN)
    ]


def test_a_viewer_reads_but_never_writes_and_nobody_reads_another_units_meeting(
    demo_session, people
):
    s = demo_session
    add(s, people["secretary"])
    with pytest.raises(PermissionDenied):
        add(s, people["committee"])
    with pytest.raises(PermissionDenied):
        tasks.save_conclusions(s, actor=people["committee"], org_code="PHU_TAN", period=Q1,
                               text="…")  # fmt: skip
    with pytest.raises(NotFound):
        tasks.meeting(s, people["elsewhere"], "PHU_TAN", Q1)
    assert len(tasks.meeting(s, people["committee"], "PHU_TAN", Q1).tasks) == 1


def test_a_task_must_name_a_unit_within_the_meeting_and_a_unit_then_in_force(demo_session, people):
    s, secretary = demo_session, people["secretary"]
    with pytest.raises(CdsError) as info:
        add(s, secretary, owner_unit="PHU_THANH")  # another commune
    assert info.value.key == "err_task_owner_unit"
    with pytest.raises(CdsError) as info:
        add(s, secretary, what="")
    assert info.value.key == "err_task_what"
    # Phú Tân ended with June 2025: no meeting of it on a later quarter.
    with pytest.raises(CdsError) as info:
        add(s, SYSTEM, period="2025Q3")
    assert info.value.key == "err_org_not_in_force"
    assert s.exec(select(AuditEvent).where(AuditEvent.action == "task_add")).all() == []


def test_the_reports_part_two_is_filled_from_the_open_tasks(demo_session, people):
    s, secretary = demo_session, people["secretary"]
    add(s, secretary)
    done = add(s, secretary, what="Cập nhật trang thông tin điện tử", person="Văn phòng")
    add(s, secretary, what="Rà soát hộ chưa có cáp quang.", person="", owner_unit="PHU_TAN_AP3",
        due=date(2024, 5, 31))  # fmt: skip
    tasks.set_done(s, actor=secretary, task_id=done, done_on=date(2024, 5, 2))
    text = tasks.fill_part_two(s, actor=secretary, org_code="PHU_TAN", period=Q1,
                               on=date(2024, 5, 10))  # fmt: skip
    assert text == (
        "- Rà soát hộ chưa có cáp quang (giao: Ấp 3 (dữ liệu mẫu); hạn: 31/05/2024).\n\n"
        "- Hướng dẫn người dân thanh toán không dùng tiền mặt (giao: Bà Trần Thị B; "
        "hạn: 30/06/2024)."
    )
    cells = values.unit_values(s, get_unit(s, "PHU_TAN"), Q1)
    assert cells[tasks.PART_TWO].value == text
    # The seed's own Phần thứ hai is replaced, audited with the reason (the log keeps the old).
    event = s.exec(
        select(AuditEvent).where(
            AuditEvent.element == tasks.PART_TWO, AuditEvent.username == "thuky"
        )
    ).one()
    assert event.reason == "Phần thứ hai điền từ các nhiệm vụ Ban Chỉ đạo giao"
    assert "Tiếp tục tuyên truyền Nghị quyết" in event.old_value


def test_part_two_of_an_approved_report_is_refused_and_without_open_tasks_says_so(
    demo_session, people
):
    s, secretary = demo_session, people["secretary"]
    with pytest.raises(CdsError) as info:
        tasks.fill_part_two(s, actor=secretary, org_code="PHU_TAN", period=Q1)
    assert info.value.key == "err_task_none_open"
    add(s, secretary)
    workflow.submit(s, actor=secretary, org_code="PHU_TAN", period=Q1)
    workflow.approve(s, actor=people["district"], org_code="PHU_TAN", period=Q1)
    with pytest.raises(Locked):
        tasks.fill_part_two(s, actor=secretary, org_code="PHU_TAN", period=Q1)
