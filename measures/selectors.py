"""Reads of measures, shared by pages, exports, the API and reports."""

from django.db.models import Prefetch, QuerySet

from budgets.models import BudgetLine
from measures.models import Measure, MeasureActor, MeasureMinister


def measure_queryset_with_plan_data() -> QuerySet[Measure]:
    """Measures with everything `measure_open_data` reads, in a fixed number of queries."""
    return (
        Measure.objects.select_related("plan", "action__policy_line")
        .prefetch_related(
            Prefetch("actor_links", MeasureActor.objects.select_related("actor")),
            Prefetch("minister_links", MeasureMinister.objects.select_related("minister")),
            Prefetch("budget_lines", BudgetLine.objects.all()),
        )
        .in_code_order()
    )


def measure_open_data(measure: Measure) -> dict:
    """A measure as open data: the shape of `export_plan` and of the REST API."""
    return {
        "code": measure.code,
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
        "ministers": [{"title": link.minister.title} for link in measure.minister_links.all()],
        "budget_lines": [budget_line_open_data(line) for line in measure.budget_lines.all()],
        "notes": list(measure.notes),
    }


def budget_line_open_data(line: BudgetLine) -> dict:
    return {
        "amount": None if line.amount is None else str(line.amount),
        "currency": line.currency,
        "unit": line.unit,
        "fte": None if line.fte is None else str(line.fte),
        "recurrence": line.recurrence or None,
        "period_start": line.period_start,
        "period_end": line.period_end,
        "label": line.label,
        "regular_resources": line.regular_resources,
        "source_text": line.source_text,
    }
