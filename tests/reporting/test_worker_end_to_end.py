"""End to end with real services: PostgreSQL, Redis and a Celery worker process.

An evaluator closes a round through the web app and requests the report; a separate
`celery -A actionplan worker` process (sharing the test database) builds it; the test waits on
the run's page, downloads the PDF and the XLSX and finds every measure with its recorded
progress in them. Skips without PostgreSQL or CELERY_TEST_BROKER_URL (fails in CI).
"""

import datetime
import os
import re
import subprocess
import sys
import time
import uuid
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from measures.models import Measure
from reporting.models import ReportingRound, ReportRun
from tests.conftest import require
from tests.factories import make_user, record_update
from tests.reporting.conftest import pdf_text, xlsx_cells

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

BROKER = os.environ.get("CELERY_TEST_BROKER_URL", "")
WAIT_SECONDS = 180
STATUS_LABELS = {"not_started": "Not started", "on_track": "On track", "completed": "Completed"}


def redis_answers(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except (redis.RedisError, OSError, ValueError):
        return False


def worker_database_url() -> str:
    """DATABASE_URL for the worker: the test database pytest-django made, not the real one."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{credentials}@{host}/{quote(db['NAME'], safe='')}"


@pytest.fixture
def services():
    require(
        connection.vendor == "postgresql",
        "needs PostgreSQL: a worker process must share the test database "
        "(DATABASE_URL=postgres://...)",
    )
    require(bool(BROKER), "needs Redis: set CELERY_TEST_BROKER_URL=redis://127.0.0.1:6379/15")
    require(redis_answers(BROKER), f"Redis does not answer at {BROKER}")


@pytest.fixture
def queue_name():
    """A queue of this test's own, so that no other worker on the same Redis takes its task."""
    return f"reporting-e2e-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def celery_sends_to_redis(services, queue_name):
    """Make this process's Celery app send tasks to Redis instead of running them eagerly."""
    from actionplan.celery import app

    keys = ("task_always_eager", "broker_url", "task_default_queue")
    saved = {key: app.conf[key] for key in keys}

    def forget_connections():
        if app._pool is not None:
            app._pool.force_close_all()
        app._pool = None
        app.__dict__.pop("amqp", None)  # queues and router are cached on it

    forget_connections()
    app.conf.update(task_always_eager=False, broker_url=BROKER, task_default_queue=queue_name)
    yield app
    forget_connections()
    app.conf.update(saved)


@pytest.fixture
def worker(celery_sends_to_redis, queue_name, media_root, tmp_path):
    """`celery -A actionplan worker --pool=solo` on the test database; always terminated."""
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "actionplan.settings_test",
        "DATABASE_URL": worker_database_url(),
        "CONN_MAX_AGE": "0",
        "CELERY_BROKER_URL": BROKER,
        "MEDIA_ROOT": str(media_root),
    }
    env.pop("TEST_DATABASE_NAME", None)
    command = [
        sys.executable, "-m", "celery", "-A", "actionplan", "worker", "--pool=solo",
        "--loglevel=INFO", "--queues", queue_name, "--hostname", f"{queue_name}@%h",
        "--without-gossip", "--without-mingle", "--without-heartbeat",
    ]  # fmt: skip
    with open(log, "wb") as output:
        process = subprocess.Popen(  # noqa: S603 - fixed arguments
            command, cwd=settings.BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    process.log = log
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        forget_queue(queue_name)


def forget_queue(name: str) -> None:
    """Remove the queue and kombu's bindings for it from Redis."""
    import redis

    client = redis.Redis.from_url(BROKER)
    keys = list(client.scan_iter(match=f"*{name}*"))
    if keys:
        client.delete(*keys)


def record_progress_for_every_measure(author, day) -> dict[str, tuple[str, int]]:
    """A distinct completion for each of the 62 measures, reported in the round's period."""
    recorded = {}
    for index, measure in enumerate(Measure.objects.in_code_order()):
        percent = (index * 37) % 101
        status = {0: "not_started", 100: "completed"}.get(percent, "on_track")
        record_update(
            measure,
            author,
            reported_on=day,
            implementation_status=status,
            progress_percent=percent,
            narrative=f"End-to-end progress of measure {measure.code}.",
        )
        recorded[measure.code] = (status, percent)
    return recorded


@pytest.mark.django_db(transaction=True)
def test_a_worker_builds_the_requested_report_with_every_measure_and_its_progress(
    client, plan, worker
):
    admin = make_user("e2e-admin", "platform_admin")
    evaluator = make_user("e2e-evaluator", "evaluator")
    recorded = record_progress_for_every_measure(admin, datetime.date(2026, 3, 2))
    assert len(recorded) == 62

    client.force_login(evaluator)
    response = client.post(
        "/reports/rounds/open/",
        {
            "title": "Worker round",
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
            "deadline": "2026-07-15",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    reporting_round = ReportingRound.objects.get(title="Worker round")
    assert (
        client.post(f"/reports/rounds/{reporting_round.pk}/close/", {"confirm": "yes"}).status_code
        == 302
    )

    response = client.post(f"/reports/rounds/{reporting_round.pk}/runs/", {"edition": "internal"})
    run = ReportRun.objects.get(round=reporting_round)
    assert response.url == f"/reports/runs/{run.pk}/"

    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        page = client.get(response.url).content.decode()
        if 'data-state="done"' in page or 'data-state="failed"' in page:
            break
        assert "data-poll-seconds" in page  # the page follows the build meanwhile
        if worker.poll() is not None:
            pytest.fail(f"the worker stopped:\n{worker.log.read_text()[-4000:]}")
        if time.monotonic() > deadline:
            pytest.fail(f"no report after {WAIT_SECONDS} s:\n{worker.log.read_text()[-4000:]}")
        time.sleep(0.5)
    run.refresh_from_db()
    assert run.state == "done", f"{run.error_message}\n{worker.log.read_text()[-4000:]}"
    assert "succeeded" in worker.log.read_text()  # built by the worker, not in this process

    pdf = client.get(f"/reports/runs/{run.pk}/download/pdf/")
    xlsx = client.get(f"/reports/runs/{run.pk}/download/xlsx/")
    assert pdf.status_code == xlsx.status_code == 200
    text = " ".join(pdf_text(b"".join(pdf.streaming_content)).split())
    titles = dict(Measure.objects.values_list("code", "title"))
    for code, (status, percent) in recorded.items():
        # Each measure's block: "5.10 Its title · New (N)", then its status and completion.
        heading = re.escape(f"{code} {' '.join(titles[code].split())}")
        pattern = rf"{heading} · [^·]+? {STATUS_LABELS[status]} {percent}% complete"
        assert re.search(pattern, text), f"measure {code} ({status}, {percent}%) not in the PDF"

    header, *rows = xlsx_cells(b"".join(xlsx.streaming_content))["Measures"]
    status, percent = header.index("implementation_status"), header.index("progress_percent")
    assert header[0] == "code"
    in_workbook = {row[0]: (row[status], row[percent]) for row in rows}
    assert in_workbook == {
        code: (STATUS_LABELS[status], percent) for code, (status, percent) in recorded.items()
    }
