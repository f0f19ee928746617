"""Filters whose numbers mean one plan's policy lines and actions: the chosen plan's, or the
default plan's when none is chosen (as today's addresses do)."""

import re

import pytest

from actionplan.models import Plan
from measures.models import Measure
from measures.selectors import measure_list, measure_list_facets

pytestmark = pytest.mark.django_db


def listed(**params) -> list[tuple[str, str]]:
    return [(m.plan.code, m.code) for m in measure_list(params=params, user=None).measures]


def test_the_second_plan_is_loaded_beside_the_first_without_touching_it(plan, second_plan):
    assert Plan.objects.default() == plan
    assert Measure.objects.filter(code="5.10").count() == 2
    assert second_plan.measures.count() == 3


def test_a_policy_line_filter_returns_only_that_plans_measures(plan, second_plan):
    assert listed(plan=second_plan.code, policy_line="2") == [(second_plan.code, "5.10")]
    first = listed(policy_line="2")
    expected = Measure.objects.filter(plan=plan, action__policy_line__number=2).count()
    assert len(first) == expected
    assert {code for code, _measure in first} == {plan.code}


def test_an_action_filter_returns_only_that_plans_measures(plan, second_plan):
    assert listed(plan=second_plan.code, action="5") == [(second_plan.code, "5.10")]
    assert {code for code, _measure in listed(action="5")} == {plan.code}


def test_a_number_the_chosen_plan_lacks_is_an_error_on_its_parameter(plan, second_plan):
    result = measure_list(params={"plan": second_plan.code, "policy_line": "3"}, user=None)
    assert "There is no policy line 3 in this plan." in str(result.errors["policy_line"])


def test_the_policy_line_facet_offers_the_chosen_plans_lines(plan, second_plan):
    result = measure_list(params={"plan": second_plan.code}, user=None)
    facets = measure_list_facets(result=result)
    options = [(o.value, o.label, o.count) for o in facets["policy_line"].options]
    assert options == [("1", "1. Synthetic line one", 2), ("2", "2. Synthetic line two", 1)]


def test_the_api_plan_parameter_scopes_the_numbers(client, plan, second_plan):
    body = client.get("/api/v1/measures/", {"plan": second_plan.code, "policy_line": "2"}).json()
    assert [(m["plan"], m["code"]) for m in body["results"]] == [(second_plan.code, "5.10")]


def test_exports_hold_the_chosen_plans_measures_for_its_numbers(client, plan, second_plan):
    from tests.measures.test_exports import csv_rows, xlsx_workbook

    second = csv_rows(client, f"plan={second_plan.code}&policy_line=2")
    first = csv_rows(client, "policy_line=2")

    assert [row["code"] for row in second] == ["5.10"]
    assert "The second plan's measure 5.10" in second[0]["description"]
    expected = Measure.objects.filter(plan=plan, action__policy_line__number=2).count()
    assert len(first) == expected
    assert all("second plan" not in row["description"] for row in first)
    sheet = xlsx_workbook(client, f"plan={second_plan.code}").worksheets[0]
    codes = {
        row[0]
        for row in sheet.iter_rows(values_only=True)
        if re.fullmatch(r"\d+\.\d+", str(row[0] or ""))
    }
    assert codes == set(second_plan.measures.values_list("code", flat=True))


def test_a_coordinators_rights_follow_their_actors_into_the_second_plan(
    plan, second_plan, coordinator
):
    from measures.permissions import measure_can_update

    assert measure_can_update(coordinator, second_plan.measures.get(code="5.10"))  # WVG's
    assert not measure_can_update(coordinator, second_plan.measures.get(code="1.1"))  # SYNTH's
