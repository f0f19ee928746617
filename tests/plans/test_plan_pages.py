"""Each plan's pages under its own path; today's addresses mean the default plan."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils.html import escape

from measures.models import Measure, ProgressUpdate
from tests.measures.test_progress_pages import form_data
from tests.plans.conftest import SECOND_PLAN_FIXTURE

pytestmark = pytest.mark.django_db


def test_the_same_code_resolves_to_each_plans_measure_on_pages(client, plan, second_plan):
    default_page = client.get("/measures/5.10/")
    second_page = client.get(f"/plans/{second_plan.code}/measures/5.10/")
    assert default_page.context["measure"].plan == plan
    assert second_page.context["measure"].plan == second_plan
    assert "measure 5.10, with WVG and" in second_page.content.decode()
    assert "The second plan" not in default_page.content.decode()
    assert client.get(f"/plans/{plan.code}/measures/5.10/").context["measure"].pk == (
        default_page.context["measure"].pk
    )


def test_the_same_code_resolves_to_each_plans_measure_in_the_api(client, plan, second_plan):
    default = client.get("/api/v1/measures/5.10/").json()
    second = client.get("/api/v1/measures/5.10/", {"plan": second_plan.code}).json()
    assert (default["plan"], second["plan"]) == (plan.code, second_plan.code)
    assert second["description"] == second_plan.measures.get(code="5.10").description


def test_a_code_the_plan_lacks_and_an_unknown_plan_are_404(client, plan, second_plan):
    assert client.get(f"/plans/{second_plan.code}/measures/2.1/").status_code == 404
    assert client.get("/plans/no-such-plan/measures/5.10/").status_code == 404
    assert client.get("/plans/no-such-plan/").status_code == 404


def test_a_list_links_each_measure_to_its_own_plans_page(client, plan, second_plan):
    page = client.get("/measures/", {"q": "5.10"}).content.decode()
    assert 'href="/measures/5.10/"' in page
    assert f'href="/plans/{second_plan.code}/measures/5.10/"' in page


def test_each_plans_dashboard_tree_and_glossary(client, plan, second_plan):
    for path in ["", "plan/", "glossary/"]:
        response = client.get(f"/plans/{second_plan.code}/{path}")
        assert response.status_code == 200
        assert response.context["plan"] == second_plan
    tree = client.get(f"/plans/{second_plan.code}/plan/").content.decode()
    assert f'href="/plans/{second_plan.code}/measures/1.1/"' in tree
    assert client.get("/plan/").context["plan"] == plan


def test_each_plans_glossary_links_its_own_abbreviations(client, plan, second_plan):
    second = client.get(f"/plans/{second_plan.code}/measures/1.1/").content.decode()
    assert (
        f'<a class="glossary-term" href="/plans/{second_plan.code}/glossary/#abbreviation-synth">'
        in second
    )
    first = client.get("/measures/1.1/").content.decode()
    assert 'href="/glossary/#abbreviation-kb"' in first
    assert "abbreviation-synth" not in first
    # The second plan defines no "KB": its texts do not borrow the first plan's glossary.
    measure = second_plan.measures.get(code="1.1")
    measure.description = "<p>KB and SYNTH work together.</p>"
    measure.save()
    second = client.get(f"/plans/{second_plan.code}/measures/1.1/").content.decode()
    assert "abbreviation-kb" not in second
    assert "abbreviation-synth" in second


def test_a_progress_update_on_the_second_plans_measure_stays_in_that_plan(
    client, plan, second_plan
):
    admin = get_user_model().objects.create_superuser("root", "r@example.org", "pw-1234567!")
    client.force_login(admin)
    measure = second_plan.measures.get(code="5.10")
    page = client.get(f"/plans/{second_plan.code}/measures/5.10/").content.decode()
    create = f"/plans/{second_plan.code}/measures/5.10/updates/new/"
    assert f'href="{create}"' in page
    assert client.get(create).context["form"] is not None
    response = client.post(create, form_data(measure, narrative="Second plan's progress."))
    assert response.status_code == 302
    assert response["Location"].startswith(f"/plans/{second_plan.code}/measures/5.10/")
    [update] = ProgressUpdate.objects.filter(narrative="Second plan's progress.")
    assert update.measure == measure and update.measure.plan == second_plan
    assert not Measure.objects.get(plan=plan, code="5.10").progress_updates.exists()


def test_the_plan_switcher_shows_with_two_plans_and_marks_the_pages_plan(client, plan):
    assert 'class="plan-switcher"' not in client.get("/").content.decode()
    call_command("load_plan", str(SECOND_PLAN_FIXTURE), stdout=StringIO())
    page = client.get("/plans/synthetic-second-plan/measures/5.10/").content.decode()
    assert 'class="plan-switcher"' in page
    assert (
        '<a href="/plans/synthetic-second-plan/" aria-current="true">Synthetic second action plan</a>'
        in page
    )
    assert f'<a href="/">{plan.title}</a>' in page


def test_api_details_without_plan_mean_the_default_plan_as_the_pages_do(client, plan, second_plan):
    """The second plan has a measure 1.9 that the default plan lacks, and no action 3."""
    assert client.get("/api/v1/measures/1.9/").status_code == 404
    assert client.get("/measures/1.9/").status_code == 404
    assert client.get("/api/v1/measures/1.9/", {"plan": second_plan.code}).status_code == 200
    assert client.get(f"/plans/{second_plan.code}/measures/1.9/").status_code == 200
    assert client.get("/api/v1/actions/5/").json()["plan"] == plan.code
    assert client.get("/api/v1/actions/5/", {"plan": second_plan.code}).json()["plan"] == (
        second_plan.code
    )
    assert client.get("/api/v1/actions/3/", {"plan": second_plan.code}).status_code == 404


def test_each_plan_names_its_measures_by_its_own_titles(client, second_plan, plan):
    for measure, url in (
        (Measure.objects.get(plan=second_plan, code="5.10"), f"/plans/{second_plan.code}/"),
        (Measure.objects.get(plan=plan, code="5.10"), "/"),
    ):
        heading = escape(f"{measure.code} {measure.title}")
        assert f"<h1>{heading}" in client.get(f"{url}measures/5.10/").content.decode()


def test_a_plans_measure_list_address_leads_to_the_list_of_its_measures(client, plan, second_plan):
    response = client.get(f"/plans/{second_plan.code}/measures/", follow=True)
    assert response.redirect_chain[-1][0] == f"/measures/?plan={second_plan.code}"
    shown = {measure.code for measure in response.context["page_obj"]}
    assert shown == set(second_plan.measures.values_list("code", flat=True))
    assert client.get("/plans/no-such-plan/measures/").status_code == 404
