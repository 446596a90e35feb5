"""Official codes across the 2025 break, as plain values: a row that lists its own code among
its predecessors starts a new unit continuing the code's earlier holder; a predecessor's code
names the unit that held it the day before; a code with a quarter or a day names the unit that
held it then; and a map where one code names two units at once, or a new holder that does not
continue the old, is refused."""

from __future__ import annotations

from datetime import date

import pytest

from cds_core import orgmap
from cds_core.interchange import CsvError, parse_org_units
from cds_core.orgmap import MAX_PERIOD, MIN_PERIOD, Unit, Version
from cds_core.periods import Period

TODAY = date(2026, 12, 8)
END, START = date(2025, 6, 30), date(2025, 7, 1)
HEADER = "code,name,level,parent_code,valid_from,valid_to,predecessors,kind\n"
# Tiền Giang (82) and old Đồng Tháp (87) became Đồng Tháp, code 82; xã Phú Thạnh (28696), Phú
# Đông (28750) and Phú Tân (28753) became xã Tân Phú Đông, code 28696 (NQ 1663/NQ-UBTVQH15).
OFFICIAL = HEADER + (
    "82,Tỉnh Tiền Giang,tinh,,,2025-06-30,,\n"
    "87,Tỉnh Đồng Tháp,tinh,,,2025-06-30,,\n"
    "82,Tỉnh Đồng Tháp,tinh,,2025-07-01,,82;87,\n"
    "825,Huyện Tân Phú Đông,huyen,82,,2025-06-30,,\n"
    "28696,Xã Phú Thạnh,xa,825,,2025-06-30,,\n"
    "28750,Xã Phú Đông,xa,825,,2025-06-30,,\n"
    "28753,Xã Phú Tân,xa,825,,2025-06-30,,\n"
    "28696,Xã Tân Phú Đông,xa,82,2025-07-01,,28696;28750;28753,\n"
    "30001,Phường Mỹ Tho,xa,82,2025-07-01,,,phuong\n"
)
NEW_XA, NEW_TINH = "28696@2025-07-01", "82@2025-07-01"


def read(text: str, current=None) -> dict[str, Unit]:
    return orgmap.read_records(parse_org_units(text), current or {}, today=TODAY)


def rows_of(units, ancestor: str) -> set[tuple]:
    return {
        (m.member, m.first, m.last, m.comparable)
        for m in orgmap.members(units)
        if m.ancestor == ancestor
    }


def test_a_row_listing_its_own_code_is_a_new_unit_continuing_the_codes_earlier_holder():
    units = read(OFFICIAL)
    orgmap.check(units)
    assert units["28696"].current.name == "Xã Phú Thạnh"
    assert units[NEW_XA].current.name == "Xã Tân Phú Đông"
    assert units[NEW_XA].official == "28696"
    # Its own code among its predecessors names old Phú Thạnh, the unit holding it on 30 June.
    assert units[NEW_XA].predecessors == ("28696", "28750", "28753")
    # Before it existed the new commune is the sum of the three; after, itself.
    assert rows_of(units, NEW_XA) == {
        (NEW_XA, "2025Q3", MAX_PERIOD, True),
        ("28696", MIN_PERIOD, "2025Q2", True),
        ("28750", MIN_PERIOD, "2025Q2", True),
        ("28753", MIN_PERIOD, "2025Q2", True),
    }
    # Old Phú Thạnh keeps its own history, and only that.
    assert rows_of(units, "28696") == {("28696", MIN_PERIOD, "2025Q2", True)}


def test_a_parent_code_names_the_unit_holding_it_on_the_rows_dates():
    units = read(OFFICIAL)
    assert units["825"].current.parent == "82"  # old Tiền Giang, until 30 June 2025
    assert units[NEW_XA].current.parent == NEW_TINH  # new Đồng Tháp, from 1 July
    assert units[NEW_TINH].predecessors == ("82", "87")
    before = {m for m, first, last, _ in rows_of(units, NEW_TINH) if last == "2025Q2"}
    assert before == {"82", "87", "825", "28696", "28750", "28753"}


def test_the_kind_column_says_what_a_unit_is_and_the_tier_word_stands_without_it():
    units = read(OFFICIAL)
    assert units["30001"].kind_of(units["30001"].current) == "phuong"
    assert units["28753"].kind_of(units["28753"].current) == "xa"
    assert units["825"].kind_of(units["825"].current) == "huyen"


def test_a_code_whose_rows_follow_each_other_without_naming_itself_is_one_unit_continuing():
    units = read(HEADER + (
        "P,Tỉnh,tinh,,,,,\n"
        "30002,Xã Mỹ Phong,xa,P,,2025-06-30,,\n"
        "30002,Phường Mỹ Phong,xa,P,2025-07-01,,,phuong\n"
    ))  # fmt: skip
    orgmap.check(units)
    unit = units["30002"]
    assert set(units) == {"P", "30002"}
    assert [(v.name, unit.kind_of(v)) for v in unit.versions] == [
        ("Xã Mỹ Phong", "xa"), ("Phường Mỹ Phong", "phuong")
    ]  # fmt: skip


def test_loading_the_same_rows_again_finds_the_same_units():
    first = read(OFFICIAL)
    assert plain(read(OFFICIAL, first)) == plain(first)


def test_the_new_unit_alone_is_read_against_the_old_one_already_on_the_map():
    old = read(OFFICIAL.split("28696,Xã Tân Phú Đông")[0])
    new = read(HEADER + "28696,Xã Tân Phú Đông,xa,82,2025-07-01,,28696;28750;28753,\n", old)
    assert set(new) == {NEW_XA}
    orgmap.check({**old, **new})


