from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from actionplan.models import Plan

SECOND_PLAN_FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "second_plan.yaml"


@pytest.fixture
def second_plan(plan) -> Plan:
    """A small synthetic plan loaded beside the real one (tests/fixtures/second_plan.yaml)."""
    call_command("load_plan", str(SECOND_PLAN_FIXTURE), stdout=StringIO())
    return Plan.objects.get(code="synthetic-second-plan")
