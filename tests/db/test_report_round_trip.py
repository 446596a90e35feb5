"""The report this project writes reads back: `manage.py report --out X.docx` for the demo quarter
and for a quarter of synthetic data, extracted again, gives the figures it was written from."""

from __future__ import annotations

from pathlib import Path

import pytest

import manage
from bench.synthetic import Scale, units
from bench.synthetic import values as synthetic_values
from cds_core.catalogue import VALUE_CODES, Kind
from cds_core.extraction import Extraction
from cds_core.interchange import OrgUnitRecord, ValueRecord
from cds_core.periods import Period
from db import demo, orgunits, transfer
from db.database import get_engine, session_scope
from db.migrate import upgrade
from db.permissions import SYSTEM
from reporting.report_reading import extract_file

SYNTHETIC_QUARTER = Period(2023, 4)


def _database(path: Path, fill) -> str:
    url = f"sqlite:///{path}"
    engine = get_engine(url)
    upgrade(engine)
    with session_scope(engine) as session:
        fill(session)
    return url


def _synthetic(session) -> None:
    tree = units(Scale.COMMUNE)
    orgunits.upsert(session, actor=SYSTEM, records=[
        OrgUnitRecord(i + 2, u.code, u.name, u.level.value, u.parent_code, None, None)
        for i, u in enumerate(tree)
    ])  # fmt: skip
    rows = synthetic_values(Scale.COMMUNE, last=SYNTHETIC_QUARTER, seed=15, count=1)
    records = [ValueRecord(i + 2, *row, "") for i, row in enumerate(rows)]
    transfer.import_records(session, actor=SYSTEM, records=records)


@pytest.fixture(scope="module")
def databases(tmp_path_factory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("round-trip")
    return {
        "demo": _database(tmp / "demo.db", demo.seed),
        "synthetic": _database(tmp / "synthetic.db", _synthetic),
    }


def stored(url: str, org: str, period: str) -> dict[str, float | str]:
    """What the commune's report shows: its own texts, and every number of the commune and its
    hamlets added up (the commune's figure is the sum of its hamlets')."""
    out: dict[str, float | str] = {}
    with session_scope(get_engine(url)) as session:
        for unit, _, code, value, _ in transfer.export_rows(session, org_code=org, period=period):
            if isinstance(value, str):
                if unit == org:
                    out[code] = value
            elif value is not None:
                assert VALUE_CODES[code].kind is not Kind.PCT or unit == org
                out[code] = out.get(code, 0.0) + value
    return out


def report_and_read(monkeypatch, tmp_path, url: str, org: str, period: str) -> Extraction:
    monkeypatch.setenv("DATABASE_URL", url)
    out = tmp_path / "bao-cao.docx"
    assert manage.main(["report", "--org", org, "--period", period, "--out", str(out)]) == 0
    return extract_file(out.name, out.read_bytes())


@pytest.mark.parametrize(
    ("database", "org", "period"),
    [("demo", "PHU_TAN", "2024Q1"), ("synthetic", "SYN_T01_X001", SYNTHETIC_QUARTER.code)],
)
def test_the_generated_report_reads_back_to_its_figures(
    databases, monkeypatch, tmp_path, capsys, database, org, period
):
    extraction = report_and_read(monkeypatch, tmp_path, databases[database], org, period)
    assert extraction.period.code == period
    expected = stored(databases[database], org, period)
    assert len(expected) > 90
    assert extraction.values() == expected
    # Nothing in it is unreadable, clashing or unmatched.
    keys = {p.key for p in extraction.problems}
    assert keys.isdisjoint({"ext_unmatched", "ext_unreadable", "ext_conflict", "ext_ambiguous"})
