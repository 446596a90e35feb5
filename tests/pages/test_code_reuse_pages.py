"""One official code, two units, as the pages show them (AppTest): the unit picker of a quarter
shows the unit that held the code then, a URL names either unit, and the link the page writes
names back the unit it shows."""

from __future__ import annotations

import pandas as pd
import pytest

from apptest import PASSWORD, signed_in
from cds_core.interchange import parse_org_units, parse_values
from db import orgunits, transfer, users
from db.database import session_scope
from db.permissions import SYSTEM

MAP = (
    "code,name,level,parent_code,valid_from,valid_to,predecessors,kind\n"
    "82,Tỉnh Tiền Giang,tinh,,,2025-06-30,,\n"
    "82,Tỉnh Đồng Tháp,tinh,,2025-07-01,,82,\n"
    "28696,Xã Phú Thạnh,xa,82,,2025-06-30,,\n"
    "28750,Xã Phú Đông,xa,82,,2025-06-30,,\n"
    "28696,Xã Tân Phú Đông,xa,82,2025-07-01,,28696;28750,\n"
)
VALUES = (
    "org_unit,period,element,value,comment\n"
    "28696,2024Q1,dvc_tthc_total,10,\n28696,2024Q1,dvc_tthc_full,4,\n"
    "28750,2024Q1,dvc_tthc_total,20,\n28750,2024Q1,dvc_tthc_full,5,\n"
)
OVERVIEW = "app_pages/overview.py"
FULL = "Tỷ lệ DVCTT toàn trình (mức độ 4)"


@pytest.fixture(autouse=True)
def official(app_db):
    with session_scope(app_db) as session:
        users.create(session, actor=SYSTEM, username="root", role="admin", password=PASSWORD)
        orgunits.upsert(session, actor=SYSTEM, records=parse_org_units(MAP))
        transfer.import_records(session, actor=SYSTEM, records=parse_values(VALUES))


def overview(query: dict[str, str]):
    at = signed_in("root", "admin", query=query).switch_page(OVERVIEW).run()
    assert not at.exception
    return at


def picked(at) -> str:
    box = at.selectbox(key="_org_pick")
    return box.format_func(box.value)


def counts(at) -> str:
    table = pd.concat([d.value for d in at.dataframe], ignore_index=True).set_index("Chỉ số")
    return table.loc[FULL, "Tử số/mẫu số"]


def test_the_picker_of_a_quarter_shows_the_unit_holding_the_code_then():
    old = overview({"org": "28696", "period": "2024Q1"})
    assert picked(old) == "Xã Phú Thạnh · xã"
    assert counts(old) == "4/10"
    new = overview({"org": "28696", "period": "2025Q3"})
    assert picked(new) == "Xã Tân Phú Đông · xã"


def test_a_url_names_the_new_unit_before_it_began_and_the_page_links_back_to_it():
    at = overview({"org": "28696@2025-07-01", "period": "2024Q1"})
    assert picked(at) == "Xã Tân Phú Đông · xã · từ 01/07/2025"
    assert counts(at) == "9/30"  # its predecessors' sums
    assert at.query_params["org"] == "28696@2025-07-01"
    # Picking old Phú Thạnh in a quarter after it ended keeps it, by the day it last held 28696.
    at.selectbox(key="_period_pick").set_value("2025Q3").run()
    at.selectbox(key="_org_pick").set_value("28696").run()
    assert picked(at) == "Xã Phú Thạnh · xã · đến 30/06/2025"
    assert at.query_params["org"] == "28696@2025-06-30"


def test_changing_the_quarter_follows_the_code_to_its_holder_then():
    at = overview({"org": "28696", "period": "2024Q1"})
    at.selectbox(key="_period_pick").set_value("2025Q3").run()
    assert picked(at) == "Xã Tân Phú Đông · xã"
    assert at.query_params["org"] == "28696"
