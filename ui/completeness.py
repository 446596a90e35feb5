"""Who has reported, as the pages show it: read once per data version, each unit's timing in
words, and the address of its form (where its approver reviews it)."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

import streamlit as st

from cds_core.completeness import UnitReport, today
from db import completeness
from db.database import session_scope
from ui.data import CACHE, data_version, engine
from ui.i18n import tr

ENTRY_URL = "nhap-so-lieu"


def of(org: str, period: str) -> list[UnitReport]:
    """The units that should report ``period`` to ``org``, late ones first (judged today: the
    day is part of the key, so a deadline passing overnight shows the next morning)."""
    return _of(org, period, today(), data_version())


@st.cache_data(**CACHE)
def _of(org: str, period: str, day: date, version: int) -> list[UnitReport]:
    with session_scope(engine()) as session:
        return completeness.for_parent(session, org, period, on=day)


def timing(report: UnitReport) -> str:
    """``trễ hạn``, ``đúng hạn`` (sent in time) or ``chưa đến hạn``."""
    if report.late:
        return tr("completeness_late")
    return tr("completeness_on_time") if report.sent_at else tr("completeness_not_due")


def form_url(org: str, period: str) -> str:
    return f"{ENTRY_URL}?{urlencode({'org': org, 'period': period})}"
