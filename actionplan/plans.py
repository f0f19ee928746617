"""Which plan: reads of plans alone, in the plan core, so that every app may use them."""

from django.db.models import QuerySet

from actionplan.models import Plan


def plan_list() -> QuerySet[Plan]:
    return Plan.objects.all()


def plan_get(*, code: str | None = None) -> Plan | None:
    """The plan with `code`, or the default plan when no code is given; None if there is none."""
    return Plan.objects.filter(code=code).first() if code else Plan.objects.default()
