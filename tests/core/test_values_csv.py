"""One value as typed (cds_core.values) and the CSV files people exchange (interchange)."""

from datetime import date
from pathlib import Path

import pytest

from cds_core.catalogue import VALUE_CODES
from cds_core.errors import CdsError
from cds_core.interchange import CsvError, parse_org_units, parse_values, write_values
from cds_core.values import MAX_TEXT, parse, to_csv
from texts import error_text

SEED_CSV = Path(__file__).resolve().parents[2] / "db" / "demo" / "phu_tan_2024q1.csv"
HEADER = "org_unit,period,element,value,comment\n"

COUNT = VALUE_CODES["ht_staff_total"]
NUMBER = VALUE_CODES["ht_bandwidth_mbps"]
PCT = VALUE_CODES["em_regular_use_pct"]
BOOL = VALUE_CODES["ht_lan"]
TEXT = VALUE_CODES["sw_vendors"]
DEVICE = VALUE_CODES["ht_device.desktop.total"]


@pytest.mark.parametrize(
    ("vc", "raw", "expected"),
    [
        (COUNT, "22", 22.0),
        (COUNT, " 22 ", 22.0),
        (COUNT, "0", 0.0),
        (COUNT, "1.772", 1772.0),  # Vietnamese digit grouping, not a decimal
        (VALUE_CODES["vb_in_total"], "1.000.000", 1000000.0),  # its plausible maximum
        (COUNT, "1 772", 1772.0),
        (COUNT, 37, 37.0),
        (DEVICE, "1.772", 1772.0),
        (NUMBER, "1,5", 1.5),
        (NUMBER, "1.5", 1.5),
        (NUMBER, "100", 100.0),
        (NUMBER, "0,25", 0.25),
        (PCT, "95", 95.0),
        (PCT, "100", 100.0),
        (PCT, "99,5", 99.5),
        (PCT, "0", 0.0),
        (BOOL, "có", 1.0),
        (BOOL, "Có", 1.0),
        (BOOL, "không", 0.0),
        (BOOL, "KHÔNG", 0.0),
        (BOOL, "true", 1.0),
        (BOOL, "false", 0.0),
        (BOOL, "1", 1.0),
        (BOOL, "0", 0.0),
        (BOOL, True, 1.0),
        (TEXT, "  VNPT, Viettel, Misa ", "VNPT, Viettel, Misa"),
        (TEXT, "06 tháng/lần", "06 tháng/lần"),
    ],
)
def test_parse_accepts_what_people_type(vc, raw, expected):
    got = parse(vc, raw)
    assert got == expected
    assert type(got) is type(expected)


@pytest.mark.parametrize("vc", [COUNT, NUMBER, PCT, BOOL, TEXT])
@pytest.mark.parametrize("raw", [None, "", "   "])
def test_empty_cell_is_none(vc, raw):
    assert parse(vc, raw) is None


@pytest.mark.parametrize(
    ("vc", "raw", "key"),
    [
        (COUNT, "1,5", "err_not_integer"),
        (COUNT, "1.5", "err_not_integer"),
        (COUNT, "-3", "err_negative"),
        (COUNT, "abc", "err_not_number"),
        (COUNT, "12a", "err_not_number"),
        (COUNT, "1.77", "err_not_integer"),
        (NUMBER, "-1,5", "err_negative"),
        (NUMBER, "1,5,0", "err_not_number"),
        (NUMBER, "inf", "err_not_number"),
        (PCT, "101", "err_pct_range"),
        (PCT, "100,1", "err_pct_range"),
        (PCT, "-1", "err_negative"),
        (BOOL, "maybe", "err_not_bool"),
        (BOOL, "2", "err_not_bool"),
        (TEXT, "x" * (MAX_TEXT + 1), "err_text_too_long"),
    ],
)
def test_parse_rejects_with_a_message_key(vc, raw, key):
    with pytest.raises(CdsError) as exc:
        parse(vc, raw)
    assert exc.value.key == key


@pytest.mark.parametrize(
    ("vc", "value", "text"),
    [
        (COUNT, 1772.0, "1772"),
        (COUNT, 0.0, "0"),
        (NUMBER, 1.5, "1.5"),
        (NUMBER, 100.0, "100"),
        (PCT, 99.5, "99.5"),
        (BOOL, 1.0, "có"),
        (BOOL, 0.0, "không"),
        (TEXT, "Tin học B", "Tin học B"),
        (COUNT, None, ""),
        (TEXT, None, ""),
    ],
)
def test_to_csv_writes_the_canonical_form_that_parses_back(vc, value, text):
    assert to_csv(vc, value) == text
    assert parse(vc, text) == value


