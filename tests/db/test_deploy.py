"""deploy/ holds together: compose's services, nginx's upstreams and the image's port agree, and
`docker compose config` accepts the file where Docker is installed (CI has no Docker)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))


def test_compose_runs_postgresql_16_two_app_processes_and_nginx_on_deploys_config():
    services = compose()["services"]
    assert services["db"]["image"].startswith("postgres:16")
    apps = [name for name, s in services.items()
            if s.get("image", "").startswith("cds-dashboard") and "command" not in s]  # fmt: skip
    assert apps == ["app1", "app2"]
    for name in apps:
        app = services[name]
        assert app["build"] == {"context": "..", "dockerfile": "deploy/Dockerfile"}
        assert app["environment"]["CDS_ENV"] == "production"
        assert app["environment"]["CDS_TRUSTED_PROXIES"] == "1"  # nginx appends the client
        assert app["depends_on"]["init"]["condition"] == "service_completed_successfully"
    assert services["init"]["command"] == ["python", "manage.py", "init"]
    proxy = services["proxy"]
    assert proxy["image"].startswith("nginx")
    assert "./nginx/cds.conf:/etc/nginx/conf.d/default.conf:ro" in proxy["volumes"]


def test_nginx_sends_each_browser_to_one_of_the_app_processes_with_websockets():
    site = (DEPLOY / "nginx" / "cds.conf").read_text(encoding="utf-8")
    upstreams = re.findall(r"^\s*server (\S+):(\d+);", site, flags=re.M)
    port = re.search(r"--server\.port=(\d+)", (DEPLOY / "Dockerfile").read_text()).group(1)
    assert upstreams == [("app1", port), ("app2", port)]
    assert re.search(r"hash \$cds_route consistent;", site)  # sticky sessions
    assert "proxy_set_header Upgrade $http_upgrade;" in site
    assert "proxy_set_header Connection $connection_upgrade;" in site


def test_the_systemd_units_run_the_app_and_a_nightly_backup_kept_for_a_week():
    units = DEPLOY / "systemd"
    app = (units / "cds-dashboard.service").read_text(encoding="utf-8")
    assert "ExecStartPre=/opt/cds/.venv/bin/python manage.py init" in app
    assert "-m streamlit run dashboard.py" in app
    job = (units / "cds-backup.service").read_text(encoding="utf-8")
    assert "manage.py backup --out /var/backups/cds/cds-$(date +%%u).db" in job  # 7 weekdays
    assert "OnCalendar=*-*-* 02:30" in (units / "cds-backup.timer").read_text(encoding="utf-8")


def _docker_compose() -> bool:
    if shutil.which("docker") is None:
        return False
    done = subprocess.run(["docker", "compose", "version"], capture_output=True, timeout=30)
    return done.returncode == 0


@pytest.mark.skipif(not _docker_compose(), reason="docker compose is not installed here")
def test_docker_compose_accepts_the_file():
    env = os.environ | {"POSTGRES_PASSWORD": "test-password-0123", "CDS_COOKIE_KEY": "k" * 48}
    cmd = ["docker", "compose", "-f", str(DEPLOY / "compose.yaml"), "config", "--quiet"]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
