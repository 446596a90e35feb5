"""The operations log and the last line of defence: sign-ins, saves, imports and approvals as one
JSON line each without passwords, cookies or phone numbers; an unexpected error shown to the
user as an id, never a traceback, on the pages and on the command line."""

from __future__ import annotations

import json
import logging
import tomllib
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from apptest import DASHBOARD, PASSWORD, signed_in
from cds_core.interchange import parse_values
from db import hamlets, oplog, transfer, values, workflow
from db.database import session_scope
from db.users import actor_for

ROOT = Path(__file__).resolve().parents[2]
PHONE = "0912 345 678"
COOKIE_KEY = "k" * 40


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())

    def events(self) -> list[dict]:
        return [json.loads(line) for line in self.lines]


@pytest.fixture
def log():
    handler = Lines()
    oplog.LOGGER.addHandler(handler)
    oplog.LOGGER.setLevel(logging.INFO)
    yield handler
    oplog.LOGGER.removeHandler(handler)


def test_each_operation_is_one_json_line_without_secrets(app_db, log, monkeypatch):
    monkeypatch.setenv("CDS_COOKIE_KEY", COOKIE_KEY)
    at = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    at.text_input[0].input("officer")
    at.text_input[1].input("wrong-password-1")
    at.button[0].click().run()
    at.text_input[0].input("officer")
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    assert at.title[0].value == "Tổng quan"

    with session_scope(app_db) as session:
        officer, district, team1 = (actor_for(session, u) for u in ("officer", "district", "team1"))
    with session_scope(app_db, write=True) as session:
        values.save(session, actor=officer, org_code="PHU_TAN", period="2024Q1",
                    entries={"dvc_tthc_national_portal": "100"})  # fmt: skip
    with session_scope(app_db, write=True) as session:
        csv_text = "org_unit,period,element,value,comment\nPHU_TAN,2024Q1,ld_steering_meetings,3,\n"
        transfer.import_records(session, actor=officer, records=parse_values(csv_text))
    with session_scope(app_db, write=True) as session:
        workflow.submit(session, actor=officer, org_code="PHU_TAN", period="2024Q1")
    with session_scope(app_db, write=True) as session:
        workflow.approve(session, actor=district, org_code="PHU_TAN", period="2024Q1")
    with session_scope(app_db, write=True) as session:
        member = {"name": "Nguyễn Văn A", "phone": PHONE, "joined": date(2024, 1, 5)}
        hamlets.save_member(session, actor=team1, hamlet_code="PHU_TAN_AP1", fields=member)
    # A save whose transaction is rolled back afterwards leaves no line behind.
    with pytest.raises(RuntimeError), session_scope(app_db, write=True) as session:
        values.save(session, actor=district, org_code="PHU_TAN_AP2", period="2024Q1",
                    entries={"tcn_members": "7"})  # fmt: skip
        raise RuntimeError("the caller gave up")

    events = log.events()
    assert [(e["event"], e.get("user"), e.get("ok")) for e in events] == [
        ("sign_in", "officer", False),
        ("sign_in", "officer", True),
        ("save", "officer", None),
        ("import", "officer", None),
        ("submit", "officer", None),
        ("approve", "district", None),
        # A new member: the team's size is saved again in each quarter the hamlet has figures
        # for (the roster counts it), then the member itself.
        *[("save", "team1", None)] * (len(events) - 7),
        ("team_member", "team1", None),
    ]
    assert len(events) > 7 and {e["org"] for e in events[6:]} == {"PHU_TAN_AP1"}
    assert events[2] | {"ts": "-"} == {"ts": "-", "level": "info", "event": "save",
                                        "user": "officer", "org": "PHU_TAN", "period": "2024Q1",
                                        "changed": 1, "version": events[2]["version"]}  # fmt: skip
    assert events[3]["rows"] == 1 and events[5]["status"] == "approved"
    text = "\n".join(log.lines)
    for secret in (PASSWORD, "wrong-password-1", COOKIE_KEY, PHONE, PHONE.replace(" ", "")):
        assert secret not in text


def test_phone_numbers_are_masked_and_secret_fields_dropped():
    line = json.loads(oplog.line("x", message=f"call {PHONE} or +84 912.345.678 about 1.772",
                                 password="hunter2", cookie="abc", phone_number=PHONE))  # fmt: skip
    assert line["message"] == "call [phone] or [phone] about 1.772"
    assert not {"password", "cookie", "phone_number"} & set(line)


def test_an_unexpected_error_shows_an_id_and_logs_it_without_a_traceback(app_db, log, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError(f"figures for {PHONE} could not be read")

    monkeypatch.setattr("ui.scorecard.load", broken)
    at = signed_in("committee", "viewer")
    assert not at.exception  # nothing reaches the page as a traceback
    [shown] = [e.value for e in at.error]
    [logged] = [e for e in log.events() if e["event"] == "error"]
    assert shown == (f"Đã xảy ra lỗi không mong đợi (mã lỗi {logged['id']}). Hãy báo mã này "
                     "cho quản trị viên; chi tiết đã được ghi lại.")  # fmt: skip
    assert logged["type"] == "RuntimeError" and logged["user"] == "committee"
    assert logged["message"] == "figures for [phone] could not be read"
    assert any(frame.startswith("overview.py:") for frame in logged["at"])
    # The sidebar still works: the user can sign out or go elsewhere.
    assert any(b.label == "Đăng xuất" for b in at.button)


def test_streamlit_shows_no_error_details_for_anything_else():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"


def test_an_unexpected_error_on_the_command_line_is_one_line_with_an_id(
    tmp_path, log, monkeypatch, capsys
):
    import manage

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cds.db'}")

    def broken(*_args, **_kwargs):
        raise RuntimeError(f"figures for {PHONE} could not be read")

    monkeypatch.setattr("db.transfer.export_csv", broken)
    assert manage.main(["export-values"]) == 1
    out, err = capsys.readouterr()
    [logged] = [e for e in log.events() if e["event"] == "error"]
    assert out == "" and err.splitlines() == [
        f"Lỗi: lỗi không mong đợi (mã {logged['id']}): RuntimeError: figures for [phone] "
        "could not be read"
    ]
    assert logged["command"] == "export-values" and "Traceback" not in err