def csv_error(text: str, parser=parse_values) -> CsvError:
    with pytest.raises(CsvError) as exc:
        parser(text)
    return exc.value


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        (",2024Q1,ht_staff_total,22,", "org_unit", "err_required"),
        ("PHU_TAN,2024Q5,ht_staff_total,22,", "period", "err_bad_period"),
        ("PHU_TAN,2024Q1,ht_staff_totl,22,", "element", "err_unknown_element"),
        ("PHU_TAN,2024Q1,ht_device,22,", "element", "err_unknown_element"),
        ("PHU_TAN,2024Q1,ht_staff_total,abc,", "value", "err_not_number"),
        ("PHU_TAN,2024Q1,ht_staff_total,-3,", "value", "err_negative"),
        ("PHU_TAN,2024Q1,ht_lan,maybe,", "value", "err_not_bool"),
        ("PHU_TAN,2024Q1,em_regular_use_pct,101,", "value", "err_pct_range"),
        ("PHU_TAN,2024Q1,ht_staff_total,22,,extra", "", "err_csv_extra_cells"),
    ],
)
def test_bad_line_names_its_editor_line_number_and_column(row, column, reason):
    text = HEADER + "PHU_TAN,2024Q1,ht_staff_with_pc,21,\n" + row + "\n"
    err = csv_error(text)
    assert (err.line, err.column, err.reason.key) == (3, column, reason)
    assert "Dòng 3" in error_text(err)
    assert "Line 3" in error_text(err, "en")


def test_line_number_counts_the_lines_of_an_earlier_multi_line_comment():
    text = (
        HEADER
        + 'PHU_TAN,2024Q1,ht_staff_total,22,"dòng một\ndòng hai\ndòng ba"\n'
        + "PHU_TAN,2024Q1,ht_staff_with_pc,abc,\n"
    )
    err = csv_error(text)
    assert (err.line, err.column) == (5, "value")
    assert error_text(err) == "Dòng 5, cột value: “abc” không phải là số"


def test_line_number_counts_blank_lines():
    text = HEADER + "\nPHU_TAN,2024Q1,ht_staff_total,22,\n\nPHU_TAN,2024Q1,ht_lan,maybe,\n"
    assert csv_error(text).line == 5


def test_records_carry_their_editor_line_numbers():
    text = HEADER + 'PHU_TAN,2024Q1,ht_staff_total,22,"a\nb"\nPHU_TAN,2024Q1,ht_lan,có,\n'
    assert [r.line for r in parse_values(text)] == [3, 4]


def test_duplicate_org_period_element_is_refused_naming_the_first_line():
    text = (
        HEADER
        + "PHU_TAN,2024Q1,ht_staff_total,22,\n"
        + "PHU_TAN,2024Q1,ht_staff_with_pc,21,\n"
        + "PHU_TAN,Quý I/2024,ht_staff_total,23,\n"  # same quarter, other spelling
    )
    err = csv_error(text)
    assert (err.line, err.column, err.reason.key) == (4, "element", "err_csv_duplicate")
    assert err.reason.params == {"first": 2}
    assert "2" in error_text(err.reason)
    assert error_text(err) == "Dòng 4, cột element: Trùng với dòng 2"


def test_same_element_for_another_period_or_org_unit_is_no_duplicate():
    text = (
        HEADER
        + "PHU_TAN,2024Q1,ht_staff_total,22,\n"
        + "PHU_TAN,2024Q2,ht_staff_total,22,\n"
        + "PHU_THANH,2024Q1,ht_staff_total,18,\n"
    )
    assert len(parse_values(text)) == 3


def test_missing_header_column_is_refused_on_line_1():
    err = csv_error("org_unit,period,element,value\nPHU_TAN,2024Q1,ht_staff_total,22\n")
    assert (err.line, err.column, err.reason.key) == (1, "comment", "err_csv_header")
    assert "Dòng 1" in error_text(err)


def test_empty_file_is_refused():
    assert csv_error("").reason.key == "err_csv_empty"


def test_header_columns_may_come_in_any_order_and_a_bom_is_ignored():
    text = "\ufeffelement,value,org_unit,period,comment\nht_staff_total,1.772,PHU_TAN,Quý I/2024,\n"
    (record,) = parse_values(text)
    assert (record.org_unit, record.period, record.element, record.value) == (
        "PHU_TAN",
        "2024Q1",
        "ht_staff_total",
        1772.0,
    )


