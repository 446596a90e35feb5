"""The CSV files people exchange: values and org units (formats in design.md, kept exactly).

Parsing is all-or-nothing: the first bad row raises a :class:`CsvError` that names the line
(numbered as an editor shows it: the header is line 1), the column and the reason.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from cds_core import kinds
from cds_core import values as value_io
from cds_core.catalogue import LEVEL_RANK, Level, value_code
from cds_core.errors import CdsError
from cds_core.limits import MAX_CELL, Deadline
from cds_core.periods import Period

EXTRA_CELLS = "\x00extra"  # a row key no header can have
VALUE_COLUMNS = ("org_unit", "period", "element", "value", "comment")
ORG_UNIT_COLUMNS = ("code", "name", "level", "parent_code", "valid_from", "valid_to")
PREDECESSORS = "predecessors"  # optional column: codes joined by ";"
KIND = "kind"  # optional column: what the unit is within its tier (cds_core.kinds)
# "CODE@YYYY-MM-DD" refers to the unit that held CODE on that day (cds_core.orgmap.resolve).
REF_MARK = "@"


class CsvError(CdsError):
    """A bad line (of a sheet, in a workbook): ``reason`` is the underlying error."""

    def __init__(self, line: int, column: str, reason: CdsError, sheet: str | None = None) -> None:
        if sheet is None:
            super().__init__("err_csv_line", line=line, column=column)
        else:
            super().__init__("err_sheet_line", sheet=sheet, line=line, column=column)
        self.line, self.column, self.reason, self.sheet = line, column, reason, sheet


# A spreadsheet runs a cell starting with one of these as a formula: exports prefix it with an
# apostrophe (which spreadsheets hide), and imports take that apostrophe off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def restore(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


@dataclass(frozen=True)
class ValueRecord:
    line: int
    org_unit: str
    period: str  # canonical code, e.g. 2024Q1
    element: str  # value code
    value: float | str | None
    comment: str
    # How an ambiguous text ("1.096") was read: a message key and its parameters, for people.
    note: tuple[str, dict[str, str]] | None = field(default=None, compare=False)
    sheet: str | None = field(default=None, compare=False)  # of a workbook; ``line`` is its row


@dataclass(frozen=True)
class OrgUnitRecord:
    line: int
    code: str
    name: str
    level: str
    parent_code: str | None
    valid_from: date | None
    valid_to: date | None
    # The units this one continues from its valid_from; None when the file has no such column
    # (the lineage already recorded is then kept).
    predecessors: tuple[str, ...] | None = None
    # What the unit is within its tier (cds_core.kinds); "" for the tier's own word, None when
    # the file has no such column (the kind already recorded is then kept).
    kind: str | None = None


def _rows(
    text: str, columns: tuple[str, ...], max_rows: int | None = None
) -> Iterable[tuple[int, dict[str, str]]]:
    """(line, cells by column) of each non-empty record; a file that cannot be read as this
    CSV at all (header, separator, an oversized cell, too many rows, too slow) raises."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = _next(reader)
    if header is None:
        raise CsvError(1, "", CdsError("err_csv_empty"))
    header = [h.strip() for h in header]
    missing = [c for c in columns if c not in header]
    if missing:
        raise CsvError(1, missing[0], _header_error(header, columns))
    deadline, count = Deadline(), 0
    while (row := _next(reader)) is not None:
        line = reader.line_num  # the physical line where this record ends
        if not any(cell.strip() for cell in row):
            continue
        count += 1
        if max_rows is not None and count > max_rows:
            raise CsvError(line, "", CdsError("err_too_many_rows", limit=max_rows))
        if count % 1000 == 0:
            deadline.check()
        cells = {h: (row[i] if i < len(row) else "") for i, h in enumerate(header)}
        if len(row) > len(header):
            # Reported by the per-row checks, so that a preview lists every bad line.
            cells[EXTRA_CELLS] = str(len(row))
        yield line, cells


def _next(reader) -> list[str] | None:
    """The next record; the csv module's own refusals (a cell over its 131,072-character
    limit, a NUL byte) become a line-numbered error instead of an exception."""
    try:
        row = next(reader, None)
    except csv.Error as exc:
        line = reader.line_num
        if "field larger" in str(exc):
            raise CsvError(line, "", CdsError("err_cell_too_long", limit=MAX_CELL)) from None
        raise CsvError(line, "", CdsError("err_csv_unreadable")) from None
    if row is not None and any(len(cell) > MAX_CELL for cell in row):
        raise CsvError(reader.line_num, "", CdsError("err_cell_too_long", limit=MAX_CELL))
    return row


def _header_error(header: list[str], columns: tuple[str, ...]) -> CdsError:
    """A header that holds every column once split on ``;`` or a tab names that separator."""
    if len(header) == 1:
        for sep, name in ((";", ";"), ("\t", "tab")):
            if set(columns) <= {h.strip() for h in header[0].split(sep)}:
                return CdsError("err_csv_separator", separator=name)
    return CdsError("err_csv_header", expected=",".join(columns))


def _field(line: int, column: str, fn, *args):
    try:
        return fn(*args)
    except CsvError:
        raise
    except CdsError as exc:
        raise CsvError(line, column, exc) from exc


def _required(text: str) -> str:
    if not text.strip():
        raise CdsError("err_required")
    return text.strip()


