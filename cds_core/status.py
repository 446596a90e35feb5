"""The traffic light: an indicator value against its target.

Five statuses, each carried by a colour, an icon and a word (never colour alone). Comparison
uses the value rounded half up to one decimal, the figure people see, so the word on screen
never contradicts the number beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cds_core.formatting import round_half_up
from cds_core.indicators import IndicatorValue, Outcome
from cds_core.targets import Comparator, Target


class Status(StrEnum):
    MET = "met"
    NEAR = "near"
    NOT_MET = "not_met"
    NO_DATA = "no_data"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class StatusStyle:
    word_vi: str
    word_en: str
    icon: str
    # Text colour on a white page and a tile background; both pairs pass WCAG AA (4.5:1).
    colour: str
    background: str


STYLES: dict[Status, StatusStyle] = {
    Status.MET: StatusStyle("đạt", "met", "✔", "#1b5e20", "#e3f1e4"),
    Status.NEAR: StatusStyle("gần đạt", "near", "◐", "#7a4100", "#fff1d6"),
    Status.NOT_MET: StatusStyle("chưa đạt", "not met", "✖", "#b71c1c", "#fde4e4"),
    Status.NO_DATA: StatusStyle("chưa có số liệu", "no data", "?", "#424242", "#eeeeee"),
    Status.NOT_APPLICABLE: StatusStyle(
        "không áp dụng", "not applicable", "–", "#37474f", "#f5f7f8"
    ),
}

ORDER = (Status.NOT_MET, Status.NEAR, Status.NO_DATA, Status.MET, Status.NOT_APPLICABLE)


def word(status: Status, lang: str = "vi") -> str:
    style = STYLES[status]
    return style.word_vi if lang == "vi" else style.word_en


def label(status: Status, lang: str = "vi") -> str:
    """Icon and word, as every table, chart and file shows a status ("✔ đạt")."""
    return f"{STYLES[status].icon} {word(status, lang)}"


def judge(rate: float, target: Target) -> Status:
    """Status of a computed rate (percent) against a target."""
    shown = float(round_half_up(rate, 1))
    band = target.band_start
    if target.comparator is Comparator.GE:
        if shown >= target.value:
            return Status.MET
        return Status.NEAR if shown >= band else Status.NOT_MET
    if target.comparator is Comparator.GT:
        if shown > target.value:
            return Status.MET
        return Status.NEAR if shown >= band else Status.NOT_MET
    if shown <= target.value:
        return Status.MET
    return Status.NEAR if shown <= band else Status.NOT_MET


def status_of(value: IndicatorValue, target: Target | None) -> Status:
    """No target or a zero denominator: not applicable; no figures: no data."""
    if value.outcome is Outcome.NOT_APPLICABLE or target is None:
        return Status.NOT_APPLICABLE
    if value.outcome is Outcome.NO_DATA or value.rate is None:
        return Status.NO_DATA
    return judge(value.rate, target)
