"""A province's deployment in miniature: two `streamlit run` processes on PostgreSQL behind
Debian's nginx, configured by deploy/nginx/cds.conf. An officer saves through one process; a
Steering Committee member on the other sees the change."""

from __future__ import annotations

import os
import re
import secrets
import signal
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from conftest import ARTIFACTS, OFFICER, VIEWER, App, _start
from playwright.sync_api import Page, expect
from signing import TIMEOUT_MS, go, sign_in
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool
from test_journeys import HEADLINE, targets_met, type_portal_count

from bench import live
from db import demo, users
from db.database import session_scope
from db.migrate import upgrade
from db.permissions import SYSTEM

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

ROOT = Path(__file__).resolve().parents[2]
NGINX = Path("/usr/sbin/nginx")
SITE = ROOT / "deploy" / "nginx" / "cds.conf"
COOKIE = "cds_route"


def site_config(port: int, upstreams: list[int]) -> str:
    """deploy/nginx/cds.conf with the compose names and port replaced by the test's; each
    replacement must hit exactly once, so a change of the file's shape fails here."""
    site = SITE.read_text(encoding="utf-8")
    swaps = [("listen 80;", f"listen 127.0.0.1:{port};"),
             ("server app1:8501;", f"server 127.0.0.1:{upstreams[0]};"),
             ("server app2:8501;", f"server 127.0.0.1:{upstreams[1]};"),
             # For the test only: which process answered, to give each browser its own.
             ("proxy_pass http://cds_app;", "proxy_pass http://cds_app;\n"
              "        add_header X-Upstream $upstream_addr always;")]  # fmt: skip
    for old, new in swaps:
        assert site.count(old) == 1, f"{SITE} no longer holds {old!r}"
        site = site.replace(old, new)
    return site


@contextmanager
def nginx(port: int, upstreams: list[int], prefix: Path) -> Iterator[str]:
    """Debian's nginx, unprivileged, with its own prefix; the site is deploy/'s."""
    (prefix / "cds.conf").write_text(site_config(port, upstreams), encoding="utf-8")
    (prefix / "nginx.conf").write_text(
        f"""worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{ worker_connections 256; }}
http {{
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/cds.conf;
}}
""",
        encoding="utf-8",
    )
    cmd = [str(NGINX), "-p", str(prefix), "-c", str(prefix / "nginx.conf"),
           "-e", str(prefix / "error.log"), "-g", "daemon off;"]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):  # through nginx to the upstreams, which are up already
            if live.healthy(base):
                break
            assert proc.poll() is None, (prefix / "error.log").read_text()
            time.sleep(0.1)
        yield base
    finally:
        proc.send_signal(signal.SIGQUIT)  # graceful stop of master and worker
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def upstream_of(base: str, route: str) -> str:
    request = urllib.request.Request(f"{base}/", headers={"Cookie": f"{COOKIE}={route}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers["X-Upstream"]


@pytest.fixture
def province(tmp_path: Path) -> Iterator[tuple[App, dict[str, str], list[Path]]]:
    """PostgreSQL with the demo and two users, two app processes, nginx in front."""
    if not NGINX.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{NGINX} not installed (apt-get install nginx)", pytrace=False)
        pytest.skip(f"{NGINX} not installed")
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but TEST_DATABASE_URL is not set", pytrace=False)
        pytest.skip("TEST_DATABASE_URL not set")
    engine = create_engine(url, poolclass=NullPool)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    # What `manage.py init`, `seed-demo` and `create-user` do, without three process starts.
    upgrade(engine)
    with session_scope(engine, write=True) as session:
        demo.seed(session)
        for (user, password), role in ((OFFICER, "editor"), (VIEWER, "viewer")):
            users.create(session, actor=SYSTEM, username=user, role=role, password=password,
                         org_code="PHU_TAN")  # fmt: skip
    engine.dispose()
    # Both processes sign cookies with the same key, as compose.yaml has them do.
    env = os.environ | {"DATABASE_URL": url, "CDS_COOKIE_KEY": secrets.token_urlsafe(36),
                        "CDS_ENV": "production", "CDS_TRUSTED_PROXIES": "1"}  # fmt: skip
    env.pop("CDS_LOG_FILE", None)
    logs = [tmp_path / "app1.log", tmp_path / "app2.log"]
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    with ExitStack() as stack:
        # Both processes start at once (each takes seconds to import its libraries).
        with ThreadPoolExecutor(2) as pool:
            started = [pool.submit(_start, env, log) for log in logs]
        for future in started:
            if future.exception() is None:  # stopped at the end, even if the other failed
                stack.callback(live.stop, future.result())
        apps = [future.result().url for future in started]
        ports = [int(app.rsplit(":", 1)[1]) for app in apps]
        # The address people use: nginx's, on the same database and cookie key as both apps.
        base = App(stack.enter_context(nginx(live.free_port(), ports, prefix)), env)
        routes: dict[str, str] = {}
        for n in range(64):  # a route cookie for each process
            routes.setdefault(upstream_of(base, f"r{n}"), f"r{n}")
            if len(routes) == 2:
                break
        assert sorted(routes) == sorted(f"127.0.0.1:{p}" for p in ports)
        yield base, {f"app{i + 1}": routes[f"127.0.0.1:{p}"] for i, p in enumerate(ports)}, logs


def routed(page: Page, base: str, route: str) -> None:
    page.context.add_cookies([{"name": COOKIE, "value": route, "url": base}])


def test_an_officer_saves_through_one_process_and_a_viewer_on_the_other_sees_it(
    province, browser, wait_idle
) -> None:
    base, routes, logs = province
    contexts = [browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
                for _ in range(2)]  # fmt: skip
    officer, viewer = (c.new_page() for c in contexts)
    try:
        routed(officer, base, routes["app1"])
        routed(viewer, base, routes["app2"])
        sign_in(viewer, base, wait_idle, VIEWER)
        before = targets_met(viewer)  # the viewer's process has the overview cached now

        sign_in(officer, base, wait_idle, OFFICER)
        go(officer, base, "/nhap-so-lieu", wait_idle)
        type_portal_count(officer, wait_idle)
        officer.get_by_role("button", name="Lưu nháp", exact=True).click()
        wait_idle(officer)
        expect(officer.get_by_text("Đã lưu 1 thay đổi").first).to_be_visible(timeout=TIMEOUT_MS)

        viewer.reload()  # the websocket goes back through nginx to the viewer's own process
        wait_idle(viewer)
        expect(viewer.get_by_text(HEADLINE).first).to_have_text(
            re.compile(rf"{before + 1}/\d+ chỉ tiêu đạt"), timeout=TIMEOUT_MS
        )
    finally:
        ARTIFACTS.mkdir(exist_ok=True)
        viewer.screenshot(path=str(ARTIFACTS / "proxy_viewer.png"))
        for context in contexts:
            context.close()
    # The save went through app1 and the viewer was served by app2: the processes' own logs.
    app1, app2 = (log.read_text(encoding="utf-8", errors="replace") for log in logs)
    assert '"event": "save", "user": "officer"' in app1
    assert '"event": "save"' not in app2
    assert '"event": "sign_in", "user": "committee"' in app2
