"""Every figure carries its workflow state: where a quarter's figures stand (draft, submitted,
approved) over a unit and everything below it, a viewer's default quarter, and the report
marked DỰ THẢO on every page and in its file name until every figure is approved."""

from __future__ import annotations

from io import BytesIO

import pytest
from docx import Document
from openpyxl import load_workbook

from apptest import signed_in
from cds_core.submissions import FiguresState, SubmissionStatus
from db import figure_states, workflow
from db.database import session_scope
from db.orgmap import reach
from db.orgunits import get as get_unit
from db.permissions import SYSTEM
from db.values import save
from reporting.files import docx_file, file_name, is_draft, xlsx_file

DRAFT, SUBMITTED, APPROVED, REOPENED = SubmissionStatus
HAMLETS = ("PHU_TAN_AP1", "PHU_TAN_AP2", "PHU_TAN_AP3", "PHU_TAN_AP4")


def send(session, codes, period="2024Q1", *, approve=False) -> None:
    """Submit (and approve) each unit's quarter through the workflow, as its people would."""
    for code in codes:
        workflow.submit(session, actor=SYSTEM, org_code=code, period=period)
        if approve:
            workflow.approve(session, actor=SYSTEM, org_code=code, period=period)


# -- the state of figures from several units (pure) ----------------------------------------


@pytest.mark.parametrize(
    ("statuses", "least", "final"),
    [
        ([], None, False),
        ([APPROVED, APPROVED], APPROVED, True),
        ([APPROVED, SUBMITTED], SUBMITTED, False),
        ([APPROVED, SUBMITTED, None], DRAFT, False),  # never submitted: a draft
        ([APPROVED, REOPENED], DRAFT, False),  # reopened: back with its unit
    ],
)
def test_figures_are_only_as_final_as_their_least_advanced_unit(statuses, least, final):
    state = FiguresState.of(statuses)
    assert (state.status, state.final, state.units) == (least, final, len(statuses))


def test_mixed_when_units_stand_at_different_steps():
    assert FiguresState.of([APPROVED, None]).mixed
    assert not FiguresState.of([SUBMITTED, SUBMITTED]).mixed


# -- from the database ---------------------------------------------------------------------


def test_the_demo_quarter_is_a_draft_of_five_units(demo_session):
    # The commune and its four hamlets hold Q1/2024 figures; nobody has submitted them.
    assert figure_states.state(demo_session, "PHU_TAN", "2024Q1") == FiguresState(draft=5)
    assert figure_states.state(demo_session, "PHU_TAN", "2025Q1") == FiguresState()


def test_a_submitted_commune_with_draft_hamlets_is_still_a_draft(demo_session):
    send(demo_session, ["PHU_TAN"])
    state = figure_states.state(demo_session, "PHU_TAN", "2024Q1")
    assert state == FiguresState(draft=4, submitted=1)
    assert state.status is DRAFT and state.mixed
    # Each hamlet and the district above see their own subtree.
    assert figure_states.state(demo_session, "PHU_TAN_AP1", "2024Q1").status is DRAFT
    by_child = figure_states.by_child(demo_session, "TAN_PHU_DONG", "2024Q1")
    assert by_child == {
        "PHU_TAN": FiguresState(draft=4, submitted=1),
        "PHU_DONG": FiguresState(),  # no figures from the other two communes of the district
        "PHU_THANH": FiguresState(),
    }


def test_approved_everywhere_is_final_and_history_keeps_each_quarter(demo_session):
    send(demo_session, ["PHU_TAN", *HAMLETS], approve=True)
    assert figure_states.state(demo_session, "TIEN_GIANG", "2024Q1").final
    history = figure_states.history(demo_session, "PHU_TAN")
    assert history["2024Q1"] == FiguresState(approved=5)
    assert history["2023Q4"] == FiguresState(draft=4)  # the hamlets' earlier quarters
    kids = figure_states.by_child(demo_session, "PHU_TAN", "2024Q1")
    assert kids == {code: FiguresState(approved=1) for code in HAMLETS}


