"""Kinds on the pages (AppTest): the unit picker says what each unit is, and a khu phố's page
names its own tech team."""

from __future__ import annotations

import pytest

from apptest import PASSWORD, signed_in
from cds_core.interchange import parse_org_units
from db import orgunits, users
from db.database import session_scope
from db.permissions import SYSTEM


@pytest.fixture(autouse=True)
def khu_pho(app_db):
    with session_scope(app_db) as session:
        users.create(session, actor=SYSTEM, username="root", role="admin", password=PASSWORD)
        orgunits.upsert(session, actor=SYSTEM, records=parse_org_units(
            "code,name,level,parent_code,valid_from,valid_to,predecessors,kind\n"
            "KP1,1,ap,XA_TAN_PHU_DONG,2025-07-01,,,khu_pho\n"
        ))  # fmt: skip


def test_a_khu_phos_page_names_its_tech_team_and_the_picker_its_kind():
    at = signed_in("root", "admin", query={"org": "KP1", "period": "2025Q3"})
    at = at.switch_page("app_pages/hamlet.py").run()
    assert not at.exception
    box = at.selectbox(key="_org_pick")
    assert box.format_func(box.value) == "Khu phố 1 · khu phố"
    headings = [h.value for h in at.subheader]
    assert "Tổ công nghệ số cộng đồng khu phố 1" in headings
    assert "Số liệu của khu phố 1, Quý III/2025" in headings
