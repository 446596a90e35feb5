"""The benchmark behind ``manage.py bench``: a fresh database filled with synthetic data at a
commune, province or national scale, then the app's read and write paths timed, each beside a
baseline measured in the same run on the same database (the same aggregation as one bare SQL
``GROUP BY``, or for the import a bare ``INSERT``).

It is a tool, not a page: it starts AppTest, and a ``streamlit run`` with headless Chromium for
the server's memory, which nothing else in db/ does.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import resource
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date
from itertools import islice
from pathlib import Path

from sqlalchemy import insert, inspect, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bench import live, synthetic
from cds_core.catalogue import VALUE_CODES, Kind
from cds_core.errors import CdsError
from cds_core.interchange import ValueRecord
from cds_core.periods import Period
from cds_core.roles import Role
from db import hamlets, scorecards, sessions, transfer, trends, users
from db.database import ROOT, get_engine, session_scope
from db.migrate import upgrade
from db.models import (
    DataValue,
    OrgUnit,
    OrgUnitLineage,
    OrgUnitMember,
    OrgUnitVersion,
    utcnow,
)
from db.orgmap import member_rows
from db.permissions import SYSTEM

IMPORT_VALUES = 100_000
CHUNK = 20_000
VIEWER = "bench_viewer"
OFFICER = "bench_officer"  # an editor of the benchmark's first commune


@dataclass(frozen=True)
class Goal:
    limit: float  # in the measurement's unit
    scale: str
    backend: str


# The goals; a figure is judged only at the scale and on the backend its goal names.
GOALS = {
    "scorecard": [Goal(50, "province", "sqlite")],
    "province_rollup": [Goal(300, "province", "sqlite"), Goal(1000, "national", "postgresql")],
    "trend": [Goal(100, "province", "sqlite")],
    "overview": [Goal(500, "province", "sqlite")],
    "form": [Goal(2000, "province", "sqlite")],
    "import": [Goal(10, "province", "sqlite")],
    "rss_streamlit": [Goal(400, "province", "sqlite")],
}
# Every rollup within this factor of its bare GROUP BY (the hamlet comparison lists hamlets
# without rolling anything up, and the import's baseline skips checks and audit: both shown
# for information).
BASELINE_FACTOR = 3.0
ROLLUPS = ("scorecard", "province_rollup", "trend", "reform_trend", "reform_rollup")


@dataclass
class Measurement:
    key: str
    label: str
    value: float | None  # median; None when it could not be measured (``note`` says why)
    unit: str  # ms, s or MB
    repeats: int
    baseline: float | None = None  # same unit
    goal: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def met(self) -> bool | None:
        """Whether the goal (and for a rollup, the 3× baseline rule) holds; None without one."""
        rollup = self.key in ROLLUPS and self.ratio is not None
        if self.value is None or (self.goal is None and not rollup):
            return None
        ok = self.goal is None or self.value < self.goal
        return ok and (not rollup or self.ratio <= BASELINE_FACTOR)


@dataclass
class Result:
    scale: str
    backend: str
    database: str
    units: int
    values: int
    quarters: list[str]
    machine: str
    measurements: list[Measurement]


# -- the database --


def fresh_engine(url: str | None) -> tuple[Engine, str]:
    """A migrated, empty database: a temporary SQLite file, or ``url`` if it holds no table."""
    if url is None:
        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='cds-bench-')) / 'bench.db'}"
    engine = get_engine(url)
    if inspect(engine).get_table_names():
        raise CdsError("err_bench_not_empty")
    upgrade(engine)
    return engine, url


def _rows(
    ids: dict[str, int], records: Iterable[tuple[str, str, str, synthetic.Value]]
) -> Iterator[tuple]:
    at = utcnow()
    for org, period, code, value in records:
        is_text = VALUE_CODES[code].kind is Kind.TEXT
        yield (ids[org], period, code, None if is_text else value, value if is_text else None,
               "", "bench", at)  # fmt: skip


COLUMNS = ("org_unit_id", "period", "element", "value_num", "value_text", "comment",
           "updated_by", "updated_at")  # fmt: skip


def load(engine: Engine, scale: synthetic.Scale, *, last: Period, seed: int) -> tuple[int, int]:
    """Org units (with their versions, lineage and members) and every value of the scale, by
    the fastest path each backend has (COPY on PostgreSQL, executemany on SQLite); returns
    (units, values)."""
    units = synthetic.the_map(scale)
    ids = {code: i for i, code in enumerate(units, start=1)}
    paths: dict[str, str] = {}
    unit_rows, version_rows, lineage_rows = [], [], []
    for code, u in units.items():  # parents (as the map stands now) before children
        parent = u.current.parent
        paths[code] = f"{paths[parent] if parent else '/'}{ids[code]}/"
        unit_rows.append({"id": ids[code], "code": code, "name": u.current.name,
                          "level": u.level, "parent_id": ids.get(parent), "path": paths[code],
                          "valid_from": u.start, "valid_to": u.end, "is_demo": True})  # fmt: skip
        version_rows += [{"org_unit_id": ids[code], "valid_from": v.valid_from,
                          "valid_to": v.valid_to, "name": v.name,
                          "parent_id": ids.get(v.parent)} for v in u.versions]  # fmt: skip
        lineage_rows += [{"org_unit_id": ids[code], "predecessor_id": ids[p]}
                         for p in u.predecessors]  # fmt: skip
    records = _rows(ids, synthetic.values(scale, last=last, seed=seed))
    count = 0
    with engine.begin() as conn:
        conn.execute(insert(OrgUnit.__table__), unit_rows)
        conn.execute(insert(OrgUnitVersion.__table__), version_rows)
        if lineage_rows:
            conn.execute(insert(OrgUnitLineage.__table__), lineage_rows)
        members = member_rows(units, ids)
        for start in range(0, len(members), CHUNK):
            conn.execute(insert(OrgUnitMember.__table__), members[start : start + CHUNK])
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT setval(pg_get_serial_sequence('org_unit', 'id'), :n)"),
                         {"n": len(units)})  # fmt: skip
            sql = f"COPY data_value ({', '.join(COLUMNS)}) FROM STDIN"
            with conn.connection.driver_connection.cursor() as cur, cur.copy(sql) as copy:
                for row in records:
                    copy.write_row(row)
                    count += 1
        else:
            table = DataValue.__table__
            while chunk := [dict(zip(COLUMNS, r, strict=True)) for r in islice(records, CHUNK)]:
                conn.execute(insert(table), chunk)
                count += len(chunk)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        # Fresh statistics, as after any bulk load (PostgreSQL's autovacuum would soon do it).
        conn.execute(text("ANALYZE"))
    return len(units), count


# -- timing --


def _median(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``fn`` in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _in_session(engine: Engine, fn: Callable[[Session], object]) -> Callable[[], object]:
    """``fn`` in a session of its own, as a page run opens one."""

    def run() -> object:
        with Session(engine) as session:
            return fn(session)

    return run


def _bare(engine: Engine, sql: str, **params: object) -> Callable[[], object]:
    def run() -> object:
        with engine.connect() as conn:
            return conn.execute(text(sql), params).all()

    return run


# The same query shapes as db/ (subtree as ``org_unit_id IN`` the ids under a path; a child's
# share cut from each unit's path), as bare SQL: the ratio is what the app adds on top.
SUBTREE = "dv.org_unit_id IN (SELECT id FROM org_unit WHERE path LIKE :prefix)"
BASELINES = {
    "scorecard": "SELECT dv.element, SUM(dv.value_num), AVG(dv.value_num) FROM data_value dv "
    f"WHERE {SUBTREE} AND dv.period = :period AND dv.value_num IS NOT NULL "
    "GROUP BY dv.element",
    "trend": "SELECT dv.period, dv.element, SUM(dv.value_num), AVG(dv.value_num) "
    f"FROM data_value dv WHERE {SUBTREE} AND dv.value_num IS NOT NULL "
    "GROUP BY dv.period, dv.element",
    "province_rollup": "SELECT substr(ou.path, 1, :cut + {strpos}(substr(ou.path, :cut + 1), '/')) "
    "AS child, dv.element, SUM(dv.value_num), AVG(dv.value_num) "
    "FROM data_value dv JOIN org_unit ou ON ou.id = dv.org_unit_id "
    f"WHERE {SUBTREE} AND ou.id <> :parent AND dv.period = :period "
    "AND dv.value_num IS NOT NULL GROUP BY child, dv.element",
    "hamlets": "SELECT ou.code, dv.element, SUM(dv.value_num) "
    "FROM data_value dv JOIN org_unit ou ON ou.id = dv.org_unit_id "
    "WHERE ou.parent_id = :parent AND dv.period = :period AND dv.value_num IS NOT NULL "
    "GROUP BY ou.code, dv.element",
}


def _reform_timings(engine: Engine) -> list[tuple]:
    """Across the reform's break: a new commune's every quarter (its two predecessors' sums,
    then its own) and the new province in a quarter before it existed (everything under both
    old provinces), each beside the same sums as bare SQL over the units the map names."""
    units = synthetic.reform_map()
    with engine.connect() as conn:
        ids = dict(conn.execute(text("SELECT code, id FROM org_unit")).all())
    new = "SYN_NX001"  # formed from two old communes
    preds = set(units[new].predecessors)
    hamlets = [c for c, u in units.items() if u.level == "ap" and u.versions[0].parent in preds]
    before = ", ".join(str(ids[c]) for c in (*sorted(preds), *hamlets))
    after = ", ".join(str(ids[c]) for c in (new, *hamlets))
    trend_sql = (
        "SELECT dv.period, dv.element, SUM(dv.value_num), AVG(dv.value_num) FROM data_value dv "
        f"WHERE dv.value_num IS NOT NULL AND ((dv.org_unit_id IN ({before}) AND dv.period < :brk) "
        f"OR (dv.org_unit_id IN ({after}) AND dv.period >= :brk)) GROUP BY dv.period, dv.element"
    )
    old = ", ".join(str(ids[c]) for c, u in units.items() if u.versions[0].valid_to is not None)
    province_sql = (
        "SELECT dv.element, SUM(dv.value_num), AVG(dv.value_num) FROM data_value dv "
        f"WHERE dv.org_unit_id IN ({old}) AND dv.period = :period AND dv.value_num IS NOT NULL "
        "GROUP BY dv.element"
    )
    pre = synthetic.REFORM_FIRST.previous().previous().code
    quarters = synthetic.BEFORE + synthetic.AFTER
    return [
        ("reform_trend", f"{quarters}-quarter trend across the break, one new commune "
         "(db.trends.history)", lambda s: trends.history(s, new),
         _bare(engine, trend_sql, brk=synthetic.REFORM_FIRST.code)),
        ("reform_rollup", f"new province in {pre}, before it existed: both old provinces "
         "(db.scorecards.for_unit)", lambda s: scorecards.for_unit(s, synthetic.NEW_PROVINCE, pre),
         _bare(engine, province_sql, period=pre)),
    ]  # fmt: skip


def _time(engine: Engine, timed: list[tuple], add: Callable, repeat: int) -> None:
    """Each (key, label, app call, bare baseline): both timed, the median of ``repeat`` runs."""
    for key, label, fn, baseline in timed:
        fn_run = _in_session(engine, fn)
        fn_run()  # the first call pays for imports and statement compilation once
        baseline()
        add(key, label, _median(fn_run, repeat), "ms", repeat, _median(baseline, repeat))


def _unit(engine: Engine, code: str) -> tuple[int, str]:
    with engine.connect() as conn:
        sql = text("SELECT id, path FROM org_unit WHERE code = :c")
        return conn.execute(sql, {"c": code}).one()


def _import_records(scale: synthetic.Scale, first: Period, seed: int) -> list[ValueRecord]:
    """Up to 100,000 values for the quarters before the benchmark's data: new cells, as an
    import of past reports would bring."""
    before = synthetic.values(scale, last=first.previous(), seed=seed + 1)
    return [
        ValueRecord(line, org, period, code, value, "")
        for line, (org, period, code, value) in enumerate(islice(before, IMPORT_VALUES), start=2)
    ]


def _rolled_back(engine: Engine, fn: Callable[[Session], object]) -> Callable[[], object]:
    """``fn`` in a transaction undone afterwards, so every repeat meets the same database."""

    def run() -> object:
        with Session(engine) as session:
            try:
                out = fn(session)
                session.flush()
                return out
            finally:
                session.rollback()

    return run


def _bare_insert(engine: Engine, records: list[ValueRecord], ids: dict[str, int]):
    rows = [
        dict(zip(COLUMNS, r, strict=True))
        for r in _rows(ids, ((r.org_unit, r.period, r.element, r.value) for r in records))
    ]
    sql = text(f"INSERT INTO data_value ({', '.join(COLUMNS)}) "
               f"VALUES ({', '.join(':' + c for c in COLUMNS)})")  # fmt: skip

    def run() -> None:
        with engine.connect() as conn:
            conn.execute(sql, rows)
            conn.rollback()

    return run


@contextmanager
def _environ(**changes: str) -> Iterator[None]:
    before = {k: os.environ.get(k) for k in changes}
    os.environ.update(changes)
    try:
        yield
    finally:
        for k, v in before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _page_rerun(
    url: str, repeat: int, username: str, role: Role, page: str | None = None, **query: str
) -> float:
    """A page of the dashboard (its default, the overview, unless ``page`` names another)
    signed in as ``username``: the first run warms up, the reruns are timed (a rerun is what
    every click costs)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    # Outside `streamlit run` every cache call warns that there is no runtime: noise here.
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)
    with _environ(DATABASE_URL=url):
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
        with session_scope(get_engine(url)) as session:
            at.session_state["_sid"] = sessions.open_session(session, username)
        at.session_state["authentication_status"] = True
        at.session_state["username"] = username
        at.session_state["name"] = username
        at.session_state["roles"] = [role]
        at.query_params.update(query)
        at.run()
        if page is not None:
            at.switch_page(page).run()
        if at.exception:
            raise RuntimeError(f"{page or 'overview'} failed: {at.exception[0].message}")
        return _median(at.run, repeat)


