"""PostgreSQL restarted under API reads and progress writes, against a private cluster and a
real gunicorn: requests during the restart get a clear JSON error (503), never a 500; every
acknowledged (2xx) write is in the database afterwards; requests work again afterwards."""

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from actors.services import api_token_create
from tests.conftest import require
from tests.faults.conftest import free_port, stop_process, wait_for

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

PG_BIN = Path("/usr/lib/postgresql/15/bin")
OWN_MEASURE = "5.1"  # carried out by WVG alone, the coordinator's actor


class PrivateCluster:
    """A PostgreSQL cluster of this test's own in a temporary folder, run as `postgres` when
    this process is root (PostgreSQL refuses to run as root)."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="faults-pg-"))
        self.port = free_port()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_postgres:
            shutil.chown(self.folder, "postgres")

    def run(self, *command: str) -> None:
        subprocess.run(  # noqa: S603 - fixed arguments
            [*self.as_postgres, *command], check=True, capture_output=True, timeout=120
        )

    def pg_ctl(self, action: str, *options: str) -> None:
        self.run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.folder / "data"), "-l",
            str(self.folder / "log"), "-w", "-t", "60", *options, action,
        )  # fmt: skip

    def create(self) -> None:
        self.run(str(PG_BIN / "initdb"), "-D", str(self.folder / "data"), "-A", "trust",
                 "-U", "postgres")  # fmt: skip
        with open(self.folder / "data" / "postgresql.conf", "a") as conf:
            conf.write(f"port = {self.port}\nlisten_addresses = '127.0.0.1'\n")
            conf.write(f"unix_socket_directories = '{self.folder}'\nfsync = off\n")
        self.pg_ctl("start")

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.pg_ctl("stop", "-m", "immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def private_cluster():
    require(connection.vendor == "postgresql", "needs PostgreSQL (DATABASE_URL=postgres://...)")
    require((PG_BIN / "initdb").exists(), f"needs PostgreSQL 15's server programs in {PG_BIN}")
    require(
        os.geteuid() != 0 or shutil.which("runuser") is not None, "needs runuser to run as postgres"
    )
    cluster = PrivateCluster()
    try:
        cluster.create()
    except subprocess.CalledProcessError as exc:
        cluster.remove()
        require(False, f"could not start a private PostgreSQL cluster: {exc.stderr!r}")
    yield cluster
    cluster.remove()


def copy_test_database(cluster: PrivateCluster, name: str) -> None:
    """The test database (migrated, the plan and this test's users in it) into the cluster."""
    db = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": db["PASSWORD"] or ""}
    dump = subprocess.run(  # noqa: S603 - fixed arguments
        [str(PG_BIN / "pg_dump"), "-Fc", "--no-owner", "-h", db["HOST"] or "127.0.0.1",
         "-p", str(db["PORT"] or 5432), "-U", db["USER"], db["NAME"]],
        check=True, capture_output=True, env=env, timeout=120,
    ).stdout  # fmt: skip
    psql = [str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres"]
    subprocess.run([*psql, "-c", f"CREATE DATABASE {name}"], check=True, capture_output=True)  # noqa: S603
    subprocess.run(  # noqa: S603 - fixed arguments
        [str(PG_BIN / "pg_restore"), "--no-owner", "-h", "127.0.0.1", "-p", str(cluster.port),
         "-U", "postgres", "-d", name],
        input=dump, check=True, capture_output=True, timeout=120,
    )  # fmt: skip


@contextlib.contextmanager
def serve_portal(private_cluster: "PrivateCluster", tmp_path: Path):
    """gunicorn serving the portal from the private cluster (connections kept, as in
    production, so that a restart leaves broken ones behind); yields its address."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "actionplan.settings_test",
        "DATABASE_URL": private_cluster.url("faults"),
        "CONN_MAX_AGE": "60",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("TEST_DATABASE_NAME", None)
    log = tmp_path / "gunicorn.log"
    with open(log, "wb") as output:
        server = subprocess.Popen(  # noqa: S603 - fixed arguments
            [sys.executable, "-m", "gunicorn", "actionplan.wsgi:application", "--bind",
             f"127.0.0.1:{port}", "--workers", "2", "--threads", "2", "--timeout", "30"],
            cwd=settings.BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: call(base, "GET", "/api/v1/measures/")[0] == 200, 30, "gunicorn up")
        yield base
    finally:
        stop_process(server)
        print(log.read_text(errors="replace")[-3000:])


def call(base: str, method: str, path: str, token: str = "", body: dict | None = None):
    """(status, content type, parsed JSON or None); (0, "", None) if no answer at all."""
    request = urllib.request.Request(  # noqa: S310 - a local test server
        base + path,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json", "Accept": "application/json"}
        | ({"Authorization": f"Bearer {token}"} if token else {}),
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
            status, kind, data = response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        status, kind, data = error.code, error.headers["Content-Type"], error.read()
    except (urllib.error.URLError, OSError):
        return 0, "", None
    try:
        return status, kind or "", json.loads(data)
    except ValueError:
        return status, kind or "", None


def test_requests_during_a_database_restart_fail_clearly_and_no_acknowledged_write_is_lost(
    plan, coordinator, private_cluster, tmp_path
):
    token = api_token_create(user=coordinator, name="restart").secret
    copy_test_database(private_cluster, "faults")
    answers: list[tuple[str, float, int, str, dict | None]] = []
    acknowledged: list[str] = []
    stop = threading.Event()

    def writer() -> None:
        number = 0
        while not stop.is_set():
            number += 1
            narrative = f"Written during the restart test, number {number}."
            status, kind, body = call(
                base, "POST", f"/api/v1/measures/{OWN_MEASURE}/progress-updates/", token,
                {"implementation_status": "on_track", "progress_percent": number % 100,
                 "narrative": narrative, "visibility": "public"},
            )  # fmt: skip
            answers.append(("write", time.monotonic(), status, kind, body))
            if 200 <= status < 300:
                acknowledged.append(narrative)
            time.sleep(0.05)

    def reader() -> None:
        while not stop.is_set():
            status, kind, body = call(base, "GET", f"/api/v1/measures/{OWN_MEASURE}/", token)
            answers.append(("read", time.monotonic(), status, kind, body))
            time.sleep(0.05)

    with serve_portal(private_cluster, tmp_path) as base:
        threads = [threading.Thread(target=work) for work in (writer, reader, reader)]
        for thread in threads:
            thread.start()
        time.sleep(3)
        private_cluster.pg_ctl("restart", "-m", "fast")
        restarted = time.monotonic()
        time.sleep(6)
        stop.set()
        for thread in threads:
            thread.join(timeout=30)

    failures = [a for a in answers if not 200 <= a[2] < 300]
    for what, _at, status, kind, body in failures:
        assert status == 503, (what, status, kind, body)
        assert kind.startswith("application/json") and body["code"] == "database_unavailable"
    settled = [a for a in answers if a[1] > restarted + 3]
    assert settled and all(200 <= a[2] < 300 for a in settled), settled[:5]
    assert any(a[0] == "write" for a in settled)

    import psycopg

    with psycopg.connect(private_cluster.url("faults")) as database:
        stored = {
            row[0]
            for row in database.execute(
                "SELECT narrative FROM measures_progressupdate WHERE narrative LIKE %s",
                ["Written during the restart test%"],
            )
        }
    assert acknowledged and set(acknowledged) <= stored
