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
    # Write path (db) errors.
    "err_fields": "Có {count} ô nhập sai; chưa lưu gì",
    "err_conflict": "Người khác vừa lưu biểu mẫu này ({count} thay đổi); chưa lưu gì",
    "err_locked": "Số liệu {org} {period} đã được duyệt, không sửa được",
    "err_org_not_found": "Không có đơn vị mã {code}",
    "err_org_cycle": "Đơn vị cấp trên tạo thành vòng lặp",
    "err_org_level_order": "Cấp của đơn vị phải thấp hơn cấp của đơn vị cấp trên",
    "err_perm_read_only": "Vai trò {role} chỉ được xem",
    "err_perm_scope": "Bạn không có quyền nhập số liệu cho đơn vị {org}",
    "err_perm_element": "Tổ ấp chỉ nhập số liệu của ấp, không nhập {element}",
    "err_perm_admin": "Chỉ quản trị viên được làm việc này",
    "err_user_not_found": "Không có người dùng {username}",
    "err_user_exists": "Tên đăng nhập {username} đã có",
    "err_username": "Tên đăng nhập không hợp lệ: {username} (chữ, số, dấu chấm, gạch dưới)",
    "err_role": "Vai trò không hợp lệ: {role} (một trong {roles})",
    "err_scope_required": "Vai trò {role} cần một đơn vị (--org)",
    "err_scope_hamlet": "Tổ ấp phải gắn với một ấp, không phải {org}",
    "err_password_short": "Mật khẩu phải có ít nhất {min} ký tự",
    "err_password_long": "Mật khẩu dài quá 72 byte",
    "err_read_file": "Không đọc được tệp {path}: {reason}",
    # Command line.
    "cli_description": "Bảng điều khiển chuyển đổi số cấp xã: dòng lệnh",
    "cli_error": "Lỗi",
    "cli_admin_created": "Đã tạo người dùng admin. Mật khẩu (chỉ hiện một lần): {password}",
    "cli_init_done": "Cơ sở dữ liệu đã ở phiên bản mới nhất",
    "cli_seeded": "Đã nạp dữ liệu mẫu ({new} giá trị mới)",
    "cli_user_created": "Đã tạo người dùng {username} ({role})",
    "cli_password_once": "Mật khẩu (chỉ hiện một lần): {password}",
    "cli_org_units_imported": "Đã nhập đơn vị: {created} mới, {updated} cập nhật",
    "cli_import_done": "Đã nhập: {new} mới, {changed} thay đổi, {unchanged} không đổi",
    "cli_import_dry_run": "Chạy thử, chưa ghi gì: {new} mới, {changed} thay đổi, {unchanged} không đổi",
    "cli_help_init": "tạo hoặc nâng cấp cơ sở dữ liệu; lần đầu tạo người dùng admin",
    "cli_help_seed": "nạp dữ liệu mẫu: xã Phú Tân, Quý I/2024",
    "cli_help_create_user": "tạo người dùng",
    "cli_help_org": "mã đơn vị người dùng phụ trách",
    "cli_help_name": "tên hiển thị",
    "cli_help_stdin": "đọc mật khẩu từ đầu vào chuẩn",
    "cli_help_import_org_units": "nhập đơn vị từ CSV code,name,level,parent_code,valid_from,valid_to",
    "cli_help_import_values": "nhập số liệu từ CSV org_unit,period,element,value,comment",
    "cli_help_dry_run": "chỉ kiểm tra và báo cáo, không ghi",
    "cli_help_export_values": "xuất số liệu ra CSV",
    "cli_help_scorecard": "bảng chỉ tiêu của một đơn vị trong một quý",
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
    "err_fields": "{count} cells have bad input; nothing was saved",
    "err_conflict": "Someone else just saved this form ({count} changes); nothing was saved",
    "err_locked": "The figures of {org} {period} are approved and cannot change",
    "err_org_not_found": "No org unit with code {code}",
    "err_org_cycle": "The parent units form a cycle",
    "err_org_level_order": "A unit's level must be below its parent's",
    "err_perm_read_only": "The {role} role can only read",
    "err_perm_scope": "You may not enter figures for {org}",
    "err_perm_element": "A hamlet team enters hamlet figures only, not {element}",
    "err_perm_admin": "Only an administrator may do this",
    "err_user_not_found": "No user {username}",
    "err_user_exists": "Username {username} is taken",
    "err_username": "Invalid username: {username} (letters, digits, dot, underscore)",
    "err_role": "Invalid role: {role} (one of {roles})",
    "err_scope_required": "The {role} role needs an org unit (--org)",
    "err_scope_hamlet": "A hamlet editor belongs to a hamlet, not {org}",
    "err_password_short": "A password needs at least {min} characters",
    "err_password_long": "The password is longer than 72 bytes",
    "err_read_file": "Cannot read {path}: {reason}",
    "cli_description": "Commune digital-transformation dashboard: command line",
    "cli_error": "Error",
    "cli_admin_created": "Created user admin. Password (shown once): {password}",
    "cli_init_done": "The database is at the newest schema",
    "cli_seeded": "Demo data loaded ({new} new values)",
    "cli_user_created": "Created user {username} ({role})",
    "cli_password_once": "Password (shown once): {password}",
    "cli_org_units_imported": "Org units imported: {created} new, {updated} updated",
    "cli_import_done": "Imported: {new} new, {changed} changed, {unchanged} unchanged",
    "cli_import_dry_run": "Dry run, nothing written: {new} new, {changed} changed, {unchanged} unchanged",
    "cli_help_init": "create or upgrade the database; the first time, create user admin",
    "cli_help_seed": "load the demo: commune Phú Tân, Q1 2024",
    "cli_help_create_user": "create a user",
    "cli_help_org": "code of the org unit the user acts for",
    "cli_help_name": "display name",
    "cli_help_stdin": "read the password from standard input",
    "cli_help_import_org_units": "import org units from CSV code,name,level,parent_code,valid_from,valid_to",
    "cli_help_import_values": "import values from CSV org_unit,period,element,value,comment",
    "cli_help_dry_run": "check and report only, write nothing",
    "cli_help_export_values": "export values to CSV",
    "cli_help_scorecard": "scorecard of one org unit for one quarter",
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