def _vm_hwm_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")


def _streamlit_rss(url: str, password: str) -> tuple[float | None, str]:
    """Peak RSS of a ``streamlit run`` that served the overview once to headless Chromium."""
    if not live.CHROMIUM.exists():
        return None, f"skipped: {live.CHROMIUM} not installed"
    from playwright.sync_api import sync_playwright

    env = os.environ | {"DATABASE_URL": url, "CDS_COOKIE_KEY": secrets.token_urlsafe(36)}
    log = Path(tempfile.mkdtemp(prefix="cds-bench-")) / "streamlit.log"
    try:
        server = live.start(env, log)
    except live.ServerFailed:
        return None, f"skipped: streamlit did not start (see {log})"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=str(live.CHROMIUM), args=live.CHROMIUM_ARGS
            )
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.goto(server.url)
            page.get_by_label("Tên đăng nhập", exact=True).fill(VIEWER)
            page.get_by_label("Mật khẩu", exact=True).fill(password)
            page.get_by_role("button", name="Đăng nhập", exact=True).click()
            page.get_by_role("heading", name="Tổng quan").wait_for(timeout=120_000)
            page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]",
                                   timeout=120_000)  # fmt: skip
            page.wait_for_timeout(500)
            browser.close()
        return _vm_hwm_mb(server.process.pid), "overview served once to headless Chromium"
    finally:
        live.stop(server)


