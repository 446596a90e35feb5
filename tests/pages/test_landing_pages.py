"""Everyone opens on their own unit (or one below it) in a quarter it exists in: the merged
commune's editor on the merged commune, the district's approver on the district, an
administrator on a commune alive in the newest quarter with figures."""

from __future__ import annotations

import pytest

from apptest import ENTRY, PASSWORD, ROOT, signed_in
from db import users, values
from db.database import session_scope
from db.demo import HAMLETS
from db.permissions import SYSTEM


def opened(at) -> tuple[str, str]:
    return at.selectbox(key="_org_pick").value, at.selectbox(key="_period_pick").value


@pytest.fixture
def merged_editor(app_db):
    with session_scope(app_db) as session:
        users.create(session, actor=SYSTEM, username="tpd", role="editor", password=PASSWORD,
                     org_code="XA_TAN_PHU_DONG")  # fmt: skip
    return "tpd"


def test_the_merged_communes_editor_opens_on_it_in_a_quarter_it_exists(merged_editor):
    at = signed_in(merged_editor, "editor")
    org, period = opened(at)
    assert org == "XA_TAN_PHU_DONG" and period >= "2025Q3"
    at.switch_page(str(ROOT / ENTRY)).run()
    assert opened(at) == (org, period)


def test_the_districts_approver_opens_on_the_district_and_its_commune_on_the_form(app_db):
    at = signed_in("district", "editor")
    assert opened(at) == ("TAN_PHU_DONG", "2024Q1")
    fresh = signed_in("district", "editor", str(ROOT / ENTRY))
    assert opened(fresh) == ("PHU_TAN", "2024Q1")


def test_the_administrator_opens_on_a_unit_that_exists_in_the_newest_quarter(app_db):
    with session_scope(app_db) as session:
        users.create(session, actor=SYSTEM, username="root", role="admin", password=PASSWORD)
        for code in HAMLETS:  # the hamlets' figures after the reform count in the new commune
            values.save(session, actor=SYSTEM, org_code=code, period="2025Q3",
                        entries={"xh_households": "400"})  # fmt: skip
    at = signed_in("root", "admin")
    assert opened(at) == ("XA_TAN_PHU_DONG", "2025Q3")
