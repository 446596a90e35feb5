"""The workflow of one unit's quarter: draft → submitted → approved (→ reopened)."""

from __future__ import annotations

from enum import StrEnum


class SubmissionStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"  # locked: every write is refused until it is reopened
    REOPENED = "reopened"  # back with the unit, with the approver's reason


# What the unit may still edit and submit, and what has left its hands.
EDITABLE = (SubmissionStatus.DRAFT, SubmissionStatus.REOPENED)
SENT = (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED)
