"""Hamlet teams in the database: who may write and read what, the log behind the quarter's
figures, the commune as the sum of its hamlets, and the demo hamlets."""

from __future__ import annotations

from datetime import date

import pytest
from hamlet_forms import ACTIVITY, MEMBER
from sqlmodel import delete, select

from apptest import actor
from cds_core.hamlets import DERIVED, HAMLET_INDICATORS, derived_counts
from cds_core.periods import Period
from cds_core.rules import Severity, check
from db import demo, hamlets, orgunits, rollups, scorecards, transfer, values
from db.errors import FieldErrors, NotFound, PermissionDenied
from db.models import AuditEvent, DataValue, TeamActivity, TeamMember
from db.permissions import SYSTEM

P = "2024Q1"
AP1, AP2 = "PHU_TAN_AP1", "PHU_TAN_AP2"
DEMO_HAMLETS = ("PHU_TAN_AP1", "PHU_TAN_AP2", "PHU_TAN_AP3", "PHU_TAN_AP4")


@pytest.fixture
def people(demo_session):
    s = demo_session
    return {
        "team1": actor(s, "team1", "hamlet_editor", AP1),
        "team2": actor(s, "team2", "hamlet_editor", AP2),
        "officer": actor(s, "officer", "editor", "PHU_TAN"),
        "committee": actor(s, "committee", "viewer", "PHU_TAN"),
    }


def _figure(session, who, hamlet):
    values.save(session, actor=who, org_code=hamlet, period=P, entries={"xh_households": "500"})


def _member(session, who, hamlet):
    hamlets.save_member(session, actor=who, hamlet_code=hamlet, fields=MEMBER)


def _activity(session, who, hamlet):
    hamlets.log_activity(session, actor=who, hamlet_code=hamlet, fields=ACTIVITY)


WRITES = {"figure": _figure, "member": _member, "activity": _activity}


@pytest.mark.parametrize("write", WRITES)
def test_a_hamlet_editor_writes_their_own_hamlet(demo_session, people, write):
    WRITES[write](demo_session, people["team1"], AP1)


@pytest.mark.parametrize("write", WRITES)
@pytest.mark.parametrize("who", ["team2", "committee"])
def test_others_are_refused_in_the_db_layer_and_nothing_is_written(
    demo_session, people, write, who
):
    s = demo_session
    before = (
        transfer.export_csv(s, org_code=AP1),
        len(s.exec(select(TeamMember)).all()),
        len(s.exec(select(TeamActivity)).all()),
    )
    with pytest.raises(PermissionDenied):
        WRITES[write](s, people[who], AP1)
    s.rollback()
    after = (
        transfer.export_csv(s, org_code=AP1),
        len(s.exec(select(TeamMember)).all()),
        len(s.exec(select(TeamActivity)).all()),
    )
    assert after == before


@pytest.mark.parametrize("write", WRITES)
def test_a_commune_editor_writes_any_of_its_hamlets(demo_session, people, write):
    WRITES[write](demo_session, people["officer"], AP2)


def test_a_team_belongs_to_a_hamlet_not_a_commune(demo_session, people):
    with pytest.raises(Exception, match="err_not_hamlet"):
        _member(demo_session, people["officer"], "PHU_TAN")


@pytest.mark.parametrize(
    ("who", "sees_phone"), [("team1", True), ("officer", True), ("committee", False)]
)
def test_phones_reach_only_the_team_and_editors_above(demo_session, people, who, sees_phone):
    roster = hamlets.members(demo_session, actor=people[who], hamlet_code=AP1)
    assert len(roster) == 6
    assert all(m.name for m in roster)
    assert all(bool(m.phone) is sees_phone for m in roster)


def test_another_hamlets_team_cannot_read_the_roster_nor_learn_it_exists(demo_session, people):
    with pytest.raises(NotFound, match="err_org_not_found"):
        hamlets.members(demo_session, actor=people["team2"], hamlet_code=AP1)


def test_a_roster_change_is_audited_without_the_phone_number(demo_session, people):
    s = demo_session
    member_id = hamlets.save_member(s, actor=people["team1"], hamlet_code=AP1, fields=MEMBER)
    hamlets.save_member(
        s,
        actor=people["team1"],
        hamlet_code=AP1,
        member_id=member_id,
        fields={**MEMBER, "left": date(2024, 3, 31)},
    )
    events = s.exec(select(AuditEvent).where(AuditEvent.action == "team_member")).all()
    mine = [e for e in events if e.element == f"member:{member_id}"]
    assert len(mine) == 2
    assert all("0900" not in (e.new_value or "") + (e.old_value or "") for e in events)
    assert mine[-1].old_value is not None and "2024, 3, 31" in mine[-1].new_value


