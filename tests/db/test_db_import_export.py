"""The values CSV and the org-units CSV through the database: all-or-nothing, round trips,
and the demo seed that never overwrites what someone typed."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, func, select

from cds_core.errors import CdsError
from cds_core.interchange import CsvError, OrgUnitRecord, parse_org_units, parse_values
from db import demo, orgmap, orgunits, rollups, transfer, values
from db.database import get_engine, session_scope
from db.errors import PermissionDenied
from db.migrate import upgrade
from db.models import AuditEvent, DataValue, OrgUnit, Submission
from db.permissions import SYSTEM, Actor
from exported import own_rows

P = "2024Q1"
HEADER = "org_unit,period,element,value,comment\n"
OU_HEADER = "code,name,level,parent_code,valid_from,valid_to\n"


def _snapshot(engine) -> tuple[str, int, list[tuple[int, str, int]]]:
    """Everything an import may touch, read in a fresh session."""
    with session_scope(engine) as s:
        subs = s.exec(select(Submission.org_unit_id, Submission.period, Submission.version))
        return (
            transfer.export_csv(s),
            s.exec(select(func.count()).select_from(AuditEvent)).one(),
            sorted(subs.all()),
        )


def _import(engine, text: str):
    with session_scope(engine) as s:
        return transfer.import_records(s, actor=SYSTEM, records=parse_values(text))


def _demo_units() -> list[OrgUnitRecord]:
    return [OrgUnitRecord(i + 2, *row) for i, row in enumerate(demo.ORG_UNITS)]


@pytest.mark.parametrize(
    ("third_line", "column"),
    [
        ("KHONG_CO,2024Q1,ht_staff_total,5,", "org_unit"),
        ("PHU_TAN,2024Q1,ht_khong_co,5,", "element"),
        ("PHU_TAN,2024Q1,ht_pc_internet,-3,", "value"),
        ("PHU_TAN,2024Q1,ht_pc_internet,1.5,", "value"),
        ("PHU_TAN,2024Q5,ht_pc_internet,3,", "period"),
    ],
)
def test_one_bad_line_rejects_the_file(engine, demo_session, third_line, column):
    before = _snapshot(engine)
    text = f"{HEADER}PHU_TAN,2024Q1,ht_staff_total,30,\n{third_line}\n"
    with pytest.raises(CsvError) as info:
        _import(engine, text)
    assert (info.value.line, info.value.column) == (3, column)
    assert _snapshot(engine) == before


def test_a_refusal_after_earlier_saves_rolls_the_whole_file_back(engine, demo_session):
    s = demo_session
    sub = values.submission(s, orgunits.get(s, "PHU_TAN_AP2"), P)
    sub.status = "approved"
    s.add(sub)
    s.commit()
    before = _snapshot(engine)
    text = (
        f"{HEADER}PHU_TAN,2024Q1,ht_staff_total,30,\n"
        "PHU_TAN_AP1,2024Q1,xh_adults,100,\n"
        "PHU_TAN_AP2,2024Q1,xh_adults,90,\n"
    )
    with pytest.raises(CsvError) as info:
        _import(engine, text)
    assert info.value.line == 4
    assert info.value.reason.key == "err_locked"
    assert _snapshot(engine) == before


def test_importing_the_same_file_twice(engine, demo_session):
    text = (
        f"{HEADER}PHU_TAN,2024Q1,ht_staff_total,25,sửa lại\n"
        "PHU_TAN_AP1,2023Q1,xh_adults,100,\n"
        "PHU_TAN_AP1,2023Q1,xh_households,40,\n"
        "PHU_TAN,2024Q2,ld_plan_issued,có,\n"
    )
    first = _import(engine, text)
    assert (first.new, first.changed, first.unchanged) == (3, 1, 0)
    after_first = _snapshot(engine)
    second = _import(engine, text)
    assert (second.new, second.changed, second.unchanged) == (0, 0, 4)
    assert _snapshot(engine) == after_first


def test_the_seed_file_reimports_unchanged(engine, demo_session):
    text = demo.SEED_VALUES.read_text(encoding="utf-8")
    summary = _import(engine, text)
    assert summary.new == summary.changed == 0
    assert summary.unchanged == len(parse_values(text))


def test_export_import_export_is_byte_identical(engine, demo_session, tmp_path):
    s = demo_session
    values.save(
        s,
        actor=SYSTEM,
        org_code="PHU_TAN",
        period=P,
        entries={"ht_bandwidth_mbps": "12,5", "ld_steering_meetings": None, "nl_it_dedicated": 1},
        comments={"ld_steering_meetings": "Báo cáo không ghi", "nl_it_dedicated": 'có "dấu", phẩy'},
    )
    for code, adults in {"PHU_TAN_AP1": 130, "PHU_TAN_AP4": 75}.items():
        values.save(s, actor=SYSTEM, org_code=code, period="2024Q2", entries={"xh_adults": adults})
    s.commit()
    exported = transfer.export_csv(s)
    assert exported.startswith(HEADER)
    assert "PHU_TAN,2024Q1,ld_steering_meetings,,Báo cáo không ghi\n" in exported
    assert "PHU_TAN,2024Q1,ht_bandwidth_mbps,12.5," in exported

    other = get_engine(f"sqlite:///{tmp_path / 'b.db'}")
    try:
        upgrade(other)
        with session_scope(other) as b:
            orgunits.upsert(b, actor=SYSTEM, records=_demo_units())
        summary = _import(other, exported)
        assert summary.changed == summary.unchanged == 0
        assert summary.new == len(parse_values(exported))
        with session_scope(other) as b:
            assert transfer.export_csv(b) == exported
            assert transfer.export_csv(
                b, org_code="PHU_TAN", period="2024Q2"
            ) == transfer.export_csv(s, org_code="PHU_TAN", period="2024Q2")
    finally:
        other.dispose()


def test_export_of_the_demo_is_the_seed_file(demo_session):
    seed = demo.SEED_VALUES.read_text(encoding="utf-8")

    # The demo's hamlets have figures of their own (db/demo/hamlets_2024q1.csv): compare the
    # commune's own rows.
    def own(**scope) -> str:
        return own_rows(transfer.export_csv(demo_session, **scope), "PHU_TAN")

    assert own(org_code="PHU_TAN", period=P) == seed
    assert own(org_code="TIEN_GIANG") == seed
    assert own(org_code="PHU_TAN_AP1") == HEADER
    assert transfer.export_csv(demo_session, period="2024Q2") == HEADER


def _upsert(session: Session, text: str) -> tuple[int, int]:
    return orgunits.upsert(session, actor=SYSTEM, records=parse_org_units(text))


def _check_paths(session: Session) -> None:
    units = {u.id: u for u in orgunits.all_units(session)}
    for unit in units.values():
        parent = units.get(unit.parent_id)
        assert unit.path == f"{parent.path if parent else '/'}{unit.id}/", unit.code


def test_org_units_parents_may_come_later(session):
    text = (
        f"{OU_HEADER}AP_X,Ấp X,ap,XA_X,2020-01-01,2025-06-30\n"
        "XA_X,Xã X,xa,HUYEN_X,2020-01-01,2025-06-30\n"
        "XA_Y,Xã Y,xa,HUYEN_X,,2025-06-30\n"
        "HUYEN_X,Huyện X,huyen,TINH_X,,2025-06-30\n"
        "TINH_X,Tỉnh X,tinh,,,\n"
    )
    assert _upsert(session, text) == (5, 0)
    session.commit()
    _check_paths(session)
    tinh = orgunits.get(session, "TINH_X")
    xa = orgunits.get(session, "XA_X")
    codes = [u.code for u in orgunits.descendants(session, tinh)]
    assert codes[0] == "TINH_X" and sorted(codes) == ["AP_X", "HUYEN_X", "TINH_X", "XA_X", "XA_Y"]
    assert [u.code for u in orgunits.descendants(session, xa)] == ["XA_X", "AP_X"]
    chain = orgmap.chain_on(session, xa, date(2024, 1, 1))
    assert [u.code for u, _ in chain] == ["TINH_X", "HUYEN_X", "XA_X"]
    assert [u.code for u in orgunits.children(session, orgunits.get(session, "HUYEN_X"))] == [
        "XA_X",
        "XA_Y",
    ]
    assert str(xa.valid_from) == "2020-01-01"
    # The same file again changes nothing.
    assert _upsert(session, text) == (0, 0)
    session.commit()
    _check_paths(session)


def test_org_units_unknown_parent_is_refused_with_its_line(session):
    text = f"{OU_HEADER}TINH_X,Tỉnh X,tinh,,,\nXA_X,Xã X,xa,KHONG_CO,,\n"
    with pytest.raises(CsvError) as info:
        _upsert(session, text)
    assert (info.value.line, info.value.column) == (3, "parent_code")
    assert info.value.reason.key == "err_org_not_found"


@pytest.mark.parametrize(
    "bad",
    [
        "XA_Z,Xã Z,xa,AP_X,,",  # a commune under a hamlet
        "XA_Z,Xã Z,xa,XA_X,,",  # a commune under a commune
        "XA_Z,Xã Z,tinh,HUYEN_X,,",  # a province under a district
    ],
)
def test_org_units_level_must_be_below_the_parent(session, bad):
    base = (
        f"{OU_HEADER}TINH_X,Tỉnh X,tinh,,,\nHUYEN_X,Huyện X,huyen,TINH_X,,\n"
        "XA_X,Xã X,xa,HUYEN_X,,\nAP_X,Ấp X,ap,XA_X,,\n"
    )
    with pytest.raises(CsvError) as info:
        _upsert(session, base + bad + "\n")
    assert (info.value.line, info.value.column) == (6, "level")
    assert info.value.reason.key == "err_org_level_order"


def test_moving_a_unit_carries_its_whole_subtree(demo_session):
    s = demo_session
    values_before = transfer.export_csv(s, org_code="TAN_PHU_DONG")
    text = (
        f"{OU_HEADER}LONG_AN,Tỉnh Long An,tinh,,,\n"
        "TAN_PHU_DONG,Huyện Tân Phú Đông,huyen,LONG_AN,,\n"
    )
    assert _upsert(s, text) == (1, 1)
    s.commit()
    _check_paths(s)
    long_an = orgunits.get(s, "LONG_AN")
    moved = [u.code for u in orgunits.descendants(s, long_an)]
    # The tree as it stands: the district's communes (the hamlets are Tân Phú Đông's now).
    assert sorted(moved) == ["LONG_AN", "PHU_DONG", "PHU_TAN", "PHU_THANH", "TAN_PHU_DONG"]
    assert [u.code for u in orgunits.descendants(s, orgunits.get(s, "TIEN_GIANG"))] == [
        "TIEN_GIANG"
    ]
    # The values went with the units.
    assert transfer.export_csv(s, org_code="LONG_AN") == values_before
    hamlet = rollups.rollup(s, orgunits.get(s, "LONG_AN"), P)
    assert hamlet["ht_staff_total"] == 22


def test_org_units_are_admin_only(session):
    with pytest.raises(PermissionDenied):
        orgunits.upsert(
            session, actor=Actor("x", "editor", "/1/"), records=parse_org_units(OU_HEADER)
        )


def test_demo_seed_is_idempotent(demo_session):
    s = demo_session
    rows = s.exec(select(func.count()).select_from(DataValue)).one()
    units = s.exec(select(func.count()).select_from(OrgUnit)).one()
    version = values.submission(s, orgunits.get(s, "PHU_TAN"), P).version
    summary = demo.seed(s)
    s.commit()
    assert (summary.new, summary.changed) == (0, 0)
    assert s.exec(select(func.count()).select_from(DataValue)).one() == rows
    assert s.exec(select(func.count()).select_from(OrgUnit)).one() == units
    assert values.submission(s, orgunits.get(s, "PHU_TAN"), P).version == version


def test_demo_seed_never_overwrites_a_changed_value(demo_session):
    s = demo_session
    values.save(s, actor=SYSTEM, org_code="PHU_TAN", period=P, entries={"ht_staff_total": "25"})
    s.commit()
    demo.seed(s)
    s.commit()
    cells = values.unit_values(s, orgunits.get(s, "PHU_TAN"), P)
    assert cells["ht_staff_total"].value == 25
    hamlets = [u for u in orgunits.all_units(s) if u.level == "ap"]
    assert hamlets and all(u.is_demo for u in hamlets)
    assert not orgunits.get(s, "PHU_TAN").is_demo


def test_an_empty_values_file_is_refused():
    with pytest.raises(CdsError):
        parse_values("")
