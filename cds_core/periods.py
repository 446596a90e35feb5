"""Quarters: ``2024Q1`` in files and URLs, ``Quý I/2024`` on screen, and yearly aggregation."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from cds_core.catalogue import Element, Kind, Time
from cds_core.errors import CdsError

ROMAN = ("I", "II", "III", "IV")
_CODE = re.compile(r"^\s*(\d{4})\s*-?\s*Q([1-4])\s*$", re.IGNORECASE)
_LABEL = re.compile(r"^\s*Qu[yý]\s+(I|II|III|IV)\s*/\s*(\d{4})\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Period:
    year: int
    quarter: int

    def __post_init__(self) -> None:
        if not 1 <= self.quarter <= 4 or not 1900 <= self.year <= 2999:
            raise CdsError("err_bad_period", value=f"{self.year}Q{self.quarter}")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``2024Q1`` (also ``2024-Q1``) or ``Quý I/2024``."""
        m = _CODE.match(text or "")
        if m:
            return cls(int(m.group(1)), int(m.group(2)))
        m = _LABEL.match(text or "")
        if m:
            return cls(int(m.group(2)), ROMAN.index(m.group(1).upper()) + 1)
        raise CdsError("err_bad_period", value=text)

    @classmethod
    def containing(cls, day: date) -> Period:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def code(self) -> str:
        return f"{self.year}Q{self.quarter}"

    def label(self, lang: str = "vi") -> str:
        if lang == "vi":
            return f"Quý {ROMAN[self.quarter - 1]}/{self.year}"
        return f"Q{self.quarter} {self.year}"

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.quarter - 2, 1)

    @property
    def last_day(self) -> date:
        return self.next().first_day - timedelta(days=1)

    @property
    def index(self) -> int:
        """Quarters since year 0: differences of two indexes count quarters between them."""
        return self.year * 4 + self.quarter - 1

    @classmethod
    def from_index(cls, index: int) -> Period:
        return cls(index // 4, index % 4 + 1)

    def previous(self) -> Period:
        return Period.from_index(self.index - 1)

    def next(self) -> Period:
        return Period.from_index(self.index + 1)

    def year_to_date(self) -> list[Period]:
        return [Period(self.year, q) for q in range(1, self.quarter + 1)]

    def __str__(self) -> str:
        return self.code


def quarters_between(first: Period, last: Period) -> list[Period]:
    return [Period.from_index(i) for i in range(first.index, last.index + 1)]


def year_value(element: Element, quarterly: Mapping[Period, float | None]) -> float | None:
    """A year's (or year-to-date) value from its quarters.

    Flows add up, stocks take the last quarter, and a ``pct`` element (no counts behind it)
    takes the plain average. Quarters without a value are skipped; none at all gives ``None``.
    """
    present = [v for _, v in sorted(quarterly.items()) if v is not None]
    if not present:
        return None
    if element.kind is Kind.PCT:
        return sum(present) / len(present)
    if element.time is Time.FLOW:
        return sum(present)
    return present[-1]
