"""The scorecard as the pages show it: one unit and quarter read once, each indicator with its
status, change since the previous quarter and pace toward the deadline, grouped by pillar."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from cds_core.formatting import format_counts, format_pct
from cds_core.indicators import INDICATORS, PILLAR_NAMES, Outcome
from cds_core.periods import Period
from cds_core.progress import PACE_ICONS, Pace, Progress, progress
from cds_core.scorecard import Row
from cds_core.status import ORDER, Status, label
from db.database import session_scope
from db.orgmap import Lineage, lineage
from db.orgunits import get as get_unit
from db.scorecards import for_unit
from db.trends import history, rates
from ui.data import CACHE, data_version, engine
from ui.i18n import tr

TRENDS_URL = "xu-huong"


@dataclass(frozen=True)
class Entry:
    row: Row
    progress: Progress

    @property
    def pillar(self) -> str:
        return INDICATORS[self.row.indicator].pillar


def load(org: str, period: str) -> list[Entry]:
    """Every indicator of ``org`` in ``period``, in catalogue order (cached per data version:
    a value saved on another page, or in another process, shows at once)."""
    return _load(org, period, data_version())


@st.cache_data(**CACHE)
def _load(org: str, period: str, version: int) -> list[Entry]:
    with session_scope(engine()) as session:
        rows = for_unit(session, org, period)
        past = history(session, org)
    series = {code: rates(past, code) for code in INDICATORS}
    current = Period.parse(period)
    # The quarter on screen is judged from its own rows, whatever the history holds.
    return [
        Entry(r, progress({**series[r.indicator], current: r.value.rate}, current, r.target))
        for r in rows
    ]


def coverage_text(row: Row) -> str:
    """``0/4 ấp đã báo cáo`` beside a figure that fewer units gave than should have, a figure
    of no data included (the units that did not report are why); else nothing. A unit's own
    figure without data (0/1) needs no count: its status says it."""
    c = row.coverage
    if c is None or not c.partial:
        return ""
    if row.value.outcome is Outcome.NO_DATA and c.expected < 2:
        return ""
    return tr(f"coverage_reported_{c.level or 'units'}", reported=c.reported, expected=c.expected)


def history_of(org: str) -> Lineage:
    """The unit's lineage (cached per data version: the map changes through audited writes)."""
    return _lineage(org, data_version())


@st.cache_data(**CACHE)
def _lineage(org: str, version: int) -> Lineage:
    with session_scope(engine()) as session:
        return lineage(session, get_unit(session, org))


def basis_note(org: str, period: str, lang: str) -> str:
    """What the quarter's figures of ``org`` are, when not simply its own: the sum of its
    predecessors, not comparable (a split), or nothing (the unit had ended)."""
    history = history_of(org)
    p = Period.parse(period)
    basis = history.basis(p)
    if basis == "own":
        return ""
    names = ", ".join(name for _, name in history.predecessors)
    successors = ", ".join(name for _, name in history.successors)
    start = history.start.label(lang) if history.start else ""
    end = history.end.label(lang) if history.end else ""
    return tr("basis_" + basis, period=p.label(lang), start=start, end=end, names=names,
              successors=successors or "—")  # fmt: skip


def met_of(entries: list[Entry]) -> tuple[int, int]:
    """(targets met, indicators with a target) — the headline's X/Y."""
    with_target = [e for e in entries if e.row.target is not None]
    return sum(e.row.status is Status.MET for e in with_target), len(with_target)


def by_pillar(entries: list[Entry]) -> dict[str, list[Entry]]:
    """Pillars in their order, each with its indicators, not met first."""
    rank = {s: i for i, s in enumerate(ORDER)}
    out: dict[str, list[Entry]] = {p: [] for p in PILLAR_NAMES}
    for e in sorted(entries, key=lambda e: rank[e.row.status]):
        out[e.pillar].append(e)
    return out


def pillar_name(pillar: str, lang: str) -> str:
    return PILLAR_NAMES[pillar][0 if lang == "vi" else 1]


def pace_label(pace: Pace) -> str:
    return f"{PACE_ICONS[pace]} {tr('pace_' + pace.value)}"


def detail_url(indicator: str, org: str, period: str) -> str:
    return f"{TRENDS_URL}?{urlencode({'indicator': indicator, 'org': org, 'period': period})}"


def frame(entries: list[Entry], lang: str, *, org: str, period: str) -> pd.DataFrame:
    """The table of the page and of its CSV (the detail link column is the page's only)."""
    return pd.DataFrame(
        [
            {
                tr("col_pillar"): pillar_name(e.pillar, lang),
                tr("col_indicator"): INDICATORS[e.row.indicator].name(lang),
                tr("col_value"): format_pct(e.row.value.rate, lang),
                tr("col_counts"): format_counts(
                    e.row.value.numerator, e.row.value.denominator, lang
                ),
                tr("col_coverage"): coverage_text(e.row),
                tr("col_target"): e.row.target.label() if e.row.target else "",
                tr("col_deadline"): str(e.row.target.deadline) if e.row.target else "",
                tr("col_status"): label(e.row.status, lang),
                tr("col_change"): e.progress.change.text(lang) if e.progress.change else "",
                tr("col_pace"): pace_label(e.progress.pace) if e.row.target else "",
                tr("col_detail"): detail_url(e.row.indicator, org, period),
            }
            for e in entries
        ]
    )
