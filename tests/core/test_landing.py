"""Where a page opens for someone who has not chosen yet: their own unit or the first below
it, in a quarter of the unit's life, the newest with figures (sent ones for a viewer)."""

from cds_core.landing import Place, landing_quarter, landing_unit
from cds_core.submissions import FiguresState

DISTRICT = Place("TAN_PHU_DONG", "huyen", "/1/4/", last="2025Q2")
PHU_TAN = Place("PHU_TAN", "xa", "/1/4/5/", last="2025Q2")
PHU_DONG = Place("PHU_DONG", "xa", "/1/4/6/", last="2025Q2")
PROVINCE = Place("DONG_THAP", "tinh", "/3/", first="2025Q3")
MERGED = Place("XA_TAN_PHU_DONG", "xa", "/3/8/", first="2025Q3")
HAMLET = Place("PHU_TAN_AP1", "ap", "/3/8/9/")
TREE = [DISTRICT, PHU_TAN, PHU_DONG, PROVINCE, MERGED, HAMLET]
DRAFT, SENT = FiguresState(draft=1), FiguresState(submitted=1)


def test_a_user_opens_on_their_own_unit_when_the_page_shows_it():
    assert landing_unit(TREE, MERGED, "2024Q1") is MERGED
    assert landing_unit(TREE, DISTRICT, "2024Q1") is DISTRICT


def test_a_page_without_the_users_level_opens_on_the_first_unit_below_it():
    communes = [PHU_TAN, PHU_DONG, MERGED]
    assert landing_unit(communes, DISTRICT, "2024Q1") is PHU_TAN
    assert landing_unit(communes, PROVINCE, "2025Q3") is MERGED


def test_an_administrator_opens_on_a_commune_alive_in_the_quarter():
    assert landing_unit(TREE, None, "2025Q3") is MERGED
    assert landing_unit(TREE, None, "2024Q1") is PHU_TAN


def test_the_quarter_is_the_newest_with_figures_within_the_units_life():
    states = {"2024Q1": DRAFT, "2025Q2": DRAFT, "2025Q3": DRAFT, "2026Q1": DRAFT}
    assert landing_quarter(PHU_TAN, states, "2026Q4") == "2025Q2"
    assert landing_quarter(MERGED, states, "2026Q4") == "2026Q1"
    assert landing_quarter(MERGED, states, "2025Q4") == "2025Q3"  # nothing after today


def test_a_unit_without_figures_in_its_life_opens_on_its_latest_quarter_up_to_today():
    assert landing_quarter(MERGED, {"2024Q1": DRAFT}, "2026Q4") == "2026Q4"
    assert landing_quarter(PHU_TAN, {}, "2026Q4") == "2025Q2"


def test_a_viewer_opens_on_the_newest_sent_quarter_not_a_newer_draft():
    states = {"2024Q1": SENT, "2024Q2": DRAFT}
    assert landing_quarter(PHU_TAN, states, "2026Q4", sent_first=True) == "2024Q1"
    assert landing_quarter(PHU_TAN, states, "2026Q4") == "2024Q2"
    assert landing_quarter(PHU_TAN, {"2024Q2": DRAFT}, "2026Q4", sent_first=True) == "2024Q2"
