"""The scorecard page on the demo data: statuses, the headline with the not-met first, pillars,
change and pace, the click-through to each trend, the CSV, and presentation mode."""

import pandas as pd

from apptest import signed_in

FULL = "Tỷ lệ DVCTT toàn trình (mức độ 4)"
DOSSIERS = "Tỷ lệ hồ sơ giải quyết trực tuyến mức độ 3, 4"
SMARTPHONES = "Tỷ lệ người trưởng thành dùng điện thoại thông minh"


def scorecard(at) -> pd.DataFrame:
    return pd.concat([d.value for d in at.dataframe], ignore_index=True).set_index("Chỉ số")


def test_the_demo_statuses_dvc_full_not_met_and_online_dossiers_met(app_db):
    at = signed_in("committee", "viewer")
    assert not at.exception
    table = scorecard(at)
    assert table.loc[FULL, "Đánh giá"] == "✖ chưa đạt"
    assert table.loc[DOSSIERS, "Đánh giá"] == "✔ đạt"
    assert (table.loc[FULL, "Mục tiêu"], table.loc[FULL, "Thời hạn"]) == ("≥ 80%", "2025")


def test_the_headline_counts_targets_met_and_lists_the_not_met_first(app_db):
    at = signed_in("committee", "viewer")
    assert "**5/17 chỉ tiêu đạt**" in [m.value for m in at.markdown]
    links = [link.label for link in at.get("page_link") if "·" in link.label]
    assert links[0].startswith("✖ chưa đạt")
    assert any(FULL in label for label in links)
    # Each step down the list is never a better status than the one before.
    words = [label.split(" · ")[0] for label in links]
    order = ["✖ chưa đạt", "◐ gần đạt", "? chưa có số liệu"]
    assert words == sorted(words, key=order.index)


def test_indicators_are_grouped_by_pillar_in_order_with_the_not_met_first(app_db):
    at = signed_in("committee", "viewer")
    headings = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert [h.split(" · ")[0][5:] for h in headings] == [
        "Hạ tầng", "Chính quyền số", "Kinh tế số", "Xã hội số", "An toàn thông tin"
    ]  # fmt: skip
    government = at.dataframe[1].value
    assert government["Đánh giá"].iloc[0] == "✖ chưa đạt"
    assert government["Đánh giá"].iloc[-1] in ("✔ đạt", "– không áp dụng")
    assert any("Lãnh đạo, chỉ đạo" in c.value for c in at.caption)  # no computed indicator


def test_each_indicator_links_to_its_trend(app_db):
    at = signed_in("committee", "viewer")
    detail = scorecard(at).loc[FULL, "Chi tiết"]
    assert detail == "xu-huong?indicator=dvc_full_rate&org=PHU_TAN&period=2024Q1"


def test_change_and_pace_come_from_earlier_quarters(app_db):
    at = signed_in("committee", "viewer")
    row = scorecard(at).loc[SMARTPHONES]  # the demo hamlets report it since 2023Q2
    assert row["So với quý trước"].split(" ")[0] in ("↑", "↓", "→")
    assert row["So với quý trước"].endswith(" điểm")
    assert row["Tiến độ"] in ("✔ đúng tiến độ", "✖ chậm tiến độ")
    # The commune's own figures start in 2024Q1: one quarter draws no line.
    assert scorecard(at).loc[FULL, "Tiến độ"] == "– chưa đủ số liệu"
    assert scorecard(at).loc[FULL, "So với quý trước"] == ""


def test_every_indicator_is_on_the_scorecard_and_the_table_downloads_as_csv(app_db):
    at = signed_in("committee", "viewer")
    assert len(scorecard(at)) == 23
    assert [b.label for b in at.get("download_button")] == ["Tải CSV"]


def slide(at) -> str:
    return next(m.value for m in at.markdown if "cds-slide" in m.value)


def test_presentation_mode_shows_one_pillar_per_screen_with_next_and_previous(app_db):
    at = signed_in("committee", "viewer")
    at.query_params["present"] = "1"
    at.run()
    assert not at.exception
    assert not at.dataframe and not at.title
    assert "<h2>Hạ tầng</h2>" in slide(at) and "trang 1/7" in slide(at)
    next_button = next(b for b in at.button if b.label == "Trang sau ▶")
    next_button.click().run()
    assert "<h2>Chính quyền số</h2>" in slide(at)
    assert "✖ chưa đạt" in slide(at) and "46,8%" in slide(at)
    # Thirteen indicators make three slides of at most five: none taller than the screen.
    assert "phần 1/3" in slide(at) and slide(at).count("<tr>") == 5
    next(b for b in at.button if b.label == "◀ Trang trước").click().run()
    next(b for b in at.button if b.label == "◀ Trang trước").click().run()
    assert "<h2>An toàn thông tin</h2>" in slide(at)  # wraps around


def test_presentation_mode_hides_the_sidebar_and_leaves_on_its_button(app_db):
    at = signed_in("committee", "viewer")
    at.sidebar.toggle[0].set_value(True).run()
    assert at.query_params["present"] == "1"  # a reload stays in the mode
    assert any("stSidebar" in str(h.proto.body) for h in at.get("html"))
    next(b for b in at.button if b.label == "Thoát trình chiếu").click().run()
    assert at.title[0].value == "Tổng quan"
    assert "present" not in at.query_params