def _machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} CPU, {mem:.0f} GiB RAM, {platform.system()} {platform.machine()}, " \
        f"Python {platform.python_version()}"  # fmt: skip


def run(
    scale: synthetic.Scale,
    *,
    database_url: str | None = None,
    repeat: int = 5,
    seed: int = 1,
    browser: bool = True,
    today: date | None = None,
) -> Result:
    """Build the database, then take every measurement (each the median of ``repeat`` runs)."""
    last = Period.containing(today or date.today()).previous()  # the latest finished quarter
    periods = synthetic.quarters(last)
    engine, url = fresh_engine(database_url)
    backend = engine.dialect.name
    out: list[Measurement] = []

    def add(key: str, label: str, value, unit: str, repeats: int, baseline=None, note=""):
        goal = next((g.limit for g in GOALS.get(key, [])
                     if (g.scale, g.backend) == (scale.value, backend)), None)  # fmt: skip
        out.append(Measurement(key, label, value, unit, repeats, baseline, goal, note))

    start = time.perf_counter()
    n_units, n_values = load(engine, scale, last=last, seed=seed)
    add("load", f"data generation + bulk import ({n_values:,} values)",
        time.perf_counter() - start, "s", 1)  # fmt: skip
    shown = url if backend == "sqlite" else url.split("@")[-1]
    if scale is synthetic.Scale.REFORM:
        _time(engine, _reform_timings(engine), add, repeat)
        add("rss_bench", "peak RSS of the bench process",
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "MB", 1)  # fmt: skip
        periods = synthetic.reform_quarters()
        return Result(scale.value, backend, shown, n_units, n_values,
                      [p.code for p in periods], _machine(), out)  # fmt: skip

    password = secrets.token_urlsafe(18)
    province = synthetic.units(scale)[0].code
    commune = f"{province}_X001"
    with Session(engine) as session:
        users.create(session, actor=SYSTEM, username=VIEWER, role=Role.VIEWER, password=password,
                     org_code=province)  # fmt: skip
        users.create(session, actor=SYSTEM, username=OFFICER, role=Role.EDITOR,
                     password=secrets.token_urlsafe(18), org_code=commune)  # fmt: skip
        session.commit()

    quarter = last.code
    commune_id, commune_path = _unit(engine, commune)
    province_id, province_path = _unit(engine, province)
    prefix = commune_path + "%"
    rollup_sql = BASELINES["province_rollup"].replace(
        "{strpos}", "instr" if backend == "sqlite" else "strpos"
    )

    records = _import_records(scale, periods[0], seed)
    with engine.connect() as conn:
        ids = dict(conn.execute(text("SELECT code, id FROM org_unit")).all())

    def do_import(session: Session):
        return transfer.import_records(session, actor=SYSTEM, records=records)

    add("import", f"import of {len(records):,} values (import_records, audited)",
        _median(_rolled_back(engine, do_import), repeat) / 1000, "s", repeat,
        _median(_bare_insert(engine, records, ids), repeat) / 1000,
        note="baseline: bare INSERT executemany, no checks or audit")  # fmt: skip

    timed = [
        ("scorecard", "commune scorecard (db.scorecards.for_unit)",
         lambda s: scorecards.for_unit(s, commune, quarter),
         _bare(engine, BASELINES["scorecard"], prefix=prefix, period=quarter)),
        ("province_rollup", "province rollup of one quarter, communes × indicators "
         "(db.trends.children)",
         lambda s: trends.children(s, province, quarter),
         _bare(engine, rollup_sql, prefix=province_path + "%", cut=len(province_path),
               parent=province_id, period=quarter)),
        ("trend", f"{len(periods)}-quarter trend of every indicator, one commune "
         "(db.trends.history)",
         lambda s: trends.history(s, commune),
         _bare(engine, BASELINES["trend"], prefix=prefix)),
        ("hamlets", "hamlet comparison, one commune (db.hamlets.hamlet_cards)",
         lambda s: hamlets.hamlet_cards(s, commune, quarter),
         _bare(engine, BASELINES["hamlets"], parent=commune_id, period=quarter)),
    ]  # fmt: skip
    _time(engine, timed, add, repeat)

    add("overview", "overview page rerun (AppTest, viewer)",
        _page_rerun(url, repeat, VIEWER, Role.VIEWER), "ms", repeat)  # fmt: skip
    add("form", "data-entry form rerun (AppTest, editor of one commune)",
        _page_rerun(url, repeat, OFFICER, Role.EDITOR, "app_pages/data_entry.py", org=commune,
                    period=quarter), "ms", repeat)  # fmt: skip

    from reporting import files

    report = _in_session(engine, lambda s: files.docx_file(s, commune, quarter))
    report()
    add("report", "report generation (.docx, one commune)", _median(report, repeat), "ms",
        repeat)  # fmt: skip

    add("rss_bench", "peak RSS of the bench process",
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "MB", 1)  # fmt: skip
    if browser:
        rss, note = _streamlit_rss(url, password)
    else:
        rss, note = None, "skipped: --no-browser"
    add("rss_streamlit", "peak RSS of `streamlit run` (overview)", rss, "MB", 1, note=note)

    return Result(scale.value, backend, shown, n_units, n_values, [p.code for p in periods],
                  _machine(), out)  # fmt: skip


