"""A measure as open data, and the queryset that reads it in a fixed number of queries."""

from django.db.models import Prefetch, QuerySet

from budgets.models import BudgetLine
from budgets.selectors import budget_line_open_data
from measures.models import Measure, MeasureActor, MeasureMinister


def measure_plan_data_prefetches() -> list[Prefetch]:
    """A measure's actors, ministers and budget lines, each in one query for all measures."""
    return [
        Prefetch("actor_links", MeasureActor.objects.select_related("actor")),
        Prefetch("minister_links", MeasureMinister.objects.select_related("minister__portfolio")),
        Prefetch("budget_lines", BudgetLine.objects.all()),
    ]


def measure_queryset_with_plan_data() -> QuerySet[Measure]:
    """Measures with everything `measure_open_data` reads, in a fixed number of queries."""
    return (
        Measure.objects.select_related("plan", "action__policy_line")
        # The plan's long texts are never shown with a measure: not read once per measure.
        .defer("plan__introduction", "plan__source_text", "plan__notes")
        .prefetch_related(*measure_plan_data_prefetches())
        .in_code_order()
    )


def measure_open_data(measure: Measure) -> dict:
    """A measure as open data: the shape of `export_plan` and of the REST API."""
    return {
        "code": measure.code,
        "title": measure.title,
        "plan_status": measure.plan_status,
        "description": measure.description,
        "action": measure.action.number,
        "policy_line": measure.action.policy_line.number,
        "actors": [
            {
                "code": link.actor.code,
                "name": link.actor.name,
                "kind": link.actor.kind,
                "role": link.role,
            }
            for link in measure.actor_links.all()
        ],
        "ministers": [
            {
                "title": link.minister.title,
                "portfolio": getattr(link.minister.portfolio, "slug", None),
            }
            for link in measure.minister_links.all()
        ],
        "budget_lines": [budget_line_open_data(line) for line in measure.budget_lines.all()],
        "notes": list(measure.notes),
    }
