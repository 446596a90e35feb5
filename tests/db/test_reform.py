"""Through the 2025 reform on the database (SQLite and PostgreSQL): merged communes and
provinces show one series across the break, an old unit keeps its history, a hamlet moves and
keeps everything, a split is not comparable, every rollup says how complete it is, targets
pass their deadline, reports are headed as in their quarter, and a bad map writes nothing."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from sqlmodel import func, select

from apptest import actor
from cds_core.errors import CdsError
from cds_core.interchange import CsvError, parse_org_units
from cds_core.periods import Period
from cds_core.progress import Pace
from cds_core.status import Status
from db import hamlets, orgmap, orgunits, reports, scorecards, targets, transfer, values
from db.errors import PermissionDenied
from db.models import DataValue, OrgUnit, OrgUnitLineage, OrgUnitMember, OrgUnitVersion
from db.permissions import SYSTEM
from db.trends import children, history

OU = "code,name,level,parent_code,valid_from,valid_to,predecessors\n"
NEW = "XA_TAN_PHU_DONG"


def row(rows, indicator: str):
    return next(r for r in rows if r.indicator == indicator)


def card(session, org: str, period: str) -> dict[str, tuple]:
    """indicator → (numerator, denominator, coverage) of a scorecard."""
    return {
        r.indicator: (r.value.numerator, r.value.denominator, r.coverage and r.coverage.text())
        for r in scorecards.for_unit(session, org, period)
    }


def save(session, org: str, period: str, **entries) -> None:
    values.save(session, actor=SYSTEM, org_code=org, period=period, entries=entries)


def upsert(session, text: str):
    return orgunits.upsert(session, actor=SYSTEM, records=parse_org_units(OU + text))


# -- one series across the break ---------------------------------------------------------------


def test_the_merged_commune_before_it_existed_is_phu_tans_figures_with_coverage_1_of_3(
    demo_session,
):
    new, old = card(demo_session, NEW, "2024Q1"), card(demo_session, "PHU_TAN", "2024Q1")
    # The demo has no figures for Phú Đông and Phú Thạnh: a real committee sees exactly this.
    assert new["dvc_full_rate"] == (73, 156, "1/3")
    assert old["dvc_full_rate"] == (73, 156, "1/1")
    # Hamlet figures: Phú Tân's four hamlets reported; the other two communes have no hamlet
    # on the map, so each should have reported its own.
    assert new["xh_fiber_rate"] == (*old["xh_fiber_rate"][:2], "4/6")
    assert old["xh_fiber_rate"][2] == "4/4"
    # Derived, never stored as the new commune's values.
    new_id = orgunits.get(demo_session, NEW).id
    stored = select(func.count()).select_from(DataValue).where(DataValue.org_unit_id == new_id)
    assert demo_session.exec(stored).one() == 0


def test_the_new_province_before_the_break_is_everything_under_both_old_provinces(demo_session):
    s = demo_session
    upsert(s, "CAO_LANH,Xã Mỹ Trà,xa,DONG_THAP_CU,,2025-06-30,\n")
    save(s, "CAO_LANH", "2024Q1", dvc_tthc_full="10", dvc_tthc_total="44")
    s.commit()
    # Phú Tân (Tiền Giang) 73/156 plus Mỹ Trà (Đồng Tháp cũ) 10/44; four communes then.
    assert card(s, "DONG_THAP", "2024Q1")["dvc_full_rate"] == (83, 200, "2/4")
    assert card(s, "TIEN_GIANG", "2024Q1")["dvc_full_rate"] == (73, 156, "1/3")
    # The comparison of the new province in 2024 lists the two provinces it was formed from.
    parts = children(s, "DONG_THAP", "2024Q1")
    assert [(c.code, row(c.rows, "dvc_full_rate").value.numerator) for c in parts] == [
        ("DONG_THAP_CU", 10), ("TIEN_GIANG", 73)
    ]  # fmt: skip


def test_an_old_unit_keeps_its_own_history_and_figures_belong_to_the_unit_in_force(demo_session):
    s = demo_session
    assert card(s, "PHU_TAN", "2024Q1")["ht_staff_pc_rate"] == (21, 22, "1/1")
    with pytest.raises(CdsError, match="err_org_not_in_force"):
        save(s, "PHU_TAN", "2025Q3", ht_staff_total="20")
    with pytest.raises(CdsError, match="err_org_not_in_force"):
        save(s, NEW, "2025Q2", ht_staff_total="20")
    save(s, NEW, "2025Q3", ht_staff_total="40", ht_staff_with_pc="40")
    s.commit()
    assert card(s, NEW, "2025Q3")["ht_staff_pc_rate"] == (40, 40, "1/1")
    assert card(s, "PHU_TAN", "2025Q3")["ht_staff_pc_rate"] == (None, None, "0/0")
    # The trend of the new commune: Phú Tân's sums before, its own after.
    past = history(s, NEW, "ht_staff_pc_rate")
    assert [(p.code, r[0].value.numerator, r[0].coverage.text()) for p, r in past.items()] == [
        ("2024Q1", 21, "1/3"), ("2025Q3", 40, "1/1")
    ]  # fmt: skip
    lineage = orgmap.lineage(s, orgunits.get(s, NEW))
    assert lineage.start == Period(2025, 3)
    assert [name for _, name in lineage.predecessors] == ["Xã Phú Đông", "Xã Phú Tân",
                                                          "Xã Phú Thạnh"]  # fmt: skip
    assert lineage.basis(Period(2024, 1)) == "predecessors"
    assert orgmap.lineage(s, orgunits.get(s, "PHU_TAN")).basis(Period(2025, 3)) == "ended"


def test_a_continuation_under_a_new_code_carries_the_whole_series(session):
    upsert(session, "OLD,Xã Cũ,xa,,,2025-06-30,\nNEW,Phường Mới,xa,,2025-07-01,,OLD\n")
    save(session, "OLD", "2024Q4", dvc_dossiers_online="9", dvc_dossiers_total="10")
    session.commit()
    assert card(session, "NEW", "2024Q4")["dvc_online_dossier_rate"] == (9, 10, "1/1")


def test_a_split_is_recorded_and_its_history_is_not_comparable(session):
    upsert(
        session,
        "OLD,Xã Bị Chia,xa,,,2025-06-30,\n"
        "LEFT,Xã Một,xa,,2025-07-01,,OLD\n"
        "RIGHT,Xã Hai,xa,,2025-07-01,,OLD\n",
    )
    save(session, "OLD", "2024Q4", dvc_dossiers_online="9", dvc_dossiers_total="10")
    session.commit()
    left = scorecards.for_unit(session, "LEFT", "2024Q4")
    assert all(not r.comparable and r.value.rate is None and r.coverage is None for r in left)
    assert all(r.status is Status.NO_DATA for r in left if r.target is not None)
    lineage = orgmap.lineage(session, orgunits.get(session, "LEFT"))
    assert lineage.basis(Period(2024, 4)) == "not_comparable"
    assert lineage.not_comparable_until == Period(2025, 2)
    assert history(session, "LEFT") == {}  # nothing shared out by guess
    # The old unit keeps its own history.
    assert card(session, "OLD", "2024Q4")["dvc_online_dossier_rate"] == (9, 10, "1/1")
    assert [c for c, _ in orgmap.lineage(session, orgunits.get(session, "OLD")).successors] == [
        "LEFT", "RIGHT"
    ]  # fmt: skip


# -- a hamlet that moves keeps its history, roster, log and users --------------------------------


def test_a_hamlet_that_moved_keeps_its_history_roster_log_and_users(demo_session):
    s = demo_session
    team = actor(s, "team1", "hamlet_editor", "PHU_TAN_AP1")
    old_officer = actor(s, "officer", "editor", "PHU_TAN")
    new_officer = actor(s, "moi", "editor", NEW)
    # Its 2024 figures count in Phú Tân's, its figures after the move in Tân Phú Đông's.
    values.save(s, actor=team, org_code="PHU_TAN_AP1", period="2025Q3",
                entries={"xh_households": "500", "xh_fiber_households": "450"})  # fmt: skip
    s.commit()
    assert [h.code for h in hamlets.hamlets_then(s, "PHU_TAN", "2024Q1")] == [
        f"PHU_TAN_AP{i}" for i in range(1, 5)
    ]
    assert hamlets.hamlets_then(s, "PHU_TAN", "2025Q3") == []
    assert card(s, NEW, "2025Q3")["xh_fiber_rate"] == (450, 500, "1/4")
    assert card(s, "PHU_TAN", "2025Q3")["xh_fiber_rate"][2] == "0/0"
    # Roster and log are still the hamlet's, and its own team and both communes' officers
    # may keep them (the old commune's officers share the hamlet's history).
    assert len(hamlets.members(s, actor=team, hamlet_code="PHU_TAN_AP1")) == 6
    assert hamlets.activities(s, actor=team, hamlet_code="PHU_TAN_AP1", period="2024Q1")
    for who in (team, old_officer, new_officer):
        assert hamlets.may_keep_team(who, orgunits.get(s, "PHU_TAN_AP1"))
    # The new commune's officers reach the old communes' history; the old commune's do not
    # reach the new commune.
    assert {"PHU_TAN", "PHU_DONG", "PHU_THANH", "PHU_TAN_AP1"} <= new_officer.reach
    assert NEW not in old_officer.reach
    values.save(s, actor=new_officer, org_code="PHU_TAN", period="2024Q1",
                entries={"ld_steering_meetings": "2"})  # fmt: skip
    with pytest.raises(PermissionDenied):
        values.save(s, actor=old_officer, org_code=NEW, period="2025Q3",
                    entries={"ht_staff_total": "30"})  # fmt: skip


# -- coverage -----------------------------------------------------------------------------------


def test_one_hamlet_of_four_reporting_says_so(demo_session):
    # The new user's case: in Q2/2024 only Ấp 1 had sent figures.
    save(demo_session, "PHU_TAN_AP1", "2024Q2", xh_adults="1472", xh_smartphone_adults="1260")
    demo_session.commit()
    smartphone = row(scorecards.for_unit(demo_session, "PHU_TAN", "2024Q2"), "xh_smartphone_rate")
    assert (smartphone.value.numerator, smartphone.value.denominator) == (1260, 1472)
    assert smartphone.coverage.text() == "1/4" and smartphone.coverage.partial
    # The commune's own indicators: nothing from the commune this quarter.
    assert (
        row(scorecards.for_unit(demo_session, "PHU_TAN", "2024Q2"), "dvc_full_rate").coverage.text()
        == "0/1"
    )


def test_a_rate_whose_numerator_is_missing_in_one_unit_is_not_diluted(demo_session):
    s = demo_session
    save(s, "PHU_TAN_AP1", "2024Q2", xh_adults="100", xh_smartphone_adults="80")
    save(s, "PHU_TAN_AP2", "2024Q2", xh_adults="200")  # no smartphone count
    s.commit()
    smartphone = row(scorecards.for_unit(s, "PHU_TAN", "2024Q2"), "xh_smartphone_rate")
    # 80/100, never 80/300: the hamlet that gave only the denominator is left out.
    assert (smartphone.value.numerator, smartphone.value.denominator) == (80, 100)
    assert smartphone.value.rate == pytest.approx(80.0)
    assert smartphone.coverage.text() == "1/4"
    # Without any unit giving both, the counts that exist are shown and the rate is no data.
    save(s, "PHU_TAN_AP1", "2024Q2", xh_smartphone_adults=None)
    s.commit()
    smartphone = row(scorecards.for_unit(s, "PHU_TAN", "2024Q2"), "xh_smartphone_rate")
    assert (smartphone.value.denominator, smartphone.status) == (300, Status.NO_DATA)


def test_the_export_of_the_new_commune_is_what_counts_in_it_under_the_units_that_reported(
    demo_session,
):
    exported = transfer.export_csv(demo_session, org_code=NEW, period="2024Q1")
    orgs = {r["org_unit"] for r in csv.DictReader(io.StringIO(exported))}
    assert orgs == {"PHU_TAN", "PHU_TAN_AP1", "PHU_TAN_AP2", "PHU_TAN_AP3", "PHU_TAN_AP4"}
    assert exported == transfer.export_csv(demo_session, org_code="PHU_TAN", period="2024Q1")


# -- after a deadline ---------------------------------------------------------------------------


def test_after_the_deadline_year_near_is_not_met_until_a_next_horizon_target(demo_session):
    s = demo_session
    for period in ("2025Q3", "2026Q1"):
        save(s, NEW, period, dvc_tthc_full="70", dvc_tthc_total="100")
    s.commit()
    in_2025 = row(scorecards.for_unit(s, NEW, "2025Q3"), "dvc_full_rate")
    in_2026 = row(scorecards.for_unit(s, NEW, "2026Q1"), "dvc_full_rate")
    assert (in_2025.status, in_2026.status) == (Status.NEAR, Status.NOT_MET)  # T1: ≥ 80 by 2025
    # The next horizon, as data: ≥ 85% from 2026, due 2030, with its source.
    targets.save(s, actor=SYSTEM, indicator="dvc_full_rate", comparator=">=", value=85,
                 deadline=2030, year=2026, source="QĐ 749/QĐ-TTg (2030: 100%)",
                 reason="Mục tiêu giai đoạn 2026–2030")  # fmt: skip
    s.commit()
    in_2026 = row(scorecards.for_unit(s, NEW, "2026Q1"), "dvc_full_rate")
    assert (in_2026.target.deadline, in_2026.status) == (2030, Status.NEAR)
    assert row(scorecards.for_unit(s, NEW, "2025Q3"), "dvc_full_rate").target.deadline == 2025


def test_a_horizon_starting_after_its_deadline_is_refused(session):
    from db.errors import FieldErrors

    with pytest.raises(FieldErrors) as info:
        targets.save(session, actor=SYSTEM, indicator="dvc_full_rate", comparator=">=", value=90,
                     deadline=2025, year=2026, source="x")  # fmt: skip
    assert info.value.errors["year"].key == "err_target_after_deadline"


def test_the_pace_says_the_deadline_passed(demo_session):
    from cds_core.progress import progress

    s = demo_session
    save(s, NEW, "2026Q1", dvc_tthc_full="70", dvc_tthc_total="100")
    s.commit()
    rates = {p: r[0].value.rate for p, r in history(s, NEW, "dvc_full_rate").items()}
    target = row(scorecards.for_unit(s, NEW, "2026Q1"), "dvc_full_rate").target
    assert progress(rates, Period(2026, 1), target).pace is Pace.PASSED


# -- reports headed as in their quarter -----------------------------------------------------------


def test_report_headers_before_and_after_1_july_2025(demo_session):
    s = demo_session
    seed = reports.build(s, "PHU_TAN", "2024Q1").header
    assert (seed.parent_authority, seed.issuer_lines) == (
        "UBND HUYỆN TÂN PHÚ ĐÔNG", ("ỦY BAN NHÂN DÂN", "XÃ PHÚ TÂN")
    )  # fmt: skip
    assert (
        reports.build(s, "PHU_TAN", "2025Q2").header.parent_authority == "UBND HUYỆN TÂN PHÚ ĐÔNG"
    )
    after = reports.build(s, NEW, "2025Q3").header
    assert (after.parent_authority, after.issuer_lines) == (
        "UBND TỈNH ĐỒNG THÁP", ("ỦY BAN NHÂN DÂN", "XÃ TÂN PHÚ ĐÔNG")
    )  # fmt: skip
    # The new commune's report of a quarter before it existed: its predecessors' sum, said so.
    early = reports.build(s, NEW, "2024Q1")
    assert early.header.parent_authority == "UBND TỈNH ĐỒNG THÁP"
    assert "Xã Phú Tân" in early.note and "01/07/2025" in early.note
    assert "(1/3 đơn vị có số liệu)" in " ".join(str(b) for b in early.blocks)
    with pytest.raises(CdsError, match="err_report_ended"):
        reports.build(s, "PHU_TAN", "2025Q3")


# -- bad maps: one clear reason, nothing written ------------------------------------------------

BAD_MAPS = {
    "cycle": ("X,Xã X,xa,,2025-07-01,,Y\nY,Xã Y,xa,,2025-07-01,,X\n", 2, "err_org_lineage_cycle"),
    "unknown predecessor": ("N,Xã N,xa,,2025-07-01,,KHONG_CO\n", 2, "err_org_pred_unknown"),
    "starts before its predecessor ends": (
        "O,Xã O,xa,,,2025-12-31,\nN,Xã N,xa,,2025-07-01,,O\n", 3, "err_org_pred_not_ended"),
    "overlapping validity": (
        "A,Xã A,xa,,,,\nH,Ấp,ap,A,,2025-06-30,\nH,Ấp,ap,A,2025-01-01,,\n", 4, "err_org_overlap"),
    "parent not in force on the child's dates": (
        "HUYEN,Huyện,huyen,,,2025-06-30,\nXA,Xã,xa,HUYEN,,,\n", 3, "err_org_parent_dates"),
}  # fmt: skip


def map_size(session) -> tuple[int, ...]:
    return tuple(
        session.exec(select(func.count()).select_from(model)).one()
        for model in (OrgUnit, OrgUnitVersion, OrgUnitLineage, OrgUnitMember)
    )


@pytest.mark.parametrize("case", BAD_MAPS)
def test_a_bad_map_is_refused_with_its_line_and_nothing_written(demo_session, case):
    text, line, key = BAD_MAPS[case]
    before = map_size(demo_session)
    with pytest.raises(CsvError) as info:
        upsert(demo_session, text)
    assert (info.value.line, info.value.reason.key) == (line, key)
    demo_session.rollback()
    assert map_size(demo_session) == before


def test_the_demo_map_is_the_reform(demo_session):
    units = orgmap.load(demo_session)
    assert units["DONG_THAP"].predecessors == ("DONG_THAP_CU", "TIEN_GIANG")
    assert units["DONG_THAP"].start == date(2025, 7, 1)
    assert units[NEW].predecessors == ("PHU_DONG", "PHU_TAN", "PHU_THANH")
    assert units[NEW].current.parent == "DONG_THAP"
    for code in ("PHU_TAN", "PHU_DONG", "PHU_THANH", "TAN_PHU_DONG", "TIEN_GIANG", "DONG_THAP_CU"):
        assert units[code].end == date(2025, 6, 30), code
    assert units["DONG_THAP_CU"].current.name == "Tỉnh Đồng Tháp (trước 01/7/2025)"
