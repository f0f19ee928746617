"""The reports pages: who may see, write and download what; bad input gives clear errors."""

import datetime

import pytest
from django.utils import timezone

from reporting.models import Edition, ReportingRound, ReportRun
from reporting.services import report_run_build, report_run_request, round_open
from tests.reporting.conftest import FIRST_HALF, SECOND_HALF, closed_round

pytestmark = pytest.mark.django_db

OPEN_FORM = {
    "title": "First half of 2026",
    "period_start": "2026-01-01",
    "period_end": "2026-06-30",
    "deadline": "2026-07-15",
}


@pytest.fixture
def done_runs(plan, platform_admin, fast_pdf):
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)
    runs = {}
    for edition in Edition.values:
        run, _ = report_run_request(reporting_round=reporting_round, edition=edition, queue=False)
        runs[edition] = report_run_build(run_id=run.pk)
    return runs


@pytest.mark.parametrize(
    "url",
    ["/reports/", "/reports/rounds/1/", "/reports/runs/1/", "/reports/runs/1/download/pdf/"],
)
def test_anonymous_visitors_are_sent_to_sign_in(client, plan, url):
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.parametrize(
    "url",
    [
        "/reports/rounds/open/",
        "/reports/rounds/1/close/",
        "/reports/rounds/1/remind/",
        "/reports/rounds/1/runs/",
        "/reports/runs/1/rebuild/",
    ],
)
@pytest.mark.parametrize("role", ["coordinator", "ministry_viewer", "member_without_role"])
def test_only_evaluators_and_platform_admins_may_write(client, request, done_runs, url, role):
    client.force_login(request.getfixturevalue(role))
    assert client.post(url, OPEN_FORM).status_code == 403
    assert ReportingRound.objects.count() == 1


def test_the_reports_page_offers_an_evaluator_to_open_a_round_and_a_coordinator_not(
    client, evaluator, coordinator
):
    client.force_login(evaluator)
    page = client.get("/reports/").content.decode()
    assert "Open a reporting round" in page and 'href="/reports/"' in page  # nav link
    client.force_login(coordinator)
    page = client.get("/reports/").content.decode()
    assert "Open a reporting round" not in page and "Reporting rounds" in page


def test_an_evaluator_opens_and_closes_a_round(client, evaluator):
    client.force_login(evaluator)
    response = client.post("/reports/rounds/open/", OPEN_FORM)
    reporting_round = ReportingRound.objects.get()
    assert response.status_code == 302 and response.url == f"/reports/rounds/{reporting_round.pk}/"
    assert reporting_round.opened_by == evaluator and reporting_round.is_open

    response = client.post(
        f"/reports/rounds/{reporting_round.pk}/close/", {"confirm": "yes"}, follow=True
    )
    reporting_round.refresh_from_db()
    assert reporting_round.is_closed and reporting_round.closed_by == evaluator
    page = response.content.decode()
    assert "is closed" in page and "The snapshot holds 62 measures." in page

    again = client.post(
        f"/reports/rounds/{reporting_round.pk}/close/", {"confirm": "yes"}, follow=True
    )
    assert "This round is already closed." in again.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**OPEN_FORM, "period_end": "2025-12-31"}, "The period cannot end before it starts."),
        ({**OPEN_FORM, "deadline": "2025-01-01"}, "The deadline cannot fall before the period"),
        ({**OPEN_FORM, "period_start": "not a date"}, "Enter a valid date."),
        ({**OPEN_FORM, "title": ""}, "This field is required."),
    ],
)
def test_a_bad_round_form_says_what_is_wrong(client, evaluator, data, message):
    client.force_login(evaluator)
    response = client.post("/reports/rounds/open/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReportingRound.objects.exists()


def test_a_second_open_round_is_refused_with_a_message(client, evaluator, plan):
    round_open(
        plan=plan,
        title="Open",
        period_start=FIRST_HALF[0],
        period_end=FIRST_HALF[1],
        deadline=FIRST_HALF[1],
        opened_by=evaluator,
    )
    client.force_login(evaluator)
    response = client.post("/reports/rounds/open/", {**OPEN_FORM, "title": "Another"})
    assert response.status_code == 400
    assert "A round is already open" in response.content.decode()


def test_requesting_a_report_shows_its_run_with_downloads_when_done(
    client, evaluator, plan, platform_admin, fast_pdf, django_capture_on_commit_callbacks
):
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)
    client.force_login(evaluator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/reports/rounds/{reporting_round.pk}/runs/", {"edition": "public"})
    run = ReportRun.objects.get()
    assert response.status_code == 302 and response.url == f"/reports/runs/{run.pk}/"

    page = client.get(response.url).content.decode()
    assert "Done" in page and "data-poll-seconds" not in page
    assert f"/reports/runs/{run.pk}/download/pdf/" in page
    assert f"/reports/runs/{run.pk}/download/xlsx/" in page
    download = client.get(f"/reports/runs/{run.pk}/download/pdf/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert 'attachment; filename="' in download["Content-Disposition"]

    again = client.post(
        f"/reports/rounds/{reporting_round.pk}/runs/", {"edition": "public"}, follow=True
    )
    assert "This report was requested before" in again.content.decode()
    assert ReportRun.objects.count() == 1


def test_a_run_page_follows_the_build_while_the_report_is_built(
    client, evaluator, plan, platform_admin
):
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)
    run, _ = report_run_request(reporting_round=reporting_round, edition="public", queue=False)
    ReportRun.objects.filter(pk=run.pk).update(
        state="building", progress_percent=40, heartbeat_at=timezone.now()
    )
    client.force_login(evaluator)
    page = client.get(f"/reports/runs/{run.pk}/").content.decode()
    assert 'data-poll-seconds="3"' in page  # the page follows the build
    assert 'value="40"' in page and "Building" in page
    assert "download/pdf" not in page


def test_a_failed_run_page_says_why_without_the_error_text_and_offers_to_build_again(
    client,
    evaluator,
    ministry_viewer,
    plan,
    platform_admin,
    fast_pdf,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    import reporting.builders

    def broken(content):
        raise ValueError("INTERNAL-ONLY-91be: the cabinet has not approved the budget")

    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)
    run, _ = report_run_request(reporting_round=reporting_round, edition="internal", queue=False)
    with monkeypatch.context() as patched:
        patched.setattr(reporting.builders, "build_xlsx", broken)
        report_run_build(run_id=run.pk)
    client.force_login(ministry_viewer)
    page = client.get(f"/reports/runs/{run.pk}/").content.decode()
    assert "The report could not be built." in page
    assert "An unexpected error stopped the build" in page
    assert "INTERNAL-ONLY-91be" not in page and "Build again" not in page
    client.force_login(evaluator)
    page = client.get(f"/reports/runs/{run.pk}/").content.decode()
    assert "An unexpected error stopped the build" in page and "Build again" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/reports/runs/{run.pk}/rebuild/")
    run.refresh_from_db()
    assert run.state == "done"


@pytest.mark.parametrize(
    "url",
    [
        "/reports/",
        "/reports/rounds/{round}/",
        "/reports/rounds/{open_round}/",
        "/reports/runs/{public}/",
        "/reports/runs/{public}/download/csv/",
        "/reports/runs/{internal}/download/pdf/",
    ],
)
def test_a_signed_in_user_without_a_portal_role_sees_no_report(
    client, done_runs, member_without_role, evaluator, plan, url
):
    open_round = round_open(
        plan=plan,
        title="Open",
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 11, 28),
        deadline=datetime.date(2026, 12, 15),
        opened_by=evaluator,
    )
    ids = {
        "round": done_runs["public"].round_id,
        "open_round": open_round.pk,
        "public": done_runs["public"].pk,
        "internal": done_runs["internal"].pk,
    }
    client.force_login(member_without_role)
    assert client.get(url.format(**ids)).status_code == 403


