"""Progress toward a target's deadline, and the change since the previous quarter.

The expected path is the straight line from the first reported value (in its quarter) to the
target value at the end of the deadline year. A quarter is on track when its value is on the
right side of that line (≥ it for a ≥ or > target, ≤ it for a ≤ target); from the deadline's
last quarter on, only meeting the target is on track, and after the deadline year a value short
of the target is past its deadline. Values are compared as shown (rounded half
up to one decimal), like the status, so the words never contradict the numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from cds_core.formatting import format_number, round_half_up
from cds_core.periods import Period
from cds_core.status import Status, judge
from cds_core.targets import Comparator, Target


class Pace(StrEnum):
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    # No target, no value this quarter, or this is the first reported quarter (one point draws
    # no line: saying "on track" there would be true by construction and tell nobody anything).
    UNKNOWN = "unknown"
    # After the deadline year, short of the target: no line is left to be on.
    PASSED = "passed"


PACE_ICONS = {Pace.ON_TRACK: "✔", Pace.OFF_TRACK: "✖", Pace.UNKNOWN: "–", Pace.PASSED: "⌛"}


@dataclass(frozen=True)
class Change:
    """Current minus previous quarter, in percentage points of the values as shown."""

    points: float
    # True when the move is toward the target (down for a ≤ target); None without a target.
    better: bool | None

    @property
    def arrow(self) -> str:
        return "↑" if self.points > 0 else "↓" if self.points < 0 else "→"

    def text(self, lang: str = "vi") -> str:
        """``↑ +2,3 điểm`` / ``↓ -1.0 pts``."""
        sign = "+" if self.points > 0 else ""
        unit = "điểm" if lang == "vi" else "pts"
        return f"{self.arrow} {sign}{format_number(self.points, 1, lang)} {unit}"


@dataclass(frozen=True)
class Progress:
    pace: Pace
    change: Change | None
    first: Period | None  # the first reported quarter: where the expected line starts
    expected: float | None  # the line's value in the current quarter


def _shown(rate: float) -> float:
    return float(round_half_up(rate, 1))


def deadline_quarter(target: Target) -> Period:
    return Period(target.deadline, 4)


def expected(start: Period, start_rate: float, target: Target, at: Period) -> float:
    """The straight line's value in quarter ``at``; the target itself from the deadline on."""
    end = deadline_quarter(target)
    if at.index >= end.index or start.index >= end.index:
        return target.value
    share = (at.index - start.index) / (end.index - start.index)
    return start_rate + (target.value - start_rate) * share


def change(current: float | None, previous: float | None, target: Target | None) -> Change | None:
    if current is None or previous is None:
        return None
    points = _shown(current) - _shown(previous)
    points = float(round_half_up(points, 1))  # float subtraction leaves 2.3000000000000114
    if target is None or points == 0:
        better = None
    else:
        better = (points < 0) if target.comparator is Comparator.LE else (points > 0)
    return Change(points, better)


def progress(
    series: Mapping[Period, float | None], current: Period, target: Target | None
) -> Progress:
    """Pace toward the deadline and change since the previous quarter, from quarterly rates.

    ``series`` holds the rates (percent) of any quarters; only those up to ``current`` count.
    """
    reported = sorted(p for p, rate in series.items() if rate is not None and p <= current)
    rate = series.get(current)
    delta = change(rate, series.get(current.previous()), target)
    first = reported[0] if reported else None
    if target is None or rate is None:
        return Progress(Pace.UNKNOWN, delta, first, None)
    if current.year > target.deadline and judge(rate, target) is not Status.MET:
        return Progress(Pace.PASSED, delta, first, None)
    if first is None or first == current:
        return Progress(Pace.UNKNOWN, delta, first, None)
    line = expected(first, series[first], target, current)  # type: ignore[arg-type]
    # Meeting the target is on track whatever the line says (a first value above the target
    # draws a line above it too); past the deadline nothing else is.
    on_track = judge(rate, target) is Status.MET
    if not on_track and current.index < deadline_quarter(target).index:
        if target.comparator is Comparator.LE:
            on_track = _shown(rate) <= line
        else:
            on_track = _shown(rate) >= line
    return Progress(Pace.ON_TRACK if on_track else Pace.OFF_TRACK, delta, first, line)
