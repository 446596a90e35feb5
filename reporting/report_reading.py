"""Past reports as files: a ``.docx`` (paragraphs and Word tables) or UTF-8 ``.txt`` turned into
the plain blocks ``cds_core.extraction`` reads; anything else is refused with one clear line."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table

from cds_core.errors import CdsError
from cds_core.extraction import Extraction, Problem, extract
from cds_core.limits import MAX_UPLOAD_MB, MAX_XLSX_UNPACKED_BYTES
from cds_core.periods import Period
from cds_core.report_text import Block, Line, Row, blocks_from_text
from texts import describe, t

SUFFIXES = (".docx", ".txt")
# A quarterly report is a few hundred kilobytes: the upload cap of every file the app reads, and
# what a .docx may unpack to (a small zip can hold a huge document) as for workbooks.
MAX_MB = MAX_UPLOAD_MB
MAX_UNZIPPED_BYTES = MAX_XLSX_UNPACKED_BYTES

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of old .doc and of encrypted .docx
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
# Checkbox glyphs of the Wingdings symbol font, as Word inserts them with Insert > Symbol.
_TICKED_SYMBOLS = {"F0FE", "F078", "F0FD", "F0FB"}
_EMPTY_SYMBOLS = {"F0A8", "F06F", "F071"}
_W_T, _W_TAB, _W_BR, _W_CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_W_SYM, _W_CHECKBOX, _W_P, _W_TBL, _W_SDT = (
    qn("w:sym"), qn("w:checkBox"), qn("w:p"), qn("w:tbl"), qn("w:sdt"),
)  # fmt: skip


def read_blocks(name: str, data: bytes) -> list[Block]:
    """The blocks of a report file; :class:`CdsError` names why a file cannot be read."""
    if len(data) > MAX_MB * 1024 * 1024:
        raise CdsError("err_report_too_large", limit=MAX_MB)
    suffix = Path(name).suffix.lower()
    if data.startswith(b"%PDF"):
        raise CdsError("err_report_pdf")
    if data.startswith(_OLE):
        raise CdsError("err_report_encrypted" if _ENCRYPTED in data else "err_report_doc")
    if data.startswith(b"PK"):
        return _docx_blocks(data)
    if suffix == ".docx":
        raise CdsError("err_report_corrupt")
    if suffix not in SUFFIXES or data.startswith(b"{\\rtf") or b"\x00" in data:
        raise CdsError("err_report_type")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CdsError("err_report_not_utf8") from None
    return blocks_from_text(text)


def extract_file(name: str, data: bytes, period: Period | None = None) -> Extraction:
    return extract(read_blocks(name, data), period)


def problem_text(problem: Problem, lang: str = "vi") -> str:
    """A problem's message in ``lang`` (the rules' own wording for a broken rule)."""
    if problem.violation is not None:
        return describe(problem.violation, lang)
    return t(problem.key, lang, **problem.params)


def _docx_blocks(data: bytes) -> list[Block]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            size = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, OSError):
        raise CdsError("err_report_corrupt") from None
    if "word/document.xml" not in names:
        raise CdsError("err_report_type")  # a spreadsheet, an OpenDocument file, any zip
    if size > MAX_UNZIPPED_BYTES:
        raise CdsError("err_report_too_large", limit=MAX_MB)
    try:
        document = Document(io.BytesIO(data))
    except Exception:  # python-docx and lxml raise many kinds on a damaged package
        raise CdsError("err_report_corrupt") from None
    blocks: list[Block] = []
    number, table = 0, 0
    for element in _body_items(document.element.body):
        if element.tag == _W_P:
            number += 1
            blocks += [Line(number, part) for part in _text(element).split("\n") if part.strip()]
        else:
            table += 1
            for row in Table(element, document).rows:
                number += 1
                cells = tuple(" ".join(_text(p) for p in cell._tc.iter(_W_P)) for cell in row.cells)
                blocks.append(Row(number, cells, table))
    return blocks


def _body_items(parent):
    """Paragraphs and tables of the body in order, looking inside content controls."""
    for child in parent.iterchildren():
        if child.tag in (_W_P, _W_TBL):
            yield child
        elif child.tag == _W_SDT:
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body_items(content)


def _text(paragraph) -> str:
    """A paragraph's text as it reads: breaks as new lines, ticked boxes as ☒ and empty ones
    as ☐ (a symbol-font glyph or an old form field), deleted revisions left out."""
    out: list[str] = []
    for node in paragraph.iter():
        tag = node.tag
        if tag == _W_T:
            out.append(node.text or "")
        elif tag == _W_TAB:
            out.append(" ")
        elif tag in (_W_BR, _W_CR):
            out.append("\n")
        elif tag == _W_SYM:
            char = (node.get(qn("w:char")) or "").upper()
            out.append("☒" if char in _TICKED_SYMBOLS else "☐" if char in _EMPTY_SYMBOLS else "")
        elif tag == _W_CHECKBOX:
            state = node.find(qn("w:checked"))
            if state is None:
                state = node.find(qn("w:default"))
            ticked = state is not None and state.get(qn("w:val"), "1") not in ("0", "false")
            out.append("☒" if ticked else "☐")
    return "".join(out)
