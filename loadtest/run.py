"""The scenario: a fresh database, one ``streamlit run dashboard.py`` on 127.0.0.1, and N
sessions over the websocket protocol for a bounded time: viewers moving from page to page,
officers typing a figure and saving their own commune's form. Reports p50/p95 per page and
the server's memory per session."""

from __future__ import annotations

import asyncio
import json
import os
import random
import resource
import secrets
import statistics
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from bench import live, synthetic
from bench.run import fresh_engine, load
from cds_core.catalogue import ELEMENTS, element_name
from cds_core.periods import Period
from db import demo, users
from db.database import session_scope
from db.permissions import SYSTEM
from loadtest.protocol import Run, Tab, clicked, typed

PASSWORD = "loadtest-password-1"
# A count on every commune's form and one on every hamlet's, found by their labels (the form's
# help explains a figure, it never shows its code).
FIELDS = {element_name(ELEMENTS[c], "vi") for c in ("dvc_tthc_national_portal", "tcn_members")}
SAVE, SAVED, BUSY = "Lưu nháp", "Đã lưu", "Cơ sở dữ liệu đang bận"
ENTRY = "nhap-so-lieu"
P95_GOAL_S, MB_GOAL = 2.0, 60.0


@dataclass
class Person:
    username: str
    role: str
    org: str


@dataclass
class Result:
    sessions: int
    viewers: int
    officers: int
    duration_s: float
    scale: str
    backend: str
    machine: str
    timings: dict[str, list[float]] = field(default_factory=dict)  # page → seconds per run
    saves_ok: int = 0
    saves_refused: int = 0
    errors: list[str] = field(default_factory=list)
    rss_start_mb: float = 0.0  # the server after start and one warm-up session
    rss_end_mb: float = 0.0  # with every session still open
    rss_peak_mb: float = 0.0
    # The server's CPU time over the run, and the machine's load beside it: on a shared
    # machine the wall times above grow with other work, the CPU per page does not.
    cpu_s: float = 0.0
    client_cpu_s: float = 0.0  # this load generator's own, on the same machine
    wall_s: float = 0.0
    load_avg: float = 0.0

    @property
    def cpu_ms_per_run(self) -> float:
        runs = sum(len(t) for t in self.timings.values())
        return 1000 * self.cpu_s / max(runs, 1)

    @property
    def mb_per_session(self) -> float:
        return (self.rss_end_mb - self.rss_start_mb) / max(self.sessions, 1)

    def summary(self) -> dict[str, dict[str, float]]:
        return {page: _stats(times) for page, times in sorted(self.timings.items())}

    def all_pages(self) -> dict[str, float]:
        return _stats([t for times in self.timings.values() for t in times])


def _stats(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    if not ordered:
        return {"runs": 0, "p50": 0.0, "p95": 0.0, "max": 0.0}
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"runs": len(ordered), "p50": statistics.median(ordered), "p95": p95,
            "max": ordered[-1]}  # fmt: skip


# -- the database and the server --


def prepare(scale: str, viewers: int, officers: int, url: str | None) -> tuple[str, list[Person]]:
    """A fresh database at ``scale`` with one account per session; returns (url, people)."""
    engine, url = fresh_engine(url)
    if scale == "demo":
        with session_scope(engine, write=True) as session:
            demo.seed(session)
        communes, province = ["PHU_TAN"], "PHU_TAN"
        hamlets = [("hamlet_editor", f"PHU_TAN_AP{i}") for i in range(1, 5)]
        writers = [("editor", "PHU_TAN"), *hamlets]
    else:
        last = Period.containing(date.today()).previous()
        load(engine, synthetic.Scale(scale), last=last, seed=1)
        units = synthetic.units(synthetic.Scale(scale))
        province = units[0].code
        communes = [u.code for u in units if u.level == "xa"]
        writers = [("editor", c) for c in communes]
    if officers > len(writers):
        raise SystemExit(f"at most {len(writers)} officers at scale {scale}: one form each")
    # Every tenth viewer is the province's committee; the others follow one commune each.
    people = [Person(f"viewer{i:02d}", "viewer",
                     province if i % 10 == 9 else communes[i % len(communes)])
              for i in range(viewers)]  # fmt: skip
    people += [Person(f"officer{i:02d}", role, org)
               for i, (role, org) in enumerate(writers[:officers])]  # fmt: skip
    with session_scope(engine, write=True) as session:
        for p in people:
            users.create(session, actor=SYSTEM, username=p.username, role=p.role,
                         password=PASSWORD, org_code=p.org)  # fmt: skip
    engine.dispose()
    return url, people


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used (``/proc/PID/stat``, fields 14 and 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def rss_mb(pid: int, field_name: str = "VmRSS") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field_name}:"):
            return int(line.split()[1]) / 1024
    return 0.0


