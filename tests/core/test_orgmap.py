"""The map over time as plain values: which quarters a validity covers, whose figures make up
each unit's in each quarter (merge, continuation, split, a hamlet that moves), and the maps
that cannot be true."""

from __future__ import annotations

from datetime import date

import pytest

from cds_core import orgmap
from cds_core.interchange import CsvError
from cds_core.orgmap import MAX_PERIOD, MIN_PERIOD, Member, Unit, Version

END, START = date(2025, 6, 30), date(2025, 7, 1)


def unit(code, level, *versions, preds=(), line=0):
    return Unit(code, level, tuple(Version(*v) for v in versions), tuple(preds), line=line)


def the_map(*units: Unit) -> dict[str, Unit]:
    return {u.code: u for u in units}


def rows_of(units, ancestor: str) -> set[tuple]:
    return {
        (m.member, m.first, m.last, m.comparable)
        for m in orgmap.members(units)
        if m.ancestor == ancestor
    }


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "quarters"),
    [
        (None, None, (MIN_PERIOD, MAX_PERIOD)),
        (START, None, ("2025Q3", MAX_PERIOD)),
        (None, END, (MIN_PERIOD, "2025Q2")),
        # A quarter belongs to whoever is in force on its last day.
        (date(2025, 8, 15), None, ("2025Q3", MAX_PERIOD)),
        (None, date(2025, 8, 15), (MIN_PERIOD, "2025Q2")),
        (date(2025, 7, 2), date(2025, 9, 1), None),
    ],
)
def test_a_validity_covers_the_quarters_whose_last_day_it_holds(valid_from, valid_to, quarters):
    assert orgmap.span(valid_from, valid_to) == quarters


# The reform in miniature: two provinces (one with a district) became one; three communes
# became one, and the hamlet moved to it.
REFORM = the_map(
    unit("TG", "tinh", (None, END, "Tiền Giang", None)),
    unit("DT_CU", "tinh", (None, END, "Đồng Tháp cũ", None)),
    unit("DT", "tinh", (START, None, "Đồng Tháp", None), preds=("TG", "DT_CU")),
    unit("HUYEN", "huyen", (None, END, "Huyện", "TG")),
    unit("A", "xa", (None, END, "Xã A", "HUYEN")),
    unit("B", "xa", (None, END, "Xã B", "HUYEN")),
    unit("C", "xa", (None, END, "Xã C", "DT_CU")),
    unit("N", "xa", (START, None, "Xã mới", "DT"), preds=("A", "B")),
    unit("H", "ap", (None, END, "Ấp", "A"), (START, None, "Ấp", "N")),
)


def test_the_reform_map_passes_the_checks():
    orgmap.check(REFORM)


def test_a_merged_commune_is_its_predecessors_before_and_itself_after():
    assert rows_of(REFORM, "N") == {
        ("N", "2025Q3", MAX_PERIOD, True),
        ("A", MIN_PERIOD, "2025Q2", True),
        ("B", MIN_PERIOD, "2025Q2", True),
        # The hamlet: under A before the merger, under N after, one unbroken row.
        ("H", MIN_PERIOD, MAX_PERIOD, True),
    }


def test_an_old_commune_keeps_its_history_and_its_hamlet_until_the_move():
    assert rows_of(REFORM, "A") == {
        ("A", MIN_PERIOD, "2025Q2", True),
        ("H", MIN_PERIOD, "2025Q2", True),
    }


def test_a_province_formed_from_two_is_everything_under_both_before_the_break():
    rows = rows_of(REFORM, "DT")
    before = {member for member, first, last, _ in rows if first == MIN_PERIOD}
    assert before == {"TG", "DT_CU", "HUYEN", "A", "B", "C", "H"}
    after = {member for member, first, last, _ in rows if last == MAX_PERIOD}
    assert after == {"DT", "N", "H"}


def test_a_continuation_under_a_new_code_carries_the_whole_history():
    units = the_map(
        unit("OLD", "xa", (None, END, "Xã cũ", None)),
        unit("NEW", "xa", (START, None, "Phường mới", None), preds=("OLD",)),
    )
    orgmap.check(units)
    assert rows_of(units, "NEW") == {
        ("NEW", "2025Q3", MAX_PERIOD, True),
        ("OLD", MIN_PERIOD, "2025Q2", True),
    }


def test_a_split_unit_is_recorded_and_its_share_never_guessed():
    units = the_map(
        unit("OLD", "xa", (None, END, "Xã bị chia", None)),
        unit("OTHER", "xa", (None, END, "Xã khác", None)),
        unit("LEFT", "xa", (START, None, "Xã 1", None), preds=("OLD", "OTHER")),
        unit("RIGHT", "xa", (START, None, "Xã 2", None), preds=("OLD",)),
    )
    orgmap.check(units)
    assert orgmap.successors(units)["OLD"] == ["LEFT", "RIGHT"]
    # LEFT's earlier quarters would need part of OLD: marked not comparable, nothing summed
    # from OLD (OTHER's row is there, but one not-comparable row voids the quarter).
    assert ("OLD", MIN_PERIOD, "2025Q2", False) in rows_of(units, "LEFT")
    assert rows_of(units, "RIGHT") == {
        ("RIGHT", "2025Q3", MAX_PERIOD, True),
        ("OLD", MIN_PERIOD, "2025Q2", False),
    }
    # The old unit keeps its own history.
    assert rows_of(units, "OLD") == {("OLD", MIN_PERIOD, "2025Q2", True)}


