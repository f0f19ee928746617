"""Platform staff can work on the plan in the admin."""

import pytest
from django.contrib.auth import get_user_model

from measures.models import Measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser("platform", "p@example.org", "pw-123456!")
    client.force_login(user)
    return client


def test_measure_page_shows_actors_ministers_and_budget_lines_on_one_page(staff_client, plan):
    measure = Measure.objects.get(plan=plan, code="12.1")
    response = staff_client.get(f"/admin/measures/measure/{measure.pk}/change/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Studio Globo: 1 FTE" in content
    assert "Kazerne Dossin" in content
    assert "Minister for Education" in content


def test_measure_search_finds_by_actor(staff_client, plan):
    response = staff_client.get("/admin/measures/measure/", {"q": "Mediawijs"})
    assert response.status_code == 200
    listed = response.context["cl"].result_list
    assert {m.code for m in listed} == {"12.3", "14.4", "14.5"}  # 12.3 names it in its text


@pytest.mark.parametrize(
    "url",
    [
        "/admin/actionplan/plan/",
        "/admin/actionplan/policyline/",
        "/admin/actionplan/action/",
        "/admin/actionplan/glossaryentry/",
        "/admin/actors/actor/",
        "/admin/actors/minister/",
        "/admin/budgets/budgetline/",
        "/admin/measures/measure/?plan_status__exact=N",
    ],
)
def test_every_admin_list_opens(staff_client, plan, url):
    assert staff_client.get(url).status_code == 200


def test_anonymous_visitor_is_sent_to_the_admin_login(client, plan):
    response = client.get("/admin/measures/measure/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_without_the_measure_rule_cannot_change_another_actors_budget(client, plan):
    from django.contrib.auth.models import Permission

    from budgets.models import BudgetLine
    from tests.factories import make_user

    coordinator = make_user("staff-coord", "coordinator", ("OV",))
    coordinator.is_staff = True
    coordinator.save()
    coordinator.user_permissions.set(
        Permission.objects.filter(codename__in=["change_budgetline", "view_budgetline"])
    )
    client.force_login(coordinator)
    own = BudgetLine.objects.get(measure__code="12.3")  # OV's
    other = BudgetLine.objects.get(measure__code="5.8")  # WVG's
    assert client.get(f"/admin/budgets/budgetline/{own.pk}/change/").context[
        "has_change_permission"
    ]
    assert not client.get(f"/admin/budgets/budgetline/{other.pk}/change/").context[
        "has_change_permission"
    ]
