"""cds_core.hamlets as specifications: activity kinds, checks, derived counts and the ranking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from cds_core.hamlets import (
    HAMLET_INDICATORS,
    KIND_CODES,
    check_activity,
    check_member,
    derived_counts,
    kind_name,
    rank,
)
from cds_core.periods import Period
from cds_core.status import Status

TODAY = date(2024, 4, 1)
M, N, R, Q, X = Status.MET, Status.NEAR, Status.NOT_MET, Status.NO_DATA, Status.NOT_APPLICABLE


@dataclass
class Done:
    date: date
    people_reached: int
    accounts_supported: int


def test_the_six_activity_kinds_have_names_in_both_languages():
    assert KIND_CODES == (
        "tuyen_truyen",
        "huong_dan_vneid",
        "huong_dan_dvc",
        "thanh_toan_khong_tien_mat",
        "thuong_mai_dien_tu",
        "khac",
    )
    assert kind_name("huong_dan_vneid") == "Hướng dẫn VNeID"
    assert kind_name("khac", "en") == "Other"


def test_hamlet_indicators_are_the_section_6_rates():
    assert HAMLET_INDICATORS == (
        "xh_smartphone_rate",
        "xh_fiber_rate",
        "xh_vneid_rate",
        "xh_epayment_rate",
        "xh_digital_signature_rate",
    )


def test_derived_counts_take_only_the_quarters_activities():
    log = [
        Done(date(2023, 12, 31), 50, 10),  # the quarter before
        Done(date(2024, 1, 1), 20, 5),
        Done(date(2024, 3, 31), 30, 0),
        Done(date(2024, 4, 1), 70, 7),  # the quarter after
    ]
    assert derived_counts(log, Period(2024, 1)) == {
        "tcn_sessions": 2,
        "tcn_people_guided": 50,
        "tcn_accounts_supported": 5,
    }


def test_derived_counts_of_a_quarter_without_activities_are_zero():
    assert set(derived_counts([], Period(2024, 2)).values()) == {0}


GOOD = {
    "date": date(2024, 3, 2),
    "kind": "huong_dan_vneid",
    "place": " Nhà văn hóa ấp ",
    "members_present": "3",
    "people_reached": "1.200",
    "accounts_supported": 40,
    "note": "",
}


def test_a_good_activity_is_typed_and_trimmed():
    activity, errors = check_activity(GOOD, today=TODAY)
    assert errors == {}
    assert (activity.place, activity.members_present, activity.people_reached) == (
        "Nhà văn hóa ấp",
        3,
        1200,
    )


@pytest.mark.parametrize(
    ("field", "value", "key"),
    [
        ("date", None, "err_required"),
        ("date", date(2024, 4, 2), "err_future_date"),
        ("kind", "hop_to", "err_activity_kind"),
        ("people_reached", "-1", "err_negative"),
        ("members_present", "2,5", "err_not_integer"),
        ("people_reached", "nhiều", "err_not_number"),
        ("accounts_supported", "1201", "err_accounts_above_people"),
    ],
)
def test_a_bad_activity_field_is_named_with_its_reason(field, value, key):
    activity, errors = check_activity({**GOOD, field: value}, today=TODAY)
    assert activity is None
    assert {f: e.key for f, e in errors.items()} == {field: key}


def test_every_bad_activity_field_is_reported_at_once():
    _, errors = check_activity({"kind": "", "people_reached": "-3"}, today=TODAY)
    assert set(errors) == {"date", "kind", "people_reached"}


@pytest.mark.parametrize("phone", ["0900 000 101", "+84 900.000.101", "0900-000-101", ""])
def test_a_member_phone_that_dials_is_accepted(phone):
    member, errors = check_member({"name": "Nguyễn Văn A", "phone": phone})
    assert errors == {} and member.phone == phone


@pytest.mark.parametrize(
    ("fields", "field", "key"),
    [
        ({"name": "  "}, "name", "err_required"),
        ({"name": "A", "phone": "gọi Zalo"}, "phone", "err_phone"),
        ({"name": "A", "phone": "12"}, "phone", "err_phone"),
        (
            {"name": "A", "joined": date(2024, 1, 1), "left": date(2023, 12, 31)},
            "left",
            "err_dates_order",
        ),
        ({"name": "A", "joined": "hôm qua"}, "joined", "err_bad_date"),
    ],
)
def test_a_bad_member_field_is_named(fields, field, key):
    member, errors = check_member(fields)
    assert member is None
    assert {f: e.key for f, e in errors.items()} == {field: key}


def test_ranking_is_by_share_of_targets_met_with_shared_places():
    standings = rank(
        {
            "AP1": [M, M, R, X],  # 2 of 3
            "AP2": [M, N, R, X],  # 1 of 3
            "AP3": [M, M, N, X],  # 2 of 3
            "AP4": [M, Q, Q, X],  # no figure counts as not met: 1 of 3
        }
    )
    assert [(s.code, s.met, s.with_target, s.rank) for s in standings] == [
        ("AP1", 2, 3, 1),
        ("AP3", 2, 3, 1),
        ("AP2", 1, 3, 3),
        ("AP4", 1, 3, 3),
    ]
    assert standings[0].share == pytest.approx(2 / 3)


def test_a_hamlet_without_any_target_ranks_last_with_no_share():
    standings = rank({"AP1": [X, X], "AP2": [R]})
    assert [(s.code, s.share, s.rank) for s in standings] == [("AP2", 0.0, 1), ("AP1", None, 2)]
