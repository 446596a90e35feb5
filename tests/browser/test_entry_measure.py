"""The measure of issue 14: keys and clicks to type the seed's whole quarter into the form, in
headless Chromium at 1366×768, with the figures checked against the seed afterwards.

Minutes long, so it runs on demand: `pytest -m measure tests/browser/test_entry_measure.py -s`.
The numbers land in test-artifacts/entry-measure.json and are quoted in the README.
"""

import json

import pytest
from conftest import ARTIFACTS, OFFICER
from entry_driver import Officer, enter_quarter
from signing import sign_in
from sqlalchemy.pool import NullPool
from sqlmodel import create_engine

from db.database import session_scope
from db.demo import SEED_VALUES
from db.transfer import export_csv

pytestmark = [pytest.mark.browser, pytest.mark.measure]


def test_keys_and_clicks_for_the_seeds_whole_quarter(blank_quarter_server, page, wait_idle):
    base_url, database_url = blank_quarter_server
    sign_in(page, base_url, wait_idle, OFFICER, "/nhap-so-lieu")
    officer = Officer(page, wait_idle)
    enter_quarter(officer, page)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "entry-measure.json").write_text(
        json.dumps({"keys": officer.keys, "tabs": officer.tabs, "clicks": officer.clicks}),
        encoding="utf-8",
    )
    print(f"\nkeys {officer.keys} (Tab {officer.tabs}), clicks {officer.clicks}")
    engine = create_engine(database_url, poolclass=NullPool)
    with session_scope(engine) as session:
        typed = export_csv(session, org_code="PHU_TAN", period="2024Q1")
    engine.dispose()
    # The export holds the unit's subtree: the hamlets' own figures were never removed.
    commune = "".join(
        line for line in typed.splitlines(keepends=True) if not line.startswith("PHU_TAN_AP")
    )
    assert commune == SEED_VALUES.read_text(encoding="utf-8")
