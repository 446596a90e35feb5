"""History and conflict tables in people's words: names not codes, the interface's headers,
blanks not None, Vietnam's clock, and the real changes before the stocks carried over."""

from datetime import UTC, datetime

from db.values import Change
from ui.change_table import table

AT = datetime(2024, 4, 2, 2, 5, tzinfo=UTC)  # 09:05 in Vietnam


def test_a_real_change_comes_first_and_carried_stocks_fold_into_one_row():
    changes = [
        Change(AT, "mai", "ht_staff_total", None, "22", carried=True),
        Change(AT, "mai", "vb_out_total", "93", "90", reason="sửa"),
        Change(AT, "mai", "em_accounts", None, "21", carried=True),
    ]
    rows = table(changes, "vi")
    assert list(rows.columns) == [
        "Thời điểm", "Người sửa", "Nội dung", "Giá trị cũ", "Giá trị mới", "Lý do"
    ]  # fmt: skip
    assert rows.iloc[0].tolist() == [
        "02/04/2024 09:05", "mai", "Tổng số văn bản đi", "93", "90", "sửa"
    ]  # fmt: skip
    assert rows.iloc[1]["Nội dung"] == "↻ 2 ô số tồn chuyển nguyên từ quý trước"
    assert len(rows) == 2


def test_values_read_as_on_the_form_and_nothing_is_blank():
    rows = table(
        [
            Change(AT, "lan", "ld_plan_issued", None, "có"),
            Change(AT, "lan", "xh_adults", "1772", None),
            Change(AT, "lan", "ht_device.desktop.total", "37", "38"),
            Change(AT, "lan", None, "draft", "submitted"),
        ],
        "vi",
    )
    assert rows["Nội dung"].tolist() == [
        "Đã ban hành kế hoạch CĐS năm của xã",
        "Số người trưởng thành (từ 15 tuổi)",
        "Máy vi tính để bàn — Tổng số",
        "Trạng thái: đã gửi",
    ]
    assert rows["Giá trị cũ"].tolist() == ["", "1.772", "37", "nháp"]
    assert rows["Giá trị mới"].tolist() == ["có", "", "38", "đã gửi"]
    assert "None" not in rows.to_string()


def test_the_english_table_speaks_english():
    rows = table([Change(AT, "lan", "ld_plan_issued", "không", "có")], "en")
    assert list(rows.columns)[:3] == ["When", "Who", "What"]
    assert rows.iloc[0].tolist()[2:5] == ["Annual digital-transformation plan issued", "no", "yes"]
