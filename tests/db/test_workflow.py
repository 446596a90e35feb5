"""Draft → submitted → approved → reopened, who may move it, and what approval locks."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import update
from sqlmodel import select

from apptest import actor
from cds_core.errors import CdsError
from cds_core.periods import Period
from db import values, workflow
from db.errors import AuditImmutable, Locked, PermissionDenied
from db.models import AuditEvent
from db.orgunits import get as get_unit

P = "2024Q1"


@pytest.fixture
def actors(demo_session):
    return {
        "officer": actor(demo_session, "officer", "editor", "PHU_TAN"),
        "district": actor(demo_session, "district", "editor", "TAN_PHU_DONG"),
        "viewer": actor(demo_session, "committee", "viewer", "TAN_PHU_DONG"),
        "admin": actor(demo_session, "root", "admin", None),
    }


def status(session, org="PHU_TAN"):
    return values.submission(session, get_unit(session, org), P).status


def comment_the_seed_warning(session, actor):
    values.save(session, actor=actor, org_code="PHU_TAN", period=P,
                 entries={"ht_pc_broadband": "35"},
                 comments={"ht_pc_broadband": "Báo cáo ghi 35 máy băng rộng"})  # fmt: skip


def test_the_seed_submits_once_its_warning_has_a_comment(demo_session, actors):
    s, officer = demo_session, actors["officer"]
    # The seed's own comment on ht_pc_broadband explains the 35 > 21 warning.
    workflow.submit(s, actor=officer, org_code="PHU_TAN", period=P)
    assert status(s) == "submitted"


def test_a_warning_without_a_comment_blocks_submitting(demo_session, actors):
    s, officer = demo_session, actors["officer"]
    values.save(s, actor=officer, org_code="PHU_TAN", period=P, entries={"ht_pc_broadband": "35"},
                comments={"ht_pc_broadband": ""})  # fmt: skip
    with pytest.raises(CdsError) as info:
        workflow.submit(s, actor=officer, org_code="PHU_TAN", period=P)
    assert info.value.key == "err_wf_problems"
    assert status(s) == "draft"


def test_a_warning_explained_last_quarter_on_the_same_figures_does_not_block(demo_session, actors):
    s, officer = demo_session, actors["officer"]
    carried = {"ht_pc_broadband": "35", "ht_pc_internet": "21"}  # as Q1, explained there
    values.save(s, actor=officer, org_code="PHU_TAN", period="2024Q2", entries=carried)
    workflow.submit(s, actor=officer, org_code="PHU_TAN", period="2024Q2")
    assert values.submission(s, get_unit(s, "PHU_TAN"), "2024Q2").status == "submitted"


def test_a_carried_warning_blocks_once_it_holds_on_changed_figures(demo_session, actors):
    s, officer = demo_session, actors["officer"]
    values.save(s, actor=officer, org_code="PHU_TAN", period="2024Q2",
                entries={"ht_pc_broadband": "36", "ht_pc_internet": "21"})  # fmt: skip
    with pytest.raises(CdsError) as info:
        workflow.submit(s, actor=officer, org_code="PHU_TAN", period="2024Q2")
    assert info.value.key == "err_wf_problems"


def test_a_rule_error_blocks_submitting_but_the_draft_saves(demo_session, actors):
    s, officer = demo_session, actors["officer"]
    values.save(s, actor=officer, org_code="PHU_TAN", period=P, entries={"dvc_tthc_full": "200"})
    with pytest.raises(CdsError, match="err_wf_problems"):
        workflow.submit(s, actor=officer, org_code="PHU_TAN", period=P)
    cells = values.unit_values(s, get_unit(s, "PHU_TAN"), P)
    assert cells["dvc_tthc_full"].value == 200


def test_parent_editor_approves_and_approval_locks_the_values_in_the_db(demo_session, actors):
    s = demo_session
    workflow.submit(s, actor=actors["officer"], org_code="PHU_TAN", period=P)
    workflow.approve(s, actor=actors["district"], org_code="PHU_TAN", period=P)
    assert status(s) == "approved"
    for who in ("officer", "district", "admin"):
        with pytest.raises(Locked):
            values.save(s, actor=actors[who], org_code="PHU_TAN", period=P,
                        entries={"ht_staff_total": "23"})  # fmt: skip


@pytest.mark.parametrize("who", ["officer", "viewer"])
def test_only_the_parent_unit_may_approve(demo_session, actors, who):
    s = demo_session
    workflow.submit(s, actor=actors["officer"], org_code="PHU_TAN", period=P)
    with pytest.raises(PermissionDenied):
        workflow.approve(s, actor=actors[who], org_code="PHU_TAN", period=P)
    assert status(s) == "submitted"


def test_reopening_needs_a_reason_and_allows_editing_again(demo_session, actors):
    s, district = demo_session, actors["district"]
    workflow.submit(s, actor=actors["officer"], org_code="PHU_TAN", period=P)
    workflow.approve(s, actor=district, org_code="PHU_TAN", period=P)
    with pytest.raises(CdsError, match="err_wf_reason"):
        workflow.reopen(s, actor=district, org_code="PHU_TAN", period=P, reason="  ")
    workflow.reopen(s, actor=district, org_code="PHU_TAN", period=P, reason="Sai số máy tính")
    assert status(s) == "reopened"
    values.save(s, actor=actors["officer"], org_code="PHU_TAN", period=P,
                entries={"ht_staff_total": "23"})  # fmt: skip
    event = s.exec(select(AuditEvent).where(AuditEvent.action == "status_reopened")).one()
    assert (event.username, event.reason, event.old_value) == (
        "district",
        "Sai số máy tính",
        "approved",
    )


def test_editing_a_submitted_report_sends_it_back_to_draft(demo_session, actors):
    s = demo_session
    workflow.submit(s, actor=actors["officer"], org_code="PHU_TAN", period=P)
    values.save(s, actor=actors["officer"], org_code="PHU_TAN", period=P,
                entries={"ht_staff_total": "23"})  # fmt: skip
    assert status(s) == "draft"
    with pytest.raises(CdsError, match="err_wf_not_submitted"):
        workflow.approve(s, actor=actors["district"], org_code="PHU_TAN", period=P)


def test_approving_twice_or_submitting_nothing_is_refused(demo_session, actors):
    s = demo_session
    with pytest.raises(CdsError, match="err_wf_empty"):
        workflow.submit(s, actor=actors["officer"], org_code="PHU_TAN_AP1", period="2023Q1")
    workflow.submit(s, actor=actors["officer"], org_code="PHU_TAN", period=P)
    with pytest.raises(CdsError, match="err_wf_state"):
        workflow.submit(s, actor=actors["officer"], org_code="PHU_TAN", period=P)


def test_a_future_quarter_is_refused(demo_session, actors):
    nxt = Period.containing(date.today()).next().code
    with pytest.raises(CdsError, match="err_future_period"):
        values.save(demo_session, actor=actors["admin"], org_code="PHU_TAN", period=nxt,
                    entries={"ht_staff_total": "22"})  # fmt: skip


def test_deadline_is_days_after_the_quarter_ends():
    assert workflow.deadline("2024Q1", 10) == date(2024, 4, 10)
    assert workflow.deadline("2024Q4", 15) == date(2025, 1, 15)


def test_the_app_cannot_edit_or_delete_an_audit_event(demo_session):
    s = demo_session
    event = s.exec(select(AuditEvent)).first()
    event.reason = "rewritten"
    with pytest.raises(AuditImmutable):
        s.flush()
    s.rollback()
    with pytest.raises(AuditImmutable):
        s.delete(s.exec(select(AuditEvent)).first())
        s.flush()
    s.rollback()
    with pytest.raises(AuditImmutable):
        s.exec(update(AuditEvent).values(reason="bulk"))
