"""Kinds of units in everything that names one: every kind's word, a unit's full name whether
its name carries the word or not, and a report headed, placed and closed by its kind and its
province in the quarter."""

from __future__ import annotations

from datetime import date

import pytest

from cds_core import kinds
from cds_core import report_model as rm
from cds_core.catalogue import Level
from cds_core.errors import CdsError
from cds_core.periods import Period
from cds_core.scorecard import build as scorecard
from cds_core.targets import DEFAULT_TARGETS

EVERY_KIND = [
    ("tinh", "Đồng Tháp", "Tỉnh Đồng Tháp", "tỉnh Đồng Tháp"),
    ("thanh_pho", "Hà Nội", "Thành phố Hà Nội", "thành phố Hà Nội"),
    ("huyen", "Tân Phú Đông", "Huyện Tân Phú Đông", "huyện Tân Phú Đông"),
    ("quan", "Ba Đình", "Quận Ba Đình", "quận Ba Đình"),
    ("thi_xa", "Gò Công", "Thị xã Gò Công", "thị xã Gò Công"),
    ("xa", "Tân Phú Đông", "Xã Tân Phú Đông", "xã Tân Phú Đông"),
    ("phuong", "Mỹ Tho", "Phường Mỹ Tho", "phường Mỹ Tho"),
    ("thi_tran", "Vàm Láng", "Thị trấn Vàm Láng", "thị trấn Vàm Láng"),
    ("dac_khu", "Côn Đảo", "Đặc khu Côn Đảo", "đặc khu Côn Đảo"),
    ("ap", "Phú Hòa", "Ấp Phú Hòa", "ấp Phú Hòa"),
    ("thon", "Đông", "Thôn Đông", "thôn Đông"),
    ("khu_pho", "1", "Khu phố 1", "khu phố 1"),
    ("to_dan_pho", "5", "Tổ dân phố 5", "tổ dân phố 5"),
    ("ban", "Na Hang", "Bản Na Hang", "bản Na Hang"),
    ("buon", "Đôn", "Buôn Đôn", "buôn Đôn"),
    ("soc", "Trà Cuôn", "Sóc Trà Cuôn", "sóc Trà Cuôn"),
]


@pytest.mark.parametrize(("kind", "bare", "full", "inside"), EVERY_KIND)
def test_every_kind_names_its_unit(kind, bare, full, inside):
    assert kinds.full_name(bare, kind) == full
    assert kinds.full_name(full, kind) == full  # official names already carry the word
    assert kinds.in_sentence(full, kind) == inside
    assert kinds.bare_name(full, kind) == bare
    assert kinds.of_name(full, kinds.tier(kind)) == kind
    assert kinds.authority(bare, kind) == ("ỦY BAN NHÂN DÂN", full.upper())


def test_every_kind_belongs_to_one_tier_or_two_and_has_words_in_both_languages():
    assert {k for these in kinds.KINDS.values() for k in these} == set(kinds.UnitKind)
    assert kinds.word("dac_khu", "en") == "Special zone"
    assert [kinds.default(level) for level in Level] == ["tinh", "huyen", "xa", "ap"]


def test_a_kind_outside_its_tier_is_refused_with_the_tiers_kinds():
    with pytest.raises(CdsError) as info:
        kinds.check("xa", "khu_pho")
    assert info.value.key == "err_bad_kind"
    assert info.value.params["kinds"] == "xa, phuong, thi_tran, dac_khu"


@pytest.mark.parametrize(
    ("name", "kind", "place"),
    [
        ("Phường Mỹ Tho", "phuong", "Mỹ Tho"),
        ("Mỹ Tho", "phuong", "Mỹ Tho"),
        ("Đặc khu Côn Đảo", "dac_khu", "Côn Đảo"),
        ("Thị trấn Vàm Láng", "thi_tran", "Vàm Láng"),
        ("Phường 1", "phuong", "Phường 1"),  # a number is no địa danh alone
        ("Phường IV", "phuong", "Phường IV"),
    ],
)
def test_the_place_of_a_report_is_the_name_without_its_kind(name, kind, place):
    assert rm.place_name(name, kind) == place


CHAIN = [
    ("tinh", "Thành phố Hà Nội", None, None, "thanh_pho"),
    ("huyen", "Quận Ba Đình", None, date(2025, 6, 30), "quan"),
]


def test_the_authority_above_follows_its_kind_and_the_quarter():
    assert rm.parent_authority(CHAIN, date(2025, 6, 30)) == "UBND QUẬN BA ĐÌNH"
    assert rm.parent_authority(CHAIN, date(2025, 7, 1)) == "UBND THÀNH PHỐ HÀ NỘI"
    assert rm.default_recipients(rm.authority_above(CHAIN, date(2025, 7, 1))) == (
        "UBND thành phố Hà Nội", "Lưu: VT"
    )  # fmt: skip


def report(name: str, kind: str, province: tuple[str, str], period: Period):
    return rm.build(org_name=name, org_kind=kind, parent="UBND TỈNH ĐỒNG THÁP", period=period,
                    province=province, values={}, comments={}, rows=scorecard({}, DEFAULT_TARGETS),
                    meta=rm.Meta())  # fmt: skip


def test_a_wards_report_is_headed_placed_and_closed_as_a_ward():
    r = report("Phường Mỹ Tho", "phuong", ("Tỉnh Đồng Tháp", "tinh"), Period(2025, 3))
    assert r.header.issuer_lines == ("ỦY BAN NHÂN DÂN", "PHƯỜNG MỸ THO")
    assert r.header.date_line.startswith("Mỹ Tho, ngày")
    assert "Ủy ban nhân dân phường Mỹ Tho quý III năm 2025" in r.closing
    assert r.appendix_title[-1].endswith("của Ủy ban nhân dân phường Mỹ Tho)")
    zone = report("Côn Đảo", "dac_khu", ("Thành phố Hồ Chí Minh", "thanh_pho"), Period(2025, 3))
    assert zone.header.issuer_lines == ("ỦY BAN NHÂN DÂN", "ĐẶC KHU CÔN ĐẢO")
    assert zone.org_name == "Đặc khu Côn Đảo"


def test_a_report_is_titled_after_the_units_province_in_the_quarter():
    # Tiền Giang's resolution while the commune was Tiền Giang's; Đồng Tháp's own after.
    before = report("Xã Phú Thạnh", "xa", ("Tỉnh Tiền Giang", "tinh"), Period(2024, 1))
    assert before.subject == f"Tình hình thực hiện {rm.RESOLUTION} trong Quý I/2024"
    after = report("Xã Tân Phú Đông", "xa", ("Tỉnh Đồng Tháp", "tinh"), Period(2025, 3))
    assert "Tiền Giang" not in after.subject + after.closing
    assert after.subject == (
        "Tình hình thực hiện nhiệm vụ chuyển đổi số trên địa bàn tỉnh Đồng Tháp trong Quý III/2025"
    )
