from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view

from actionplan.api.base import (
    CONDITIONAL_PARAMETERS,
    FORMAT_PARAMETER,
    ReadOnlyApiViewSet,
    detail_responses,
    list_responses,
)
from actionplan.api.filters import PlanFilter
from budgets.api.filters import BudgetLineFilterSet
from budgets.api.serializers import BudgetLineSerializer
from budgets.models import BudgetLine


@extend_schema_view(
    list=extend_schema(
        summary="List budget lines",
        description="Every budget line of every measure, in code order: euro amounts (as "
        "decimal strings), FTE, or within the regular resources, with the plan's wording.",
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
    filter_backends = [PlanFilter, DjangoFilterBackend]
    filterset_class = BudgetLineFilterSet
    plan_code_field = "measure__plan__code"
    csv_filename = "budget-lines"

    def get_queryset(self):
        return BudgetLine.objects.select_related("measure__plan").order_by(
            "measure__plan_id", "measure__action_number", "measure__number", "position"
        )
