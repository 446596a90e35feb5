"""Who should report a quarter to a parent unit, where each report stands and who is late, on
the database (SQLite and PostgreSQL) and through ``manage.py completeness``: the demo's
district with Phú Tân's Quý II/2024 as a draft, a unit created mid-quarter, a merged unit's
predecessors, a quarter not yet due, a report sent in time and one sent late."""

from __future__ import annotations

import csv
import io
import json
from contextlib import redirect_stderr, redirect_stdout
from datetime import UTC, date, datetime

import pytest
from meeting_demo import phu_tan_q2_draft
from sqlalchemy import update

import manage
from cds_core.completeness import ReportState
from cds_core.interchange import OrgUnitRecord
from db import completeness, database, orgunits, values, workflow
from db.models import AuditEvent
from db.permissions import SYSTEM

MISSING, DRAFT, SUBMITTED, APPROVED = ReportState
TODAY = date(2026, 1, 5)  # long after every demo quarter's deadline


def states(session, org, period, on=TODAY):
    return [(r.code, r.state, r.late) for r in completeness.for_parent(session, org, period, on=on)]


def test_the_district_with_phu_tans_draft_lists_two_missing_and_one_draft_all_late(demo_session):
    phu_tan_q2_draft(demo_session)
    assert states(demo_session, "TAN_PHU_DONG", "2024Q2") == [
        ("PHU_DONG", MISSING, True), ("PHU_THANH", MISSING, True), ("PHU_TAN", DRAFT, True)
    ]  # fmt: skip
    # Phú Tân's hamlets entered nothing for Quý II: all four missing.
    assert {(s, late) for _, s, late in states(demo_session, "PHU_TAN", "2024Q2")} == {
        (MISSING, True)
    }


def test_a_quarter_not_yet_due_has_nobody_late(demo_session):
    phu_tan_q2_draft(demo_session)
    # 30 June: the quarter's last day; 10 July: the deadline (CDS_DEADLINE_DAYS=10) itself.
    for day in (date(2024, 6, 30), date(2024, 7, 10)):
        assert {late for _, _, late in states(demo_session, "TAN_PHU_DONG", "2024Q2", day)} == {
            False
        }
    assert all(
        late for _, _, late in states(demo_session, "TAN_PHU_DONG", "2024Q2", date(2024, 7, 11))
    )


def backdate_submission(session, org, at):
    # The app itself can never edit the audit log: plain SQL does, for the test.
    session.connection().execute(
        update(AuditEvent)
        .where(AuditEvent.action == "status_submitted", AuditEvent.org_unit == org)
        .values(at=at)
    )


def test_sent_in_time_is_not_late_sent_after_is_and_approval_keeps_the_sending_time(demo_session):
    s = demo_session
    workflow.submit(s, actor=SYSTEM, org_code="PHU_TAN", period="2024Q1")
    backdate_submission(s, "PHU_TAN", datetime(2024, 4, 5, 2, 0, tzinfo=UTC))
    row = completeness.for_parent(s, "TAN_PHU_DONG", "2024Q1", on=TODAY)[-1]
    assert (row.code, row.state, row.late) == ("PHU_TAN", SUBMITTED, False)
    assert row.sent_at.replace(tzinfo=UTC) == datetime(2024, 4, 5, 2, 0, tzinfo=UTC)
    assert row.deadline == date(2024, 4, 10)
    workflow.approve(s, actor=SYSTEM, org_code="PHU_TAN", period="2024Q1")
    assert states(s, "TAN_PHU_DONG", "2024Q1")[-1] == ("PHU_TAN", APPROVED, False)
    # Reopened by the approver after an on-time submission: back to a draft, still not late.
    workflow.reopen(s, actor=SYSTEM, org_code="PHU_TAN", period="2024Q1", reason="Sửa số máy")
    assert states(s, "TAN_PHU_DONG", "2024Q1")[-1] == ("PHU_TAN", DRAFT, False)
    # Sent 11 April (Vietnam's day): late.
    backdate_submission(s, "PHU_TAN", datetime(2024, 4, 10, 18, 0, tzinfo=UTC))
    assert states(s, "TAN_PHU_DONG", "2024Q1")[2] == ("PHU_TAN", DRAFT, True)


def add_hamlet(session, code, valid_from=None, valid_to=date(2025, 6, 30)):
    # Phú Tân ended with June 2025: so does every hamlet under it.
    record = OrgUnitRecord(2, code, f"Ấp {code[-1]} mới", "ap", "PHU_TAN", valid_from, valid_to)
    orgunits.upsert(session, actor=SYSTEM, records=[record])


