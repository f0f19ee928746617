"""Reads of the plan: the list of plans, its tree, its glossary (the open-data document:
actionplan.open_data)."""

import re
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.text import slugify

from actionplan.models import Action, GlossaryEntry, Plan, PolicyLine
from actionplan.open_data import plan_export  # noqa: F401 (its former home; callers still import it here)
from measures.models import Measure
from reporting.models import ReportingRound

# The plan tree shows at most this many measures under an action, and links to the measure
# list for the rest; a plan of more than TREE_MEASURES_UP_TO measures shows its policy lines
# and actions only, each action linking to its measures, so that the page stays small (and
# quick) however many measures the plan has.
TREE_MEASURES_PER_ACTION = 25
TREE_MEASURES_UP_TO = 200


def plan_index() -> QuerySet[Plan]:
    """Every plan, the default plan first, with its number of measures and its open reporting
    round (`open_rounds`, empty or one), for the list of plans (/plans/)."""
    open_rounds = ReportingRound.objects.filter(state=ReportingRound.State.OPEN)
    return (
        Plan.objects.order_by("adoption_year", "code")
        .annotate(measure_count=Count("measures"))
        .prefetch_related(Prefetch("reporting_rounds", open_rounds, to_attr="open_rounds"))
    )


@dataclass
class PlanTree:
    """Policy lines with their actions, each with its `measure_count` and `shown_measures`."""

    policy_lines: list
    measure_count: int = 0

    @property
    def shows_measures(self) -> bool:
        return self.measure_count <= TREE_MEASURES_UP_TO


def plan_tree(*, plan: Plan | None, user) -> PlanTree:
    """The plan's policy lines and actions, each action with its `measure_count` and, unless
    the plan has more than TREE_MEASURES_UP_TO measures, its first TREE_MEASURES_PER_ACTION
    measures as `shown_measures` (with the progress `user` may see)."""
    if plan is None:
        return PlanTree([])
    lines = list(
        plan.policy_lines.prefetch_related(
            Prefetch("actions", Action.objects.annotate(measure_count=Count("measures")))
        )
    )
    actions = [action for line in lines for action in line.actions.all()]
    tree = PlanTree(lines, sum(action.measure_count for action in actions))
    shown: dict[int, list[Measure]] = {}
    if tree.shows_measures:
        first_of_action = (
            Measure.objects.filter(plan=plan)
            .with_visible_progress(user)
            .annotate(
                place=Window(
                    RowNumber(), partition_by=F("action_id"), order_by=["action_number", "number"]
                )
            )
            .filter(place__lte=TREE_MEASURES_PER_ACTION)
            .in_code_order()
        )
        for measure in first_of_action:
            shown.setdefault(measure.action_id, []).append(measure)
    for action in actions:
        action.shown_measures = shown.get(action.pk, [])
    return tree


def policy_line_list() -> QuerySet[PolicyLine]:
    """Policy lines of every plan, with their actions' numbers at hand."""
    return PolicyLine.objects.select_related("plan").prefetch_related(
        Prefetch("actions", Action.objects.order_by("number"))
    )


def action_list() -> QuerySet[Action]:
    """Actions of every plan, with their policy line and their measures' codes at hand."""
    return Action.objects.select_related("plan", "policy_line").prefetch_related(
        Prefetch("measures", Measure.objects.in_code_order().only("id", "code", "action_id"))
    )


def glossary_entry_list() -> QuerySet[GlossaryEntry]:
    return GlossaryEntry.objects.select_related("plan", "actor")


# --- The glossary ---------------------------------------------------------------------------


def glossary_anchor(entry: GlossaryEntry) -> str:
    """The entry's id on the glossary page: "abbreviation-wvg", "concept-polarisation"."""
    return f"{entry.kind}-{slugify(entry.term.replace('&', '-and-'))}"


def glossary_list(*, plan: Plan | None) -> dict[str, list[GlossaryEntry]]:
    """The plan's concepts and abbreviations in printed order, each with its `anchor`."""
    if plan is None:
        return {"concepts": [], "abbreviations": []}
    entries = list(
        GlossaryEntry.objects.filter(plan=plan).select_related("actor").order_by("position")
    )
    for entry in entries:
        entry.anchor = glossary_anchor(entry)
    return {
        "concepts": [e for e in entries if e.kind == GlossaryEntry.Kind.CONCEPT],
        "abbreviations": [e for e in entries if e.kind == GlossaryEntry.Kind.ABBREVIATION],
    }


def glossary_short_forms() -> dict[int, dict[str, tuple[str, str]]]:
    """Per plan id, {"WVG": (anchor, definition), "LIVC": (...), ...}: the abbreviations of the
    plan's glossary, and those a concept is named by ("LIVC (Local Integrated Security Cell)",
    "National Task Force (NTF)"), for linking them where they appear in that plan's texts (each
    plan links its own abbreviations only). One query, however many plans."""
    by_plan: dict[int, dict[str, tuple[str, str]]] = {}
    for entry in GlossaryEntry.objects.order_by("plan_id", "kind", "position"):
        forms = by_plan.setdefault(entry.plan_id, {})
        anchor = glossary_anchor(entry)
        if entry.kind == GlossaryEntry.Kind.ABBREVIATION:
            forms.setdefault(entry.term, (anchor, entry.definition))
            continue
        named = re.match(r"^([A-Z]{2,})\s*\(", entry.term) or re.search(
            r"\(([A-Z]{2,})\)$", entry.term
        )
        if named:
            forms.setdefault(named.group(1), (anchor, entry.term))
    return by_plan
