"""Rounds and reports per plan, from the pages: a round opened for the second plan reports on
that plan's measures only; round pages name their plan and link to its measures."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from reporting.models import ReportingRound, ReportRun
from reporting.services import round_open, round_reminders_send
from tests.reporting.conftest import pdf_text, xlsx_cells

pytestmark = pytest.mark.django_db

ROUND_FORM = {
    "title": "Second plan, first half",
    "period_start": "2026-01-01",
    "period_end": "2026-06-30",
    "deadline": "2026-07-15",
}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def dates() -> dict:
    return {
        "period_start": datetime.date(2026, 1, 1),
        "period_end": datetime.date(2026, 6, 30),
        "deadline": datetime.date(2026, 7, 15),
    }


def download(client, run: ReportRun, kind: str) -> bytes:
    response = client.get(f"/reports/runs/{run.pk}/download/{kind}/")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_a_round_opened_for_the_second_plan_from_the_pages_reports_only_its_measures(
    client, evaluator, plan, second_plan, django_capture_on_commit_callbacks
):
    client.force_login(evaluator)
    form_page = client.get("/reports/", {"plan": second_plan.code}).content.decode()
    assert f'<option value="{second_plan.code}" selected>' in form_page

    opened = client.post("/reports/rounds/open/", {**ROUND_FORM, "plan": second_plan.code})
    reporting_round = ReportingRound.objects.get(title=ROUND_FORM["title"])
    assert opened.url == f"/reports/rounds/{reporting_round.pk}/"
    assert reporting_round.plan == second_plan
    client.post(f"/reports/rounds/{reporting_round.pk}/close/", {"confirm": "yes"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/reports/rounds/{reporting_round.pk}/runs/", {"edition": "internal"})
    run = ReportRun.objects.get(round=reporting_round)
    run.refresh_from_db()
    assert run.state == "done", run.error_message

    second_codes = set(second_plan.measures.values_list("code", flat=True))
    rows = list(csv.DictReader(io.StringIO(download(client, run, "csv").decode("utf-8-sig"))))
    assert {row["code"] for row in rows} == second_codes
    sheet = xlsx_cells(download(client, run, "xlsx"))["Measures"]
    assert {row[0] for row in sheet[1:]} == second_codes
    text = " ".join(pdf_text(download(client, run, "pdf")).split())
    only_second = second_plan.measures.get(code="1.9")
    assert f"1.9 {only_second.title}" in text
    first_plan_only = plan.measures.get(code="2.1").description_text[:60]
    assert " ".join(first_plan_only.split()) not in text
    assert second_plan.title in text and plan.title not in text


def test_with_two_plans_opening_a_round_asks_which_plan(client, evaluator, plan, second_plan):
    client.force_login(evaluator)

    response = client.post("/reports/rounds/open/", ROUND_FORM)

    assert response.status_code == 400
    assert response.context["form"].errors["plan"]
    assert not ReportingRound.objects.exists()


def test_each_plan_may_have_its_own_open_round(client, evaluator, plan, second_plan):
    round_open(plan=plan, title="First plan round", opened_by=evaluator, **dates())
    client.force_login(evaluator)

    response = client.get("/reports/")
    page = response.content.decode()
    choices = [choice.code for choice in response.context["form"].fields["plan"].queryset]
    opened = client.post("/reports/rounds/open/", {**ROUND_FORM, "plan": second_plan.code})

    assert choices == [second_plan.code]  # the first plan's round is open
    assert "First plan round" in page
    assert opened.status_code == 302
    assert set(ReportingRound.objects.values_list("plan__code", flat=True)) == {
        plan.code,
        second_plan.code,
    }


def test_the_rounds_list_narrows_to_one_plan_and_round_pages_name_their_plan(
    client, evaluator, plan, second_plan
):
    first = round_open(plan=plan, title="First plan round", opened_by=evaluator, **dates())
    second = round_open(plan=second_plan, title="Second plan round", opened_by=evaluator, **dates())
    client.force_login(evaluator)

    every_plan = client.get("/reports/").content.decode()
    only_second = client.get("/reports/", {"plan": second_plan.code}).content.decode()
    round_page = client.get(f"/reports/rounds/{second.pk}/").content.decode()

    assert "First plan round" in every_plan and "Second plan round" in every_plan
    assert "Second plan round" in only_second and "First plan round" not in only_second
    assert client.get("/reports/", {"plan": "no-such-plan"}).status_code == 404
    assert second_plan.title in round_page
    assert f'href="/reports/?plan={second_plan.code}"' in round_page
    # Measures without an update link to their own plan's pages, not the default plan's.
    assert f'href="/plans/{second_plan.code}/measures/1.9/"' in round_page
    assert 'href="/measures/1.9/"' not in round_page
    assert 'href="/measures/2.1/"' in client.get(f"/reports/rounds/{first.pk}/").content.decode()


def test_the_plan_list_links_each_plans_pages_and_rounds(client, evaluator, plan, second_plan):
    round_open(plan=second_plan, title="Second plan round", opened_by=evaluator, **dates())
    client.force_login(evaluator)

    response = client.get("/plans/")

    page = response.content.decode()
    assert response.status_code == 200
    assert [each.code for each in response.context["plans"]] == [plan.code, second_plan.code]
    assert f'<a href="/plans/{second_plan.code}/">{second_plan.title}</a>' in page
    assert f'<a href="/">{plan.title}</a>' in page
    assert f'href="/reports/?plan={second_plan.code}"' in page
    assert "Round “Second plan round” open until" in page
    assert str(second_plan.measures.count()) in page
    assert 'href="/plans/"' in client.get("/").content.decode()  # from the plan switcher


def test_the_plan_list_hides_rounds_from_visitors_without_a_role(client, plan):
    page = client.get("/plans/").content.decode()
    assert plan.title in page and "/reports/" not in page


def test_the_footer_names_the_pages_plan(client, plan, second_plan):
    def footer(path: str) -> str:
        page = client.get(path).content.decode()
        return page[page.index('<footer class="site-footer">') :]

    assert plan.title in footer("/") and second_plan.title not in footer("/")
    assert second_plan.title in footer(f"/plans/{second_plan.code}/")
    assert second_plan.title in footer(f"/plans/{second_plan.code}/measures/1.9/")
    assert plan.title in footer("/measures/5.10/")


def test_a_reminder_of_the_second_plans_round_links_that_plans_update_form(
    client, evaluator, coordinator, plan, second_plan, mailoutbox, settings
):
    settings.PORTAL_URL = "https://portal.example.org"
    round_open(plan=second_plan, title="Second plan, first half", opened_by=evaluator, **dates())

    round_reminders_send(now=timezone.make_aware(datetime.datetime(2026, 7, 6, 8, 0)))

    body = mailoutbox[0].body
    # WVG coordinates the second plan's 5.10: its form, not the first plan's 5.10.
    second_plans_form = f"https://portal.example.org/plans/{second_plan.code}/measures/5.10/"
    assert f"{second_plans_form}updates/new/" in body
    assert "https://portal.example.org/measures/5.10/" not in body
    client.force_login(coordinator)
    assert client.get(f"{second_plans_form}updates/new/").status_code == 200
