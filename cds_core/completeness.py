"""Who has reported a quarter, and who is late: the state of each unit that should report to a
parent (its children in force, or a merged unit's predecessors), when it sent its report, the
deadline, and whether it is late — as plain values, for the page, the brief and the command line.

A unit is late once the deadline has passed without its report, or when it sent it after the
deadline. "Sent" is its first submission: a report sent in time and later reopened by the
approver was not late. Days are Vietnam's: a report sent at 06:00 on the day after the deadline
is late, though it is still the deadline's day in UTC.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum

from cds_core.formatting import VIETNAM
from cds_core.submissions import SubmissionStatus

COLUMNS = ("unit", "name", "status", "submitted_at", "deadline", "late")


class ReportState(StrEnum):
    """Where a unit's report for a quarter stands, as the committee asks it."""

    MISSING = "missing"  # nothing entered: no figure of its own or below it, never sent
    DRAFT = "draft"  # figures entered, not sent (or sent back to it by the approver)
    SUBMITTED = "submitted"
    APPROVED = "approved"


# Late first; then the least advanced, as the committee chases them.
_RANK = {ReportState.MISSING: 0, ReportState.DRAFT: 1, ReportState.SUBMITTED: 2,
         ReportState.APPROVED: 3}  # fmt: skip


def state_of(status: str | None, entered: bool) -> ReportState:
    """The state from the workflow status (``None``: no workflow row) and whether anything was
    entered for the quarter (a figure of the unit's own or of a unit below it, or a save)."""
    if status == SubmissionStatus.APPROVED:
        return ReportState.APPROVED
    if status == SubmissionStatus.SUBMITTED:
        return ReportState.SUBMITTED
    return ReportState.DRAFT if entered else ReportState.MISSING


def local_day(moment: datetime) -> date:
    """The day in Vietnam of a stored moment (UTC; a zone-less one is UTC too)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(VIETNAM).date()


def today() -> date:
    return datetime.now(VIETNAM).date()


def is_late(sent_at: datetime | None, deadline: date, on: date) -> bool:
    """Sent after the deadline, or not sent and the deadline passed by day ``on``."""
    if sent_at is not None:
        return local_day(sent_at) > deadline
    return on > deadline


@dataclass(frozen=True)
class UnitReport:
    code: str
    name: str
    state: ReportState
    sent_at: datetime | None  # the first submission; None if never sent
    deadline: date
    late: bool
    has_figures: bool  # a figure of its own or below it counts in the parent's this quarter

    @property
    def sent(self) -> bool:
        return self.state in (ReportState.SUBMITTED, ReportState.APPROVED)

    def as_record(self) -> dict[str, str]:
        """The row of ``manage.py completeness`` (CSV/JSON): ISO times in Vietnam's clock."""
        sent = self.sent_at
        if sent is not None:
            sent = (sent if sent.tzinfo else sent.replace(tzinfo=UTC)).astimezone(VIETNAM)
        return {
            "unit": self.code,
            "name": self.name,
            "status": self.state.value,
            "submitted_at": sent.isoformat(timespec="seconds") if sent else "",
            "deadline": self.deadline.isoformat(),
            "late": "yes" if self.late else "no",
        }


def ordered(reports: Iterable[UnitReport]) -> list[UnitReport]:
    """Late ones first, each group from the least advanced state; otherwise in the order
    given (the map's)."""
    return sorted(reports, key=lambda r: (not r.late, _RANK[r.state]))


@dataclass(frozen=True)
class Tally:
    """How many of the units that should report have sent, have figures, are late."""

    expected: int
    sent: int
    with_figures: int
    late: int

    @classmethod
    def of(cls, reports: Iterable[UnitReport]) -> Tally:
        rows = list(reports)
        return cls(len(rows), sum(r.sent for r in rows), sum(r.has_figures for r in rows),
                   sum(r.late for r in rows))  # fmt: skip
