"""Every user-facing string, in Vietnamese (default) and English, behind one function ``t``.

Pure data: the UI and the command line both read it, and a test holds the two catalogues to
the same keys and the same placeholders.
"""

from __future__ import annotations

import string

DEFAULT_LANG = "vi"
LANGS = ("vi", "en")

VI: dict[str, str] = {
    # Domain errors (cds_core.errors.CdsError keys).
    "err_unknown_element": "Mã chỉ tiêu không có trong danh mục: {code}",
    "err_bad_period": "Kỳ báo cáo không hợp lệ: {value} (viết dạng 2024Q1 hoặc Quý I/2024)",
    "err_bad_comparator": "Phép so sánh không hợp lệ: {value}",
    "err_not_number": "“{value}” không phải là số",
    "err_negative": "Không được nhập số âm ({value})",
    "err_not_integer": "Phải là số nguyên, không có phần thập phân ({value})",
    "err_pct_range": "Tỷ lệ phải từ 0 đến 100 ({value})",
    "err_not_bool": "Chỉ nhận có/không ({value})",
    "err_text_too_long": "Nội dung dài quá {limit} ký tự",
    "err_csv_line": "Dòng {line}, cột {column}: {reason}",
    "err_csv_empty": "Tệp trống",
    "err_csv_header": "Thiếu cột; dòng tiêu đề phải là {expected}",
    "err_csv_extra_cells": "Dòng có {count} ô, nhiều hơn số cột",
    "err_csv_duplicate": "Trùng với dòng {first}",
    "err_required": "Không được để trống",
    "err_bad_date": "Ngày không hợp lệ: {value} (viết dạng 2025-07-01)",
    "err_bad_level": "Cấp không hợp lệ: {value} (một trong {levels})",
    "err_dates_order": "Ngày kết thúc trước ngày bắt đầu",
    # Rule messages.
    "rule_part_whole": "{left_name} ({left}) lớn hơn {right_name} ({right})",
    "rule_sum": "{left_name} ({left}) phải bằng {right_name} ({right})",
    "rule_stock_change": "Thay đổi {change}% so với quý trước ({before} → {now}): kiểm tra lại",
    "rule_flow_zero": "Bằng 0 sau ba quý liền có số liệu: kiểm tra lại",
    "rule_hamlet_total": "Số của xã ({commune}) khác tổng các ấp ({hamlets})",
    "rule_stated_rate": "Báo cáo ghi {stated}%, tính từ số liệu được {computed}%",
    "severity_error": "Lỗi",
    "severity_warning": "Cảnh báo",
}

EN: dict[str, str] = {
    "err_unknown_element": "Element code not in the catalogue: {code}",
    "err_bad_period": "Invalid period: {value} (write 2024Q1 or Quý I/2024)",
    "err_bad_comparator": "Invalid comparator: {value}",
    "err_not_number": "“{value}” is not a number",
    "err_negative": "Negative numbers are not allowed ({value})",
    "err_not_integer": "Must be a whole number ({value})",
    "err_pct_range": "A percentage must be between 0 and 100 ({value})",
    "err_not_bool": "Only yes/no (có/không) is accepted ({value})",
    "err_text_too_long": "Text longer than {limit} characters",
    "err_csv_line": "Line {line}, column {column}: {reason}",
    "err_csv_empty": "The file is empty",
    "err_csv_header": "Missing column; the header must be {expected}",
    "err_csv_extra_cells": "The line has {count} cells, more than the columns",
    "err_csv_duplicate": "Duplicate of line {first}",
    "err_required": "Must not be empty",
    "err_bad_date": "Invalid date: {value} (write 2025-07-01)",
    "err_bad_level": "Invalid level: {value} (one of {levels})",
    "err_dates_order": "The end date is before the start date",
    "rule_part_whole": "{left_name} ({left}) is larger than {right_name} ({right})",
    "rule_sum": "{left_name} ({left}) must equal {right_name} ({right})",
    "rule_stock_change": "Changed by {change}% since last quarter ({before} → {now}): check it",
    "rule_flow_zero": "Zero after three quarters with figures: check it",
    "rule_hamlet_total": "Commune figure ({commune}) differs from the hamlets' total ({hamlets})",
    "rule_stated_rate": "The report states {stated}%, its figures give {computed}%",
    "severity_error": "Error",
    "severity_warning": "Warning",
}

CATALOGUES = {"vi": VI, "en": EN}


def t(key: str, lang: str = DEFAULT_LANG, **params: object) -> str:
    """The text for ``key`` in ``lang``, with ``params`` filled in (missing ones left as is)."""
    template = CATALOGUES.get(lang, VI).get(key) or VI.get(key) or key
    if not params:
        return template
    return string.Formatter().vformat(template, (), _Lenient(params))


def error_text(exc: Exception, lang: str = DEFAULT_LANG) -> str:
    """A domain error as one line in ``lang``; a wrapped reason (a CSV line's) is spelled out."""
    key, params = getattr(exc, "key", None), dict(getattr(exc, "params", {}))
    if key is None:
        return str(exc)
    reason = getattr(exc, "reason", None)
    if reason is not None:
        params["reason"] = error_text(reason, lang)
    return t(key, lang, **params)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