@pytest.mark.parametrize("role", ["coordinator", "ministry_viewer", "evaluator", "platform_admin"])
def test_every_portal_role_sees_rounds_and_downloads_both_editions(
    client, request, done_runs, role
):
    client.force_login(request.getfixturevalue(role))
    internal, public = done_runs["internal"], done_runs["public"]
    assert client.get(f"/reports/rounds/{internal.round_id}/").status_code == 200
    assert "download/pdf" in client.get(f"/reports/runs/{internal.pk}/").content.decode()
    assert client.get(f"/reports/runs/{internal.pk}/download/xlsx/").status_code == 200
    assert client.get(f"/reports/runs/{public.pk}/download/csv/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/reports/rounds/999/",
        "/reports/runs/999/",
        "/reports/runs/999/download/pdf/",
        "/reports/runs/{run}/download/exe/",
        "/reports/rounds/abc/",
    ],
)
def test_unknown_rounds_runs_and_files_are_not_found(client, evaluator, done_runs, url):
    client.force_login(evaluator)
    assert client.get(url.format(run=done_runs["public"].pk)).status_code == 404


def test_an_unknown_edition_or_an_open_round_gives_a_clear_error(
    client, evaluator, plan, platform_admin
):
    closed = closed_round(plan, platform_admin, FIRST_HALF)
    client.force_login(evaluator)
    response = client.post(f"/reports/rounds/{closed.pk}/runs/", {"edition": "secret"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()

    reporting_round = round_open(
        plan=plan,
        title="Open",
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 11, 28),
        deadline=datetime.date(2026, 12, 15),
        opened_by=evaluator,
    )
    response = client.post(
        f"/reports/rounds/{reporting_round.pk}/runs/", {"edition": "public"}, follow=True
    )
    assert "Close the round before building its report." in response.content.decode()
    assert not ReportRun.objects.exists()


def test_an_invalid_report_request_on_an_open_round_is_a_400(client, evaluator, plan):
    reporting_round = round_open(
        plan=plan,
        title="Open",
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 11, 28),
        deadline=datetime.date(2026, 12, 15),
        opened_by=evaluator,
    )
    client.force_login(evaluator)
    for data in ({"edition": "secret"}, {}):
        response = client.post(f"/reports/rounds/{reporting_round.pk}/runs/", data)
        assert response.status_code == 400
        assert "Close the round before building its report." in response.content.decode()
    assert not ReportRun.objects.exists()


def test_reminders_can_be_sent_from_the_round_page(
    client, evaluator, coordinator, plan, mailoutbox, django_capture_on_commit_callbacks
):
    reporting_round = round_open(
        plan=plan,
        title="Open",
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 11, 28),
        deadline=datetime.date(2026, 12, 15),
        opened_by=evaluator,
    )
    client.force_login(evaluator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/reports/rounds/{reporting_round.pk}/remind/", follow=True)
    assert "Reminders are on their way" in response.content.decode()
    assert [mail.to for mail in mailoutbox] == [[coordinator.email]]


def test_reminders_are_not_sent_from_a_closed_round_page(
    client, evaluator, coordinator, plan, mailoutbox, django_capture_on_commit_callbacks
):
    reporting_round = closed_round(plan, evaluator, SECOND_HALF)
    client.force_login(evaluator)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        response = client.post(f"/reports/rounds/{reporting_round.pk}/remind/", follow=True)
    assert "Reminders are only sent while a round is open." in response.content.decode()
    assert not queued and mailoutbox == []
