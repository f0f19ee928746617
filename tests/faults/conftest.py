"""Private services for the fault-injection tests: each test starts its own Redis (and worker,
and PostgreSQL cluster) on free ports and stops them by their own process ids, so that the
shared services of the machine are never disturbed.

Every test here is marked `faults` (run in CI as a pass of its own) and skips with a reason
when a service it needs cannot be started (fails instead under CI=true).
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import require
from tests.reporting.test_worker_end_to_end import worker_database_url

# Short limits, so that the suite sees a lost build restarted within seconds.
STALL_SECONDS = 6
BUILD_TIME_LIMIT = 120


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, seconds: float, what: str, step: float = 0.25):
    """Poll `condition` until it returns something true; fail naming `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(step)
    pytest.fail(f"{what}: not within {seconds} s")


def stop_process(process: subprocess.Popen, *, group: bool = False) -> None:
    """Stop a process this suite started (and its children, for a worker's process group)."""
    if process.poll() is not None:
        return
    if group:
        os.killpg(process.pid, signal.SIGTERM)
    else:
        process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL) if group else process.kill()
        process.wait(timeout=10)


class PrivateRedis:
    """A redis-server of this test's own, without persistence, stopped and started at will."""

    def __init__(self, folder: Path):
        self.port = free_port()
        self.folder = folder
        self.process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(self.answers, 10, "the private Redis to answer")

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process)
            self.process = None

    def answers(self) -> bool:
        import redis

        try:
            return bool(redis.Redis.from_url(self.url(), socket_connect_timeout=1).ping())
        except (redis.RedisError, OSError):
            return False


@pytest.fixture
def media_root(settings, tmp_path):
    """Report files go to a temporary folder, never to the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def private_redis(tmp_path):
    require(
        shutil.which("redis-server") is not None, "needs redis-server (apt install redis-server)"
    )
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def postgres_test_database():
    require(
        connection.vendor == "postgresql",
        "needs PostgreSQL: a worker process must share the test database "
        "(DATABASE_URL=postgres://...)",
    )


@pytest.fixture
def sends_to_private_broker(postgres_test_database, private_redis):
    """Make this process's Celery app send tasks to the private Redis, as production does."""
    from actionplan.celery import app

    keys = ("task_always_eager", "broker_url")
    saved = {key: app.conf[key] for key in keys}

    def forget_connections():
        if app._pool is not None:
            app._pool.force_close_all()
        app._pool = None
        app.__dict__.pop("amqp", None)

    forget_connections()
    app.conf.update(task_always_eager=False, broker_url=private_redis.url())
    yield app
    forget_connections()
    app.conf.update(saved)


class Workers:
    """Celery workers (with beat, for the recovery sweep) on the private broker and the test
    database, each in a process group of its own so that a test can kill it whole."""

    def __init__(self, broker_url: str, media_root: Path, folder: Path):
        self.broker_url, self.media_root, self.folder = broker_url, media_root, folder
        self.started: list[subprocess.Popen] = []
        self.builder_pid_file = folder / "builder.pid"

    def start(self, *, build_seconds: float = 0, pool: str = "prefork") -> subprocess.Popen:
        number = len(self.started) + 1
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "actionplan.settings_test",
            "DATABASE_URL": worker_database_url(),
            "CONN_MAX_AGE": "0",
            "CELERY_BROKER_URL": self.broker_url,
            "MEDIA_ROOT": str(self.media_root),
            "REPORT_BUILD_STALL_SECONDS": str(STALL_SECONDS),
            "REPORT_BUILD_TIME_LIMIT": str(BUILD_TIME_LIMIT),
            "FAULTS_BUILD_SECONDS": str(build_seconds),
            "FAULTS_BUILDER_PID_FILE": str(self.builder_pid_file),
        }
        env.pop("TEST_DATABASE_NAME", None)
        command = [
            sys.executable, "-m", "tests.faults.slow_worker", "worker", "--beat",
            "--schedule", str(self.folder / f"beat-{number}"), f"--pool={pool}",
            "--concurrency=1", "--loglevel=INFO", "--hostname", f"faults-{number}@%h",
            "--without-gossip", "--without-mingle",
        ]  # fmt: skip
        log = self.folder / f"worker-{number}.log"
        with open(log, "wb") as output:
            process = subprocess.Popen(  # noqa: S603 - fixed arguments
                command, cwd=settings.BASE_DIR, env=env, stdout=output,
                stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        process.log = log
        self.started.append(process)
        return process

    def logs(self) -> str:
        return "\n".join(p.log.read_text(errors="replace")[-3000:] for p in self.started)

    def builder_pid(self) -> int | None:
        """The process building a report right now (as the worker last wrote it)."""
        try:
            return int(self.builder_pid_file.read_text())
        except (FileNotFoundError, ValueError):
            return None

    def forget_builder(self) -> None:
        self.builder_pid_file.unlink(missing_ok=True)

    def stop_all(self) -> None:
        for process in self.started:
            stop_process(process, group=True)


@pytest.fixture
def workers(sends_to_private_broker, private_redis, media_root, tmp_path):
    started = Workers(private_redis.url(), media_root, tmp_path)
    yield started
    started.stop_all()
