"""Official codes across the break on the database (SQLite and PostgreSQL), through the command
line as scripts use it: one code names old xã Phú Thạnh before 1 July 2025 and new xã Tân Phú
Đông after; values, scorecards (with ``--as-of``) and exports follow the code's holder in each
quarter; an ended commune refuses a later quarter; a second load changes nothing."""

from __future__ import annotations

import csv
import io
from contextlib import redirect_stderr, redirect_stdout

import pytest
from sqlmodel import func, select

import manage
from cds_core.interchange import parse_org_units
from db import database, orgunits
from db.models import AuditEvent, DataValue
from db.permissions import SYSTEM

MAP = (
    "code,name,level,parent_code,valid_from,valid_to,predecessors,kind\n"
    "82,Tỉnh Tiền Giang,tinh,,,2025-06-30,,\n"
    "87,Tỉnh Đồng Tháp,tinh,,,2025-06-30,,\n"
    "82,Tỉnh Đồng Tháp,tinh,,2025-07-01,,82;87,\n"
    "825,Huyện Tân Phú Đông,huyen,82,,2025-06-30,,\n"
    "28696,Xã Phú Thạnh,xa,825,,2025-06-30,,\n"
    "28750,Xã Phú Đông,xa,825,,2025-06-30,,\n"
    "28753,Xã Phú Tân,xa,825,,2025-06-30,,\n"
    "28696,Xã Tân Phú Đông,xa,82,2025-07-01,,28696;28750;28753,\n"
    "30001,Phường Mỹ Tho,xa,82,2025-07-01,,,phuong\n"
)
VALUES = (
    "org_unit,period,element,value,comment\n"
    "28696,2024Q1,dvc_tthc_total,10,\n"
    "28696,2024Q1,dvc_tthc_full,4,\n"
    "28750,2024Q1,dvc_tthc_total,20,\n"
    "28750,2024Q1,dvc_tthc_full,5,\n"
    "28753,2024Q1,dvc_tthc_total,30,\n"
    "28753,2024Q1,dvc_tthc_full,6,\n"
    "28696,2025Q3,dvc_tthc_total,50,\n"
    "28696,2025Q3,dvc_tthc_full,40,\n"
)


@pytest.fixture
def cli(engine, monkeypatch, tmp_path):
    """``manage.py ARGS`` against the test's database; returns (exit status, stdout, stderr)."""
    url = engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setattr(manage, "LANG", "vi")

    def run(*args: str, text: str | None = None):
        if text is not None:
            path = tmp_path / f"in-{len(list(tmp_path.iterdir()))}.csv"
            path.write_text(text, encoding="utf-8")
            args = (*args, str(path))
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = manage.main(list(args))
        return code, out.getvalue(), err.getvalue()

    yield run
    opened = database._engines.pop(url, None)
    if opened is not None and opened is not engine:
        opened.dispose()


def full_rate(output: str) -> dict[str, str]:
    rows = {r["indicator"]: r for r in csv.DictReader(io.StringIO(output))}
    return rows["dvc_full_rate"]


@pytest.fixture
def loaded(cli):
    assert cli("import-org-units", text=MAP)[0] == 0
    status, _, err = cli("import-values", text=VALUES)
    assert status == 0, err
    return cli


def test_a_code_and_a_quarter_name_the_unit_that_held_it_then(loaded, session):
    old = orgunits.resolve(session, "28696", period="2024Q1")
    new = orgunits.resolve(session, "28696", period="2025Q3")
    assert (old.name, new.name) == ("Xã Phú Thạnh", "Xã Tân Phú Đông")
    assert (old.official_code, new.official_code) == ("28696", "28696")
    # The values went to the unit holding the code at the end of each row's quarter.
    count = select(func.count()).select_from(DataValue)
    assert session.exec(count.where(DataValue.org_unit_id == old.id)).one() == 2
    assert session.exec(count.where(DataValue.org_unit_id == new.id)).one() == 2


def test_scorecard_of_a_code_in_a_quarter_and_as_of_a_day(loaded):
    status, out, err = loaded("scorecard", "--org", "28696", "--period", "2024Q1")
    assert status == 0, err
    old = full_rate(out)
    assert (old["numerator"], old["denominator"], old["coverage"]) == ("4", "10", "1/1")
    # The new commune's 2024Q1: the sum of Phú Thạnh, Phú Đông and Phú Tân, all three reported.
    args = ("scorecard", "--org", "28696", "--period", "2024Q1", "--as-of", "2025-07-01")
    new = full_rate(loaded(*args)[1])
    assert (new["numerator"], new["denominator"], new["coverage"]) == ("15", "60", "3/3")
    mine = full_rate(loaded("scorecard", "--org", "28696", "--period", "2025Q3")[1])
    assert (mine["numerator"], mine["denominator"], mine["coverage"]) == ("40", "50", "1/1")
    # The new province before it existed: every commune of both old provinces.
    args = ("scorecard", "--org", "82", "--period", "2024Q1", "--as-of", "2025-07-01")
    province = full_rate(loaded(*args)[1])
    assert (province["numerator"], province["denominator"], province["coverage"]) == (
        "15", "60", "3/3"
    )  # fmt: skip
    old_province = full_rate(loaded("scorecard", "--org", "82", "--period", "2024Q1")[1])
    assert old_province["coverage"] == "3/3"


def test_as_of_a_day_nobody_held_the_code_is_refused_in_one_line(loaded):
    args = ("scorecard", "--org", "28750", "--period", "2025Q3", "--as-of", "2025-07-01")
    status, _, err = loaded(*args)
    assert status == 1
    assert err.strip() == "Lỗi: Không có đơn vị nào giữ mã 28750 vào ngày 01/07/2025"


def test_an_ended_commune_refuses_a_later_quarter(loaded, session):
    status, _, err = loaded(
        "import-values",
        text="org_unit,period,element,value,comment\n28750,2025Q3,dvc_tthc_total,9,\n",
    )
    assert status == 1
    assert "Dòng 2" in err and "28750" in err and "30/06/2025" in err


def test_exports_write_official_codes_that_import_back_unchanged(loaded):
    status, out, _ = loaded("export-values")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {(r["org_unit"], r["period"]) for r in rows} == {
        ("28696", "2024Q1"), ("28750", "2024Q1"), ("28753", "2024Q1"), ("28696", "2025Q3")
    }  # fmt: skip
    status, done, err = loaded("import-values", text=out)
    assert status == 0, err
    assert done.strip() == "Đã nhập: 0 mới, 0 thay đổi, 8 không đổi"
    # One unit's export, by the code in its quarter.
    only = loaded("export-values", "--org", "28696", "--period", "2025Q3")[1]
    assert only.splitlines()[1:] == [
        "28696,2025Q3,dvc_tthc_full,40,", "28696,2025Q3,dvc_tthc_total,50,"
    ]  # fmt: skip


def test_a_second_load_of_the_same_map_changes_nothing(loaded, session):
    audits = session.exec(select(func.count()).select_from(AuditEvent)).one()
    assert orgunits.upsert(session, actor=SYSTEM, records=parse_org_units(MAP)) == (0, 0)
    session.commit()
    assert session.exec(select(func.count()).select_from(AuditEvent)).one() == audits


def test_a_bad_map_writes_nothing(cli, session):
    bad = MAP.replace("2025-07-01,,28696;28750;28753", "2025-07-01,,28696;28750;28799")
    status, _, err = cli("import-org-units", text=bad)
    assert status == 1 and "Dòng 9" in err and "28799" in err
    with pytest.raises(orgunits.NotFound):
        orgunits.resolve(session, "82")
