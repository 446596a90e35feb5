"""The report as a Word document in the layout of Decree 30/2020/NĐ-CP, Appendix I.

A4; margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman throughout; body
14 pt, justified, first line indented 1,27 cm, 6 pt between paragraphs; page numbers centred
at the top from page 2 on; the header as a borderless two-column table; "Nơi nhận" and the
signature block side by side at the end; the indicator appendix (and charts) after a page break.
A report whose figures are not all approved carries "DỰ THẢO" in the header of every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from cds_core.report_model import (
    DRAFT_MARK,
    DRAFT_NOTE,
    MOTTO,
    NATIONAL_NAME,
    Heading,
    Item,
    Para,
    Report,
    Table,
)
from cds_core.status import STYLES

FONT = "Times New Roman"
BODY_PT = 14
INDENT = Cm(1.27)
TEXT_WIDTH_CM = 16.5  # A4 210 mm less 30 mm left and 15 mm right
HEADER_WIDTHS_CM = (6.5, 10.0)
SIGNATURE_WIDTHS_CM = (8.0, 8.5)
CHART_MAX_HEIGHT_CM = 22.0

# Successors of w:pBdr, w:tblBorders and w:shd in their parents: OOXML fixes the child order.
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_TBLBORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption")
_AFTER_TCSHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")


def _font(run, size: float, *, bold=False, italic=False, colour: str | None = None) -> None:
    run.font.name = FONT
    # Word picks the font per script: set every slot, or Vietnamese marks may fall back.
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())


def _para(
    container,
    text: str = "",
    size: float = BODY_PT,
    *,
    bold=False,
    italic=False,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent=INDENT,
    after: float = 6,
    before: float = 0,
    colour: str | None = None,
) -> Paragraph:
    """One paragraph; lines of ``text`` split on "\\n" become line breaks inside it."""
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = indent
    fmt.space_after = Pt(after)
    fmt.space_before = Pt(before)
    fmt.line_spacing = 1.0
    for i, line in enumerate(text.split("\n")):
        run = p.add_run()
        if i:
            run.add_break()
        run.add_text(line)
        _font(run, size, bold=bold, italic=italic, colour=colour)
    return p


def _cell_para(cell, text: str, size: float, **kw) -> Paragraph:
    """A paragraph in a table cell; the cell's own empty first paragraph is used first."""
    first = cell.paragraphs[0]
    if len(cell.paragraphs) == 1 and not first.runs and first.text == "":
        p = _para(cell, text, size, indent=None, after=0, **kw)
        first._element.getparent().remove(first._element)
        return p
    return _para(cell, text, size, indent=None, after=0, **kw)


def _rule(cell, length_cm: float, cell_width_cm: float, before: float = 0) -> None:
    """The short line under a heading: an empty paragraph with a bottom border, indented so
    the border is ``length_cm`` long and centred."""
    p = _cell_para(cell, "", 4, align=WD_ALIGN_PARAGRAPH.CENTER, before=before)
    side = Cm(max(0.0, (cell_width_cm - 0.38 - length_cm) / 2))  # 0.38: the cell's margins
    p.paragraph_format.left_indent = side
    p.paragraph_format.right_indent = side
    p.paragraph_format.line_spacing = Pt(4)
    _bottom_border(p)


def _bottom_border(p: Paragraph) -> None:
    pPr = p._element.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    border.append(bottom)
    pPr.insert_element_before(border, *_AFTER_PBDR)


def _no_borders(table: DocxTable) -> None:
    tblPr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    tblPr.insert_element_before(borders, *_AFTER_TBLBORDERS)


def _widths(table: DocxTable, widths_cm: Sequence[float]) -> None:
    # Word reads the cells' widths, LibreOffice the grid's: set both.
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _shade(cell, fill: str) -> None:
    tcPr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill.lstrip("#"))):
        shd.set(qn(key), value)
    tcPr.insert_element_before(shd, *_AFTER_TCSHD)


def _repeat_header(row) -> None:
    trPr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    trPr.append(flag)


def _page_number(paragraph: Paragraph) -> None:
    """A PAGE field: Word and LibreOffice fill in the number when they lay the page out."""
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "2"),
                       ("end", None)):  # fmt: skip
        run = paragraph.add_run(text if kind is None and text != "PAGE" else "")
        _font(run, 13)
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._element.append(fld)
        elif text == "PAGE":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            run._element.append(instr)


