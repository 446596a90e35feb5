"""The app live on this machine: ``streamlit run dashboard.py`` on a free port of 127.0.0.1,
started, waited for until its health check answers, and stopped with its whole process group;
and Debian's headless Chromium to visit it.

The one copy of this for everything that starts a server of its own: the browser tests and the
proxy test (tests/browser), the benchmark's memory figure and the load test.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 60
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


class ServerFailed(RuntimeError):
    """The server exited or never answered its health check; the message ends with its log."""


@dataclass(frozen=True)
class Server:
    process: subprocess.Popen
    url: str  # http://127.0.0.1:PORT
    log: Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(url: str) -> bool:
    """Whether the server (or a proxy in front of it) answers ``/_stcore/health`` with ok."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except OSError:
        return False


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def start(env: dict[str, str], log: Path, timeout: float = START_TIMEOUT_S) -> Server:
    """Start the app with ``env`` (its DATABASE_URL, CDS_COOKIE_KEY, …), its output in ``log``;
    return once it is healthy, or raise :class:`ServerFailed` with it stopped."""
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "dashboard.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    with log.open("wb") as out:
        # A group of its own, so that stop() takes any child it starts with it.
        process = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(process, f"http://127.0.0.1:{port}", log)
    deadline = time.monotonic() + timeout
    while not healthy(server.url):
        if process.poll() is not None:
            raise ServerFailed(f"streamlit exited with {process.returncode}:\n{tail(log)}")
        if time.monotonic() > deadline:
            stop(server)
            raise ServerFailed(f"streamlit not healthy after {timeout:g} s:\n{tail(log)}")
        time.sleep(0.25)
    return server


def stop(server: Server) -> None:
    """Kill the server's whole process group. Its database is a throwaway or was written by
    committed transactions only, and Streamlit takes about a second to stop on SIGTERM."""
    with suppress(ProcessLookupError):
        os.killpg(server.process.pid, signal.SIGKILL)
    server.process.wait(timeout=10)


@contextmanager
def running(env: dict[str, str], log: Path, timeout: float = START_TIMEOUT_S) -> Iterator[Server]:
    """A started server, stopped when the block ends."""
    server = start(env, log, timeout)
    try:
        yield server
    finally:
        stop(server)
