"""The template for adding a plan is a valid fixture: it loads as a plan of its own."""

from io import StringIO

import pytest
import yaml
from django.conf import settings
from django.core.management import CommandError, call_command

from actionplan.models import Plan
from actionplan.plan_fixture import read_plan_fixture

pytestmark = pytest.mark.django_db

TEMPLATE = settings.PLAN_FIXTURE.parent / "plan-template.yaml"


def test_the_template_loads_as_a_new_plan_beside_the_real_one(plan):
    fixture = read_plan_fixture(TEMPLATE)
    call_command("load_plan", str(TEMPLATE), stdout=StringIO())
    added = Plan.objects.get(code=fixture.plan.code)
    assert [m.code for m in added.measures.all()] == [m.code for m in fixture.measures]
    assert Plan.objects.default() == plan


def test_a_copy_of_the_template_with_a_mistake_names_its_row(tmp_path, plan):
    document = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
    document["measures"][0]["ministers_as_printed"] = "Minister for Nowhere"
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))
    with pytest.raises(CommandError, match="'Minister for Nowhere' belongs to no portfolio"):
        call_command("load_plan", str(path), stdout=StringIO())
    assert not Plan.objects.filter(code=document["plan"]["code"]).exists()
