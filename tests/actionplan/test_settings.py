"""Production settings: refuse a missing secret key, pass `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "p9Kz2Lx7Qw4Rt8Yu1Io5Pa3Sd6Fg0Hj-Zx_Cv=Bn+Mq9Wl2Er7Ty4Ui8Op1As5Df"


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "DEBUG",
            "DJANGO_SETTINGS_MODULE",
            "ALLOWED_HOSTS",
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
            # Set by tests/browser/conftest.py for Playwright; never in a deployment.
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    environment.update(DJANGO_SETTINGS_MODULE="actionplan.settings", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_a_weak_secret_key():
    result = manage("check", DEBUG="false", SECRET_KEY="secret")
    assert result.returncode != 0
    assert "too weak" in result.stderr


def test_production_settings_pass_the_deployment_checks():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="portal.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_developers_env_file_never_overrides_the_environment(tmp_path, monkeypatch):
    from actionplan.settings import read_env_file

    env_file = tmp_path / ".env"
    env_file.write_text("# comment\nDEBUG=true\nPORTAL_TEST_ONLY='from file'\nnot a line\n")
    monkeypatch.setenv("DEBUG", "false")
    monkeypatch.delenv("PORTAL_TEST_ONLY", raising=False)
    read_env_file(env_file)
    assert os.environ["DEBUG"] == "false"
    assert os.environ["PORTAL_TEST_ONLY"] == "from file"
    monkeypatch.delenv("PORTAL_TEST_ONLY")
