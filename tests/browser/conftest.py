"""Fixtures for the browser tests: a seeded database, live Streamlit servers and headless Chromium.

The servers run `streamlit run dashboard.py` exactly as a user would, on 127.0.0.1 and a free port.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from sqlalchemy.pool import NullPool
from sqlmodel import create_engine, delete

from apptest import sqlite_copy
from bench import live
from db import orgunits, users
from db.database import session_scope
from db.models import DataValue, Submission
from db.permissions import SYSTEM

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts"
OFFICER = ("officer", "officer-pass-123")
VIEWER = ("committee", "committee-pass-123")
TEAM = ("team1", "team1-pass-1234")  # the hamlet team of Ấp 1
PHONE = {"width": 390, "height": 844}


QUIET_SCRIPT = """() => {
  const app = document.querySelector("[data-testid=stApp]");
  if (app === null || app.getAttribute("data-test-script-state") !== "notRunning"
      || document.querySelector("[data-stale=true], [data-testid=stSkeleton]") !== null) {
    return false;
  }
  const keys = Array.from(
    document.querySelectorAll("[data-testid=stElementContainer][class*=st-key-]"),
    (e) => e.className.match(/st-key-\\S+/)[0]);
  return new Set(keys).size === keys.length;
}"""


def wait_idle(page, timeout_ms: int = 30_000, settle_ms: int = 500) -> None:
    """Wait until Streamlit has finished running the script and the DOM has settled.

    Streamlit loads each kind of widget's code on first use and shows a skeleton meanwhile,
    after the script has finished; a component that then loads (the cookie manager) answers
    with another run, and until that one finishes the old elements stand beside the new (one
    widget key twice). The page must still be quiet after the settle time.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        remaining = max(1, int((deadline - time.monotonic()) * 1000))
        page.wait_for_function(QUIET_SCRIPT, timeout=remaining)
        page.wait_for_timeout(settle_ms)
        if page.evaluate(QUIET_SCRIPT):
            return  # past the deadline, wait_for_function raises instead


class App(str):
    """A live server's base URL, as the server fixtures yield it (it reads as the URL), with
    the environment the server runs in: its database and cookie key, where tests/browser/
    signing.py prepares a sign-in."""

    env: dict[str, str]

    def __new__(cls, url: str, env: dict[str, str]) -> App:
        app = super().__new__(cls, url)
        app.env = env
        return app


def _start(env: dict[str, str], log_path: Path) -> live.Server:
    """A started server (bench.live), or the test failed with the server's log."""
    try:
        return live.start(env, log_path)
    except live.ServerFailed as exc:
        pytest.fail(str(exc), pytrace=False)


@contextmanager
def _streamlit_server(env: dict[str, str], log_path: Path) -> Iterator[App]:
    """A started server; its whole process group is stopped afterwards."""
    server = _start(env, log_path)
    try:
        yield App(server.url, env)
    finally:
        live.stop(server)


class _FreshServers:
    """Servers no session has touched yet, each started while the test before it runs.

    A just-started server costs seconds of start-up; starting the next one in the background
    takes that off the tests' time while each test still gets a server of its own.
    """

    def __init__(self, env: dict[str, str], folder: Path, count: int) -> None:
        self.env, self._folder, self._left = env, folder, count
        self._executor = ThreadPoolExecutor(max_workers=1)
        self._next: Future | None = None
        self._prefetch()

    def _prefetch(self) -> None:
        self._next = None
        if self._left > 0:
            self._left -= 1
            log = self._folder / f"streamlit-fresh-{self._left}.log"
            self._next = self._executor.submit(_start, self.env, log)

    def take(self) -> live.Server:
        ready = self._next
        self._prefetch()
        if ready is None:  # more tests asked than were counted at collection
            return _start(self.env, self._folder / f"streamlit-fresh-{secrets.token_hex(4)}.log")
        return ready.result()

    def close(self) -> None:
        if self._next is not None:
            with suppress(Exception):
                live.stop(self._next.result())
        self._executor.shutdown()


