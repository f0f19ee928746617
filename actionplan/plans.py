"""Which plan: reads of plans alone, in the plan core, so that every app may use them."""

from django.db.models import QuerySet

from actionplan.models import Plan


def plan_list() -> QuerySet[Plan]:
    return Plan.objects.all()


def plan_get(*, code: str | None = None) -> Plan | None:
    """The plan with `code`, or the first plan when no code is given; None if there is none."""
    plans = Plan.objects.all()
    return plans.filter(code=code).first() if code else plans.first()
