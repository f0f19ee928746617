"""No report run stays queued or building for ever: a broker that is down delays a build (the
user is told, nothing is lost), the recovery sweep hands over, restarts or fails what is not
progressing, "Build again" works on a stuck run, and a rebuild keeps the previous files
downloadable until the new ones replace them."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerDown

import reporting.builders
import reporting.services.runs
from reporting.models import Edition, ReportRun
from reporting.services import report_run_build, report_run_request, report_runs_recover
from reporting.services.run_rules import BUILD_MAX_ATTEMPTS, BUILD_STALL_SECONDS, BUILD_TIME_LIMIT
from tests.reporting.conftest import FIRST_HALF, closed_round

pytestmark = pytest.mark.django_db

DELAYED = "Building this report is delayed"
NOT_PROGRESSING = "This build is not progressing"
REFRESH = "data-poll-seconds"


@pytest.fixture
def reporting_round(plan, platform_admin):
    return closed_round(plan, platform_admin, FIRST_HALF)


@pytest.fixture
def broker(monkeypatch):
    """The broker as the services reach it: up (tasks run eagerly here) or down."""

    class Broker:
        up = True
        sent: list = []

        def send(self, name, *args):
            if not self.up:
                raise BrokerDown("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
            self.sent.append((name, *args))
            real_send(name, *args)

    real_send = reporting.services.runs.task_send
    state = Broker()
    state.sent = []
    monkeypatch.setattr(reporting.services.runs, "task_send", state.send)
    return state


def ago(seconds: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=seconds)


def queued_run(reporting_round, **fields) -> ReportRun:
    run, _ = report_run_request(
        reporting_round=reporting_round, edition=Edition.PUBLIC, queue=False
    )
    ReportRun.objects.filter(pk=run.pk).update(**fields)
    run.refresh_from_db()
    return run


def test_a_request_while_the_broker_is_down_says_the_build_is_delayed_and_the_sweep_builds_it(
    client, evaluator, reporting_round, broker, fast_pdf, django_capture_on_commit_callbacks
):
    broker.up = False
    client.force_login(evaluator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/reports/rounds/{reporting_round.pk}/runs/", {"edition": "public"})
    run = ReportRun.objects.get()
    assert response.status_code == 302 and response.url == f"/reports/runs/{run.pk}/"
    page = client.get(response.url).content.decode()
    assert DELAYED in page and REFRESH not in page
    assert run.state == ReportRun.State.QUEUED and run.dispatched_at is None

    assert report_runs_recover().delayed == [run.pk]  # still down: still waiting, not failed
    broker.up = True
    assert report_runs_recover().dispatched == [run.pk]

    run.refresh_from_db()
    assert run.state == ReportRun.State.DONE and run.restarts == 0
    page = client.get(response.url).content.decode()
    assert DELAYED not in page and f"/reports/runs/{run.pk}/download/pdf/" in page


def test_build_again_during_a_broker_outage_keeps_the_files_downloadable_and_says_delayed(
    client, evaluator, reporting_round, broker, fast_pdf, django_capture_on_commit_callbacks
):
    run = queued_run(reporting_round)
    report_run_build(run_id=run.pk)
    broker.up = False
    client.force_login(evaluator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/reports/runs/{run.pk}/rebuild/")
    page = client.get(f"/reports/runs/{run.pk}/").content.decode()
    assert DELAYED in page and "Build again" in page
    assert client.get(f"/reports/runs/{run.pk}/download/pdf/").status_code == 200


def test_the_sweep_sends_a_queued_run_whose_message_was_lost_again(
    reporting_round, broker, fast_pdf
):
    run = queued_run(reporting_round, dispatched_at=ago(BUILD_TIME_LIMIT + 5))
    fresh = queued_run_other_language(reporting_round, dispatched_at=ago(5))

    outcome = report_runs_recover()

    assert outcome.restarted == [run.pk] and outcome.dispatched == [run.pk]
    assert broker.sent == [("build_report_run", run.pk)]  # the fresh one is still on its way
    run.refresh_from_db()
    fresh.refresh_from_db()
    assert run.state == ReportRun.State.DONE and fresh.state == ReportRun.State.QUEUED


def queued_run_other_language(reporting_round, **fields) -> ReportRun:
    run, _ = report_run_request(
        reporting_round=reporting_round, edition=Edition.PUBLIC, language="nl", queue=False
    )
    ReportRun.objects.filter(pk=run.pk).update(**fields)
    return run


def test_the_sweep_restarts_a_build_whose_worker_went_silent_and_leaves_a_live_one(
    reporting_round, broker, fast_pdf
):
    dead = queued_run(
        reporting_round,
        state="building",
        build_token="dead",
        heartbeat_at=ago(BUILD_STALL_SECONDS + 5),
    )
    alive = queued_run_other_language(
        reporting_round, state="building", build_token="alive", heartbeat_at=ago(1)
    )

    assert report_runs_recover().restarted == [dead.pk]

    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.state == ReportRun.State.DONE and dead.builds == 1
    assert alive.state == ReportRun.State.BUILDING and alive.build_token == "alive"


def test_a_run_lost_again_after_its_last_attempt_fails_with_a_message_and_can_be_built_again(
    client, evaluator, reporting_round, broker
):
    run = queued_run(
        reporting_round,
        state="building",
        heartbeat_at=ago(BUILD_STALL_SECONDS + 5),
        restarts=BUILD_MAX_ATTEMPTS,
    )

    assert report_runs_recover().failed == [run.pk]

    run.refresh_from_db()
    assert run.state == ReportRun.State.FAILED and broker.sent == []
    client.force_login(evaluator)
    page = client.get(f"/reports/runs/{run.pk}/").content.decode()
    assert f"restarted {BUILD_MAX_ATTEMPTS} times without finishing" in page
    assert "Build again" in page and REFRESH not in page


def test_a_stuck_build_stops_refreshing_its_page_and_can_be_built_again(
    client, evaluator, reporting_round, broker, fast_pdf, django_capture_on_commit_callbacks
):
    run = queued_run(
        reporting_round,
        state="building",
        progress_percent=15,
        heartbeat_at=ago(BUILD_STALL_SECONDS + 5),
    )
    client.force_login(evaluator)
    page = client.get(f"/reports/runs/{run.pk}/").content.decode()
    assert NOT_PROGRESSING in page and REFRESH not in page and "Build again" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/reports/runs/{run.pk}/rebuild/", follow=True)

    assert "being built already" not in response.content.decode()
    run.refresh_from_db()
    assert run.state == ReportRun.State.DONE


def test_a_restarted_build_says_so_on_its_page_while_it_runs(client, evaluator, reporting_round):
    run = queued_run(reporting_round, state="building", heartbeat_at=timezone.now(), restarts=2)
    client.force_login(evaluator)
    page = client.get(f"/reports/runs/{run.pk}/").content.decode()
    assert "The build was restarted 2 times" in page and REFRESH in page


def test_a_rebuild_keeps_the_previous_files_downloadable_until_the_new_ones_replace_them(
    client, evaluator, reporting_round, monkeypatch
):
    monkeypatch.setattr(reporting.builders, "build_pdf", lambda content: b"%PDF-1.7 first\n")
    run = queued_run(reporting_round)
    report_run_build(run_id=run.pk)
    run.refresh_from_db()
    first_file = run.pdf_file.path
    client.force_login(evaluator)
    seen_during_rebuild = []

    def second_pdf(content):
        download = client.get(f"/reports/runs/{run.pk}/download/pdf/")
        seen_during_rebuild.append((download.status_code, b"".join(download.streaming_content)))
        return b"%PDF-1.7 second\n"

    monkeypatch.setattr(reporting.builders, "build_pdf", second_pdf)
    ReportRun.objects.filter(pk=run.pk).update(state="queued")
    report_run_build(run_id=run.pk)

    assert seen_during_rebuild == [(200, b"%PDF-1.7 first\n")]
    download = client.get(f"/reports/runs/{run.pk}/download/pdf/")
    assert b"".join(download.streaming_content) == b"%PDF-1.7 second\n"
    run.refresh_from_db()
    assert run.pdf_file.path != first_file and not _exists(first_file)


def test_a_build_taken_over_by_another_leaves_the_finished_files_alone(
    client, evaluator, reporting_round, monkeypatch
):
    monkeypatch.setattr(reporting.builders, "build_pdf", lambda content: b"%PDF-1.7 good\n")
    run = queued_run(reporting_round)
    report_run_build(run_id=run.pk)
    run.refresh_from_db()
    files_before = sorted(p.name for p in _report_folder(run).rglob("*.*"))

    def taken_over(content):
        ReportRun.objects.filter(pk=run.pk).update(build_token="someone-else")
        return b"%PDF-1.7 late\n"

    monkeypatch.setattr(reporting.builders, "build_pdf", taken_over)
    ReportRun.objects.filter(pk=run.pk).update(state="queued")
    report_run_build(run_id=run.pk, token="slow-task")

    client.force_login(evaluator)
    download = client.get(f"/reports/runs/{run.pk}/download/pdf/")
    assert b"".join(download.streaming_content) == b"%PDF-1.7 good\n"
    assert sorted(p.name for p in _report_folder(run).rglob("*.*")) == files_before


def test_the_recovery_command_says_what_it_did(reporting_round, broker, fast_pdf):
    run = queued_run(reporting_round)
    out = io.StringIO()
    call_command("recover_report_runs", stdout=out)
    assert f"dispatched: {run.pk}" in out.getvalue() and "failed: none" in out.getvalue()


def _exists(path: str) -> bool:
    import os

    return os.path.exists(path)


def _report_folder(run: ReportRun):
    from django.conf import settings

    return settings.MEDIA_ROOT / "reports" / f"round-{run.round_id}"
