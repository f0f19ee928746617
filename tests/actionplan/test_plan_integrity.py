"""An action, its policy line and its measures share one plan: every save is checked, so the
admin, the loader, the API and the shell cannot mix two plans."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from actionplan.models import Action, Plan, PolicyLine
from measures.models import Measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_plan(plan) -> Plan:
    other = Plan.objects.create(
        code="other-plan",
        title="Another plan",
        government="Government of Flanders",
        adoption_year=2020,
        evaluation_due=datetime.date(2022, 1, 1),
    )
    line = PolicyLine.objects.create(plan=other, number=1, title="A line")
    Action.objects.create(plan=other, policy_line=line, number=5, title="An action")
    return other


def test_a_measure_cannot_move_to_an_action_of_another_plan(plan, other_plan):
    measure = Measure.objects.get(plan=plan, code="5.10")
    measure.action = other_plan.actions.get(number=5)
    with pytest.raises(ValidationError, match="another plan"):
        measure.save()
    assert Measure.objects.get(pk=measure.pk).action.plan == plan


def test_an_action_cannot_take_a_policy_line_of_another_plan(plan, other_plan):
    action = Action.objects.get(plan=plan, number=5)
    action.policy_line = other_plan.policy_lines.get()
    with pytest.raises(ValidationError, match="another plan"):
        action.save()


def test_an_action_or_line_cannot_leave_its_measures_plan(plan, other_plan):
    action = Action.objects.get(plan=plan, number=5)
    action.plan = other_plan
    with pytest.raises(ValidationError):
        action.save()
    line = PolicyLine.objects.get(plan=plan, number=1)
    line.plan = other_plan
    with pytest.raises(ValidationError, match="another plan"):
        line.save()


def test_the_admin_refuses_a_measure_under_another_plans_action(client, plan, other_plan):
    staff = get_user_model().objects.create_superuser("platform", "p@example.org", "pw-1234567!")
    client.force_login(staff)
    measure = Measure.objects.create(
        plan=other_plan,
        action=other_plan.actions.get(),
        code="5.1",
        plan_status="N",
        description="<p>A measure of the other plan.</p>",
    )
    form = client.get(f"/admin/measures/measure/{measure.pk}/change/").context["adminform"].form
    data = {
        **{name: form[name].value() for name in ["code", "plan_status", "description"]},
        "plan": other_plan.pk,
        "action": Action.objects.get(plan=plan, number=5).pk,
        "ministers_as_printed": "",
        "budget_as_printed": "",
        "notes": "[]",
    }
    for prefix in ["actor_links", "minister_links", "budget_lines"]:
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    response = client.post(f"/admin/measures/measure/{measure.pk}/change/", data)
    assert response.status_code == 200
    assert "The action belongs to another plan than the measure." in response.content.decode()