def test_a_member_of_another_hamlet_cannot_be_edited_through_this_one(demo_session, people):
    s = demo_session
    member_id = hamlets.save_member(s, actor=SYSTEM, hamlet_code=AP2, fields=MEMBER)
    with pytest.raises(NotFound):
        hamlets.save_member(
            s, actor=people["team1"], hamlet_code=AP1, member_id=member_id, fields=MEMBER
        )


def test_bad_fields_are_all_named_and_nothing_is_logged(demo_session, people):
    s = demo_session
    before = len(s.exec(select(TeamActivity)).all())
    bad = {**ACTIVITY, "kind": "", "people_reached": "-2"}
    with pytest.raises(FieldErrors) as info:
        hamlets.log_activity(s, actor=people["team1"], hamlet_code=AP1, fields=bad)
    assert set(info.value.errors) == {"kind", "people_reached"}
    assert len(s.exec(select(TeamActivity)).all()) == before


def _derived(session, hamlet: str, period: str = P) -> dict[str, float | None]:
    cells = values.unit_values(session, orgunits.get(session, hamlet), period)
    return {code: cells[code].value if code in cells else None for code in DERIVED}


@pytest.mark.parametrize("hamlet", DEMO_HAMLETS)
def test_the_demo_quarters_derived_figures_equal_its_log(demo_session, people, hamlet):
    log = hamlets.activities(demo_session, actor=people["officer"], hamlet_code=hamlet, period=P)
    assert len(log) == 12
    assert _derived(demo_session, hamlet) == derived_counts(log, Period.parse(P))


def test_logging_and_deleting_an_activity_recounts_the_quarter(demo_session, people):
    s, team1 = demo_session, people["team1"]
    before = _derived(s, AP1)
    activity_id = hamlets.log_activity(s, actor=team1, hamlet_code=AP1, fields=ACTIVITY)
    assert _derived(s, AP1) == {
        "tcn_sessions": before["tcn_sessions"] + 1,
        "tcn_people_guided": before["tcn_people_guided"] + 25,
        "tcn_accounts_supported": before["tcn_accounts_supported"] + 9,
    }
    log = hamlets.activities(s, actor=team1, hamlet_code=AP1, period=P)
    assert _derived(s, AP1) == derived_counts(log, Period.parse(P))
    hamlets.delete_activity(s, actor=team1, hamlet_code=AP1, activity_id=activity_id)
    assert _derived(s, AP1) == before


def test_the_first_activity_of_a_new_quarter_starts_its_figures(demo_session, people):
    s = demo_session
    hamlets.log_activity(
        s, actor=people["team1"], hamlet_code=AP1, fields={**ACTIVITY, "date": date(2024, 4, 2)}
    )
    assert _derived(s, AP1, "2024Q2") == {
        "tcn_sessions": 1,
        "tcn_people_guided": 25,
        "tcn_accounts_supported": 9,
    }
    # The derived figures flow into the commune's rollup like typed ones.
    rolled = rollups.rollup(s, orgunits.get(s, "PHU_TAN"), "2024Q2")
    assert rolled["tcn_people_guided"] == 25


def test_the_commune_figure_is_the_sum_of_its_hamlets(demo_session):
    s = demo_session
    commune = rollups.rollup(s, orgunits.get(s, "PHU_TAN"), P)
    per_hamlet = hamlets.hamlet_figures(s, "PHU_TAN", P)
    assert set(per_hamlet) == set(DEMO_HAMLETS)
    codes = {code for figures in per_hamlet.values() for code in figures}
    assert "xh_adults" in codes and "tcn_sessions" in codes
    for code in codes:
        assert commune[code] == sum(f.get(code, 0) for f in per_hamlet.values()), code
    card = {r.indicator: r for r in scorecards.for_unit(s, "PHU_TAN", P)}
    hamlet_cards = hamlets.hamlet_cards(s, "PHU_TAN", P)
    for code in HAMLET_INDICATORS:
        rows = [next(r for r in c.rows if r.indicator == code) for c in hamlet_cards]
        assert card[code].value.numerator == sum(r.value.numerator for r in rows)
        assert card[code].value.denominator == sum(r.value.denominator for r in rows)
        assert card[code].status.value != "no_data"


