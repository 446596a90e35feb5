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
from collections.abc import Iterable, Iterator
from datetime import datetime

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._reader import WorkSheetParser

from cds_core import values as value_io
from cds_core.catalogue import SECTIONS, VALUE_CODES, Kind, value_code_name
from cds_core.errors import CdsError
from cds_core.interchange import CsvError, ValueRecord, neutralise, value_records
from cds_core.limits import (
    MAX_CELL,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_XLSX_PART_BYTES,
    MAX_XLSX_PARTS,
    MAX_XLSX_UNPACKED_BYTES,
    Deadline,
    check_size,
)
from cds_core.values import echo

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


def _check_parts(data: bytes) -> None:
    """Refuse a workbook by what it would unpack to, before any XML is parsed: a 1 MB file
    can hold a gigabyte of shared strings, and parsing reads them all."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise CdsError("err_not_xlsx") from exc
    sizes = [p.file_size for p in parts]
    if (
        len(parts) > MAX_XLSX_PARTS
        or max(sizes, default=0) > MAX_XLSX_PART_BYTES
        or sum(sizes) > MAX_XLSX_UNPACKED_BYTES
    ):
        raise CdsError("err_xlsx_too_big", limit=MAX_XLSX_UNPACKED_BYTES // (1024 * 1024))


Cells = dict[int, tuple[object, str]]  # column number → (value, openpyxl data type)


def _rows_of(wb, ws) -> Iterator[tuple[int, Cells]]:
    """The rows a sheet's XML holds, each with its own row number, parsed as a stream.

    openpyxl's ``iter_rows`` pads out rows the file skips, up to the declared ``<dimension>``
    and row numbers it names: a 15 KB file claiming ``A1:XFD1048576`` made it build a million
    rows of 16,384 cells. Its sheet parser (openpyxl 3.1, pinned) yields only what is there.
    """
    with ws._get_source() as source:
        parser = WorkSheetParser(source, ws._shared_strings, data_only=False, epoch=wb.epoch,
                                 date_formats=wb._date_formats,
                                 timedelta_formats=wb._timedelta_formats)  # fmt: skip
        for number, cells in parser.parse():
            yield number, {c["column"]: (c["value"], c["data_type"]) for c in cells
                           if c["column"] <= MAX_COLUMNS}  # fmt: skip


def _sheets(data: bytes, deadline: Deadline) -> list[tuple[str, list[tuple[int, Cells]]]]:
    """Every sheet's non-empty rows as (row number, cells): the first ``MAX_COLUMNS`` columns,
    with row numbers, cell lengths and time bounded."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises zip, XML and key errors alike for a bad file
        raise CdsError("err_not_xlsx") from exc
    sheets = []
    try:
        if not wb.worksheets:
            raise CdsError("err_not_xlsx")
        for ws in wb.worksheets:
            rows = []
            for count, (number, cells) in enumerate(_rows_of(wb, ws), start=1):
                if number > MAX_ROWS + 2 or count > MAX_ROWS + 2:
                    raise CdsError("err_too_many_rows", limit=MAX_ROWS)
                if count % 1000 == 0:
                    deadline.check()
                for column, (value, _) in cells.items():
                    if isinstance(value, str) and len(value) > MAX_CELL:
                        raise CsvError(number, get_column_letter(column),
                                       CdsError("err_cell_too_long", limit=MAX_CELL),
                                       ws.title)  # fmt: skip
                if any(value is not None for value, _ in cells.values()):
                    rows.append((number, cells))
            sheets.append((ws.title, rows))
    except CdsError:
        raise
    except Exception as exc:  # a truncated part or a bad string index shows only when read
        raise CdsError("err_not_xlsx") from exc
    finally:
        wb.close()
    return sheets


def read(data: bytes) -> tuple[list[ValueRecord], list[CsvError]]:
    """Records of every sheet, and every bad row named by sheet and row.

    A row with neither a value nor a comment is skipped: a template's unfilled lines change
    nothing. A formula is refused, named by its cell (the value a spreadsheet last computed
    for it is not what the officer typed, and an uncalculated one has none). A file that is
    not a workbook, or that breaks a limit of ``cds_core.limits``, raises :class:`CdsError`.
    """
    check_size(len(data))
    _check_parts(data)
    deadline = Deadline()
    records: list[ValueRecord] = []
    errors: list[CsvError] = []
    seen: set[tuple[str, str, str]] = set()
    total = 0
    for title, rows in _sheets(data, deadline):
        header_row = next((cells for number, cells in rows if number == 2), {})
        header = [_text(_value(header_row, i)).strip() for i in range(1, MAX_COLUMNS + 1)]
        missing = [c for c in COLUMNS if c != "name" and c not in header]
        if missing:
            errors.append(
                CsvError(
                    2, missing[0], CdsError("err_csv_header", expected=",".join(COLUMNS)), title
                )
            )
            continue  # fmt: skip
        raw, formulas = [], []
        for number, row in rows:
            if number < 3:
                continue
            cells = {h: _text(_value(row, i)) for i, h in enumerate(header, start=1) if h}
            if not any(cells.values()) or not (cells["value"] or cells["comment"]):
                continue
            total += 1
            if total > MAX_ROWS:
                raise CdsError("err_too_many_rows", limit=MAX_ROWS)
            formula = _formula(header, row)
            if formula is None:
                raw.append((number, cells))
            else:
                reason = CdsError("err_formula", formula=echo(formula[1]))
                formulas.append(CsvError(number, formula[0], reason, title))
        got, bad = value_records(raw, sheet=title)
        for rec in got:
            key = (rec.org_unit, rec.period, rec.element)
            if key in seen:
                bad.append(CsvError(rec.line, "element", CdsError("err_csv_duplicate_sheet"),
                                    title))  # fmt: skip
                continue
            seen.add(key)
            records.append(rec)
        errors += sorted(bad + formulas, key=lambda e: e.line)
    return records, errors


def _value(row: Cells, column: int) -> object:
    return row.get(column, (None, ""))[0]


def _formula(header: list[str], row: Cells) -> tuple[str, str] | None:
    """(column, formula) of the first formula among the row's named columns."""
    for i, name in enumerate(header, start=1):
        if name and row.get(i, (None, ""))[1] == "f":
            return name, str(row[i][0])
    return None
