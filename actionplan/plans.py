"""Which plan: reads of plans alone, in the plan core, so that every app may use them."""

from django.db.models import QuerySet
from django.urls import reverse

from actionplan.models import Plan


def plan_list() -> QuerySet[Plan]:
    return Plan.objects.all()


def plan_get(*, code: str | None = None) -> Plan | None:
    """The plan with `code`, or the default plan when no code is given; None if there is none."""
    return Plan.objects.filter(code=code).first() if code else Plan.objects.default()


def measure_path(measure, page: str = "detail", *args, default_plan_id: int | None) -> str:
    """A measure's page (or "update-create", "update-edit" pk) at today's address for the
    default plan's measures, under /plans/<code>/ for another plan's."""
    if measure.plan_id == default_plan_id:
        return reverse(f"measures:{page}", args=[measure.code, *args])
    return reverse(f"plan-measures:{page}", args=[measure.plan.code, measure.code, *args])