# -- the sessions --


class Session:
    def __init__(self, base: str, person: Person, result: Result) -> None:
        self.tab = Tab(base)
        self.person = person
        self.result = result

    def record(self, page: str, run: Run) -> Run:
        self.result.timings.setdefault(page, []).append(run.seconds)
        if run.exceptions:
            self.result.errors.append(f"{self.person.username} on {page}: an exception shown")
        for kind, body in run.alerts:
            if kind == "ERROR" and BUSY not in body and "mã lỗi" in body:
                self.result.errors.append(f"{self.person.username} on {page}: {body[:120]}")
        return run

    async def sign_in(self) -> None:
        run = await self.tab.open()
        form = [w for w in run.widgets if w.kind == "text_input"]
        button = run.widget("button", label="Đăng nhập")
        run = await self.tab.rerun([typed(form[0], self.person.username),
                                    typed(form[1], PASSWORD), clicked(button)])  # fmt: skip
        self.record("sign-in", run)
        if not self.tab.pages:
            raise RuntimeError(f"{self.person.username} could not sign in")

    async def browse(self, until: float, think: float, rng: random.Random) -> None:
        pages = [p for p in self.tab.pages if p != ENTRY]
        while True:  # at least one page, however late the sign-in came
            page = rng.choice(pages)
            self.record(f"/{page}", await self.tab.rerun(page=page))
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))
            if time.monotonic() >= until:
                return

    async def enter(self, until: float, think: float, rng: random.Random) -> None:
        """Open the form, type a figure, save; look at the overview; again."""
        n = 0
        while True:  # at least one save, however late the sign-in came
            run = self.record(f"/{ENTRY}", await self.tab.rerun(page=ENTRY))
            field_ = next((w for w in run.widgets if w.kind == "text_input" and not w.disabled
                           and w.label in FIELDS), None)  # fmt: skip
            if field_ is None:
                self.result.errors.append(f"{self.person.username}: no field to type into")
                return
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))
            n += 1
            value = typed(field_, str(100 + n % 2))  # a change every time
            run = self.record("type a figure", await self.tab.rerun([value]))
            await asyncio.sleep(think * rng.uniform(0.2, 0.6))
            save = run.widget("button", label=SAVE)
            run = self.record("save", await self.tab.rerun([value, clicked(save)]))
            bodies = [body for _, body in run.alerts]
            if any(SAVED in b for b in bodies):
                self.result.saves_ok += 1
            else:
                self.result.saves_refused += 1
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))
            self.record("/", await self.tab.rerun(page=""))
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))
            if time.monotonic() >= until:
                return


async def _play(base: str, people: list[Person], result: Result, duration: float, think: float,
                ramp: float, seed: int, pid: int) -> None:  # fmt: skip
    sessions = [Session(base, p, result) for p in people]
    peak = 0.0

    async def one(i: int, s: Session, until: float) -> None:
        await asyncio.sleep(ramp * i / len(sessions))  # people arrive over the ramp
        await s.sign_in()
        rng = random.Random(seed * 1000 + i)
        if s.person.role == "viewer":
            await s.browse(until, think, rng)
        else:
            await s.enter(until, think, rng)

    async def sample() -> None:
        nonlocal peak
        while True:
            peak = max(peak, rss_mb(pid))
            await asyncio.sleep(0.5)

    started, cpu, client = time.monotonic(), cpu_seconds(pid), _own_cpu()
    until = started + ramp + duration
    sampler = asyncio.create_task(sample())
    try:
        await asyncio.gather(*(one(i, s, until) for i, s in enumerate(sessions)))
        result.cpu_s, result.wall_s = cpu_seconds(pid) - cpu, time.monotonic() - started
        result.client_cpu_s = _own_cpu() - client
        result.load_avg = os.getloadavg()[0]
        result.rss_end_mb = rss_mb(pid)  # every session still connected
        result.rss_peak_mb = max(peak, result.rss_end_mb, rss_mb(pid, "VmHWM"))
    finally:
        sampler.cancel()
        await asyncio.gather(*(s.tab.close() for s in sessions), return_exceptions=True)


