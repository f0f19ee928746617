"""Report tasks are idempotent: asked twice, retried or duplicated, one report is built."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import OperationalError

from reporting.errors import ReportBuildError
from reporting.models import Edition, ReportingRound, ReportRun
from reporting.services import (
    evaluation_report_ensure,
    report_run_build,
    report_run_rebuild,
    report_run_request,
    round_open,
)
from reporting.tasks import build_evaluation_report, build_report_run, send_round_reminders
from tests.reporting.conftest import FIRST_HALF, closed_round

pytestmark = pytest.mark.django_db

UNEXPECTED = "An unexpected error stopped the build; the details are in the server log."


@pytest.fixture
def reporting_round(plan, platform_admin):
    return closed_round(plan, platform_admin, FIRST_HALF)


def test_requesting_a_report_queues_one_build_and_asking_again_returns_the_same_run(
    reporting_round, evaluator, fast_pdf, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as queued:
        run, created = report_run_request(
            reporting_round=reporting_round, edition=Edition.PUBLIC, requested_by=evaluator
        )
        again, created_again = report_run_request(
            reporting_round=reporting_round, edition=Edition.PUBLIC, requested_by=evaluator
        )
    assert (created, created_again) == (True, False)
    assert again.pk == run.pk and len(queued) == 1
    run.refresh_from_db()
    assert run.state == ReportRun.State.DONE and run.progress_percent == 100 and run.builds == 1
    assert ReportRun.objects.count() == 1


def test_a_duplicated_task_does_not_build_the_report_again(
    reporting_round, evaluator, fast_pdf, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run, _ = report_run_request(
            reporting_round=reporting_round, edition=Edition.INTERNAL, requested_by=evaluator
        )
    run.refresh_from_db()
    files = (run.pdf_file.name, run.xlsx_file.name, run.csv_file.name)

    assert build_report_run.apply(args=[run.pk]).get() == "skipped"
    run.refresh_from_db()
    assert run.builds == 1 and run.state == ReportRun.State.DONE
    assert (run.pdf_file.name, run.xlsx_file.name, run.csv_file.name) == files
    assert sorted(p.name for p in (settings.MEDIA_ROOT / "reports").rglob("*.*")) == sorted(
        f.rsplit("/", 1)[1] for f in files
    )


def test_a_retried_task_takes_its_run_back_and_another_task_does_not(reporting_round, fast_pdf):
    run, _ = report_run_request(
        reporting_round=reporting_round, edition=Edition.PUBLIC, queue=False
    )
    now = datetime.datetime.now(datetime.UTC)
    ReportRun.objects.filter(pk=run.pk).update(
        state=ReportRun.State.BUILDING, build_token="task-1", started_at=now, heartbeat_at=now
    )
    assert report_run_build(run_id=run.pk, token="task-2") is None
    assert report_run_build(run_id=run.pk, token="task-1").state == ReportRun.State.DONE


def test_a_run_stuck_building_past_the_time_limit_is_taken_over(reporting_round, fast_pdf):
    run, _ = report_run_request(
        reporting_round=reporting_round, edition=Edition.PUBLIC, queue=False
    )
    long_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(
        seconds=settings.REPORT_BUILD_TIME_LIMIT + 60
    )
    ReportRun.objects.filter(pk=run.pk).update(
        state=ReportRun.State.BUILDING, build_token="dead-worker", started_at=long_ago
    )
    assert report_run_build(run_id=run.pk, token="new-task").state == ReportRun.State.DONE


def test_a_failed_build_logs_the_error_and_building_again_works(
    reporting_round, evaluator, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    import reporting.builders

    def broken(content):
        # Exception texts can quote the report's data, as openpyxl quotes a narrative.
        raise RuntimeError("INTERNAL-NARRATIVE-4c2d cannot be used in worksheets")

    monkeypatch.setattr(reporting.builders, "build_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        run, _ = report_run_request(
            reporting_round=reporting_round, edition=Edition.PUBLIC, requested_by=evaluator
        )
    run.refresh_from_db()
    assert run.state == ReportRun.State.FAILED
    assert run.error_message.startswith(UNEXPECTED)
    logged = [r for r in caplog.records if r.exc_info and r.name == "reporting.services.run_build"]
    assert "INTERNAL-NARRATIVE-4c2d" in str(logged[0].exc_info[1])

    monkeypatch.setattr(reporting.builders, "build_pdf", lambda content: b"%PDF-1.7 fixed\n")
    with django_capture_on_commit_callbacks(execute=True):
        report_run_rebuild(run=run, requested_by=evaluator)
    run.refresh_from_db()
    assert run.state == ReportRun.State.DONE and run.error_message == "" and run.builds == 2
    assert run.pdf_file.read() == b"%PDF-1.7 fixed\n"


def test_a_database_hiccup_leaves_the_run_to_the_task_retry(reporting_round, monkeypatch):
    import reporting.services

    def hiccup(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(reporting.services.run_build, "report_content", hiccup)
    run, _ = report_run_request(
        reporting_round=reporting_round, edition=Edition.PUBLIC, queue=False
    )
    with pytest.raises(OperationalError):
        report_run_build(run_id=run.pk, token="task-1")
    run.refresh_from_db()
    assert run.state == ReportRun.State.BUILDING and run.build_token == "task-1"


def test_tasks_acknowledge_late_have_time_limits_and_retry_on_database_errors():
    for task in (build_report_run, send_round_reminders, build_evaluation_report):
        assert task.acks_late is True
        assert task.time_limit and task.soft_time_limit < task.time_limit
        assert OperationalError in task.autoretry_for
    assert build_report_run.time_limit == settings.REPORT_BUILD_TIME_LIMIT


def beat_runs(task_name: str, start: datetime.datetime, end: datetime.datetime) -> list:
    """When Celery beat would start `task_name` between `start` and `end`."""
    (schedule,) = [
        entry["schedule"]
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == task_name
    ]
    runs, last = [], start
    while True:
        schedule.nowfun = lambda moment=last: moment
        last = last + schedule.remaining_estimate(last)
        if last > end:
            return runs
        runs.append(last)


def test_beat_checks_the_evaluation_date_every_morning_and_reminds_on_mondays():
    brussels = ZoneInfo(settings.TIME_ZONE)
    sunday = datetime.datetime(2026, 11, 29, 12, 0, tzinfo=brussels)
    week_later = sunday + datetime.timedelta(days=7)

    evaluation = beat_runs(build_evaluation_report.name, sunday, week_later)
    reminders = beat_runs(send_round_reminders.name, sunday, week_later)

    assert [run.date().isoformat() for run in evaluation] == [
        f"2026-{month_day}"
        for month_day in ("11-30", "12-01", "12-02", "12-03", "12-04", "12-05", "12-06")
    ]
    assert all(run.hour < 9 for run in evaluation)
    assert [(run.strftime("%A"), run.date().isoformat()) for run in reminders] == [
        ("Monday", "2026-11-30")
    ]


def test_the_evaluation_report_is_made_on_the_evaluation_date_once(
    plan, evaluator, fast_pdf, django_capture_on_commit_callbacks
):
    open_round = round_open(
        plan=plan,
        title="Evaluation round",
        period_start=datetime.date(2018, 1, 1),
        period_end=plan.evaluation_due,
        deadline=plan.evaluation_due,
        opened_by=evaluator,
    )
    assert evaluation_report_ensure(today=plan.evaluation_due - datetime.timedelta(days=1)) == []

    with django_capture_on_commit_callbacks(execute=True):
        runs = evaluation_report_ensure(today=plan.evaluation_due)
    open_round.refresh_from_db()
    assert open_round.is_closed and open_round.is_evaluation
    # Both editions, each in Dutch (for parliament) and in English.
    assert sorted((run.edition, run.language) for run in runs) == [
        ("internal", "en"),
        ("internal", "nl"),
        ("public", "en"),
        ("public", "nl"),
    ]
    assert {run.round_id for run in runs} == {open_round.pk}
    assert set(ReportRun.objects.values_list("state", flat=True)) == {"done"}

    with django_capture_on_commit_callbacks(execute=True) as queued:
        again = evaluation_report_ensure(today=plan.evaluation_due + datetime.timedelta(days=1))
    assert {run.pk for run in again} == {run.pk for run in runs} and not queued
    assert ReportingRound.objects.count() == 1 and ReportRun.objects.count() == 4


def test_with_no_round_open_the_evaluation_report_makes_its_own_round(plan, fast_pdf):
    runs = evaluation_report_ensure(today=plan.evaluation_due)
    evaluation = ReportingRound.objects.get()
    assert evaluation.is_evaluation and evaluation.is_closed
    assert (evaluation.period_start, evaluation.period_end) == (
        datetime.date(plan.adoption_year, 1, 1),
        plan.evaluation_due,
    )
    assert evaluation.measure_snapshots.count() == 62 and len(runs) == 4


def test_a_task_that_gives_up_after_its_retries_marks_its_run_failed(
    reporting_round, monkeypatch, caplog
):
    import reporting.services

    def hiccup(**kwargs):
        raise OperationalError("the database is gone")

    monkeypatch.setattr(reporting.services.run_build, "report_content", hiccup)
    run, _ = report_run_request(reporting_round=reporting_round, edition="public", queue=False)
    with pytest.raises(OperationalError):
        report_run_build(run_id=run.pk, token="task-9")
    error = OperationalError("the database is gone")

    build_report_run.on_failure(error, "another-task", (run.pk,), {}, None)
    run.refresh_from_db()
    assert run.state == ReportRun.State.BUILDING  # not the failing task's run to mark

    build_report_run.on_failure(error, "task-9", (run.pk,), {}, None)
    run.refresh_from_db()
    assert run.state == ReportRun.State.FAILED
    assert run.error_message.startswith(UNEXPECTED)
    assert any(r.exc_info and r.exc_info[1] is error for r in caplog.records)


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (SoftTimeLimitExceeded(), "Building took longer than"),
        (ReportBuildError("Close the round before building its report."), "Close the round"),
        (ValueError("Reports do not fetch resources (http://internal.example/x)"), UNEXPECTED),
    ],
)
def test_a_failed_run_keeps_only_the_reasons_reporting_names_itself(
    reporting_round, monkeypatch, error, message
):
    import reporting.builders

    def broken(content):
        raise error

    monkeypatch.setattr(reporting.builders, "build_pdf", broken)
    run, _ = report_run_request(reporting_round=reporting_round, edition="public", queue=False)
    run = report_run_build(run_id=run.pk)
    assert run.state == ReportRun.State.FAILED
    assert run.error_message.startswith(message)


def test_building_again_while_a_build_is_queued_is_refused(reporting_round, evaluator):
    run, _ = report_run_request(reporting_round=reporting_round, edition="public", queue=False)
    ReportRun.objects.filter(pk=run.pk).update(dispatched_at=datetime.datetime.now(datetime.UTC))
    with pytest.raises(ValidationError, match="being built already"):
        report_run_rebuild(run=run, requested_by=evaluator)
