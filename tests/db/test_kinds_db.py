"""Kinds on the database (SQLite and PostgreSQL): the kind column is kept per version, a bare
name given with its kind is stored with the kind's word, and a report is headed by its unit's
kind and titled after its province in the quarter."""

from __future__ import annotations

from cds_core.interchange import parse_org_units
from db import orgmap, orgunits, reports
from db.permissions import SYSTEM

MAP = (
    "code,name,level,parent_code,valid_from,valid_to,predecessors,kind\n"
    "82,Tỉnh Tiền Giang,tinh,,,2025-06-30,,\n"
    "82,Tỉnh Đồng Tháp,tinh,,2025-07-01,,82,\n"
    "28696,Xã Phú Thạnh,xa,82,,2025-06-30,,\n"
    "28696,Xã Tân Phú Đông,xa,82,2025-07-01,,28696,\n"
    "30001,Xã Mỹ Phong,xa,82,,2025-06-30,,\n"
    "30001,Mỹ Phong,xa,82,2025-07-01,,,phuong\n"
    "2869601,1,ap,28696,2025-07-01,,,khu_pho\n"
)


def load(session):
    orgunits.upsert(session, actor=SYSTEM, records=parse_org_units(MAP))
    session.commit()


def test_kinds_are_kept_per_version_and_name_the_unit(session):
    load(session)
    ward = orgunits.get(session, "30001")
    assert (ward.name, ward.kind) == ("Phường Mỹ Phong", "phuong")
    assert [(v.name, v.kind) for v in orgmap.load(session)["30001"].versions] == [
        ("Xã Mỹ Phong", "xa"), ("Phường Mỹ Phong", "phuong")
    ]  # fmt: skip
    hamlet = orgunits.get(session, "2869601")
    assert (hamlet.name, hamlet.kind) == ("Khu phố 1", "khu_pho")
    # Under the official code of the commune holding it on the hamlet's first day.
    assert hamlet.parent_id == orgunits.resolve(session, "28696", period="2025Q3").id


def test_a_file_without_the_kind_column_keeps_the_kinds_recorded(session):
    load(session)
    orgunits.upsert(session, actor=SYSTEM, records=parse_org_units(
        "code,name,level,parent_code,valid_from,valid_to\n"
        "30001,Xã Mỹ Phong,xa,82,,2025-06-30\n30001,Phường Mỹ Phong,xa,82,2025-07-01,\n"
    ))  # fmt: skip
    assert orgunits.get(session, "30001").kind == "phuong"


def test_a_wards_report_is_headed_by_its_kind_and_its_province_then(session):
    load(session)
    ward = reports.build(session, "30001", "2025Q3")
    assert ward.header.issuer_lines == ("ỦY BAN NHÂN DÂN", "PHƯỜNG MỸ PHONG")
    assert ward.header.parent_authority == "UBND TỈNH ĐỒNG THÁP"
    assert "Tiền Giang" not in ward.subject and "tỉnh Đồng Tháp" in ward.subject
    assert reports.load_meta(session, "30001", "2025Q3").recipients == (
        "UBND tỉnh Đồng Tháp", "Lưu: VT"
    )  # fmt: skip
    # The same code a quarter before the break: a xã of Tiền Giang, under its resolution.
    before = reports.build(session, "30001", "2025Q2")
    assert before.header.issuer_lines == ("ỦY BAN NHÂN DÂN", "XÃ MỸ PHONG")
    assert "tỉnh Tiền Giang" in before.subject


def test_the_demo_new_communes_first_quarter_is_not_titled_after_tien_giang(demo_session):
    report = reports.build(demo_session, "XA_TAN_PHU_DONG", "2025Q3")
    assert "Tiền Giang" not in report.subject + report.closing
    assert report.header.parent_authority == "UBND TỈNH ĐỒNG THÁP"
