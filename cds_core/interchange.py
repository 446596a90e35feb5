"""The CSV files people exchange: values and org units (formats in design.md, kept exactly).

Parsing is all-or-nothing: the first bad row raises a :class:`CsvError` that names the line
(numbered as an editor shows it: the header is line 1), the column and the reason.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from cds_core import values as value_io
from cds_core.catalogue import LEVEL_RANK, Level, value_code
from cds_core.errors import CdsError
from cds_core.periods import Period

VALUE_COLUMNS = ("org_unit", "period", "element", "value", "comment")
ORG_UNIT_COLUMNS = ("code", "name", "level", "parent_code", "valid_from", "valid_to")


class CsvError(CdsError):
    """A bad line: ``reason`` is the underlying error (its key and params)."""

    def __init__(self, line: int, column: str, reason: CdsError) -> None:
        super().__init__("err_csv_line", line=line, column=column)
        self.line, self.column, self.reason = line, column, reason


@dataclass(frozen=True)
class ValueRecord:
    line: int
    org_unit: str
    period: str  # canonical code, e.g. 2024Q1
    element: str  # value code
    value: float | str | None
    comment: str


@dataclass(frozen=True)
class OrgUnitRecord:
    line: int
    code: str
    name: str
    level: str
    parent_code: str | None
    valid_from: date | None
    valid_to: date | None


def _rows(text: str, columns: tuple[str, ...]) -> Iterable[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(reader, None)
    if header is None:
        raise CsvError(1, "", CdsError("err_csv_empty"))
    header = [h.strip() for h in header]
    missing = [c for c in columns if c not in header]
    if missing:
        raise CsvError(1, missing[0], CdsError("err_csv_header", expected=",".join(columns)))
    for row in reader:
        line = reader.line_num  # the physical line where this record ends
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise CsvError(line, "", CdsError("err_csv_extra_cells", count=len(row)))
        yield line, {h: (row[i] if i < len(row) else "") for i, h in enumerate(header)}


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


def parse_values(text: str) -> list[ValueRecord]:
    """Records of a values CSV (``org_unit,period,element,value,comment``)."""
    records: list[ValueRecord] = []
    seen: dict[tuple[str, str, str], int] = {}
    for line, row in _rows(text, VALUE_COLUMNS):
        org = _field(line, "org_unit", _required, row["org_unit"])
        period = _field(line, "period", Period.parse, row["period"]).code
        vc = _field(line, "element", value_code, row["element"].strip())
        value = _field(line, "value", value_io.parse, vc, row["value"])
        key = (org, period, vc.code)
        if key in seen:
            raise CsvError(line, "element", CdsError("err_csv_duplicate", first=seen[key]))
        seen[key] = line
        records.append(ValueRecord(line, org, period, vc.code, value, row["comment"].strip()))
    return records


def write_values(rows: Iterable[tuple[str, str, str, float | str | None, str]]) -> str:
    """A values CSV, sorted by org_unit, period, element; values in canonical form."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(VALUE_COLUMNS)
    for org, period, code, value, comment in sorted(rows, key=lambda r: r[:3]):
        writer.writerow([org, period, code, value_io.to_csv(value_code(code), value), comment])
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


def parse_org_units(text: str) -> list[OrgUnitRecord]:
    """Records of an org-units CSV (``code,name,level,parent_code,valid_from,valid_to``)."""
    records: list[OrgUnitRecord] = []
    seen: dict[str, int] = {}
    for line, row in _rows(text, ORG_UNIT_COLUMNS):
        code = _field(line, "code", _required, row["code"])
        if code in seen:
            raise CsvError(line, "code", CdsError("err_csv_duplicate", first=seen[code]))
        seen[code] = line
        name = _field(line, "name", _required, row["name"])
        level = _field(line, "level", _level, row["level"])
        valid_from = _field(line, "valid_from", _date, row["valid_from"])
        valid_to = _field(line, "valid_to", _date, row["valid_to"])
        if valid_from and valid_to and valid_to < valid_from:
            raise CsvError(line, "valid_to", CdsError("err_dates_order"))
        parent = row["parent_code"].strip() or None
        records.append(OrgUnitRecord(line, code, name, level, parent, valid_from, valid_to))
    return records