async def _warm_up(base: str, person: Person) -> None:
    """One session through every page, so the start figure holds imports and caches."""
    scratch = Result(0, 0, 0, 0, "", "", "")
    s = Session(base, person, scratch)
    await s.sign_in()
    for page in list(s.tab.pages):
        await s.tab.rerun(page=page)
    await s.tab.close()


def _machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load1 = os.getloadavg()[0]
    return f"{os.cpu_count()} CPU, {mem:.0f} GiB RAM, load {load1:.1f} at start"


def run(*, viewers: int = 20, officers: int = 5, duration: float = 60.0, think: float = 5.0,
        ramp: float = 10.0, scale: str = "province", database_url: str | None = None,
        seed: int = 1, workdir: Path | None = None, warm_up: bool = True) -> Result:  # fmt: skip
    """Build the database, start the server, play the sessions, stop the server.

    ``warm_up`` first takes one session through every page, so that the memory the sessions
    add is measured from a server that has already loaded every page's libraries.
    """
    workdir = workdir or Path(tempfile.mkdtemp(prefix="cds-loadtest-"))
    if database_url is None:
        database_url = f"sqlite:///{workdir / 'loadtest.db'}"
    url, people = prepare(scale, viewers, officers, database_url)
    backend = "sqlite" if url.startswith("sqlite") else "postgresql"
    result = Result(viewers + officers, viewers, officers, duration, scale, backend, _machine())
    key = secrets.token_urlsafe(36)
    env = os.environ | {"DATABASE_URL": url, "CDS_COOKIE_KEY": key, "CDS_ENV": "production"}
    try:
        server = live.start(env, workdir / "streamlit.log", timeout=90)
    except live.ServerFailed as exc:
        raise SystemExit(str(exc)) from None
    try:
        if warm_up:
            asyncio.run(_warm_up(server.url, people[0]))
            time.sleep(1.0)
        pid = server.process.pid
        result.rss_start_mb = rss_mb(pid)
        asyncio.run(_play(server.url, people, result, duration, think, ramp, seed, pid))
    finally:
        live.stop(server)
    return result


# -- output --


def table(result: Result) -> str:
    lines = [
        f"{result.sessions} sessions ({result.viewers} viewers, {result.officers} officers) for "
        f"{result.duration_s:g} s on one `streamlit run` process; {result.backend}, "
        f"{result.scale} scale; {result.machine}",
        "",
        "| page | runs | p50 | p95 | max |",
        "|---|---:|---:|---:|---:|",
    ]
    for page, s in [*result.summary().items(), ("all of the above", result.all_pages())]:
        lines.append(f"| {page} | {s['runs']} | {s['p50']:.2f} s | {s['p95']:.2f} s | "
                     f"{s['max']:.2f} s |")  # fmt: skip
    worst_page, worst = max(((page, s["p95"]) for page, s in result.summary().items()),
                            key=lambda item: item[1], default=("-", 0.0))  # fmt: skip
    per = result.mb_per_session
    lines += [
        "",
        f"saves: {result.saves_ok} saved, {result.saves_refused} refused; "
        f"errors shown to users: {len(result.errors)}",
        f"server CPU: {result.cpu_s:.1f} s in {result.wall_s:.0f} s "
        f"({result.cpu_s / max(result.wall_s, 1e-9):.2f} cores busy), "
        f"{result.cpu_ms_per_run:.0f} ms per page run; "
        f"the load generator {result.client_cpu_s:.1f} s; "
        f"machine load {result.load_avg:.1f} at the end",
        f"server memory: {result.rss_start_mb:.0f} MB after start and a warm-up session, "
        f"{result.rss_end_mb:.0f} MB with {result.sessions} sessions open (peak "
        f"{result.rss_peak_mb:.0f} MB): {per:.1f} MB per session",
        f"goals: every page's p95 < {P95_GOAL_S:g} s {'✔' if worst < P95_GOAL_S else '✘'} "
        f"(slowest: {worst_page}, {worst:.2f} s); {per:.1f} MB < {MB_GOAL:g} MB per session "
        f"{'✔' if per < MB_GOAL else '✘'}",
    ]
    lines += [f"  error: {e}" for e in result.errors[:10]]
    return "\n".join(lines)


def as_json(result: Result) -> str:
    data = asdict(result)
    data.pop("timings")
    data["pages"] = result.summary()
    data["all_pages"] = result.all_pages()
    data["mb_per_session"] = result.mb_per_session
    data["cpu_ms_per_run"] = result.cpu_ms_per_run
    return json.dumps(data, ensure_ascii=False, indent=2)