@pytest.fixture(scope="session")
def app_env(tmp_path_factory: pytest.TempPathFactory, sqlite_templates) -> dict[str, str]:
    """A copy of the migrated demo database with an `officer` editor and a viewer."""
    tmp = tmp_path_factory.mktemp("cds-browser")
    url = sqlite_copy(sqlite_templates["demo"], tmp)
    engine = create_engine(url, poolclass=NullPool)
    with session_scope(engine) as session:
        for (user, password), role, org in (
            (OFFICER, "editor", "PHU_TAN"),
            (VIEWER, "viewer", "PHU_TAN"),
            (TEAM, "hamlet_editor", "PHU_TAN_AP1"),
        ):
            users.create(session, actor=SYSTEM, username=user, role=role, password=password,
                         org_code=org)  # fmt: skip
    engine.dispose()
    return os.environ | {
        "DATABASE_URL": url,
        "CDS_COOKIE_KEY": secrets.token_urlsafe(36),  # 48 characters
        "CDS_ENV": "development",
        "CDS_TEST_TMP": str(tmp),
    }


@pytest.fixture(scope="session")
def live_server(app_env: dict[str, str]) -> Iterator[App]:
    """One server shared by every browser test that does not need a just-started one."""
    log_path = Path(app_env["CDS_TEST_TMP"]) / "streamlit-live.log"
    with _streamlit_server(app_env, log_path) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def fresh_servers(
    app_env: dict[str, str], request: pytest.FixtureRequest
) -> Iterator[_FreshServers]:
    count = sum("fresh_server" in item.fixturenames for item in request.session.items)
    pool = _FreshServers(app_env, Path(app_env["CDS_TEST_TMP"]), count)
    yield pool
    pool.close()


@pytest.fixture
def fresh_server(fresh_servers: _FreshServers) -> Iterator[App]:
    """A server started for this test alone: the first session it sees is the test's.

    Some Streamlit defects only show on a server that no session has touched yet (a lost first
    login, a deep link that skips the entry script), so those tests must not share a server.
    """
    server = fresh_servers.take()
    try:
        yield App(server.url, fresh_servers.env)
    finally:
        live.stop(server)


def _private_env(app_env: dict[str, str], folder: Path) -> dict[str, str]:
    """The environment of a server on its own copy of the demo database."""
    source = Path(app_env["DATABASE_URL"].removeprefix("sqlite:///"))
    for suffix in ("", "-wal", "-shm"):  # the database with its write-ahead log, as it stands
        if Path(f"{source}{suffix}").exists():
            shutil.copy(f"{source}{suffix}", folder / f"cds.db{suffix}")
    return app_env | {"DATABASE_URL": f"sqlite:///{folder / 'cds.db'}"}


@pytest.fixture
def private_server(app_env: dict[str, str], tmp_path: Path) -> Iterator[App]:
    """A server on its own copy of the demo database, for a journey that changes data: the
    other tests (and the README's screenshots) keep seeing the seed's figures."""
    env = _private_env(app_env, tmp_path)
    with _streamlit_server(env, tmp_path / "streamlit.log") as base_url:
        yield base_url


REFORM_VIEWER = ("bcd_tanphudong", "bcd-tan-phu-dong-1")


@pytest.fixture
def reform_server(app_env: dict[str, str], tmp_path: Path) -> Iterator[App]:
    """A server on its own copy of the demo with the hamlets' figures through the reform (2024
    under Phú Tân, since July 2025 under Tân Phú Đông) and a viewer of the new commune."""
    from db import demo, values

    env = _private_env(app_env, tmp_path)
    engine = create_engine(env["DATABASE_URL"], poolclass=NullPool)
    households = {"PHU_TAN_AP1": 559, "PHU_TAN_AP2": 480, "PHU_TAN_AP3": 431, "PHU_TAN_AP4": 341}
    quarters = ["2024Q2", "2024Q3", "2024Q4", "2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1",
                "2026Q2", "2026Q3"]  # fmt: skip
    with session_scope(engine) as session:
        for n, code in enumerate(demo.HAMLETS):
            for k, period in enumerate(quarters, start=1):
                fibre = round(households[code] * min(0.97, 0.72 + 0.025 * k - 0.02 * n))
                values.save(session, actor=SYSTEM, org_code=code, period=period,
                            entries={"xh_households": households[code],
                                     "xh_fiber_households": fibre})  # fmt: skip
        users.create(session, actor=SYSTEM, username=REFORM_VIEWER[0], role="viewer",
                     password=REFORM_VIEWER[1], org_code="XA_TAN_PHU_DONG")  # fmt: skip
    engine.dispose()
    with _streamlit_server(env, tmp_path / "streamlit.log") as base_url:
        yield base_url


