"""Unsaved typing kept on the server: per user, unit and quarter, replaced as typing goes on,
gone when discarded, refused where the user may not save."""

from __future__ import annotations

import pytest

from apptest import actor as scoped
from db import drafts
from db.errors import PermissionDenied
from db.permissions import Actor

P = "2024Q1"


def actor(session, name: str = "lan", role: str = "editor", scope: str = "PHU_TAN") -> Actor:
    return scoped(session, name, role, scope)


def test_a_draft_comes_back_for_its_author_only_and_is_replaced_as_typing_goes_on(demo_session):
    s = demo_session
    lan, mai = actor(s), actor(s, "mai")
    drafts.keep(s, actor=lan, org_code="PHU_TAN", period=P, base_version=3,
                entries={"ht_staff_total": "24"}, comments={})  # fmt: skip
    drafts.keep(s, actor=lan, org_code="PHU_TAN", period=P, base_version=3,
                entries={"ht_staff_total": "25", "vb_out_total": "90"},
                comments={"vb_out_total": "sổ công văn"})  # fmt: skip
    s.commit()
    draft = drafts.load(s, actor=lan, org_code="PHU_TAN", period=P)
    assert draft.base_version == 3
    assert draft.entries == {"ht_staff_total": "25", "vb_out_total": "90"}
    assert draft.comments == {"vb_out_total": "sổ công văn"}
    assert drafts.load(s, actor=mai, org_code="PHU_TAN", period=P) is None
    assert drafts.load(s, actor=lan, org_code="PHU_TAN", period="2024Q2") is None


def test_nothing_typed_or_discarded_leaves_no_draft(demo_session):
    s = demo_session
    lan = actor(s)
    drafts.keep(s, actor=lan, org_code="PHU_TAN", period=P, base_version=1,
                entries={"ht_staff_total": "24"}, comments={})  # fmt: skip
    drafts.keep(s, actor=lan, org_code="PHU_TAN", period=P, base_version=1, entries={},
                comments={})  # fmt: skip
    assert drafts.load(s, actor=lan, org_code="PHU_TAN", period=P) is None
    drafts.keep(s, actor=lan, org_code="PHU_TAN", period=P, base_version=1,
                entries={"ht_staff_total": "24"}, comments={})  # fmt: skip
    drafts.discard(s, actor=lan, org_code="PHU_TAN", period=P)
    assert drafts.load(s, actor=lan, org_code="PHU_TAN", period=P) is None


def test_the_latest_draft_says_which_quarter_was_left_off(demo_session):
    s = demo_session
    lan = actor(s)
    assert drafts.latest_period(s, actor=lan, org_code="PHU_TAN") is None
    for period in ("2024Q3", "2024Q2"):
        drafts.keep(s, actor=lan, org_code="PHU_TAN", period=period, base_version=0,
                    entries={"vb_out_total": "1"}, comments={})  # fmt: skip
        s.commit()
    assert drafts.latest_period(s, actor=lan, org_code="PHU_TAN") == "2024Q2"


@pytest.mark.parametrize(
    ("role", "scope", "org", "code"),
    [
        ("viewer", "PHU_TAN", "PHU_TAN", "ht_staff_total"),  # reads only
        ("editor", "PHU_TAN_AP1", "PHU_TAN", "ht_staff_total"),  # outside the scope
        ("hamlet_editor", "PHU_TAN_AP1", "PHU_TAN_AP1", "ht_staff_total"),  # a commune cell
    ],
)
def test_a_draft_needs_the_rights_a_save_needs(demo_session, role, scope, org, code):
    s = demo_session
    with pytest.raises(PermissionDenied):
        drafts.keep(s, actor=actor(s, role=role, scope=scope), org_code=org, period=P,
                    base_version=0, entries={code: "1"}, comments={})  # fmt: skip
