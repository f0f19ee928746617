"""The factories make what the database and the models' own checks accept, so a unit test can
build just the measure it needs."""

from decimal import Decimal

import pytest

from actors.models import Actor
from measures.models import Measure
from tests.factories import BudgetLineFactory, MeasureActorFactory, MeasureFactory

pytestmark = pytest.mark.django_db


def test_a_factory_measure_is_valid_and_apart_from_the_real_plan(plan):
    measure = MeasureFactory()
    measure.full_clean()
    assert measure.plan != plan
    assert measure.action.policy_line.plan == measure.plan
    assert not Measure.objects.filter(plan=plan, code=measure.code).exists()


def test_factory_links_and_budget_lines_belong_to_one_measure():
    link = MeasureActorFactory(role="partner")
    line = BudgetLineFactory(measure=link.measure, amount=Decimal("2500.50"))
    line.full_clean()
    assert list(link.measure.actors.all()) == [Actor.objects.get(pk=link.actor.pk)]
    assert list(link.measure.budget_lines.values_list("amount", flat=True)) == [Decimal("2500.50")]
