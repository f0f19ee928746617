"""Faults while reports are built, against a real broker (a private Redis) and real workers:
the broker stopped while a build is requested and started again; the worker's pool child and
then the whole worker killed mid-build. Each asserts what the user sees and that the report is
eventually built."""

import os
import signal
import time

import pytest

from reporting.models import ReportRun
from tests.faults.conftest import STALL_SECONDS, wait_for
from tests.reporting.conftest import FIRST_HALF, closed_round

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

DELAYED = "Building this report is delayed"


def report_page(client, run: ReportRun) -> str:
    response = client.get(f"/reports/runs/{run.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def wait_until_built(client, run: ReportRun, workers, seconds: float) -> ReportRun:
    def built():
        run.refresh_from_db()
        if run.state == ReportRun.State.FAILED:
            pytest.fail(f"the run failed: {run.error_message}\n{workers.logs()}")
        return run.state == ReportRun.State.DONE

    try:
        wait_for(built, seconds, "the report built", step=0.5)
    except pytest.fail.Exception:
        print(workers.logs())
        raise
    download = client.get(f"/reports/runs/{run.pk}/download/pdf/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    return run


def test_a_build_requested_while_the_broker_is_down_is_delayed_then_built(
    client, plan, platform_admin, evaluator, private_redis, workers
):
    workers.start()
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)
    client.force_login(evaluator)
    private_redis.stop()

    asked = time.monotonic()
    response = client.post(f"/reports/rounds/{reporting_round.pk}/runs/", {"edition": "public"})
    answered_in = time.monotonic() - asked

    run = ReportRun.objects.get()
    assert response.status_code == 302 and response.url == f"/reports/runs/{run.pk}/"
    assert answered_in < 20
    page = report_page(client, run)
    assert DELAYED in page and "data-poll-seconds" not in page
    # Asking again while it is down: the same run, still delayed, still no error.
    again = client.post(f"/reports/rounds/{reporting_round.pk}/runs/", {"edition": "public"})
    assert again.status_code == 302 and ReportRun.objects.count() == 1

    private_redis.start()
    wait_until_built(client, run, workers, 90)
    assert DELAYED not in report_page(client, run)


def test_a_build_whose_pool_child_and_then_whole_worker_are_killed_is_built_in_the_end(
    client, plan, platform_admin, evaluator, workers
):
    first = workers.start(build_seconds=8)
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)
    client.force_login(evaluator)
    response = client.post(f"/reports/rounds/{reporting_round.pk}/runs/", {"edition": "public"})
    run = ReportRun.objects.get()
    assert response.url == f"/reports/runs/{run.pk}/"

    def building(builds: int):
        def check():
            run.refresh_from_db()
            return run.state == ReportRun.State.BUILDING and run.builds >= builds

        return check

    # The pool child dies as the OOM killer kills it: the task is handed back and built again.
    wait_for(building(1), 60, f"the first build to start\n{workers.logs()}")
    child = wait_for(workers.builder_pid, 30, "the pool child to start the PDF")
    assert child != first.pid  # a pool child, not the worker itself
    workers.forget_builder()
    os.kill(child, signal.SIGKILL)
    wait_for(
        building(2), 60, f"the build to start again after the pool child died\n{workers.logs()}"
    )
    wait_for(workers.builder_pid, 30, "the new pool child to start the PDF")

    # Now the whole worker (its process group) dies mid-build; a new worker takes over.
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    page = report_page(client, run)
    assert 'data-state="building"' in page
    workers.start(build_seconds=1)
    # Its heartbeat stops: within the stall allowance and a sweep the run is restarted.
    wait_until_built(client, run, workers, STALL_SECONDS + 90)
    assert run.builds >= 3