@pytest.mark.parametrize(
    ("ref", "period", "as_of", "key"),
    [
        ("28696", "2024Q1", None, "28696"),  # the quarter's end: old Phú Thạnh
        ("28696", "2025Q3", None, NEW_XA),
        ("28696", None, None, NEW_XA),  # no quarter: the unit holding it now
        ("28696", "2024Q1", date(2025, 7, 1), NEW_XA),  # --as-of: the unit of that day
        ("28696", None, date(2025, 6, 30), "28696"),
        ("28696@2025-07-01", "2024Q1", None, NEW_XA),  # a key names its unit in any quarter
        ("28696@2025-06-30", "2025Q3", None, "28696"),
        ("30001", "2024Q1", None, "30001"),  # nobody held it then: the unit holding it now
        ("28750", "2025Q3", None, "28750"),  # ended and never reused: still the old commune
        ("82", "2024Q1", None, "82"),
        ("82", "2025Q3", None, NEW_TINH),
        ("28750", None, date(2025, 7, 1), None),  # nobody held it that day
        ("99999", None, None, None),
    ],
)
def test_a_code_names_the_unit_that_held_it_then(ref, period, as_of, key):
    held = orgmap.holders(read(OFFICIAL))
    quarter = Period.parse(period) if period else None
    assert held.resolve(ref, today=TODAY, period=quarter, as_of=as_of) == key


@pytest.mark.parametrize(
    ("key", "period", "ref"),
    [
        (NEW_XA, "2025Q3", "28696"),
        (NEW_XA, "2024Q1", NEW_XA),  # its predecessors' sums: named by its key
        ("28696", "2024Q1", "28696"),
        ("28696", "2025Q3", "28696@2025-06-30"),  # the old one after it ended
        ("28753", "2025Q3", "28753"),
    ],
)
def test_the_reference_written_for_a_unit_names_it_back(key, period, ref):
    units = read(OFFICIAL)
    held = orgmap.holders(units)
    u = units[key]
    quarter = Period.parse(period)
    assert held.reference(key, u.start, u.end, today=TODAY, period=quarter) == ref
    assert held.resolve(ref, today=TODAY, period=quarter) == key


def test_the_map_written_out_in_official_codes_reads_back_as_the_same_units():
    from cds_core.interchange import write_org_units

    units = read(OFFICIAL)
    text = write_org_units(orgmap.as_records(units))
    assert "28696,Xã Tân Phú Đông,xa,82,2025-07-01,,28696;28750;28753,xa" in text
    assert plain(read(text)) == plain(units)


def plain(units) -> dict:
    """The units without the lines they came from."""
    return {
        key: (u.level, [(v.valid_from, v.valid_to, v.name, v.parent, v.kind) for v in u.versions],
              u.predecessors)
        for key, u in units.items()
    }  # fmt: skip


def test_a_code_held_by_two_units_at_once_is_refused():
    err = _refused({
        "X": Unit("X", "xa", (Version(None, None, "Cũ", None),)),
        "X@2025-07-01": Unit("X@2025-07-01", "xa", (Version(START, None, "Mới", None, 4),),
                             ("X",), line=4),
    })  # fmt: skip
    assert (err.line, err.column, err.reason.key) == (4, "valid_from", "err_org_overlap")


def test_a_new_holder_of_a_code_must_continue_the_old_one():
    # dvhcvn gave new xã Ia Mơ 23737, the code of Ia Mơ Nông, which it does not continue.
    err = _refused({
        "23737": Unit("23737", "xa", (Version(None, END, "Xã Ia Mơ Nông", None),)),
        "23938": Unit("23938", "xa", (Version(None, END, "Xã Ia Mơ", None),)),
        "23737@2025-07-01": Unit("23737@2025-07-01", "xa",
                                 (Version(START, None, "Xã Ia Mơ", None, 5),), ("23938",), line=5),
    })  # fmt: skip
    assert (err.line, err.column, err.reason.key) == (5, "predecessors", "err_org_code_reused")
    assert err.reason.params["code"] == "23737"


def test_a_level_that_changes_within_one_unit_is_refused():
    text = HEADER + "PHU_TAN,Xã Phú Tân,xa,,,2025-06-30,,\nPHU_TAN,Ấp Phú Tân,ap,,2025-07-01,,,\n"
    with pytest.raises(CsvError) as info:
        read(text)
    err = info.value
    assert (err.line, err.column, err.reason.key, err.reason.params) == (
        3, "level", "err_org_level_changes", {"first": 2}
    )  # fmt: skip


def test_a_code_may_not_carry_the_reference_mark():
    with pytest.raises(CsvError) as info:
        parse_org_units(HEADER + "X@2025-07-01,Xã X,xa,,,,,\n")
    assert (info.value.line, info.value.column, info.value.reason.key) == (
        2, "code", "err_org_code_mark"
    )  # fmt: skip


def test_a_kind_outside_the_tier_is_refused():
    with pytest.raises(CsvError) as info:
        parse_org_units(HEADER + "X,Xã X,xa,,,,,khu_pho\n")
    err = info.value
    assert (err.line, err.column, err.reason.key) == (2, "kind", "err_bad_kind")
    assert "phuong" in err.reason.params["kinds"]


def _refused(units) -> CsvError:
    with pytest.raises(CsvError) as info:
        orgmap.check(units)
    return info.value
