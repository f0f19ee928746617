"""Without a broker (the README's first command), asking for a report answers at once: the
build runs after the response, in a thread of its own, and the run's page follows it."""

import threading
import time

import pytest

import reporting.builders
from reporting.models import ReportRun
from tests.reporting.conftest import FIRST_HALF, closed_round

pytestmark = pytest.mark.django_db(transaction=True)


def wait_until_finished(run: ReportRun, seconds: float = 60) -> ReportRun:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if not run.is_pending:
            return run
        time.sleep(0.2)
    raise AssertionError(f"run still {run.state} after {seconds} s")


def test_asking_for_a_build_without_a_broker_returns_before_the_build_and_it_finishes(
    client, settings, plan, platform_admin, evaluator, monkeypatch
):
    assert settings.CELERY_TASK_ALWAYS_EAGER  # no broker, as in the README's default setup
    settings.REPORT_BUILD_IN_BACKGROUND = True
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)
    may_finish = threading.Event()

    def held_pdf(content):
        assert may_finish.wait(30), "the test never let the build finish"
        return b"%PDF-1.7 test\n"

    monkeypatch.setattr(reporting.builders, "build_pdf", held_pdf)
    client.force_login(evaluator)

    response = client.post(f"/reports/rounds/{reporting_round.pk}/runs/", {"edition": "public"})

    run = ReportRun.objects.get()
    assert response.status_code == 302 and response.url == f"/reports/runs/{run.pk}/"
    assert run.state in {ReportRun.State.QUEUED, ReportRun.State.BUILDING}
    page = client.get(response.url).content.decode()
    assert "data-poll-seconds" in page and 'role="status"' in page

    may_finish.set()
    run = wait_until_finished(run)

    assert run.state == ReportRun.State.DONE, run.error_message
    page = client.get(response.url).content.decode()
    assert f"/reports/runs/{run.pk}/download/pdf/" in page
    assert "data-poll-seconds" not in page
