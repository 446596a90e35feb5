"""What a data element is: its kind, time behaviour and level, its section, the categories of
a disaggregated one, and the enterable cells (value codes) it has.

Which elements a commune reports is a framework's (``cds_core.framework``, from a file such as
``frameworks/nq08.yaml``): codes are stable public identifiers across frameworks (CSV files,
exports and tests use them). ``ELEMENTS``, ``VALUE_CODES``, ``SECTIONS`` and the other
module-level tables are Resolution 08's (the framework ``init`` loads), read from its file on
first use, for code that is not given a framework.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    COUNT = "count"  # non-negative integer
    NUMBER = "number"  # non-negative decimal
    PCT = "pct"  # 0-100, only where no raw counts exist
    BOOL = "bool"
    TEXT = "text"


class Time(StrEnum):
    FLOW = "flow"  # happens during the quarter: a year is the sum of its quarters
    STOCK = "stock"  # state at the end of the quarter: a year takes its last quarter


class Level(StrEnum):
    TINH = "tinh"
    HUYEN = "huyen"
    XA = "xa"
    AP = "ap"


LEVEL_RANK = {Level.TINH: 0, Level.HUYEN: 1, Level.XA: 2, Level.AP: 3}


@dataclass(frozen=True)
class Section:
    code: str
    name_vi: str
    name_en: str
    seed_ref: str  # where the paper report has it


@dataclass(frozen=True)
class Option:
    """One option of a category (a device type, a column of the device table)."""

    code: str
    name_vi: str
    name_en: str

    def name(self, lang: str = "vi") -> str:
        return self.name_vi if lang == "vi" else self.name_en


@dataclass(frozen=True)
class Category:
    """One axis of a disaggregated element, with its options in order."""

    code: str
    name_vi: str
    name_en: str
    options: tuple[Option, ...]

    def name(self, lang: str = "vi") -> str:
        return self.name_vi if lang == "vi" else self.name_en

    def option(self, code: str) -> Option:
        return next(o for o in self.options if o.code == code)


@dataclass(frozen=True)
class Element:
    code: str
    name_vi: str
    name_en: str
    kind: Kind
    time: Time
    level: Level
    section: str
    # For a disaggregated element (the device table): category option codes, in order.
    categories: tuple[tuple[str, ...], ...] = ()
    # The largest plausible value of one cell (None for text); the smallest is always 0.
    maximum: float | None = None
    # The categories with their names (their option codes are ``categories``).
    dimensions: tuple[Category, ...] = ()

    @property
    def is_numeric(self) -> bool:
        return self.kind in (Kind.COUNT, Kind.NUMBER, Kind.PCT, Kind.BOOL)


@dataclass(frozen=True)
class ValueCode:
    """One enterable cell: an element, or one cell of a disaggregated element."""

    code: str  # "ht_staff_total" or "ht_device.desktop.total"
    element: Element
    options: tuple[str, ...] = ()

    @property
    def kind(self) -> Kind:
        return self.element.kind


def value_code(code: str, codes: Mapping[str, ValueCode] | None = None) -> ValueCode:
    """The enterable cell behind a code such as ``ht_staff_total`` or ``ht_device.laptop.new``
    among ``codes`` (a framework's value codes; Resolution 08's by default)."""
    from cds_core.errors import CdsError

    if codes is None:
        from cds_core.framework import nq08

        codes = nq08().value_codes
    try:
        return codes[code]
    except KeyError:
        raise CdsError("err_unknown_element", code=code) from None


def element_name(element: Element, lang: str = "vi") -> str:
    return element.name_vi if lang == "vi" else element.name_en


def value_code_name(vc: ValueCode, lang: str = "vi") -> str:
    """An element's name, or a cell's: "Máy in — Tổng số"."""
    if not vc.options:
        return element_name(vc.element, lang)
    return " — ".join(
        category.option(option).name(lang)
        for category, option in zip(vc.element.dimensions, vc.options, strict=True)
    )


def expand(element: Element) -> list[ValueCode]:
    """The element's enterable cells: itself, or one per combination of its options."""
    if not element.categories:
        return [ValueCode(element.code, element)]
    cells: list[tuple[str, ...]] = [()]
    for options in element.categories:
        cells = [(*cell, option) for cell in cells for option in options]
    return [ValueCode(".".join((element.code, *cell)), element, cell) for cell in cells]


# Resolution 08's tables, for code not given a framework: read from its file on first use
# (importing them at load time would tie this module to the framework module that uses it).
_NQ08_TABLES = {
    "ELEMENTS": lambda f: f.elements,
    "VALUE_CODES": lambda f: f.value_codes,
    "SECTIONS": lambda f: f.sections,
    "LARGEST": lambda f: f.largest,
    "DEVICE_TYPES": lambda f: _options(f, 0),
    "DEVICE_COLUMNS": lambda f: _options(f, 1),
    "REPORT_WORDS": lambda f: f.reading.words,
    "REPORT_DEVICE_WORDS": lambda f: f.reading.option_words["ht_device"],
    "REPORT_TOTALS": lambda f: f.reading.totals,
    "REPORT_SHARES": lambda f: f.reading.shares,
    "SPELLINGS": lambda f: f.reading.spellings,
}


def _options(framework, axis: int) -> tuple[tuple[str, str, str], ...]:
    category = framework.elements["ht_device"].dimensions[axis]
    return tuple((o.code, o.name_vi, o.name_en) for o in category.options)


def __getattr__(name: str):
    if name in _NQ08_TABLES:
        from cds_core.framework import nq08

        return _NQ08_TABLES[name](nq08())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
