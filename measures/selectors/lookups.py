"""One measure or update for its pages, and the measures a coordinator keeps up to date."""

from django.db.models import QuerySet

from actionplan.models import Plan
from measures.models import Measure, ProgressUpdate
from measures.selectors.measure_list import measure_list_for


def measure_get(*, code: str, user, plan_code: str | None = None) -> Measure | None:
    """The measure `code` of the plan `plan_code` (of the default plan without one), with its
    plan data and the progress `user` may see; None if there is none."""
    in_plan = {"plan__code": plan_code} if plan_code else {"plan": Plan.objects.default()}
    return measure_list_for(user=user).filter(code=code, **in_plan).first()


def progress_update_get(*, measure: Measure, update_id: int) -> ProgressUpdate | None:
    """The update `update_id` of `measure`; None if the measure has no such update."""
    return ProgressUpdate.objects.filter(measure=measure, pk=update_id).first()


def measure_list_mine(*, user) -> QuerySet[Measure]:
    """The measures `user` may update, with the progress they see, in code order."""
    return (
        Measure.objects.modifiable_by(user)
        .with_visible_progress(user)
        .select_related("action")
        .in_code_order()
    )