def value_records(
    rows: Iterable[tuple[int, dict[str, str]]], sheet: str | None = None
) -> tuple[list[ValueRecord], list[CsvError]]:
    """Typed records from raw rows, and every bad row's error (not just the first)."""
    records: list[ValueRecord] = []
    errors: list[CsvError] = []
    seen: dict[tuple[str, str, str], int] = {}
    for line, row in rows:
        try:
            records.append(_value_record(line, row, seen, sheet))
        except CsvError as exc:
            errors.append(CsvError(exc.line, exc.column, exc.reason, sheet) if sheet else exc)
    return records, errors


def _value_record(line: int, row: dict[str, str], seen: dict, sheet: str | None) -> ValueRecord:
    if EXTRA_CELLS in row:
        raise CsvError(line, "", CdsError("err_csv_extra_cells", count=int(row[EXTRA_CELLS])))
    org = _field(line, "org_unit", _required, row.get("org_unit") or "")
    period = _field(line, "period", Period.parse, row.get("period") or "").code
    vc = _field(line, "element", value_code, (row.get("element") or "").strip())
    raw = restore(str(row.get("value") or ""))
    value = _field(line, "value", value_io.parse, vc, raw)
    key = (org, period, vc.code)
    if key in seen:
        raise CsvError(line, "element", CdsError("err_csv_duplicate", first=seen[key]))
    seen[key] = line
    comment = _field(line, "comment", value_io.check_comment,
                     restore(str(row.get("comment") or "").strip()))  # fmt: skip
    note = value_io.reading(vc, raw)
    return ValueRecord(line, org, period, vc.code, value, comment, note, sheet)


def parse_values_all(
    text: str, max_rows: int | None = None
) -> tuple[list[ValueRecord], list[CsvError]]:
    """A values CSV's good records and every bad line (a bad header still raises).

    ``max_rows`` bounds an upload; the command line reads the operator's own files whole.
    """
    return value_records(_rows(text, VALUE_COLUMNS, max_rows))


def parse_values(text: str) -> list[ValueRecord]:
    """Records of a values CSV (``org_unit,period,element,value,comment``); the first bad line
    raises, so nothing of a bad file is used."""
    records, errors = parse_values_all(text)
    if errors:
        raise errors[0]
    return records


def write_values(
    rows: Iterable[tuple[str, str, str, float | str | None, str]], *, for_people: bool = False
) -> str:
    """A values CSV, sorted by org_unit, period, element; values in canonical form.

    The command line's file is the exact contract scripts read. A download ``for_people`` may
    be opened in a spreadsheet, so its cells that would run as formulas are neutralised.
    """
    safe = neutralise if for_people else str
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(VALUE_COLUMNS)
    for org, period, code, value, comment in sorted(rows, key=lambda r: r[:3]):
        text = value_io.to_csv(value_code(code), value)
        writer.writerow([org, period, code, safe(text), safe(comment)])
    return out.getvalue()


def _date(text: str) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CdsError("err_bad_date", value=text) from None


def _level(text: str) -> str:
    try:
        return Level(text.strip()).value
    except ValueError:
        raise CdsError("err_bad_level", value=text, levels=", ".join(LEVEL_RANK)) from None


def _code(text: str) -> str:
    code = _required(text)
    if REF_MARK in code:
        # "28696@2025-07-01" names a unit by a day it held the code: a reference, not a code.
        raise CdsError("err_org_code_mark", code=code, mark=REF_MARK)
    return code


def _kind(text: str, level: str) -> str:
    return kinds.check(level, text.strip()) if text.strip() else ""


def parse_org_units(text: str) -> list[OrgUnitRecord]:
    """Records of an org-units CSV (``code,name,level,parent_code,valid_from,valid_to`` and
    optional ``predecessors`` and ``kind``). A code may have several rows, one per period of
    its life (a hamlet that moves to another commune, a unit renamed) or of the units that held
    it in turn (a row listing its own code among its predecessors starts a new unit: design.md,
    "Official codes are reused across the break"); the map's own checks
    (:func:`cds_core.orgmap.check`) refuse rows whose periods overlap."""
    records: list[OrgUnitRecord] = []
    for line, row in _rows(text, ORG_UNIT_COLUMNS):
        code = _field(line, "code", _code, row["code"])
        name = _field(line, "name", _required, row["name"])
        level = _field(line, "level", _level, row["level"])
        kind = _field(line, KIND, _kind, row[KIND], level) if KIND in row else None
        valid_from = _field(line, "valid_from", _date, row["valid_from"])
        valid_to = _field(line, "valid_to", _date, row["valid_to"])
        if valid_from and valid_to and valid_to < valid_from:
            raise CsvError(line, "valid_to", CdsError("err_dates_order"))
        parent = row["parent_code"].strip() or None
        predecessors = None
        if PREDECESSORS in row:
            predecessors = tuple(c.strip() for c in row[PREDECESSORS].split(";") if c.strip())
        records.append(
            OrgUnitRecord(
                line, code, name, level, parent, valid_from, valid_to, predecessors, kind
            )  # fmt: skip
        )
    return records


def write_org_units(records: Iterable[OrgUnitRecord]) -> str:
    """An org-units CSV with the ``predecessors`` and ``kind`` columns, one row per period of
    each unit."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow((*ORG_UNIT_COLUMNS, PREDECESSORS, KIND))
    for r in records:
        writer.writerow((r.code, r.name, r.level, r.parent_code or "",
                         r.valid_from.isoformat() if r.valid_from else "",
                         r.valid_to.isoformat() if r.valid_to else "",
                         ";".join(r.predecessors or ()), r.kind or ""))  # fmt: skip
    return out.getvalue()
