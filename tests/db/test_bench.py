"""The benchmark: synthetic data that the catalogue's rules accept, the same for the same seed,
and `manage.py bench` printing every row of its table at commune scale on SQLite."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from bench import run as bench
from bench import synthetic
from cds_core.catalogue import VALUE_CODES, Level
from cds_core.periods import Period
from cds_core.rules import Severity, check
from db.database import get_engine
from db.migrate import upgrade

LAST = Period(2025, 4)


def by_unit_quarter(scale: synthetic.Scale) -> dict[tuple[str, str], dict[str, object]]:
    cells: dict[tuple[str, str], dict[str, object]] = defaultdict(dict)
    for org, period, code, value in synthetic.values(scale, last=LAST, seed=7):
        cells[org, period][code] = value
    return cells


def test_synthetic_data_breaks_no_error_rule():
    cells = by_unit_quarter(synthetic.Scale.COMMUNE)
    errors = [
        (key, v.rule) for key, values in cells.items() for v in check(values)
        if v.severity is Severity.ERROR
    ]  # fmt: skip
    assert cells and errors == []


def test_every_commune_and_hamlet_reports_every_cell_of_its_level_each_quarter():
    cells = by_unit_quarter(synthetic.Scale.COMMUNE)
    levels = {u.code: u.level for u in synthetic.units(synthetic.Scale.COMMUNE)}
    quarters = {p.code for p in synthetic.quarters(LAST)}
    assert {period for _, period in cells} == quarters and len(quarters) == 12
    for (org, _), values in cells.items():
        expected = {c for c, vc in VALUE_CODES.items() if vc.element.level is levels[org]}
        assert set(values) == expected


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    first = list(synthetic.values(synthetic.Scale.COMMUNE, last=LAST, seed=3))
    assert first == list(synthetic.values(synthetic.Scale.COMMUNE, last=LAST, seed=3))
    assert first != list(synthetic.values(synthetic.Scale.COMMUNE, last=LAST, seed=4))


@pytest.mark.parametrize(
    ("scale", "provinces", "communes", "hamlets"),
    [("commune", 1, 1, 10), ("province", 1, 102, 1000), ("national", 34, 3300, 33000)],
)
def test_each_scale_has_its_tree(scale, provinces, communes, hamlets):
    units = synthetic.units(synthetic.Scale(scale))
    count = {level: sum(u.level is level for u in units) for level in Level}
    assert (count[Level.TINH], count[Level.XA], count[Level.AP]) == (provinces, communes, hamlets)
    codes = {u.code for u in units}
    assert all(u.parent_code in codes for u in units if u.parent_code)


def test_bench_refuses_a_database_that_is_not_empty(tmp_path, capsys):
    from manage import main

    url = f"sqlite:///{tmp_path / 'used.db'}"
    upgrade(get_engine(url))
    assert main(["bench", "--scale", "commune", "--database-url", url]) == 1
    assert "phải trống" in capsys.readouterr().err


@pytest.fixture(scope="module")
def commune_run() -> bench.Result:
    """One run at commune scale on a temporary SQLite file (about 15 s, most of it AppTest)."""
    return bench.run(synthetic.Scale.COMMUNE, repeat=1, browser=False)


def test_bench_at_commune_scale_prints_every_row(commune_run):
    out = bench.table(commune_run)
    for label in (
        "data generation + bulk import (3,312 values)",
        "import of 3,312 values (import_records, audited)",
        "commune scorecard",
        "province rollup of one quarter",
        "12-quarter trend of every indicator",
        "hamlet comparison",
        "overview page rerun",
        "data-entry form rerun",
        "report generation",
        "peak RSS of the bench process",
        "peak RSS of `streamlit run`",
    ):
        assert label in out
    assert "skipped: --no-browser" in out


def test_bench_json_has_a_figure_and_a_baseline_for_every_rollup(commune_run):
    result = json.loads(bench.as_json(commune_run))
    figures = {m["key"]: m for m in result["measurements"]}
    for key in ("scorecard", "province_rollup", "trend", "hamlets"):
        assert figures[key]["value"] > 0 and figures[key]["baseline"] > 0
    assert figures["overview"]["value"] > 0 and figures["report"]["value"] > 0
    assert figures["form"]["value"] > 0
    assert (result["scale"], result["backend"], result["values"]) == ("commune", "sqlite", 3312)


def test_the_reform_shape_is_two_provinces_merged_into_one_of_102_communes():
    from cds_core import orgmap

    units = synthetic.reform_map()
    orgmap.check(units)  # a map the app would accept
    by_level = {lv: [u for u in units.values() if u.level == lv] for lv in ("tinh", "huyen", "xa")}
    assert len(by_level["tinh"]) == 3 and len(by_level["huyen"]) == 16
    old = [u for u in by_level["xa"] if u.end is not None]
    new = [u for u in by_level["xa"] if u.start is not None]
    assert (len(old), len(new)) == (170, 102)
    assert sorted({len(u.predecessors) for u in new}) == [1, 2]
    assert sorted(p for u in new for p in u.predecessors) == sorted(u.code for u in old)
    hamlets = [u for u in units.values() if u.level == "ap"]
    assert len(hamlets) == 1000 and all(len(h.versions) == 2 for h in hamlets)


def test_the_reform_shape_has_12_quarters_before_the_break_and_6_after():
    quarters = synthetic.reform_quarters()
    assert len(quarters) == 18 and quarters[12] == synthetic.REFORM_FIRST
    units = synthetic.reform_map()
    seen: dict[str, set[str]] = defaultdict(set)
    for org, period, _, _ in synthetic.values(synthetic.Scale.REFORM, last=LAST, seed=2):
        seen[org].add(period)
    codes = [q.code for q in quarters]
    assert seen["SYN_OX001"] == set(codes[:12])  # an old commune, until June 2025
    assert seen["SYN_NX001"] == set(codes[12:])  # a new one, from July 2025
    assert seen["SYN_OX001_A01"] == set(codes)  # a hamlet, all along
    assert set(seen) == {c for c, u in units.items() if u.level in ("xa", "ap")}
