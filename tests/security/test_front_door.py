"""The Compose stack's front door: nginx before gunicorn, gunicorn unexposed, Redis persistent,
and an nginx configuration that nginx itself accepts (where nginx is installed)."""

import re
import runpy
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_only_nginx_is_published_and_gunicorn_sits_behind_it(compose):
    services = compose["services"]
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"front"}
    assert services["front"]["build"]["target"] == "front"
    assert "gunicorn --config deploy/gunicorn.conf.py" in services["web"]["command"]
    assert services["web"]["environment"]["TRUSTED_PROXY_COUNT"].endswith("1}")


def test_redis_keeps_its_queue_across_restarts(compose):
    redis = compose["services"]["redis"]
    assert redis["command"][redis["command"].index("--appendonly") + 1] == "yes"
    assert any(volume.endswith(":/data") for volume in redis["volumes"])


def test_gunicorn_recycles_workers_and_times_out_before_nginx_does():
    config = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert config["max_requests"] > 0 and config["max_requests_jitter"] > 0
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    nginx_read_timeout = int(re.search(r"proxy_read_timeout (\d+)s;", nginx).group(1))
    assert 0 < config["timeout"] < nginx_read_timeout
    assert config["accesslog"] is None  # nginx logs, without reset links


def test_nginx_accepts_its_configuration(tmp_path):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    # Outside Compose there is no host "web"; everything else is tested as written.
    config = (ROOT / "deploy" / "nginx.conf").read_text()
    config = config.replace("server web:8000;", "server 127.0.0.1:8000;")
    config = config.replace("pid /tmp/nginx.pid;", f"pid {tmp_path / 'nginx.pid'};")
    (tmp_path / "nginx.conf").write_text(config)
    result = subprocess.run(
        [nginx, "-t", "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