def test_the_newest_sent_quarter_ignores_a_newer_draft_and_other_scopes(demo_session):
    commune = reach(demo_session, get_unit(demo_session, "PHU_TAN").id)
    assert figure_states.newest_sent(demo_session, commune) is None
    send(demo_session, ["PHU_TAN"])
    save(demo_session, actor=SYSTEM, org_code="PHU_TAN", period="2024Q2",
         entries={"ht_staff_total": "23"})  # fmt: skip
    assert figure_states.newest_sent(demo_session, commune) == "2024Q1"
    assert figure_states.newest_sent(demo_session, None) == "2024Q1"
    assert (
        figure_states.newest_sent(
            demo_session, reach(demo_session, get_unit(demo_session, "PHU_TAN_AP1").id)
        )
        is None
    )


# -- the report ----------------------------------------------------------------------------


def headers(doc) -> tuple[str, str]:
    section = doc.sections[0]
    return tuple(
        " ".join(p.text for p in h.paragraphs) for h in (section.first_page_header, section.header)
    )


def test_a_draft_report_says_du_thao_on_every_page_and_sheet(demo_session):
    doc = Document(BytesIO(docx_file(demo_session, "PHU_TAN", "2024Q1")))
    first, other = headers(doc)
    assert "DỰ THẢO" in first and "DỰ THẢO" in other
    assert any("chưa được duyệt" in p.text for p in doc.paragraphs[:6])
    book = load_workbook(BytesIO(xlsx_file(demo_session, "PHU_TAN", "2024Q1")))
    for sheet in book.worksheets:
        assert sheet["A1"].value.startswith("DỰ THẢO")
        assert sheet.oddHeader.right.text == "DỰ THẢO"
    assert is_draft(demo_session, "PHU_TAN", "2024Q1")


def test_a_report_of_approved_figures_carries_no_draft_mark(demo_session):
    send(demo_session, ["PHU_TAN", *HAMLETS], approve=True)
    doc = Document(BytesIO(docx_file(demo_session, "PHU_TAN", "2024Q1")))
    assert not any("DỰ THẢO" in h for h in headers(doc))
    book = load_workbook(BytesIO(xlsx_file(demo_session, "PHU_TAN", "2024Q1")))
    assert not any("DỰ THẢO" in str(s["A1"].value) for s in book.worksheets)
    assert not is_draft(demo_session, "PHU_TAN", "2024Q1")


def test_the_page_file_names_say_du_thao_for_a_draft_only():
    assert file_name("PHU_TAN", "2024Q1", ".docx", draft=True) == (
        "bao-cao-cds-PHU_TAN-2024Q1-du-thao.docx"
    )
    assert file_name("PHU_TAN", "Quý I/2024", ".xlsx", draft=False) == (
        "bao-cao-cds-PHU_TAN-2024Q1.xlsx"
    )


# -- the pages -----------------------------------------------------------------------------


def badges(at) -> list[str]:
    return [m.value for m in at.markdown if "-badge[" in m.value]


def test_a_viewer_opens_on_the_last_submitted_quarter_not_a_newer_draft(app_db):
    with session_scope(app_db) as session:
        send(session, ["PHU_TAN"])
        save(session, actor=SYSTEM, org_code="PHU_TAN", period="2024Q2",
             entries={"ht_staff_total": "23"})  # fmt: skip
    viewer = signed_in("committee", "viewer")
    assert viewer.selectbox(key="_period_pick").value == "2024Q1"
    assert any("Số liệu nháp, chưa gửi" in b and "1 đã gửi" in b for b in badges(viewer))
    # Those who enter figures open on the newest quarter they have worked on.
    officer = signed_in("officer", "editor")
    assert officer.selectbox(key="_period_pick").value == "2024Q2"


def test_the_report_page_warns_before_building_a_draft(app_db):
    at = signed_in("committee", "viewer")
    at.switch_page("app_pages/reports.py").run()
    assert any("DỰ THẢO" in w.value for w in at.warning)
    next(b for b in at.button if b.label == "Tạo báo cáo").click().run()
    assert not at.exception
    assert [d.proto.label for d in at.get("download_button")] == [
        "Tải báo cáo Word (.docx)",
        "Tải bảng tính Excel (.xlsx)",
    ]
    assert any("Dự thảo báo cáo" in s.value for s in at.success)
