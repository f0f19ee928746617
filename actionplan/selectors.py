"""Reads of the plan: which plan, and the whole plan as one open-data document."""

from django.db.models import Prefetch, QuerySet

from actionplan.models import Action, GlossaryEntry, Plan
from measures.models import Measure
from measures.selectors import measure_open_data, measure_queryset_with_plan_data


def plan_list() -> QuerySet[Plan]:
    return Plan.objects.all()


def plan_get(*, code: str | None = None) -> Plan | None:
    """The plan with `code`, or the first plan when no code is given; None if there is none."""
    plans = Plan.objects.all()
    return plans.filter(code=code).first() if code else plans.first()


def plan_export(*, plan: Plan) -> dict:
    """The whole plan as one JSON-ready document (the plan as open data)."""
    return {
        "plan": {
            "code": plan.code,
            "title": plan.title,
            "subtitle": plan.subtitle,
            "government": plan.government,
            "adoption_year": plan.adoption_year,
            "evaluation_due": plan.evaluation_due.isoformat(),
            "evaluation_due_text": plan.evaluation_due_text,
            "introduction": plan.introduction,
            "notes": list(plan.notes),
        },
        "policy_lines": [
            {"number": line.number, "title": line.title} for line in plan.policy_lines.all()
        ],
        "actions": [
            {
                "number": action.number,
                "title": action.title,
                "policy_line": action.policy_line.number,
            }
            for action in plan.actions.select_related("policy_line")
        ],
        "measures": [
            measure_open_data(measure)
            for measure in measure_queryset_with_plan_data().filter(plan=plan)
        ],
        "glossary": [
            {
                "term": entry.term,
                "kind": entry.kind,
                "definition": entry.definition,
                "footnote": entry.footnote,
                "actor": entry.actor.code if entry.actor else None,
            }
            for entry in GlossaryEntry.objects.filter(plan=plan).select_related("actor")
        ],
    }


def plan_tree(*, plan: Plan | None, user) -> list:
    """Policy lines with their actions and measures (with the progress `user` may see)."""
    if plan is None:
        return []
    measures = Measure.objects.with_visible_progress(user).in_code_order()
    actions = Action.objects.prefetch_related(Prefetch("measures", queryset=measures))
    return list(plan.policy_lines.prefetch_related(Prefetch("actions", queryset=actions)))
