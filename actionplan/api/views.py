from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)

from actionplan.api.base import (
    CONDITIONAL_PARAMETERS,
    FORMAT_PARAMETER,
    PlanScopedLookupMixin,
    ReadOnlyApiViewSet,
    detail_responses,
    list_responses,
)
from actionplan.api.filters import PlanFilter
from actionplan.api.serializers import (
    ActionSerializer,
    GlossaryEntrySerializer,
    PlanSerializer,
    PolicyLineSerializer,
)
from actionplan.plans import plan_list
from actionplan.selectors import action_list, glossary_entry_list, policy_line_list

PLAN_PARAMETER = OpenApiParameter(
    "plan",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    description="A plan's code; without it, the first plan that has this number. An unknown "
    "plan is a 400 naming `plan`; a plan without this number, a 404.",
)

NUMBER_PARAMETER = OpenApiParameter(
    "number",
    {"type": "integer", "minimum": 1, "maximum": 32767},
    OpenApiParameter.PATH,
    description="The number in its plan.",
    examples=[OpenApiExample("The first", value=1)],
)
PLAN_CODE_PARAMETER = OpenApiParameter(
    "code",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="The plan's code.",
    examples=[OpenApiExample("The first plan", value="flanders-radicalisation-2017")],
)


def _read_schema(
    name: str, serializer, *, lookup: str, plural: str = "", detail_parameters=()
) -> dict:
    article = "an" if name[0] in "aeiou" else "a"
    return {
        "list": extend_schema(
            summary=f"List {plural or name + 's'}",
            parameters=[FORMAT_PARAMETER, *CONDITIONAL_PARAMETERS],
            responses=list_responses(serializer),
        ),
        "retrieve": extend_schema(
            summary=f"Get {article} {name}",
            description=f"{article.capitalize()} {name} by {lookup}.",
            parameters=[*detail_parameters, *CONDITIONAL_PARAMETERS],
            responses=detail_responses(serializer),
        ),
    }


@extend_schema_view(
    **_read_schema("plan", PlanSerializer, lookup="code", detail_parameters=[PLAN_CODE_PARAMETER])
)
class PlanViewSet(ReadOnlyApiViewSet):
    serializer_class = PlanSerializer
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    filter_backends = []
    csv_filename = "plans"

    def get_queryset(self):
        return plan_list()


@extend_schema_view(
    **_read_schema(
        "policy line",
        PolicyLineSerializer,
        lookup="number (within a plan)",
        detail_parameters=[NUMBER_PARAMETER, PLAN_PARAMETER],
    )
)
class PolicyLineViewSet(PlanScopedLookupMixin, ReadOnlyApiViewSet):
    serializer_class = PolicyLineSerializer
    lookup_field = "number"
    lookup_value_regex = "[^/]+"
    lookup_is_number = True
    filter_backends = [PlanFilter]
    csv_filename = "policy-lines"

    def get_queryset(self):
        return policy_line_list()


@extend_schema_view(
    **_read_schema(
        "action",
        ActionSerializer,
        lookup="number (within a plan)",
        detail_parameters=[NUMBER_PARAMETER, PLAN_PARAMETER],
    )
)
class ActionViewSet(PlanScopedLookupMixin, ReadOnlyApiViewSet):
    serializer_class = ActionSerializer
    lookup_field = "number"
    lookup_value_regex = "[^/]+"
    lookup_is_number = True
    filter_backends = [PlanFilter]
    csv_filename = "actions"

    def get_queryset(self):
        return action_list()


@extend_schema_view(
    **_read_schema(
        "glossary entry", GlossaryEntrySerializer, lookup="id", plural="glossary entries"
    )
)
class GlossaryEntryViewSet(ReadOnlyApiViewSet):
    serializer_class = GlossaryEntrySerializer
    filter_backends = [PlanFilter]
    csv_filename = "glossary"

    def get_queryset(self):
        return glossary_entry_list()
