"""The report as an Excel workbook: one sheet per section, and the scorecard with status colours.

Section sheets follow the Word report line by line (label, figure, the officer's comment);
the scorecard sheet holds numbers as numbers (rates with one decimal) so people can sort and
filter, and paints each status cell with the dashboard's colours beside its icon and word.
A report whose figures are not all approved says "DỰ THẢO" atop every sheet and every printed page.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cds_core.formatting import round_half_up
from cds_core.indicators import INDICATORS, PILLAR_NAMES
from cds_core.interchange import FORMULA_STARTS
from cds_core.report_model import DRAFT_MARK, Heading, Item, Para, Report, Section, Table
from cds_core.scorecard import Row
from cds_core.status import STYLES, label

FONT = "Times New Roman"
WIDTHS = (62, 34, 44)  # label, figure, comment
THIN = Side(style="thin", color="999999")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="E8EAED")
WRAP = Alignment(wrap_text=True, vertical="top")
SCORECARD_COLUMNS = (
    ("Mã", 26), ("Chỉ số", 52), ("Trụ cột", 18), ("Tử số", 10), ("Mẫu số", 10),
    ("Giá trị (%)", 12), ("Mục tiêu", 12), ("Năm", 8), ("Đánh giá", 20), ("Nguồn mục tiêu", 60),
)  # fmt: skip


def _font(bold=False, italic=False, size=12, colour: str | None = None) -> Font:
    return Font(name=FONT, bold=bold, italic=italic, size=size, color=_argb(colour))


def _argb(colour: str | None) -> str | None:
    return None if colour is None else "FF" + colour.lstrip("#").upper()


def _title(ws: Worksheet, report: Report, text: str) -> int:
    if report.draft:
        text = f"{DRAFT_MARK} · {text}"
        ws.oddHeader.right.text = ws.evenHeader.right.text = DRAFT_MARK
        ws.firstHeader.right.text = DRAFT_MARK
    ws.append([text])
    ws["A1"].font = _font(bold=True, size=14)
    ws.append([f"{report.org_name} · {report.period.label()}"])
    ws["A2"].font = _font(italic=True)
    ws.append([report.note] if report.note else [])
    ws["A3"].font = _font(italic=True)
    return 4


def _table(ws: Worksheet, table: Table) -> None:
    ws.append(list(table.columns))
    for cell in ws[ws.max_row]:
        cell.font, cell.fill, cell.border, cell.alignment = _font(bold=True), HEAD_FILL, GRID, WRAP
    for row in table.rows:
        ws.append(list(row))
        for cell in ws[ws.max_row]:
            cell.font, cell.border, cell.alignment = _font(), GRID, WRAP


def _section(ws: Worksheet, report: Report, section: Section) -> None:
    _title(ws, report, section.sheet)
    for width, letter in zip(WIDTHS, "ABC", strict=True):
        ws.column_dimensions[letter].width = width
    for block in section.blocks:
        if isinstance(block, Heading):
            ws.append([block.text])
            ws.cell(ws.max_row, 1).font = _font(bold=block.level < 4, italic=block.level == 4)
        elif isinstance(block, Item):
            ws.append([f"{block.mark} {block.label}", block.value, block.note or None])
            for cell in ws[ws.max_row]:
                cell.font, cell.alignment = _font(), WRAP
        elif isinstance(block, Para):
            ws.append([block.text])
            row = ws.max_row
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
            ws.cell(row, 1).font, ws.cell(row, 1).alignment = _font(), WRAP
            # Excel does not grow merged rows to fit: size it from the text's length.
            ws.row_dimensions[row].height = 16 * (1 + len(block.text) // 130)
        elif isinstance(block, Table):
            _table(ws, block)
        ws.append([])


def _scorecard(ws: Worksheet, report: Report, rows: Sequence[Row]) -> None:
    _title(ws, report, "Bảng chỉ số và đánh giá")
    ws.append([name for name, _ in SCORECARD_COLUMNS])
    header = ws.max_row
    for (_, width), cell in zip(SCORECARD_COLUMNS, ws[header], strict=True):
        ws.column_dimensions[cell.column_letter].width = width
        cell.font, cell.fill, cell.border, cell.alignment = _font(bold=True), HEAD_FILL, GRID, WRAP
    for row in rows:
        v, target, style = row.value, row.target, STYLES[row.status]
        ws.append(
            [
                row.indicator,
                INDICATORS[row.indicator].name_vi,
                PILLAR_NAMES[INDICATORS[row.indicator].pillar][0],
                v.numerator,
                v.denominator,
                None if v.rate is None else float(round_half_up(v.rate, 1)),
                target.value if target else None,
                target.deadline if target else None,
                label(row.status),
                target.source if target else None,
            ]
        )
        cells = ws[ws.max_row]
        for cell in cells:
            cell.font, cell.border, cell.alignment = _font(), GRID, WRAP
        cells[5].number_format = cells[6].number_format = "0.0"
        status = cells[8]
        status.font = _font(bold=True, colour=style.colour)
        status.fill = PatternFill("solid", fgColor=_argb(style.background))
    last = get_column_letter(len(SCORECARD_COLUMNS))
    ws.auto_filter.ref = f"A{header}:{last}{ws.max_row}"
    ws.freeze_panes = ws.cell(header + 1, 3)


def _as_text(wb: Workbook) -> None:
    """Text a spreadsheet would run (a narrative or comment starting with ``=``, ``+``, ``-``,
    ``@``, a tab or CR) stays text: a string cell with the quote prefix Excel itself sets when
    one types an apostrophe, so it shows as written and is not run even after editing."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    cell.data_type = "s"  # openpyxl took a leading "=" for a formula
                    cell.quotePrefix = True


def render(report: Report, rows: Sequence[Row]) -> bytes:
    """The ``.xlsx`` file's bytes: the scorecard sheet first, then one sheet per section."""
    wb = Workbook()
    _scorecard(wb.active, report, rows)
    wb.active.title = "Chỉ số"
    for section in report.sections:
        _section(wb.create_sheet(section.sheet[:31]), report, section)
    _as_text(wb)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
