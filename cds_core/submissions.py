"""The workflow of one unit's quarter: draft → submitted → approved (→ reopened), and where a
quarter's figures stand when they come from several units."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class SubmissionStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"  # locked: every write is refused until it is reopened
    REOPENED = "reopened"  # back with the unit, with the approver's reason


# What the unit may still edit and submit, and what has left its hands.
EDITABLE = (SubmissionStatus.DRAFT, SubmissionStatus.REOPENED)
SENT = (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED)


@dataclass(frozen=True)
class FiguresState:
    """Where a quarter's figures stand: how many of the units that hold figures for it (a unit
    and everything below it) are still drafts, submitted, or approved.

    A reopened report is back with its unit, so it counts as a draft. Figures are only as
    final as their least advanced unit: one draft hamlet makes its commune's total a draft.
    """

    draft: int = 0
    submitted: int = 0
    approved: int = 0

    @classmethod
    def of(cls, statuses: Iterable[str | None]) -> FiguresState:
        """From the workflow status of each unit holding figures (``None``: never saved as a
        report, so a draft)."""
        tally = {SubmissionStatus.SUBMITTED: 0, SubmissionStatus.APPROVED: 0, None: 0}
        for status in statuses:
            tally[status if status in SENT else None] += 1
        return cls(tally[None], tally[SubmissionStatus.SUBMITTED], tally[SubmissionStatus.APPROVED])

    @property
    def units(self) -> int:
        return self.draft + self.submitted + self.approved

    @property
    def status(self) -> SubmissionStatus | None:
        """The least advanced step among the units; ``None`` when no unit holds figures."""
        if self.draft:
            return SubmissionStatus.DRAFT
        if self.submitted:
            return SubmissionStatus.SUBMITTED
        return SubmissionStatus.APPROVED if self.approved else None

    @property
    def final(self) -> bool:
        """Every unit's figures approved: the only figures a report may print as final."""
        return self.status is SubmissionStatus.APPROVED

    @property
    def mixed(self) -> bool:
        return sum(1 for n in (self.draft, self.submitted, self.approved) if n) > 1
