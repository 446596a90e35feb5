"""Comparing a parent's child units: rollups from the children's counts (sum of numerators over
sum of denominators, never an average of rates), in one GROUP BY, on the comparison page."""

from datetime import date

import pytest
from sqlalchemy import event

from apptest import PASSWORD, signed_in
from cds_core.interchange import OrgUnitRecord
from db import orgunits, users
from db.database import session_scope
from db.permissions import SYSTEM
from db.scorecards import for_unit
from db.trends import children
from db.values import save

DOSSIERS = "dvc_online_dossier_rate"
# Commune A settles 9 of 10 dossiers online (90%), commune B 10 of 90 (11.1%). The district
# settles 19 of 100: 19%. Averaging the two rates would say 50.6%.
FIGURES = {"XA_A": (9, 10), "XA_B": (10, 90)}


# Districts ended with Tiền Giang on 30 June 2025, and so did their communes.
ENDED = date(2025, 6, 30)


def add_district(session, communes=FIGURES) -> None:
    records = [OrgUnitRecord(2, "HUYEN_X", "Huyện X", "huyen", "TIEN_GIANG", None, ENDED)]
    records += [
        OrgUnitRecord(3 + i, code, f"Xã {code[-1]}", "xa", "HUYEN_X", None, ENDED)
        for i, code in enumerate(communes)
    ]
    orgunits.upsert(session, actor=SYSTEM, records=records)
    for code, (online, total) in communes.items():
        entries = {"dvc_dossiers_online": str(online), "dvc_dossiers_total": str(total)}
        save(session, actor=SYSTEM, org_code=code, period="2024Q1", entries=entries)
    session.flush()


def rate(rows, code=DOSSIERS):
    return next(r for r in rows if r.indicator == code).value.rate


def test_a_parents_rate_is_the_sum_of_counts_not_the_average_of_rates(demo_session):
    add_district(demo_session)
    units = {u.code: u for u in children(demo_session, "HUYEN_X", "2024Q1")}
    assert rate(units["XA_A"].rows) == pytest.approx(90.0)
    assert rate(units["XA_B"].rows) == pytest.approx(100 / 9)
    district = rate(for_unit(demo_session, "HUYEN_X", "2024Q1"))
    assert district == pytest.approx(19.0)
    assert district != pytest.approx((90.0 + 100 / 9) / 2, abs=1)


def test_children_are_rolled_up_in_one_statement_however_many_there_are(demo_session, engine):
    def statements() -> int:
        seen = []
        listener = lambda *_: seen.append(1)  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            children(demo_session, "HUYEN_X", "2024Q1")
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len(seen)

    add_district(demo_session, {"XA_A": (9, 10), "XA_B": (10, 90)})
    two = statements()
    add_district(demo_session, {"XA_C": (1, 2), "XA_D": (3, 4), "XA_E": (5, 6)})
    assert statements() == two


def test_a_childs_subtree_includes_its_hamlets(demo_session):
    communes = children(demo_session, "TAN_PHU_DONG", "2024Q1")
    assert [c.code for c in communes] == ["PHU_DONG", "PHU_TAN", "PHU_THANH"]
    commune = communes[1]
    assert rate(commune.rows, "xh_fiber_rate") == rate(
        for_unit(demo_session, "PHU_TAN", "2024Q1"), "xh_fiber_rate"
    )


def test_a_child_without_figures_is_listed_with_no_data(demo_session):
    add_district(demo_session)
    orgunits.upsert(demo_session, actor=SYSTEM, records=[
        OrgUnitRecord(2, "XA_Z", "Xã Z", "xa", "HUYEN_X", None, ENDED)])  # fmt: skip
    units = {u.code: u for u in children(demo_session, "HUYEN_X", "2024Q1")}
    assert rate(units["XA_Z"].rows) is None


def test_the_comparison_page_shows_each_commune_and_the_summed_district(app_db):
    with session_scope(app_db) as session:
        add_district(session)
        users.create(session, actor=SYSTEM, username="boss", role="admin", password=PASSWORD)
    at = signed_in("boss", "admin")
    at.session_state["org"] = "HUYEN_X"
    at.switch_page("app_pages/compare.py").run()
    assert not at.exception
    assert at.title[0].value == "So sánh đơn vị"
    ranking, values = at.dataframe[0].value, at.dataframe[1].value
    assert list(ranking["Đơn vị"]) == ["Xã A", "Xã B"]
    column = values.set_index("Đơn vị")["Tỷ lệ hồ sơ giải quyết trực tuyến mức độ 3, 4"]
    assert column["Xã A"] == "90% ✔ đạt"
    assert column["Xã B"] == "11,1% ✖ chưa đạt"
    assert column["Cả Huyện X"] == "19% ✖ chưa đạt"
    assert len(at.get("vega_lite_chart")) == 1  # the heatmap


def test_sorting_by_an_indicator_puts_the_best_value_first(app_db):
    with session_scope(app_db) as session:
        add_district(session, {"XA_A": (1, 10), "XA_B": (10, 11)})
        users.create(session, actor=SYSTEM, username="boss", role="admin", password=PASSWORD)
    at = signed_in("boss", "admin")
    at.session_state["org"] = "HUYEN_X"
    at.switch_page("app_pages/compare.py").run()
    at.selectbox(key="cmp_sort").set_value(DOSSIERS).run()
    assert list(at.dataframe[1].value["Đơn vị"])[:2] == ["Xã B", "Xã A"]