def test_the_tree_as_of_a_date():
    before = [(depth, u.code) for depth, u, _ in orgmap.on(REFORM, date(2024, 3, 31))]
    assert before == [(0, "DT_CU"), (1, "C"), (0, "TG"), (1, "HUYEN"), (2, "A"), (3, "H"),
                      (2, "B")]  # fmt: skip
    after = [(depth, u.code) for depth, u, _ in orgmap.on(REFORM, date(2026, 1, 1))]
    assert after == [(0, "DT"), (1, "N"), (2, "H")]


def test_members_are_plain_rows_with_the_members_level():
    rows = [m for m in orgmap.members(REFORM) if m.ancestor == "N" and m.member == "H"]
    assert rows == [Member("N", "H", "ap", MIN_PERIOD, MAX_PERIOD)]


# -- the maps that cannot be true ------------------------------------------------------------


def refusal(units) -> CsvError:
    with pytest.raises(CsvError) as info:
        orgmap.check(units)
    return info.value


def test_a_cycle_in_the_lineage_is_refused():
    err = refusal(the_map(
        unit("X", "xa", (START, None, "X", None), preds=("Y",), line=2),
        unit("Y", "xa", (START, None, "Y", None), preds=("X",), line=3),
    ))  # fmt: skip
    assert (err.line, err.column, err.reason.key) == (2, "predecessors", "err_org_lineage_cycle")
    assert err.reason.params["chain"] == "X → Y → X"


def test_an_unknown_predecessor_is_refused():
    err = refusal(the_map(unit("N", "xa", (START, None, "N", None), preds=("KHONG_CO",), line=4)))
    assert (err.line, err.column, err.reason.key) == (4, "predecessors", "err_org_pred_unknown")
    assert err.reason.params == {"code": "KHONG_CO"}


@pytest.mark.parametrize("old_end", [None, START, date(2025, 12, 31)])
def test_a_unit_that_starts_before_its_predecessor_ends_is_refused(old_end):
    err = refusal(the_map(
        unit("OLD", "xa", (None, old_end, "Cũ", None)),
        unit("NEW", "xa", (START, None, "Mới", None), preds=("OLD",), line=3),
    ))  # fmt: skip
    assert (err.line, err.column, err.reason.key) == (3, "predecessors", "err_org_pred_not_ended")
    assert err.reason.params["pred"] == "OLD" and err.reason.params["start"] == "01/07/2025"


def test_a_unit_with_predecessors_needs_a_start():
    err = refusal(the_map(
        unit("OLD", "xa", (None, END, "Cũ", None)),
        unit("NEW", "xa", (None, None, "Mới", None), preds=("OLD",), line=3),
    ))  # fmt: skip
    assert (err.line, err.column, err.reason.key) == (3, "valid_from", "err_org_pred_no_start")


@pytest.mark.parametrize(
    "second",
    [
        (date(2025, 6, 1), None, "Ấp", "N", 3),  # starts before the first one ends
        (None, None, "Ấp", "N", 3),  # no dates at all, beside dated ones
    ],
)
def test_overlapping_validity_for_one_code_is_refused(second):
    err = refusal(the_map(
        unit("A", "xa", (None, None, "A", None)),
        unit("N", "xa", (None, None, "N", None)),
        Unit("H", "ap", orgmap.ordered([Version(None, END, "Ấp", "A", 2), Version(*second)])),
    ))  # fmt: skip
    assert (err.column, err.reason.key) == ("valid_from", "err_org_overlap")
    assert err.line in (2, 3) and err.reason.params["code"] == "H"


@pytest.mark.parametrize(
    ("parent", "child"),
    [
        ((None, END, "Huyện", None), (None, None, "Xã", "P")),  # outlives its district
        ((START, None, "Xã mới", None), (None, None, "Ấp", "P")),  # older than its parent
        ((None, END, "Xã", None), (date(2025, 1, 1), date(2025, 12, 31), "Ấp", "P")),
    ],
)
def test_a_parent_that_does_not_exist_on_the_childs_dates_is_refused(parent, child):
    levels = ("huyen", "xa") if parent[2] == "Huyện" else ("xa", "ap")
    err = refusal(the_map(
        unit("P", levels[0], parent),
        Unit("C", levels[1], (Version(*child, line=5),)),
    ))  # fmt: skip
    assert (err.line, err.column, err.reason.key) == (5, "parent_code", "err_org_parent_dates")
    assert err.reason.params["parent"] == "P"


def test_a_parent_in_force_over_several_versions_is_enough():
    orgmap.check(the_map(
        Unit("P", "xa", (Version(None, END, "Xã", None), Version(START, None, "Phường", None))),
        Unit("C", "ap", (Version(None, None, "Ấp", "P"),)),
    ))  # fmt: skip


def test_a_parent_must_be_a_level_above():
    err = refusal(the_map(
        unit("P", "xa", (None, None, "Xã", None)),
        Unit("C", "xa", (Version(None, None, "Xã con", "P", 7),)),
    ))  # fmt: skip
    assert (err.line, err.column, err.reason.key) == (7, "level", "err_org_level_order")