def test_a_unit_created_mid_quarter_reports_that_quarter_and_one_ended_mid_quarter_does_not(
    demo_session,
):
    s = demo_session
    add_hamlet(s, "PHU_TAN_AP5", valid_from=date(2024, 5, 15))
    add_hamlet(s, "PHU_TAN_AP6", valid_to=date(2024, 5, 15))
    q1 = [code for code, *_ in states(s, "PHU_TAN", "2024Q1")]
    q2 = [code for code, *_ in states(s, "PHU_TAN", "2024Q2")]
    # In force on the quarter's last day: the unit the quarter's report belongs to.
    assert "PHU_TAN_AP5" not in q1 and "PHU_TAN_AP5" in q2
    assert "PHU_TAN_AP6" in q1 and "PHU_TAN_AP6" not in q2
    # The new hamlet has the same deadline as the others, and is as late without a report.
    new = next(r for r in completeness.for_parent(s, "PHU_TAN", "2024Q2", on=TODAY)
               if r.code == "PHU_TAN_AP5")  # fmt: skip
    assert (new.state, new.deadline, new.late) == (MISSING, date(2024, 7, 10), True)


def test_a_merged_unit_before_it_existed_is_reported_by_its_predecessors(demo_session):
    s = demo_session
    before = completeness.for_parent(s, "XA_TAN_PHU_DONG", "2024Q1", on=TODAY)
    assert [(r.code, r.state, r.has_figures) for r in before] == [
        ("PHU_DONG", MISSING, False), ("PHU_THANH", MISSING, False), ("PHU_TAN", DRAFT, True)
    ]  # fmt: skip
    # From Quý III/2025 it exists: its hamlets (moved to it) report to it.
    values.save(s, actor=SYSTEM, org_code="PHU_TAN_AP1", period="2025Q3",
                entries={"xh_households": "559"})  # fmt: skip
    after = states(s, "XA_TAN_PHU_DONG", "2025Q3")
    assert [code for code, *_ in after] == ["PHU_TAN_AP2", "PHU_TAN_AP3", "PHU_TAN_AP4",
                                            "PHU_TAN_AP1"]  # fmt: skip
    assert after[-1] == ("PHU_TAN_AP1", DRAFT, True)
    # A hamlet has nothing below it.
    assert completeness.for_parent(s, "PHU_TAN_AP1", "2024Q1") == []


def run(engine, monkeypatch, *args: str) -> tuple[int, str, str]:
    """``manage.py ARGS`` in this process, on the test's database."""
    url = engine.url.render_as_string(hide_password=False)
    out, err = io.StringIO(), io.StringIO()
    with monkeypatch.context() as m:
        m.setenv("DATABASE_URL", url)
        m.setattr(manage, "LANG", "vi")
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = manage.main(list(args))
            except SystemExit as exc:
                code = exc.code
    if (opened := database._engines.pop(url, None)) is not None:
        opened.dispose()
    return code, out.getvalue(), err.getvalue()


def test_the_command_line_lists_the_late_first_in_the_designs_columns(
    demo_session, engine, monkeypatch
):
    phu_tan_q2_draft(demo_session)
    code, out, _ = run(engine, monkeypatch, "completeness", "--org", "TAN_PHU_DONG",
                       "--period", "2024Q2")  # fmt: skip
    assert code == 0
    assert out.splitlines()[0] == "unit,name,status,submitted_at,deadline,late"
    assert list(csv.DictReader(io.StringIO(out))) == [
        {"unit": "PHU_DONG", "name": "Xã Phú Đông", "status": "missing", "submitted_at": "",
         "deadline": "2024-07-10", "late": "yes"},
        {"unit": "PHU_THANH", "name": "Xã Phú Thạnh", "status": "missing", "submitted_at": "",
         "deadline": "2024-07-10", "late": "yes"},
        {"unit": "PHU_TAN", "name": "Xã Phú Tân", "status": "draft", "submitted_at": "",
         "deadline": "2024-07-10", "late": "yes"},
    ]  # fmt: skip
    code, out, _ = run(engine, monkeypatch, "completeness", "--org", "TAN_PHU_DONG",
                       "--period", "2024Q2", "--format", "json")  # fmt: skip
    assert code == 0 and [r["status"] for r in json.loads(out)] == ["missing", "missing", "draft"]


@pytest.mark.parametrize(
    ("args", "word"),
    [(("--org", "NOWHERE", "--period", "2024Q2"), "NOWHERE"),
     (("--org", "PHU_TAN", "--period", "2024Q5"), "2024Q5")],
)  # fmt: skip
def test_the_command_line_refuses_an_unknown_unit_or_quarter_in_one_line(
    demo_session, engine, monkeypatch, args, word
):
    code, out, err = run(engine, monkeypatch, "completeness", *args)
    assert code != 0 and out == ""
    assert len(err.strip().splitlines()) == 1 and word in err
