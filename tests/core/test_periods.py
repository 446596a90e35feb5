"""Quarters: codes and Vietnamese labels, neighbours, ordering and yearly aggregation."""

from datetime import date

import pytest

from cds_core.catalogue import ELEMENTS
from cds_core.errors import CdsError
from cds_core.periods import Period, quarters_between, year_value


@pytest.mark.parametrize(
    ("code", "label_vi", "label_en", "year", "quarter"),
    [
        ("2024Q1", "Quý I/2024", "Q1 2024", 2024, 1),
        ("2024Q2", "Quý II/2024", "Q2 2024", 2024, 2),
        ("2024Q3", "Quý III/2024", "Q3 2024", 2024, 3),
        ("2024Q4", "Quý IV/2024", "Q4 2024", 2024, 4),
    ],
)
def test_code_and_vietnamese_label_convert_both_ways(code, label_vi, label_en, year, quarter):
    period = Period(year, quarter)
    assert Period.parse(code) == period
    assert Period.parse(label_vi) == period
    assert period.code == code
    assert str(period) == code
    assert period.label() == label_vi
    assert period.label("vi") == label_vi
    assert period.label("en") == label_en
    assert Period.parse(period.label()).code == code


@pytest.mark.parametrize(
    "text", ["2024-Q1", "2024q1", " 2024Q1 ", "Quý I / 2024", "quý i/2024", "Quy I/2024"]
)
def test_lenient_spellings_of_a_quarter_are_accepted(text):
    assert Period.parse(text) == Period(2024, 1)


@pytest.mark.parametrize(
    "text",
    ["2024Q5", "2024Q0", "Q1", "", "   ", "Quý V/2024", "Quý 1/2024", "24Q1", "2024", "I/2024"],
)
def test_bad_period_text_raises_cds_error(text):
    with pytest.raises(CdsError) as exc:
        Period.parse(text)
    assert exc.value.key == "err_bad_period"


def test_none_is_not_a_period():
    with pytest.raises(CdsError):
        Period.parse(None)


@pytest.mark.parametrize(("year", "quarter"), [(2024, 0), (2024, 5), (1899, 1), (3000, 1)])
def test_out_of_range_period_cannot_be_built(year, quarter):
    with pytest.raises(CdsError):
        Period(year, quarter)


@pytest.mark.parametrize(
    ("code", "previous", "following"),
    [
        ("2024Q1", "2023Q4", "2024Q2"),
        ("2024Q2", "2024Q1", "2024Q3"),
        ("2024Q4", "2024Q3", "2025Q1"),
        ("2000Q1", "1999Q4", "2000Q2"),
    ],
)
def test_previous_and_next_cross_year_boundaries(code, previous, following):
    period = Period.parse(code)
    assert period.previous().code == previous
    assert period.next().code == following
    assert period.next().previous() == period


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("2024Q1", ["2024Q1"]),
        ("2024Q2", ["2024Q1", "2024Q2"]),
        ("2024Q4", ["2024Q1", "2024Q2", "2024Q3", "2024Q4"]),
    ],
)
def test_year_to_date_runs_from_q1_to_the_quarter(code, expected):
    assert [p.code for p in Period.parse(code).year_to_date()] == expected


def test_periods_order_chronologically_across_years():
    codes = ["2024Q2", "2023Q4", "2025Q1", "2024Q1", "2023Q1"]
    assert [p.code for p in sorted(map(Period.parse, codes))] == [
        "2023Q1",
        "2023Q4",
        "2024Q1",
        "2024Q2",
        "2025Q1",
    ]
    assert Period(2023, 4) < Period(2024, 1)
    assert max(map(Period.parse, codes)) == Period(2025, 1)


def test_index_difference_counts_quarters():
    assert Period(2025, 1).index - Period(2023, 3).index == 6
    assert Period.from_index(Period(2024, 3).index) == Period(2024, 3)


def test_quarters_between_is_inclusive_and_crosses_years():
    got = quarters_between(Period(2023, 3), Period(2024, 2))
    assert [p.code for p in got] == ["2023Q3", "2023Q4", "2024Q1", "2024Q2"]
    assert quarters_between(Period(2024, 2), Period(2024, 1)) == []


Q1, Q2, Q3, Q4 = (Period(2024, q) for q in range(1, 5))


@pytest.mark.parametrize(
    ("element", "quarterly", "expected"),
    [
        # flow: sum of the quarters
        ("vb_out_total", {Q1: 93, Q2: 100, Q3: 80, Q4: 7}, 280),
        ("vb_out_total", {Q1: 93, Q2: None, Q3: 80}, 173),
        ("nl_budget_total", {Q1: 1.5, Q2: 2.25}, 3.75),
        # stock: the last quarter with a value, whatever order the mapping has
        ("ht_staff_total", {Q4: 25, Q3: 24, Q1: 22, Q2: 23}, 25),
        ("ht_staff_total", {Q1: 22, Q2: 23, Q3: 24, Q4: None}, 24),
        ("ht_staff_total", {Q2: 23, Q1: 22}, 23),
        # pct: plain average of the quarters, stock or flow alike
        ("em_regular_use_pct", {Q1: 95, Q2: 85, Q3: None, Q4: 90}, 90),
        ("dvc_satisfaction_pct", {Q1: 60, Q2: 80}, 70),
        # nothing reported
        ("vb_out_total", {Q1: None, Q2: None}, None),
        ("ht_staff_total", {}, None),
        ("em_regular_use_pct", {Q1: None}, None),
    ],
)
def test_year_value_flows_sum_stocks_take_last_pct_averages(element, quarterly, expected):
    assert year_value(ELEMENTS[element], quarterly) == expected


def test_year_value_zero_is_a_value_not_missing():
    assert year_value(ELEMENTS["vb_out_total"], {Q1: 0, Q2: None}) == 0
    assert year_value(ELEMENTS["ht_staff_total"], {Q1: 22, Q2: 0}) == 0


@pytest.mark.parametrize(
    ("code", "first", "last"),
    [
        ("2024Q1", date(2024, 1, 1), date(2024, 3, 31)),
        ("2024Q2", date(2024, 4, 1), date(2024, 6, 30)),
        ("2024Q3", date(2024, 7, 1), date(2024, 9, 30)),
        ("2024Q4", date(2024, 10, 1), date(2024, 12, 31)),
    ],
)
def test_a_quarter_knows_its_first_and_last_day(code, first, last):
    p = Period.parse(code)
    assert (p.first_day, p.last_day) == (first, last)
    assert Period.containing(first) == Period.containing(last) == p
