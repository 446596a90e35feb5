"""Vietnamese number formatting, rounding half up to one decimal as the report does."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from cds_core.formatting import (
    csv_pct,
    format_count,
    format_moment,
    format_number,
    format_pct,
    round_half_up,
)


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (50 / 59 * 100, "84,7%", "84.7%"),
        (73 / 156 * 100, "46,8%", "46.8%"),
        (21 / 22 * 100, "95,5%", "95.5%"),
        (1 / 156 * 100, "0,6%", "0.6%"),
        (100, "100%", "100%"),
        (100.0, "100%", "100%"),
        (99.96, "100%", "100%"),
        (0, "0%", "0%"),
        (0.04, "0%", "0%"),
        (55.9, "55,9%", "55.9%"),
        (1234.5, "1.234,5%", "1,234.5%"),
    ],
)
def test_format_pct_one_decimal_comma_and_whole_numbers_bare(value, vi, en):
    assert format_pct(value) == vi
    assert format_pct(value, "vi") == vi
    assert format_pct(value, "en") == en


@pytest.mark.parametrize(
    ("value", "digits", "vi", "en"),
    [
        (1772, 0, "1.772", "1,772"),
        (1772.0, 0, "1.772", "1,772"),
        (0, 0, "0", "0"),
        (999, 0, "999", "999"),
        (1000, 0, "1.000", "1,000"),
        (1234567, 0, "1.234.567", "1,234,567"),
        (1234567.891, 2, "1.234.567,89", "1,234,567.89"),
        (-1772, 0, "-1.772", "-1,772"),
        (1.5, 1, "1,5", "1.5"),
    ],
)
def test_format_number_groups_thousands_with_dot_in_vietnamese(value, digits, vi, en):
    assert format_number(value, digits) == vi
    assert format_number(value, digits, "en") == en


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        # binary floats sit just below these halves: Python's round() would go down
        (0.05, 1, "0.1"),
        (0.15, 1, "0.2"),
        (0.25, 1, "0.3"),  # also where banker's rounding goes down
        (0.35, 1, "0.4"),
        (2.675, 1, "2.7"),
        (2.675, 2, "2.68"),
        (1.005, 2, "1.01"),
        (46.75, 1, "46.8"),
        (8.45, 1, "8.5"),
        (0.125, 2, "0.13"),
        (2.5, 0, "3"),
        (0.5, 0, "1"),
        (84.74576271186442, 1, "84.7"),
        (-0.25, 1, "-0.3"),
    ],
)
def test_round_half_up_rounds_halves_away_from_zero_as_written(value, digits, expected):
    assert round_half_up(value, digits) == Decimal(expected)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.05, "0,1%"), (0.25, "0,3%"), (2.675, "2,7%"), (46.75, "46,8%"), (8.45, "8,5%")],
)
def test_format_pct_rounds_half_up(value, expected):
    assert format_pct(value) == expected


@pytest.mark.parametrize(
    ("value", "digits", "expected"), [(2.5, 0, "3"), (0.5, 0, "1"), (2.675, 2, "2,68")]
)
def test_format_number_rounds_half_up(value, digits, expected):
    assert format_number(value, digits) == expected


@pytest.mark.parametrize("fn", [format_pct, format_number, format_count])
def test_none_formats_as_empty_string(fn):
    assert fn(None) == ""
    assert fn(None, lang="en") == ""


def test_csv_pct_of_none_is_empty():
    assert csv_pct(None) == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (50 / 59 * 100, "84.7"),
        (100, "100.0"),
        (0, "0.0"),
        (0.05, "0.1"),
        (46.75, "46.8"),
        (1772.25, "1772.3"),
    ],
)
def test_csv_pct_is_machine_form_dot_one_decimal_no_grouping(value, expected):
    assert csv_pct(value) == expected


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (1772, "1.772", "1,772"),
        (1772.0, "1.772", "1,772"),
        (1.5, "1,5", "1.5"),
        (1.25, "1,25", "1.25"),
        (1772.5, "1.772,5", "1,772.5"),
        (100, "100", "100"),
        (0, "0", "0"),
    ],
)
def test_format_count_shows_decimals_only_when_there_are_some(value, vi, en):
    assert format_count(value) == vi
    assert format_count(value, "en") == en


@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        (datetime(2024, 3, 31, 17, 30, tzinfo=UTC), "01/04/2024 00:30"),  # next day in Vietnam
        (datetime(2024, 3, 31, 17, 30), "01/04/2024 00:30"),  # SQLite: UTC without a zone
        (None, ""),
    ],
)
def test_local_time_is_vietnams_clock(moment, shown):
    assert format_moment(moment) == shown