@pytest.fixture
def submitted_server(app_env: dict[str, str], tmp_path: Path) -> Iterator[App]:
    """A server on a copy where Phú Tân submitted Quý I/2024 and has since saved a draft of
    Quý II/2024: the newest figures are a draft, the newest sent ones are Quý I."""
    from db import workflow
    from db.values import save

    env = _private_env(app_env, tmp_path)
    engine = create_engine(env["DATABASE_URL"], poolclass=NullPool)
    with session_scope(engine) as session:
        workflow.submit(session, actor=SYSTEM, org_code="PHU_TAN", period="2024Q1")
        save(session, actor=SYSTEM, org_code="PHU_TAN", period="2024Q2",
             entries={"ht_staff_total": "23", "ht_staff_with_pc": "23"})  # fmt: skip
    engine.dispose()
    with _streamlit_server(env, tmp_path / "streamlit.log") as base_url:
        yield base_url


@pytest.fixture(scope="module")
def module_server(app_env: dict[str, str], tmp_path_factory) -> Iterator[App]:
    """A server on its own copy of the demo, shared by one module's tests that change data
    (each in a quarter of its own)."""
    tmp = tmp_path_factory.mktemp("module-server")
    source = Path(app_env["DATABASE_URL"].removeprefix("sqlite:///"))
    url = sqlite_copy(source, tmp)
    with _streamlit_server(app_env | {"DATABASE_URL": url}, tmp / "streamlit.log") as base:
        yield base


@pytest.fixture
def blank_quarter_server(app_env: dict[str, str], tmp_path: Path) -> Iterator[tuple[App, str]]:
    """A server on a copy of the demo without Phú Tân's Q1/2024 figures: the seed's quarter
    to be typed in from nothing (the hamlets keep theirs). Yields its URL and its database's."""
    source = Path(app_env["DATABASE_URL"].removeprefix("sqlite:///"))
    url = sqlite_copy(source, tmp_path)
    engine = create_engine(url, poolclass=NullPool)
    with session_scope(engine) as session:
        unit = orgunits.get(session, "PHU_TAN")
        for table in (DataValue, Submission):
            session.exec(delete(table).where(table.org_unit_id == unit.id))
    engine.dispose()
    with _streamlit_server(app_env | {"DATABASE_URL": url}, tmp_path / "streamlit.log") as base:
        yield base, url


@pytest.fixture(scope="session")
def browser():
    if not live.CHROMIUM.exists():
        message = f"{live.CHROMIUM} not installed (apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=str(live.CHROMIUM), args=live.CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


@contextmanager
def _screenshotted(browser, request: pytest.FixtureRequest, **context_options) -> Iterator:
    """A page in a new context (no cookies); its final state is saved to test-artifacts/."""
    context = browser.new_context(locale="vi-VN", **context_options)
    page = context.new_page()
    try:
        yield page
    finally:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name).strip("_")
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
        finally:
            context.close()


@pytest.fixture
def page(browser, request: pytest.FixtureRequest):
    """A page on a 1366×768 screen, the commune hall's projector."""
    with _screenshotted(browser, request, viewport={"width": 1366, "height": 768}) as page:
        yield page


@pytest.fixture
def phone(browser, request: pytest.FixtureRequest):
    """A page on a 390×844 phone (touch, mobile layout)."""
    with _screenshotted(browser, request, viewport=PHONE, is_mobile=True, has_touch=True) as page:
        yield page


@pytest.fixture(name="wait_idle")
def wait_idle_fixture() -> Callable[..., None]:
    """`wait_idle` for test modules, which should not import from conftest."""
    return wait_idle
