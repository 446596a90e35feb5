"""The values as an Excel workbook laid out like the form: one sheet per report section.

Row 1 names the columns for people, row 2 for the importer (the same codes as the values CSV,
plus the element's name); data starts on row 3, in the form's order. Reading goes through the
CSV's own row checks, so a bad cell is named by sheet, row and column. The bytes written are
deterministic (fixed timestamps), so an export can be compared with another byte for byte.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from datetime import datetime

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill

from cds_core import values as value_io
from cds_core.catalogue import SECTIONS, VALUE_CODES, Kind, value_code_name
from cds_core.errors import CdsError
from cds_core.interchange import CsvError, ValueRecord, neutralise, value_records

COLUMNS = ("org_unit", "period", "element", "name", "value", "comment")
LABELS = {
    "vi": ("Mã đơn vị", "Kỳ", "Mã chỉ tiêu", "Chỉ tiêu", "Giá trị", "Ghi chú"),
    "en": ("Org unit", "Quarter", "Element code", "Element", "Value", "Comment"),
}
FIXED_TIME = datetime(2024, 1, 1)
_ORDER = {code: i for i, code in enumerate(VALUE_CODES)}
Row = tuple[str, str, str, float | str | None, str]


def _sheet_title(section_code: str, lang: str) -> str:
    section = next(s for s in SECTIONS if s.code == section_code)
    name = section.name_vi if lang == "vi" else section.name_en
    for bad in "[]:*?/\\":
        name = name.replace(bad, " ")
    return name[:31]


def _cell(code: str, value: float | str | None) -> float | int | str | None:
    if value is None:
        return None
    kind = VALUE_CODES[code].kind
    if kind is Kind.TEXT:
        return neutralise(str(value))
    if kind is Kind.BOOL:
        return value_io.to_csv(VALUE_CODES[code], value)
    number = float(value)
    return int(number) if number.is_integer() else number


def write(
    rows: Iterable[Row], lang: str = "vi", *, template_for: tuple[str, str, str] | None = None
) -> bytes:
    """The workbook of ``rows``. With ``template_for=(org, period, level)`` every cell of that
    unit's form gets a row, filled where ``rows`` has a value, for filling in offline."""
    by_key = {(r[0], r[1], r[2]): r for r in rows}
    if template_for is not None:
        org, period, level = template_for
        for code, vc in VALUE_CODES.items():
            if vc.element.level == level:
                by_key.setdefault((org, period, code), (org, period, code, None, ""))
    wb = Workbook()
    wb.remove(wb.active)
    header_font, code_font = Font(bold=True), Font(color="666666", size=8)
    fill = PatternFill("solid", fgColor="DDE6F0")
    for section in SECTIONS:
        sheet_rows = sorted(
            (r for r in by_key.values() if VALUE_CODES[r[2]].element.section == section.code),
            key=lambda r: (r[0], r[1], _ORDER[r[2]]),
        )
        if not sheet_rows and template_for is None:
            continue
        ws = wb.create_sheet(_sheet_title(section.code, lang))
        ws.append(list(LABELS.get(lang, LABELS["vi"])))
        ws.append(list(COLUMNS))
        for cell in ws[1]:
            cell.font, cell.fill = header_font, fill
        for cell in ws[2]:
            cell.font = code_font
        for org, period, code, value, comment in sheet_rows:
            name = value_code_name(VALUE_CODES[code], lang)
            ws.append([org, period, code, name, _cell(code, value), neutralise(comment) or None])
        for column, width in zip("ABCDEF", (16, 9, 30, 60, 14, 40), strict=True):
            ws.column_dimensions[column].width = width
        ws.freeze_panes = "A3"
    if not wb.worksheets:
        wb.create_sheet(_sheet_title(SECTIONS[0].code, lang)).append(list(COLUMNS))
    wb.properties.created = wb.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    wb.save(raw)
    return _deterministic(raw.getvalue())


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _deterministic(data: bytes) -> bytes:
    """The same zip with fixed timestamps: openpyxl stamps the current time on every zip entry
    and, whatever the workbook says, as the document's modification time."""
    out = io.BytesIO()
    stamp = FIXED_TIME.isoformat().encode() + b"Z"
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, content)
    return out.getvalue()


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "có" if cell else "không"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def read(data: bytes) -> tuple[list[ValueRecord], list[CsvError]]:
    """Records of every sheet, and every bad row named by sheet and row.

    A row with neither a value nor a comment is skipped: a template's unfilled lines change
    nothing. A file that is not a workbook raises :class:`CdsError`.
    """
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zip, XML and key errors alike for a bad file
        raise CdsError("err_not_xlsx") from exc
    records: list[ValueRecord] = []
    errors: list[CsvError] = []
    seen: set[tuple[str, str, str]] = set()
    for ws in wb.worksheets:
        rows = ws.iter_rows(values_only=True)
        next(rows, None)
        header = [_text(c).strip() for c in next(rows, ()) or ()]
        missing = [c for c in COLUMNS if c != "name" and c not in header]
        if missing:
            errors.append(
                CsvError(
                    2, missing[0], CdsError("err_csv_header", expected=",".join(COLUMNS)), ws.title
                )
            )
            continue  # fmt: skip
        raw = []
        for number, row in enumerate(rows, start=3):
            cells = {h: _text(row[i]) if i < len(row) else "" for i, h in enumerate(header)}
            if not any(cells.values()) or not (cells["value"] or cells["comment"]):
                continue
            raw.append((number, cells))
        got, bad = value_records(raw, sheet=ws.title)
        for rec in got:
            key = (rec.org_unit, rec.period, rec.element)
            if key in seen:
                bad.append(CsvError(rec.line, "element", CdsError("err_csv_duplicate_sheet"),
                                    ws.title))  # fmt: skip
                continue
            seen.add(key)
            records.append(rec)
        errors += bad
    wb.close()
    return records, errors
