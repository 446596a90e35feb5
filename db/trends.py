"""Rollups across quarters and across the units a figure is made of, each in one statement.

``history`` gives a unit's figure per quarter (for trends, change and pace) — before the unit
existed, its predecessors' sum; ``children`` gives the figure of each unit that made up a
parent's in one quarter (for the comparison heatmap and ranking). Both add counts up, so a
parent's rate is the sum of numerators over the sum of denominators, never an average of its
children's rates.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from cds_core import scorecard
from cds_core.periods import Period
from db.orgmap import parts
from db.orgunits import get as get_unit
from db.scorecards import cards, over_time


def history(
    session: Session, org_code: str, indicator: str | None = None
) -> dict[Period, list[scorecard.Row]]:
    """Scorecard rows of every quarter with data, oldest first, each judged against the targets
    in force in its year; only ``indicator``'s row (and its elements' query) when one is named."""
    unit = get_unit(session, org_code)
    out = over_time(session, unit, None if indicator is None else {indicator})
    if indicator is None:
        return out
    return {p: [r for r in rows if r.indicator == indicator] for p, rows in out.items()}


def rates(history_rows: dict[Period, list[scorecard.Row]], indicator: str) -> dict[Period, float]:
    """One indicator's rate per quarter, from :func:`history`; quarters without one left out."""
    out = {}
    for period, rows in history_rows.items():
        row = next(r for r in rows if r.indicator == indicator)
        if row.value.rate is not None:
            out[period] = row.value.rate
    return out


@dataclass(frozen=True)
class Child:
    code: str
    name: str
    level: str
    rows: list[scorecard.Row]


def children(session: Session, parent_code: str, period: str) -> list[Child]:
    """Each unit that made up ``parent_code``'s figure in ``period`` (its children then, or
    before it existed its predecessors) with its own figure's scorecard.

    Two statements for all of them: the members of every child, read together and grouped by
    child. A child without any data is still listed ("no data").
    """
    parent = get_unit(session, parent_code)
    p = Period.parse(period)
    units = parts(session, parent, p)
    rows = cards(session, units, p) if units else {}
    return [Child(u.code, u.name, u.level, rows[u.id]) for u in units]
