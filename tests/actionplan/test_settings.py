"""Settings from the environment: production refuses to start unsafe, passes `check --deploy`;
a developer's .env serves manage.py but never the test suite; the README's configuration
table and .env.example list exactly the variables the settings read."""

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "p9Kz2Lx7Qw4Rt8Yu1Io5Pa3Sd6Fg0Hj-Zx_Cv=Bn+Mq9Wl2Er7Ty4Ui8Op1As5Df"
# Left in the process environment by the test run itself; never what these tests set up.
FROM_THE_TEST_RUN = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def variables_read_by_settings() -> set[str]:
    """The names in settings.py's typed list: the first argument of every `env.<type>(...)`."""
    tree = ast.parse((ROOT / "actionplan" / "settings.py").read_text(encoding="utf-8"))
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "env"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }


def clean_environment(**env: str) -> dict[str, str]:
    """This process's environment without any portal variable, plus `env`."""
    portal = variables_read_by_settings() | FROM_THE_TEST_RUN
    return {
        **{key: value for key, value in os.environ.items() if key not in portal},
        **env,
    }


@pytest.fixture
def checkout(tmp_path):
    """A checkout of the portal with a .env of the test's own: the project package and manage.py
    are copied (settings look for .env beside them; Python resolves a linked script's folder),
    everything else is linked."""

    def make(dotenv: str | None = None) -> Path:
        folder = tmp_path / "checkout"
        folder.mkdir()
        shutil.copytree(
            ROOT / "actionplan", folder / "actionplan", ignore=shutil.ignore_patterns("__pycache__")
        )
        shutil.copy(ROOT / "manage.py", folder / "manage.py")
        for entry in ROOT.iterdir():
            if entry.name not in {"actionplan", "manage.py", ".env", ".git", ".venv", "db.sqlite3"}:
                (folder / entry.name).symlink_to(entry)
        if dotenv is not None:
            (folder / ".env").write_text(dotenv, encoding="utf-8")
        return folder

    return make


def manage(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=folder,
        env=clean_environment(
            DJANGO_SETTINGS_MODULE="actionplan.settings", PYTHONPATH=str(folder), **env
        ),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key(checkout):
    result = manage(checkout(), "check")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_a_weak_secret_key(checkout):
    result = manage(checkout(), "check", DEBUG="false", SECRET_KEY="secret")
    assert result.returncode != 0
    assert "too weak" in result.stderr


def test_production_settings_pass_the_deployment_checks(checkout):
    result = manage(
        checkout(),
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


def test_the_env_file_made_by_setup_lets_manage_py_run_in_a_checkout(checkout):
    setup_script = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert '"DEBUG=true" > .env' in setup_script
    result = manage(checkout("# Local development settings\nDEBUG=true\n"), "check")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_environment_wins_over_a_developers_env_file(checkout):
    result = manage(checkout("DEBUG=true\n"), "check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


# What the suite would use: its database, its cache, its broker, and whether a queued task runs
# in the test process (with no worker, .get() would time out if it went to a broker instead).
PRINT_TEST_SETTINGS = """
import json
import django

django.setup()
from django.core.cache import caches
from django.db import connection
from actionplan.celery import app

@app.task
def double(number):
    return 2 * number

print(json.dumps({
    "database": connection.vendor,
    "cache": type(caches["default"]).__name__,
    "broker": app.conf.broker_url or "",
    "queued_task_result": double.delay(21).get(timeout=5),
}))
"""


def read_test_settings(folder: Path, **env: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PRINT_TEST_SETTINGS],
        cwd=folder,
        env=clean_environment(
            DJANGO_SETTINGS_MODULE="actionplan.settings_test", PYTHONPATH=str(folder), **env
        ),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_test_settings_ignore_a_copied_env_example(checkout):
    folder = checkout((ROOT / ".env.example").read_text(encoding="utf-8"))
    example = (folder / ".env").read_text(encoding="utf-8")
    assert "DATABASE_URL=postgres" in example and "CELERY_BROKER_URL=redis" in example

    settings = read_test_settings(folder)

    assert settings == {
        "database": "sqlite",
        "cache": "LocMemCache",
        "broker": "",
        "queued_task_result": 42,
    }


def test_the_test_settings_take_the_database_from_the_real_environment(checkout):
    settings = read_test_settings(
        checkout("DATABASE_URL=sqlite:///from-the-env-file.sqlite3\n"),
        DATABASE_URL="postgres://app:app@127.0.0.1:5432/app",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/9",
    )
    assert settings["database"] == "postgresql"
    assert settings["broker"] == "redis://127.0.0.1:6379/9"
    # Tasks still run in the test process: the worker end-to-end test starts its own worker.
    assert settings["queued_task_result"] == 42


def readme_configuration_variables() -> set[str]:
    """The names in the first column of the table under "## Configuration"."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Configuration\n", 1)[1]
    rows = [line for line in section.split("\n## ", 1)[0].splitlines() if line.startswith("|")]
    return {
        name for row in rows[2:] for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", row.split("|")[1])
    }


def env_example_variables() -> set[str]:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    return set(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def test_the_readme_table_lists_exactly_the_variables_the_settings_read():
    assert readme_configuration_variables() == variables_read_by_settings()


def test_env_example_lists_exactly_the_variables_the_settings_read():
    assert env_example_variables() == variables_read_by_settings()


def test_settings_read_the_environment_only_through_the_typed_list():
    source = (ROOT / "actionplan" / "settings.py").read_text(encoding="utf-8")
    assert re.findall(r"os\.(?:environ|getenv)\b.*", source) == [
        'os.environ.get("DJANGO_SETTINGS_MODULE", __name__) == __name__:'
    ]