def test_seed_csv_parses_to_84_records():
    records = parse_values(SEED_CSV.read_text(encoding="utf-8"))
    assert len(records) == 84
    assert {(r.org_unit, r.period) for r in records} == {("PHU_TAN", "2024Q1")}
    by_code = {r.element: r for r in records}
    assert by_code["ht_staff_total"].value == 22.0
    assert by_code["ht_tslcd"].value == 1.0
    assert by_code["ht_device.desktop.total"].value == 37.0
    assert by_code["ld_plan_issued"].comment == "Kế hoạch số 60/KH-UBND ngày 29/01/2024"
    assert by_code["nar_difficulties"].value.count("\n") == 4


def test_seed_csv_round_trips_byte_identically():
    original = SEED_CSV.read_bytes()
    records = parse_values(original.decode("utf-8"))
    rows = [(r.org_unit, r.period, r.element, r.value, r.comment) for r in records]
    assert write_values(rows).encode("utf-8") == original


def test_write_values_sorts_and_writes_canonical_values():
    rows = [
        ("PHU_TAN", "2024Q2", "ht_lan", 1.0, ""),
        ("PHU_TAN", "2024Q1", "ht_bandwidth_mbps", 1.5, "cáp quang, 2 đường"),
        ("PHU_TAN", "2024Q1", "ht_staff_total", 1772.0, ""),
    ]
    assert write_values(rows) == (
        HEADER
        + 'PHU_TAN,2024Q1,ht_bandwidth_mbps,1.5,"cáp quang, 2 đường"\n'
        + "PHU_TAN,2024Q1,ht_staff_total,1772,\n"
        + "PHU_TAN,2024Q2,ht_lan,có,\n"
    )


ORG_HEADER = "code,name,level,parent_code,valid_from,valid_to\n"


def test_parse_org_units_happy_path():
    text = (
        ORG_HEADER
        + "TIEN_GIANG,Tỉnh Tiền Giang,tinh,,,2025-06-30\n"
        + "PHU_TAN,Xã Phú Tân,xa,TIEN_GIANG,2020-01-01,\n"
        + "AP_1,Ấp Tân Phú,ap,PHU_TAN,,\n"
    )
    records = parse_org_units(text)
    assert [(r.line, r.code, r.level, r.parent_code) for r in records] == [
        (2, "TIEN_GIANG", "tinh", None),
        (3, "PHU_TAN", "xa", "TIEN_GIANG"),
        (4, "AP_1", "ap", "PHU_TAN"),
    ]
    assert records[0].valid_to == date(2025, 6, 30)
    assert records[1].valid_from == date(2020, 1, 1)
    assert (records[2].valid_from, records[2].valid_to) == (None, None)
    assert records[1].name == "Xã Phú Tân"


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        ("PHU_TAN,Xã Phú Tân,commune,,,", "level", "err_bad_level"),
        ("PHU_TAN,Xã Phú Tân,,,,", "level", "err_bad_level"),
        ("PHU_TAN,Xã Phú Tân,xa,,2025-13-01,", "valid_from", "err_bad_date"),
        ("PHU_TAN,Xã Phú Tân,xa,,01/07/2025,", "valid_from", "err_bad_date"),
        ("PHU_TAN,Xã Phú Tân,xa,,,2025-02-30", "valid_to", "err_bad_date"),
        ("PHU_TAN,Xã Phú Tân,xa,,2025-07-01,2025-06-30", "valid_to", "err_dates_order"),
        (",Xã Phú Tân,xa,,,", "code", "err_required"),
        ("PHU_TAN,,xa,,,", "name", "err_required"),
    ],
)
def test_parse_org_units_refuses_bad_level_and_dates(row, column, reason):
    err = csv_error(ORG_HEADER + row + "\n", parse_org_units)
    assert (err.line, err.column, err.reason.key) == (2, column, reason)


def test_parse_org_units_reads_a_row_per_period_and_the_predecessors():
    text = (
        ORG_HEADER.rstrip("\n") + ",predecessors\n"
        "AP_1,Ấp 1,ap,PHU_TAN,,2025-06-30,\n"
        "AP_1,Ấp 1,ap,TAN_PHU_DONG,2025-07-01,,\n"
        "TAN_PHU_DONG,Xã Tân Phú Đông,xa,,2025-07-01,, PHU_TAN ; PHU_DONG;PHU_THANH\n"
    )
    records = parse_org_units(text)
    assert [(r.code, r.parent_code, r.predecessors) for r in records] == [
        ("AP_1", "PHU_TAN", ()),
        ("AP_1", "TAN_PHU_DONG", ()),
        ("TAN_PHU_DONG", None, ("PHU_TAN", "PHU_DONG", "PHU_THANH")),
    ]
    # Without the column the lineage is not stated at all (what is recorded stays).
    assert parse_org_units(ORG_HEADER + "X,Xã X,xa,,,\n")[0].predecessors is None
