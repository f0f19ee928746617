"""The API's measure list read as plain rows: a page of measures in four queries with .values() (no model instance, no serializer per object), in exactly the shape of
measures.api.serializers.MeasureSerializer (a test compares the two for every measure).

The list's conditional GET is decided from the measures' change markers before any of this
is read (measures.selectors.measure_list_marker)."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet
from rest_framework.fields import DateTimeField

from budgets.models import BudgetLine
from budgets.selectors import BUDGET_LINE_OPEN_DATA_FIELDS, budget_line_open_data
from measures.models import MeasureActor, MeasureMinister
from measures.rows import LIST_ROW_FIELDS
from measures.visibility import user_can_read_internal

# A list row's fields (measures.rows reads them for exports), and what the API adds.
_MEASURE_FIELDS = (*LIST_ROW_FIELDS, "notes", "version")
# The serializer's own field, so that times read exactly as on the other endpoints.
_TIMESTAMP = DateTimeField()


def _grouped(rows) -> dict[int, list[dict]]:
    """Rows (measure_id first) as lists per measure, in the rows' order."""
    groups: dict[int, list] = defaultdict(list)
    for row in rows:
        groups[row["measure_id"]].append(row)
    return groups


def _actor(row: dict) -> dict:
    return {
        "code": row["actor__code"],
        "name": row["actor__name"],
        "kind": row["actor__kind"],
        "role": row["role"],
    }


def _minister(row: dict) -> dict:
    return {"title": row["minister__title"], "portfolio": row["minister__portfolio__slug"]}


def measure_api_values(measures: QuerySet) -> QuerySet:
    """The list's queryset (measures.selectors.measure_list: filtered, ordered, its progress
    annotated for the reader) as the plain rows `measure_api_rows` reads; page it first."""
    return measures.prefetch_related(None).values(*_MEASURE_FIELDS)


@dataclass(frozen=True)
class MeasureRelations:
    """The actors, ministers and budget lines of some measures as plain rows, lists by
    measure id, each in the plan's order."""

    actors: dict[int, list[dict]]
    ministers: dict[int, list[dict]]
    budget_lines: dict[int, list[dict]]  # BUDGET_LINE_OPEN_DATA_FIELDS


def measure_relations(measure_ids: list[int]) -> MeasureRelations:
    """The relations of the measures `measure_ids` (a page of `measure_api_values`): three
    queries, however many measures."""
    # In the plan's order within each measure, without joining the measures again.
    links = {"measure_id__in": measure_ids}
    in_order = ("measure_id", "position")
    return MeasureRelations(
        actors=_grouped(
            MeasureActor.objects.filter(**links)
            .order_by(*in_order)
            .values("measure_id", "actor__code", "actor__name", "actor__kind", "role")
        ),
        ministers=_grouped(
            MeasureMinister.objects.filter(**links)
            .order_by(*in_order)
            .values("measure_id", "minister__title", "minister__portfolio__slug")
        ),
        budget_lines=_grouped(
            BudgetLine.objects.filter(**links)
            .order_by(*in_order)
            .values("measure_id", *BUDGET_LINE_OPEN_DATA_FIELDS)
        ),
    )


def measure_api_rows(page: list[dict], *, user) -> list[dict]:
    """A page of `measure_api_values` as the API gives it to `user` (`measure_relations`:
    three queries for the actors, ministers and budget lines of the page)."""
    reads_internal = user_can_read_internal(user)
    relations = measure_relations([measure["pk"] for measure in page])
    rows = []
    for measure in page:
        pk = measure["pk"]
        last_update = measure["visible_last_update_at"]
        rows.append(
            {
                "plan": measure["plan__code"],
                "code": measure["code"],
                "title": measure["title"],
                "plan_status": measure["plan_status"],
                "description": measure["description"],
                "action": measure["action__number"],
                "policy_line": measure["action__policy_line__number"],
                "actors": [_actor(row) for row in relations.actors.get(pk, ())],
                "ministers": [_minister(row) for row in relations.ministers.get(pk, ())],
                "budget_lines": [
                    budget_line_open_data(row) for row in relations.budget_lines.get(pk, ())
                ],
                "notes": list(measure["notes"]),
                "implementation_status": measure["visible_status"],
                "progress_percent": measure["visible_percent"],
                "last_update_at": _TIMESTAMP.to_representation(last_update)
                if last_update
                else None,
                "version": measure["version"] if reads_internal else None,
            }
        )
    return rows
