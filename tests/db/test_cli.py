"""manage.py as people and scripts run it, against its own SQLite database."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from command_line import Cli

from exported import own_rows

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "db" / "demo" / "phu_tan_2024q1.csv"
HEADER = "org_unit,period,element,value,comment\n"
OU_HEADER = "code,name,level,parent_code,valid_from,valid_to\n"

SCORECARD_ROWS = [
    "dvc_full_rate,73,156,46.8,80.0,not_met,1/1",
    "dvc_online_dossier_rate,50,59,84.7,80.0,met,1/1",
    "dvc_partial_rate,82,156,52.6,,not_applicable,1/1",
    "ht_staff_pc_rate,21,22,95.5,100.0,near,1/1",
    "dvc_info_rate,1,156,0.6,,not_applicable,1/1",
    "bc_return_rate,5,59,8.5,,not_applicable,1/1",
    "bc_receive_rate,0,0,,,not_applicable,1/1",
    # The four demo hamlets all gave adults and smartphone users.
    "xh_smartphone_rate,3760,4709,79.8,80.0,near,4/4",
]


@pytest.fixture
def cli(tmp_path, monkeypatch) -> Iterator[Cli]:
    runner = Cli(tmp_path, monkeypatch)
    yield runner
    runner.close()


@pytest.fixture
def process_cli(tmp_path) -> Cli:
    return Cli(tmp_path, None, process=True)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    """One database after ``init`` and ``seed-demo``, copied for each test (the real process
    runs ``init`` in test_init_prints_the_admin_password_once)."""
    template = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as monkeypatch:
        cli = Cli(template, monkeypatch)
        cli.ok("init")
        cli.ok("seed-demo")
        cli.close()
    return template


@pytest.fixture
def demo(cli, demo_template) -> Cli:
    for path in demo_template.glob("cds.db*"):
        shutil.copy(path, cli.tmp / path.name)
    return cli


def test_init_prints_the_admin_password_once(process_cli):
    cli = process_cli
    first = cli.ok("init")
    assert "admin" in first
    password = re.search(r":\s*(\S{10,})\s*$", first.splitlines()[0]).group(1)
    second = cli.ok("init")
    assert password not in second
    assert "admin" not in second


def test_seed_demo_twice_is_idempotent(cli):
    cli.ok("init")
    first = cli.ok("seed-demo")
    exported = cli.export()
    second = cli.ok("seed-demo")
    assert re.search(r"\b84\b", first) and re.search(r"\b0\b", second)
    assert cli.export() == exported


def test_scorecard_csv(demo):
    out = demo.ok("scorecard", "--org", "PHU_TAN", "--period", "2024Q1", "--format", "csv")
    lines = out.splitlines()
    assert lines[0] == "indicator,numerator,denominator,value,target,status,coverage"
    for row in SCORECARD_ROWS:
        assert row in lines
    # Quarter written the way the report writes it is accepted too; csv is the default format.
    assert demo.ok("scorecard", "--org", "PHU_TAN", "--period", "Quý I/2024") == out


def test_scorecard_json_has_the_same_records(demo):
    text = demo.ok("scorecard", "--org", "PHU_TAN", "--period", "2024Q1", "--format", "csv")
    as_csv = list(csv.DictReader(io.StringIO(text)))
    as_json = json.loads(
        demo.ok("scorecard", "--org", "PHU_TAN", "--period", "2024Q1", "--format", "json")
    )
    assert as_json == as_csv
    full = next(r for r in as_json if r["indicator"] == "dvc_full_rate")
    assert ",".join(full.values()) == SCORECARD_ROWS[0]  # every field, in the CSV's order


def test_export_values_is_the_seed_file(demo):
    out = demo.export("--org", "PHU_TAN", "--period", "2024Q1")
    assert own_rows(out, "PHU_TAN").encode("utf-8") == SEED.read_bytes()
    target = demo.tmp / "out.csv"
    demo.ok("export-values", "--org", "PHU_TAN", "--period", "2024Q1", "--out", str(target))
    assert target.read_text(encoding="utf-8") == out


def test_import_values_with_a_bad_line_changes_nothing(demo):
    before = demo.export()
    bad = demo.file(
        "bad.csv",
        f"{HEADER}PHU_TAN,2024Q1,ht_staff_total,30,\nKHONG_CO,2024Q1,ht_staff_total,5,\n",
    )
    line = demo.fails("import-values", bad)
    assert re.search(r"\b3\b", line) and "KHONG_CO" in line
    assert demo.export() == before

    negative = demo.file(
        "neg.csv",
        f"{HEADER}PHU_TAN,2024Q1,ht_staff_total,30,\nPHU_TAN,2024Q1,ht_pc_internet,-1,\n",
    )
    assert re.search(r"\b3\b", demo.fails("import-values", negative))
    assert demo.export() == before


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("x" * 200_000, "10000 ký tự"),  # a cell over csv's own limit: once a traceback
        ("9" * 400, "tối đa 1000000"),  # read as inf, once stored
    ],
    ids=["200000-character cell", "400 nines"],
)
def test_import_values_refuses_hostile_cells_in_one_line(demo, cell, reason):
    before = demo.export()
    path = demo.file("hostile.csv", f"{HEADER}PHU_TAN_AP1,2024Q1,xh_adults,{cell},\n")
    line = demo.fails("import-values", path)
    assert "Dòng 2" in line and reason in line and len(line) < 300
    assert demo.export() == before


def test_import_values_happy_path_and_dry_run(demo):
    before = demo.export()
    good = demo.file(
        "good.csv",
        f"{HEADER}PHU_TAN,2024Q1,ht_staff_total,30,\nPHU_TAN_AP1,2023Q1,xh_adults,120,\n",
    )
    dry = demo.ok("import-values", good, "--dry-run")
    assert re.search(r"\b1\b", dry)
    assert demo.export() == before
    demo.ok("import-values", good)
    after = demo.export()
    assert "PHU_TAN,2024Q1,ht_staff_total,30,\n" in after
    assert "PHU_TAN_AP1,2023Q1,xh_adults,120,\n" in after
    demo.ok("import-values", good)
    assert demo.export() == after


def test_import_values_missing_file_fails_in_one_line(demo):
    demo.fails("import-values", str(demo.tmp / "khong_co.csv"))


def test_create_user(demo):
    out = demo.ok("create-user", "canbo", "--role", "editor", "--org", "PHU_TAN")
    assert "canbo" in out and len(out.strip().splitlines()) == 2  # the password, once
    out = demo.ok(
        "create-user",
        "to_ap1",
        "--role",
        "hamlet_editor",
        "--org",
        "PHU_TAN_AP1",
        "--password-stdin",
        stdin="mat-khau-du-dai\n",
    )
    assert "mat-khau-du-dai" not in out
    demo.fails("create-user", "canbo", "--role", "viewer", "--org", "PHU_TAN")


def test_create_user_refusals_are_one_line(demo):
    short = demo.fails(
        "create-user",
        "officer",
        "--role",
        "editor",
        "--org",
        "PHU_TAN",
        "--password-stdin",
        stdin="ngan\n",
    )
    assert "10" in short
    unknown = demo.fails(
        "create-user",
        "officer",
        "--role",
        "editor",
        "--org",
        "KHONG_CO",
        "--password-stdin",
        stdin="mat-khau-du-dai\n",
    )
    assert "KHONG_CO" in unknown
    demo.fails("create-user", "officer", "--role", "editor")
    demo.fails("create-user", "officer", "--role", "hamlet_editor", "--org", "PHU_TAN")
    # The refused users were not created: the name is still free.
    demo.ok("create-user", "officer", "--role", "editor", "--org", "PHU_TAN")


def test_bad_period_and_unknown_org(demo):
    assert "2024Q5" in demo.fails("scorecard", "--org", "PHU_TAN", "--period", "2024Q5")
    assert "2024Q5" in demo.fails("export-values", "--period", "2024Q5")
    demo.fails("scorecard", "--org", "PHU_TAN")  # a required option missing
    assert "KHONG_CO" in demo.fails("scorecard", "--org", "KHONG_CO", "--period", "2024Q1")
    assert "KHONG_CO" in demo.fails("export-values", "--org", "KHONG_CO")


def test_import_org_units(demo):
    good = demo.file(
        "units.csv",
        f"{OU_HEADER}AN_THOI_AP1,Ấp 1,ap,AN_THOI,,2025-06-30\n"
        "AN_THOI,Xã An Thới,xa,TAN_PHU_DONG,,2025-06-30\n",
    )
    out = demo.ok("import-org-units", good)
    assert re.search(r"\b2\b", out)
    values = demo.file("v.csv", f"{HEADER}AN_THOI_AP1,2024Q1,xh_adults,50,\n")
    demo.ok("import-values", values)
    assert demo.export("--org", "AN_THOI") == f"{HEADER}AN_THOI_AP1,2024Q1,xh_adults,50,\n"
    card = demo.ok("scorecard", "--org", "TAN_PHU_DONG", "--period", "2024Q1").splitlines()
    # The district's four communes in 2024 (Phú Tân, Phú Đông, Phú Thạnh, An Thới): one gave
    # these figures.
    assert "dvc_full_rate,73,156,46.8,80.0,not_met,1/4" in card


def test_import_org_units_bad_level_changes_nothing(demo):
    bad = demo.file(
        "units.csv",
        f"{OU_HEADER}AN_THOI,Xã An Thới,xa,TAN_PHU_DONG,,2025-06-30\n"
        "AP_SAI,Ấp sai,xa,PHU_TAN_AP1,,2025-06-30\n",
    )
    assert re.search(r"\b3\b", demo.fails("import-org-units", bad))
    assert "AN_THOI" in demo.fails("export-values", "--org", "AN_THOI")

    word = demo.file("word.csv", f"{OU_HEADER}AN_THOI,Xã An Thới,commune,TAN_PHU_DONG,,\n")
    assert re.search(r"\b2\b", demo.fails("import-org-units", word))
    assert "AN_THOI" in demo.fails("export-values", "--org", "AN_THOI")


def test_commands_before_init_fail_in_one_line(process_cli):
    cli = process_cli
    cli.fails("seed-demo")
    cli.fails("scorecard", "--org", "PHU_TAN", "--period", "2024Q1")


def test_export_to_an_unwritable_place_fails_in_one_line(demo):
    demo.fails("export-values", "--out", str(demo.tmp / "khong_co" / "x.csv"))
