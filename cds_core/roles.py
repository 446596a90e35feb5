"""Who may do what: the four roles a user holds (design.md, "Data model")."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"  # everything, everywhere: users, targets, the org-unit map
    EDITOR = "editor"  # enters, submits and approves figures within their unit's subtree
    HAMLET_EDITOR = "hamlet_editor"  # one hamlet's figures, roster and activity log
    VIEWER = "viewer"  # reads within their scope (the Steering Committee)


# Roles that write figures; a viewer never does.
WRITERS = (Role.ADMIN, Role.EDITOR, Role.HAMLET_EDITOR)
