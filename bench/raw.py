"""The benchmark's baseline: the fields of the API's measure list dumped with .values() and
the same JSON encoder (orjson), with nothing else (no filters, permissions, pagination links
or conditional GET). The API list's time over this one is its overhead."""

import orjson
from django.http import HttpResponse

from budgets.models import BudgetLine
from budgets.selectors import BUDGET_LINE_OPEN_DATA_FIELDS
from measures.models import Measure, MeasureActor, MeasureMinister

FIELDS = (
    "pk",
    "plan__code",
    "code",
    "title",
    "plan_status",
    "description",
    "action__number",
    "action__policy_line__number",
    "notes",
    "public_implementation_status",
    "public_progress_percent",
    "public_last_update_at",
)


def raw_measures(request) -> HttpResponse:
    """`?page_size=` measures in code order with their actors, ministers and budget lines."""
    size = int(request.GET.get("page_size", 100))
    measures = list(
        Measure.objects.order_by("plan_id", "action_number", "number")[:size].values(*FIELDS)
    )
    ids = [measure["pk"] for measure in measures]
    related = {}
    for name, queryset, fields in (
        ("actors", MeasureActor.objects, ("actor__code", "actor__name", "actor__kind", "role")),
        ("ministers", MeasureMinister.objects, ("minister__title",)),
        ("budget_lines", BudgetLine.objects, BUDGET_LINE_OPEN_DATA_FIELDS),
    ):
        rows = queryset.filter(measure_id__in=ids).order_by("measure_id", "position")
        for row in rows.values("measure_id", *fields):
            related.setdefault((name, row.pop("measure_id")), []).append(row)
    for measure in measures:
        for name in ("actors", "ministers", "budget_lines"):
            measure[name] = related.get((name, measure["pk"]), [])
    body = orjson.dumps(measures, default=str)
    return HttpResponse(body, content_type="application/json")
