"""Without a broker (the README's first command), asking for a report answers at once: the
build runs after the response, in a thread of its own, and the run's page follows it."""

import threading
import time
import types

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


def test_a_background_build_that_outlives_the_time_limit_fails_with_a_message_and_keeps_no_files(
    settings, plan, platform_admin, monkeypatch
):
    import reporting.services.run_build as run_build
    from reporting.services import report_run_dispatch, report_run_request

    settings.REPORT_BUILD_IN_BACKGROUND = True
    monkeypatch.setattr(run_build, "BUILD_TIME_LIMIT", 1)
    may_finish = threading.Event()

    def slow_pdf(content):
        may_finish.wait(30)
        return b"%PDF-1.7 too late\n"

    monkeypatch.setattr(reporting.builders, "build_pdf", slow_pdf)
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)
    run, _ = report_run_request(reporting_round=reporting_round, edition="public", queue=False)
    report_run_dispatch(run_id=run.pk)

    run = wait_until_finished(run, seconds=20)
    assert run.state == ReportRun.State.FAILED
    assert run.error_message.startswith("Building took longer than")
    may_finish.set()
    time.sleep(1)  # the thread ends; what it built is not the run's any more
    run.refresh_from_db()
    assert run.state == ReportRun.State.FAILED and not run.pdf_file


def test_a_background_build_retries_a_database_hiccup_after_a_growing_pause(
    settings, plan, platform_admin, monkeypatch, fast_pdf
):
    from django.db import OperationalError

    import reporting.services.run_build as run_build
    from reporting.services import report_run_dispatch, report_run_request

    settings.REPORT_BUILD_IN_BACKGROUND = True
    pauses, real_content = [], run_build.report_content
    monkeypatch.setattr(run_build, "time", types.SimpleNamespace(sleep=pauses.append))

    def flaky_content(**kwargs):
        if len(pauses) < 2:
            raise OperationalError("server closed the connection unexpectedly")
        return real_content(**kwargs)

    monkeypatch.setattr(run_build, "report_content", flaky_content)
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)
    run, _ = report_run_request(reporting_round=reporting_round, edition="public", queue=False)
    report_run_dispatch(run_id=run.pk)

    run = wait_until_finished(run)
    assert run.state == ReportRun.State.DONE, run.error_message
    assert pauses == [2, 4]


def test_a_background_build_that_never_gets_to_start_is_failed_at_the_time_limit(
    settings, plan, platform_admin, monkeypatch
):
    import reporting.services.run_build as run_build
    from reporting.services import report_run_dispatch, report_run_request

    settings.REPORT_BUILD_IN_BACKGROUND = True
    monkeypatch.setattr(run_build, "BUILD_TIME_LIMIT", 1)
    may_start = threading.Event()

    def stuck_before_claiming(**kwargs):
        may_start.wait(30)

    monkeypatch.setattr(run_build, "report_run_build", stuck_before_claiming)
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)
    run, _ = report_run_request(reporting_round=reporting_round, edition="public", queue=False)
    report_run_dispatch(run_id=run.pk)

    run = wait_until_finished(run, seconds=20)
    may_start.set()
    assert run.state == ReportRun.State.FAILED
    assert run.error_message.startswith("Building took longer than")


def test_marking_a_run_failed_tries_again_when_the_database_is_busy(
    plan, platform_admin, monkeypatch
):
    from django.db import OperationalError
    from django.db.models import QuerySet

    import reporting.services.run_build as run_build
    from reporting.services import report_run_fail, report_run_request

    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)
    run, _ = report_run_request(reporting_round=reporting_round, edition="public", queue=False)
    real_update, refusals = QuerySet.update, []

    def busy_once(self, **kwargs):
        if not refusals:
            refusals.append(kwargs)
            raise OperationalError("database is locked")
        return real_update(self, **kwargs)

    monkeypatch.setattr(QuerySet, "update", busy_once)
    monkeypatch.setattr(run_build, "time", types.SimpleNamespace(sleep=lambda seconds: None))
    report_run_fail(run_id=run.pk, token=None, message="Stopped.", tries=3)

    run.refresh_from_db()
    assert len(refusals) == 1
    assert run.state == ReportRun.State.FAILED and run.error_message == "Stopped."
