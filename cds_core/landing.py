"""Where a page opens for a user who has not chosen yet: on their own unit (or the first unit
below it that the page shows), in a quarter the unit exists in — the newest in its life that
holds figures (for the Steering Committee the newest someone sent up), else the latest of its
life up to this quarter. A unit that ended, or a quarter before a unit began, is never the
landing: the editor of a merged commune opens on it, not on a predecessor.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cds_core.catalogue import Level
from cds_core.orgmap import MAX_PERIOD, MIN_PERIOD
from cds_core.submissions import FiguresState


@dataclass(frozen=True)
class Place:
    """A unit as the pickers know it: its place in today's tree and the quarters of its life."""

    code: str
    level: str
    path: str  # materialised path of its latest version ("/1/5/23/")
    first: str = MIN_PERIOD  # first quarter of its life (quarter codes sort as text)
    last: str = MAX_PERIOD  # last quarter; MAX_PERIOD while it lasts

    def alive(self, quarter: str) -> bool:
        return self.first <= quarter <= self.last

    def below(self, other: Place) -> bool:
        return self.code != other.code and self.path.startswith(other.path)


def landing_unit(units: Sequence[Place], anchor: Place | None, quarter: str) -> Place:
    """The unit a page opens on, among ``units`` (those it offers, in tree order, at least one):
    ``anchor`` itself (the user's own unit) if offered, else the first offered unit below it,
    else the first of all; among those, one alive in ``quarter``, a commune first."""
    for unit in units:
        if anchor is not None and unit.code == anchor.code:
            return unit
    pool = [u for u in units if anchor is not None and u.below(anchor)] or list(units)
    alive = [u for u in pool if u.alive(quarter)] or pool
    communes = [u for u in alive if u.level == Level.XA]
    return (communes or alive)[0]


def landing_quarter(
    unit: Place, states: Mapping[str, FiguresState], today: str, *, sent_first: bool = False
) -> str:
    """The quarter a page opens on for ``unit``: the newest of its life (up to ``today``) whose
    figures ``states`` holds — with ``sent_first``, the newest of those someone submitted or
    approved, when there is one; without figures, the latest quarter of its life up to today."""
    life = [q for q, s in states.items() if unit.first <= q <= min(unit.last, today) and s.units]
    if sent_first and (sent := [q for q in life if states[q].submitted or states[q].approved]):
        return max(sent)
    if life:
        return max(life)
    return max(unit.first, min(unit.last, today))