def _setup(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    # Decree 30: the page number sits centred at the top, and page 1 shows none.
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(header)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def _draft_marks(doc) -> None:
    """ "DỰ THẢO" boxed at the top right of every page: page 1 has a header of its own."""
    section = doc.sections[0]
    for header in (section.first_page_header, section.header):
        first = header.paragraphs[0]
        p = first if not first.text and not first.runs else header.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _font(p.add_run(DRAFT_MARK), 13, bold=True)
        _box(p)


def _box(p: Paragraph) -> None:
    pPr = p._element.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        for key, value in (("w:val", "single"), ("w:sz", "8"), ("w:space", "2"),
                           ("w:color", "auto")):  # fmt: skip
            edge.set(qn(key), value)
        border.append(edge)
    pPr.insert_element_before(border, *_AFTER_PBDR)
    # The box hugs the word instead of spanning the line.
    p.paragraph_format.left_indent = Cm(TEXT_WIDTH_CM - 3.6)


def _header(doc, report: Report) -> None:
    h = report.header
    table = doc.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _widths(table, HEADER_WIDTHS_CM)
    left, right = table.cell(0, 0), table.cell(0, 1)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    if h.parent_authority:
        _cell_para(left, h.parent_authority, 12, align=centre)
    _cell_para(left, "\n".join(h.issuer_lines), 13, bold=True, align=centre)
    _rule(left, 2.2, HEADER_WIDTHS_CM[0])
    _cell_para(right, NATIONAL_NAME, 12, bold=True, align=centre)
    motto = _cell_para(right, MOTTO, 13, bold=True, align=centre)
    # The line beneath the motto is as long as the motto: border it, indented to its width.
    side = Cm((HEADER_WIDTHS_CM[1] - 0.38 - 6.2) / 2)
    motto.paragraph_format.left_indent = motto.paragraph_format.right_indent = side
    _bottom_border(motto)
    _cell_para(table.cell(1, 0), h.number_line, 13, align=centre, before=6)
    _cell_para(table.cell(1, 1), h.date_line, 14, italic=True, align=centre, before=6)


def _table(doc, table: Table, size: float = 12) -> None:
    out = doc.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    out.style = doc.styles["Table Grid"]
    out.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(out, table.widths_cm)
    centre, left = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
    # A row's cells read once: python-docx's table.cell(i, j) walks the whole grid each time.
    rows = [r.cells for r in out.rows]
    for j, name in enumerate(table.columns):
        _cell_para(rows[0][j], name, size, bold=True, align=centre)
    _repeat_header(out.rows[0])
    for i, row in enumerate(table.rows, start=1):
        status = table.statuses[i - 1] if table.statuses else None
        for j, text in enumerate(row):
            cell = rows[i][j]
            last = j == len(row) - 1
            style = STYLES[status] if status is not None and last else None
            _cell_para(
                cell, text, size, align=left if j == 1 else centre,
                bold=style is not None, colour=style.colour if style else None,
            )  # fmt: skip
            if style:
                # Colour repeats the icon and word beside it; it never carries the status alone.
                _shade(cell, style.background)
    _para(doc, "", 6, after=0)


def _blocks(doc, blocks) -> None:
    for block in blocks:
        if isinstance(block, Heading):
            if block.level == 0:
                _para(doc, block.text, BODY_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
                      indent=None, before=6)  # fmt: skip
            else:
                _para(doc, block.text, BODY_PT, bold=block.level < 4, italic=block.level == 4)
        elif isinstance(block, Item):
            end = "" if block.value.endswith(("…", ".")) else "."
            _para(doc, f"{block.mark} {block.label}: {block.value}{end}")
        elif isinstance(block, Para):
            _para(doc, block.text)
        elif isinstance(block, Table):
            _table(doc, block)


def _signature(doc, report: Report) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, SIGNATURE_WIDTHS_CM)
    left, right = table.cell(0, 0), table.cell(0, 1)
    leftward, centre = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER
    _cell_para(left, "Nơi nhận:", 12, bold=True, italic=True, align=leftward, before=12)
    for line in report.recipients:
        _cell_para(left, line, 11, align=leftward)
    for i, line in enumerate(report.signature):
        _cell_para(right, line, 14, bold=True, align=centre, before=0 if i else 12)
    # Room for the handwritten signature and the seal.
    _cell_para(right, report.signer_name, 14, bold=True, align=centre, before=72)


def _appendix(doc, report: Report, charts: Sequence[bytes]) -> None:
    title, subtitle, attached = report.appendix_title
    centre = WD_ALIGN_PARAGRAPH.CENTER
    heading = _para(doc, title, BODY_PT, bold=True, align=centre, indent=None, after=0)
    heading.paragraph_format.page_break_before = True
    _para(doc, subtitle, BODY_PT, bold=True, align=centre, indent=None, after=0)
    _para(doc, attached, 13, italic=True, align=centre, indent=None, after=12)
    for block in report.appendix.blocks:
        _table(doc, block, size=11)
    if charts:
        _para(doc, "BIỂU ĐỒ XU HƯỚNG CÁC CHỈ SỐ CHÍNH", BODY_PT, bold=True, align=centre,
              indent=None, before=12)  # fmt: skip
        for png in charts:
            p = _para(doc, "", BODY_PT, align=centre, indent=None)
            picture = p.runs[0].add_picture(BytesIO(png), width=Cm(TEXT_WIDTH_CM - 0.5))
            if picture.height > Cm(CHART_MAX_HEIGHT_CM):  # a tall chart shrinks to fit the page
                scale = Cm(CHART_MAX_HEIGHT_CM) / picture.height
                picture.width, picture.height = int(picture.width * scale), Cm(CHART_MAX_HEIGHT_CM)


def render(report: Report, *, charts: Sequence[bytes] = ()) -> bytes:
    """The ``.docx`` file's bytes; ``charts`` are PNG images placed after the appendix table."""
    doc = Document()
    _setup(doc)
    if report.draft:
        _draft_marks(doc)
    _header(doc, report)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, report.title, BODY_PT, bold=True, align=centre, indent=None, before=18, after=0)
    _para(doc, report.subject, BODY_PT, bold=True, align=centre, indent=None, after=0)
    rule = _para(doc, "", 4, align=centre, indent=None, after=12)
    side = Cm((TEXT_WIDTH_CM - 3.0) / 2)
    rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = side
    _bottom_border(rule)
    if report.draft:
        _para(doc, DRAFT_NOTE, 13, italic=True, align=centre, indent=None, after=12)
    if report.note:
        _para(doc, report.note, BODY_PT, italic=True)
    _blocks(doc, report.blocks)
    _para(doc, report.closing)
    _signature(doc, report)
    _appendix(doc, report, charts)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
