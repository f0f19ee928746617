from django.db.models import Max
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view

from actionplan.api.base import (
    CONDITIONAL_PARAMETERS,
    FORMAT_PARAMETER,
    ReadOnlyApiViewSet,
    detail_responses,
    list_responses,
)
from actionplan.api.filters import PlanFilter, UpdatedSinceFilter
from budgets.api.filters import BudgetLineFilterSet
from budgets.api.serializers import BudgetLineSerializer
from budgets.models import BudgetLine


@extend_schema_view(
    list=extend_schema(
        summary="List budget lines",
        description="Every budget line of every measure, in code order: euro amounts (as "
        "decimal strings), FTE, or within the regular resources, with the plan's wording. "
        "`updated_since` lists the lines of the measures that changed after a moment (a "
        "line added, changed or removed changes its measure); `Last-Modified` follows the "
        "same timestamp. Removed lines are not listed: follow /api/v1/changes/.",
        parameters=[FORMAT_PARAMETER, *CONDITIONAL_PARAMETERS],
        responses=list_responses(BudgetLineSerializer),
    ),
    retrieve=extend_schema(
        summary="Get a budget line",
        parameters=CONDITIONAL_PARAMETERS,
        responses=detail_responses(BudgetLineSerializer),
    ),
)
class BudgetLineViewSet(ReadOnlyApiViewSet):
    serializer_class = BudgetLineSerializer
    filter_backends = [PlanFilter, DjangoFilterBackend, UpdatedSinceFilter]
    filterset_class = BudgetLineFilterSet
    # Everyone sees budget lines alike, and any write to one moves its measure's public change
    # marker (changes.receivers).
    updated_since_field = "measure__public_changed_at"
    plan_code_field = "measure__plan__code"
    csv_filename = "budget-lines"

    def get_queryset(self):
        return BudgetLine.objects.select_related("measure__plan").order_by(
            "measure__plan_id", "measure__action_number", "measure__number", "position"
        )

    def get_object(self):
        self.line = super().get_object()
        return self.line

    def get_last_modified(self):
        if self.action == "retrieve":
            return self.line.measure.public_changed_at
        return BudgetLine.objects.aggregate(latest=Max(self.updated_since_field))["latest"]
