"""The values write path: save with versions and audit, refusals that write nothing, roll-ups."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from cds_core.interchange import OrgUnitRecord
from cds_core.status import Status
from db import audit, orgmap, orgunits, rollups, scorecards, values
from db.errors import Conflict, FieldErrors, Locked
from db.models import AuditEvent, DataValue, OrgUnit
from db.permissions import SYSTEM, Actor

P = "2024Q1"
LAN = Actor("lan", "admin", None)
MAI = Actor("mai", "admin", None)


def _cells(session, code: str, period: str = P) -> dict[str, values.Cell]:
    return values.unit_values(session, orgunits.get(session, code), period)


def _version(session, code: str, period: str = P) -> int:
    return values.submission(session, orgunits.get(session, code), period).version


def _audit_count(session) -> int:
    return len(session.exec(select(AuditEvent)).all())


def _row(rows, indicator: str):
    return next(r for r in rows if r.indicator == indicator)


def test_save_writes_bumps_version_and_audits_each_changed_cell(demo_session):
    s = demo_session
    before = _version(s, "PHU_TAN")
    result = values.save(
        s,
        actor=LAN,
        org_code="PHU_TAN",
        period=P,
        entries={"ht_staff_total": "23", "ld_steering_meetings": "2", "ht_staff_with_pc": "21"},
        expected_version=before,
        reason="sửa số liệu",
    )
    s.commit()
    assert result.version == before + 1 == _version(s, "PHU_TAN")
    assert result.changed == ["ht_staff_total"]
    assert result.new == ["ld_steering_meetings"]
    assert result.unchanged == ["ht_staff_with_pc"]
    cells = _cells(s, "PHU_TAN")
    assert cells["ht_staff_total"].value == 23
    assert cells["ld_steering_meetings"].value == 2
    row = s.exec(select(DataValue).where(DataValue.element == "ht_staff_total")).one()
    assert row.updated_by == "lan"

    events = audit.history(s, org_unit="PHU_TAN", period=P, since_version=before)
    by_element = {e.element: e for e in events}
    assert set(by_element) == {"ht_staff_total", "ld_steering_meetings"}
    staff = by_element["ht_staff_total"]
    assert (staff.old_value, staff.new_value, staff.username, staff.version) == (
        "22",
        "23",
        "lan",
        before + 1,
    )
    assert staff.action == "value" and staff.reason == "sửa số liệu"
    meetings = by_element["ld_steering_meetings"]
    assert (meetings.old_value, meetings.new_value) == (None, "2")


def test_saving_the_same_values_again_changes_nothing(demo_session):
    s = demo_session
    entries = {"ht_staff_total": "23", "ld_plan_issued": "có", "nl_it_qualification": "Tin học B"}
    first = values.save(s, actor=LAN, org_code="PHU_TAN", period=P, entries=entries)
    s.commit()
    events, version = _audit_count(s), _version(s, "PHU_TAN")
    again = values.save(s, actor=MAI, org_code="PHU_TAN", period=P, entries=entries)
    s.commit()
    assert again.version == first.version == version == _version(s, "PHU_TAN")
    assert again.new == again.changed == []
    assert sorted(again.unchanged) == sorted(entries)
    assert _audit_count(s) == events


def test_clearing_a_cell(demo_session):
    s = demo_session
    before = _version(s, "PHU_TAN")
    result = values.save(s, actor=LAN, org_code="PHU_TAN", period=P, entries={"ht_lan_pcs": ""})
    s.commit()
    assert result.changed == ["ht_lan_pcs"] and result.version == before + 1
    assert "ht_lan_pcs" not in _cells(s, "PHU_TAN")
    (event,) = audit.history(s, org_unit="PHU_TAN", element="ht_lan_pcs", since_version=before)
    assert (event.old_value, event.new_value, event.version) == ("1", None, before + 1)

    # A cleared cell that carries a comment keeps the comment.
    values.save(s, actor=LAN, org_code="PHU_TAN", period=P, entries={"ht_pc_broadband": None})
    s.commit()
    cell = _cells(s, "PHU_TAN")["ht_pc_broadband"]
    assert cell.value is None and cell.comment.startswith("Báo cáo ghi 35")


def test_a_comment_alone_on_an_empty_cell_is_kept(demo_session):
    s = demo_session
    result = values.save(
        s,
        actor=LAN,
        org_code="PHU_TAN",
        period=P,
        entries={"ld_steering_meetings": None},
        comments={"ld_steering_meetings": "Báo cáo không ghi số cuộc họp"},
    )
    s.commit()
    assert result.new == ["ld_steering_meetings"]
    cell = _cells(s, "PHU_TAN")["ld_steering_meetings"]
    assert cell == values.Cell(None, "Báo cáo không ghi số cuộc họp")


def test_bad_input_names_every_bad_code_and_writes_nothing(demo_session):
    s = demo_session
    cells, version, events = _cells(s, "PHU_TAN"), _version(s, "PHU_TAN"), _audit_count(s)
    with pytest.raises(FieldErrors) as info:
        values.save(
            s,
            actor=LAN,
            org_code="PHU_TAN",
            period=P,
            entries={
                "ht_staff_total": "-1",
                "ht_staff_with_pc": "hai mươi",
                "ht_pc_internet": "1,5",
                "ht_bandwidth_mbps": "150",  # good, but must not be written either
                "em_regular_use_pct": "120",
            },
        )
    s.rollback()
    assert set(info.value.errors) == {
        "ht_staff_total",
        "ht_staff_with_pc",
        "ht_pc_internet",
        "em_regular_use_pct",
    }
    assert info.value.errors["ht_staff_total"].key == "err_negative"
    assert info.value.errors["ht_staff_with_pc"].key == "err_not_number"
    assert info.value.errors["ht_pc_internet"].key == "err_not_integer"
    assert _cells(s, "PHU_TAN") == cells
    assert _version(s, "PHU_TAN") == version
    assert _audit_count(s) == events


def test_stale_version_raises_conflict_listing_the_other_changes(demo_session):
    s = demo_session
    loaded = _version(s, "PHU_TAN")
    values.save(
        s,
        actor=MAI,
        org_code="PHU_TAN",
        period=P,
        entries={"ht_staff_total": "24", "ht_lan_pcs": "3"},
        expected_version=loaded,
    )
    s.commit()
    cells, events = _cells(s, "PHU_TAN"), _audit_count(s)
    with pytest.raises(Conflict) as info:
        values.save(
            s,
            actor=LAN,
            org_code="PHU_TAN",
            period=P,
            entries={"ht_staff_total": "23", "ht_wan_pcs": "30"},
            expected_version=loaded,
        )
    s.rollback()
    conflict = info.value
    assert conflict.current_version == loaded + 1
    changes = {c.element: c for c in conflict.changes}
    assert set(changes) == {"ht_staff_total", "ht_lan_pcs"}
    assert changes["ht_staff_total"].old == "22"
    assert changes["ht_staff_total"].new == "24"
    assert changes["ht_staff_total"].by == "mai"
    assert conflict.params["count"] == 2
    assert _cells(s, "PHU_TAN") == cells
    assert _version(s, "PHU_TAN") == loaded + 1
    assert _audit_count(s) == events


def test_approved_submission_is_locked(demo_session):
    s = demo_session
    sub = values.submission(s, orgunits.get(s, "PHU_TAN"), P)
    sub.status = "approved"
    s.add(sub)
    s.commit()
    cells, version, events = _cells(s, "PHU_TAN"), _version(s, "PHU_TAN"), _audit_count(s)
    with pytest.raises(Locked):
        values.save(s, actor=SYSTEM, org_code="PHU_TAN", period=P, entries={"ht_staff_total": 1})
    s.rollback()
    assert _cells(s, "PHU_TAN") == cells
    assert _version(s, "PHU_TAN") == version
    assert _audit_count(s) == events


def test_rollup_of_a_commune_sums_the_commune_and_its_hamlets(demo_session):
    s = demo_session
    # Two hamlets with figures, the demo's other two emptied.
    hamlets = {
        "PHU_TAN_AP1": (120, 90),
        "PHU_TAN_AP2": (None, None),
        "PHU_TAN_AP3": (80, 41),
        "PHU_TAN_AP4": (None, None),
    }
    for code, (adults, smartphone) in hamlets.items():
        values.save(
            s,
            actor=SYSTEM,
            org_code=code,
            period=P,
            entries={"xh_adults": adults, "xh_smartphone_adults": smartphone},
        )
    s.commit()
    unit = orgunits.get(s, "PHU_TAN")
    rolled = rollups.rollup(s, unit, P)

    # The same sums computed in Python from every unit's own cells: the commune and the four
    # hamlets it had in 2024 (they have moved to Tân Phú Đông since).
    sums: dict[str, float] = {}
    for u in [unit, *(orgunits.get(s, code) for code in hamlets)]:
        for code, cell in values.unit_values(s, u, P).items():
            if isinstance(cell.value, float) and code != "em_regular_use_pct":
                sums[code] = sums.get(code, 0.0) + cell.value
    assert {k: v for k, v in rolled.items() if k != "em_regular_use_pct"} == sums
    assert rolled["xh_adults"] == 200
    assert rolled["xh_smartphone_adults"] == 131
    assert rolled["ht_staff_total"] == 22

    row = _row(scorecards.for_unit(s, "PHU_TAN", P), "xh_smartphone_rate")
    assert (row.value.numerator, row.value.denominator) == (131, 200)
    assert row.value.rate == pytest.approx(65.5)
    # Two hamlets of four reported it.
    assert row.coverage.text() == "2/4"


def test_a_pct_element_rolls_up_as_an_average(demo_session):
    s = demo_session
    values.save(
        s, actor=SYSTEM, org_code="PHU_TAN_AP2", period=P, entries={"em_regular_use_pct": "84,5"}
    )
    s.commit()
    rolled = rollups.rollup(s, orgunits.get(s, "PHU_TAN"), P)
    assert rolled["em_regular_use_pct"] == pytest.approx((95 + 84.5) / 2)


def test_two_communes_roll_up_as_sums_not_an_average_of_rates(session):
    records = [
        OrgUnitRecord(2, "TG", "Tỉnh Tiền Giang", "tinh", None, None, None),
        OrgUnitRecord(3, "TPD", "Huyện Tân Phú Đông", "huyen", "TG", None, None),
        OrgUnitRecord(4, "XA_A", "Xã A", "xa", "TPD", None, None),
        OrgUnitRecord(5, "XA_B", "Xã B", "xa", "TPD", None, None),
    ]
    assert orgunits.upsert(session, actor=SYSTEM, records=records) == (4, 0)
    for code, (smartphone, adults) in {"XA_A": (1, 2), "XA_B": (90, 100)}.items():
        values.save(
            session,
            actor=SYSTEM,
            org_code=code,
            period=P,
            entries={"xh_smartphone_adults": smartphone, "xh_adults": adults},
        )
    session.commit()
    row = _row(scorecards.for_unit(session, "TPD", P), "xh_smartphone_rate")
    assert (row.value.numerator, row.value.denominator) == (91, 102)
    assert row.value.rate == pytest.approx(91 / 102 * 100)
    assert row.as_record()["value"] == "89.2"  # the average of 50% and 90% would be 70%
    province = _row(scorecards.for_unit(session, "TG", P), "xh_smartphone_rate")
    assert (province.value.numerator, province.value.denominator) == (91, 102)


def test_scorecard_of_the_demo(demo_session):
    rows = scorecards.for_unit(demo_session, "PHU_TAN", P)
    full = _row(rows, "dvc_full_rate")
    assert full.status is Status.NOT_MET
    assert round(full.value.rate, 1) == 46.8
    assert (full.value.numerator, full.value.denominator) == (73, 156)
    assert _row(rows, "dvc_online_dossier_rate").status is Status.MET
    # The district holds only Phú Tân, so its scorecard is the same.
    district = scorecards.for_unit(demo_session, "TAN_PHU_DONG", P)
    assert [r.as_record()["value"] for r in district] == [r.as_record()["value"] for r in rows]


def test_hamlets_were_below_phu_tan_and_moved_to_the_new_commune(demo_session):
    units = demo_session.exec(select(OrgUnit).where(OrgUnit.level == "ap")).all()
    assert len(units) == 4
    the_map = orgmap.load(demo_session)
    for unit in units:
        versions = the_map[unit.code].versions
        assert [(v.parent, v.valid_to) for v in versions] == [
            ("PHU_TAN", date(2025, 6, 30)),
            ("XA_TAN_PHU_DONG", None),
        ]
    new = orgunits.get(demo_session, "XA_TAN_PHU_DONG")
    assert all(u.parent_id == new.id and u.path.startswith(new.path) for u in units)


def test_a_conflict_counts_the_real_change_and_marks_stocks_carried_over(demo_session):
    s = demo_session
    q2 = "2024Q2"
    # Mai saves Q2 as the form opens it (Q1's stocks carried over) with one figure changed.
    stocks = ("ht_staff_total", "ht_staff_with_pc", "em_accounts", "cks_org")
    q1 = _cells(s, "PHU_TAN")
    entries = {c: str(int(q1[c].value)) for c in stocks} | {"vb_out_total": "90", "cks_org": "2"}
    values.save(s, actor=MAI, org_code="PHU_TAN", period=q2, entries=entries, expected_version=0)
    s.commit()
    with pytest.raises(Conflict) as info:
        values.save(s, actor=LAN, org_code="PHU_TAN", period=q2,
                    entries={"vb_out_total": "91"}, expected_version=0)  # fmt: skip
    s.rollback()
    conflict = info.value
    assert conflict.params["count"] == 2  # vb_out_total is new, cks_org went from 1 to 2
    real = {c.element for c in conflict.changes if not c.carried}
    assert real == {"vb_out_total", "cks_org"}
    assert {c.element for c in conflict.changes if c.carried} == {
        "ht_staff_total",
        "ht_staff_with_pc",
        "em_accounts",
    }