@pytest.mark.parametrize("hamlet", DEMO_HAMLETS)
def test_the_demo_hamlets_figures_are_plausible(demo_session, people, hamlet):
    s = demo_session
    for period in ("2023Q2", "2023Q3", "2023Q4", P):
        cells = values.unit_values(s, orgunits.get(s, hamlet), period)
        figures = {code: cell.value for code, cell in cells.items()}
        assert not [v for v in check(figures) if v.severity is Severity.ERROR]
        assert 350 <= figures["xh_households"] <= 600
        assert 2.4 <= figures["xh_adults"] / figures["xh_households"] <= 2.8
        assert 0.7 <= figures["xh_smartphone_adults"] / figures["xh_adults"] <= 0.9
    roster = hamlets.members(s, actor=people["officer"], hamlet_code=hamlet)
    assert 4 <= len(roster) <= 7
    assert all(m.phone.startswith("0900 000 ") for m in roster)
    active = sum(m.active_on(date(2024, 3, 31)) for m in roster)
    cells = values.unit_values(s, orgunits.get(s, hamlet), P)
    assert cells["tcn_members"].value == active


def test_the_demo_seed_is_idempotent_and_leaves_typed_figures_alone(demo_session, people):
    s = demo_session
    ap1 = orgunits.get(s, AP1)
    # Someone keeps AP1's team on paper: no roster, no log, a typed figure for the quarter.
    s.exec(delete(TeamActivity).where(TeamActivity.org_unit_id == ap1.id))
    s.exec(delete(TeamMember).where(TeamMember.org_unit_id == ap1.id))
    s.exec(delete(DataValue).where(DataValue.org_unit_id == ap1.id, DataValue.period == P))
    values.save(s, actor=people["team1"], org_code=AP1, period=P, entries={"tcn_sessions": "5"})
    s.commit()
    before = transfer.export_csv(s)
    counts = (len(s.exec(select(TeamMember)).all()), len(s.exec(select(TeamActivity)).all()))
    demo.seed(s)
    demo.seed(s)
    assert _derived(s, AP1)["tcn_sessions"] == 5
    assert not hamlets.activities(s, actor=SYSTEM, hamlet_code=AP1)
    # The roster comes back (there was none), the other hamlets are untouched.
    assert len(hamlets.members(s, actor=SYSTEM, hamlet_code=AP1)) == 6
    assert len(s.exec(select(TeamMember)).all()) == counts[0] + 6
    assert len(s.exec(select(TeamActivity)).all()) == counts[1]
    for hamlet in DEMO_HAMLETS[1:]:
        rows = transfer.export_csv(s, org_code=hamlet).split("\n", 1)[1]
        assert rows in before


# -- the team's size is the roster's count --


def _members_figure(session, hamlet, period=P):
    return values.unit_values(session, orgunits.get(session, hamlet), period)["tcn_members"].value


def test_a_new_member_is_counted_in_every_open_quarter_from_when_they_joined(demo_session, people):
    s = demo_session
    assert _members_figure(s, AP1) == 6
    joined = {**MEMBER, "joined": date(2024, 2, 1)}
    hamlets.save_member(s, actor=people["team1"], hamlet_code=AP1, fields=joined)
    assert _members_figure(s, AP1) == 7
    assert _members_figure(s, AP1, "2023Q4") == 6  # not yet on the team then


def test_an_approved_quarter_keeps_its_figure_when_the_roster_changes(demo_session, people):
    from db import workflow

    s = demo_session
    workflow.submit(s, actor=people["team1"], org_code=AP1, period=P)
    workflow.approve(s, actor=people["officer"], org_code=AP1, period=P)
    hamlets.save_member(s, actor=people["team1"], hamlet_code=AP1, fields=MEMBER)
    assert _members_figure(s, AP1) == 6
    assert _members_figure(s, AP1, "2023Q4") == 7  # still open: counted again


def test_a_typed_or_imported_team_size_gives_way_to_the_roster(demo_session, people):
    s = demo_session
    values.save(s, actor=people["team1"], org_code=AP1, period=P, entries={"tcn_members": "9"})
    assert _members_figure(s, AP1) == 6
    # A hamlet without a roster keeps what was entered.
    s.exec(delete(TeamMember).where(TeamMember.org_unit_id == orgunits.get(s, AP2).id))
    values.save(s, actor=people["team2"], org_code=AP2, period=P, entries={"tcn_members": "9"})
    assert _members_figure(s, AP2) == 9


def test_the_demo_teams_figures_agree_with_their_rosters(demo_session, people):
    s = demo_session
    for hamlet in DEMO_HAMLETS:
        roster = hamlets.members(s, actor=people["officer"], hamlet_code=hamlet)
        for period in ("2023Q2", "2023Q3", "2023Q4", P):
            end = Period.parse(period).last_day
            assert _members_figure(s, hamlet, period) == sum(m.active_on(end) for m in roster)