# -- output --


def _num(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "ms":
        return f"{value:,.1f} ms"
    if unit == "s":
        return f"{value:,.2f} s"
    return f"{value:,.0f} {unit}"


def table(result: Result) -> str:
    """Fixed-width text: one line per measurement, then the notes."""
    head = ("measurement", "median", "baseline", "ratio", "goal", "met")
    lines = []
    notes = []
    for m in result.measurements:
        met = {None: "", True: "yes", False: "NO"}[m.met]
        lines.append((
            m.label,
            _num(m.value, m.unit),
            _num(m.baseline, m.unit) if m.baseline is not None else "",
            f"{m.ratio:.2f}×" if m.ratio is not None else "",
            f"< {_num(m.goal, m.unit)}" if m.goal is not None else "",
            met,
        ))  # fmt: skip
        if m.note:
            notes.append(f"  {m.label}: {m.note}")
    widths = [max(len(row[i]) for row in [head, *lines]) for i in range(len(head))]

    def fmt(row) -> str:
        rest = zip(row[1:], widths[1:], strict=True)
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in rest]
        return "  ".join(cells).rstrip()

    repeats = max(m.repeats for m in result.measurements)
    intro = [
        f"scale {result.scale} on {result.backend} ({result.database}): {result.units:,} org "
        f"units, {result.values:,} values, {result.quarters[0]}–{result.quarters[-1]}",
        f"machine: {result.machine}; median of {repeats} runs; baseline = the same "
        f"aggregation as one bare SQL GROUP BY, same run, same database",
        "",
    ]
    rule = "  ".join("-" * w for w in widths)
    return "\n".join([*intro, fmt(head), rule, *map(fmt, lines), *(
        ["", "notes:", *notes] if notes else [])])  # fmt: skip


def as_json(result: Result) -> str:
    data = asdict(result)
    for m, d in zip(result.measurements, data["measurements"], strict=True):
        d["ratio"], d["met"] = m.ratio, m.met
    return json.dumps(data, ensure_ascii=False, indent=2)
