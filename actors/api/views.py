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
    ReadOnlyApiViewSet,
    detail_responses,
    list_responses,
)
from actors.api.serializers import ActorSerializer, MinisterSerializer
from actors.selectors import actor_list, minister_list


@extend_schema_view(
    list=extend_schema(
        summary="List actors",
        description="The organisations that carry out measures, by code.",
        parameters=[FORMAT_PARAMETER, *CONDITIONAL_PARAMETERS],
        responses=list_responses(ActorSerializer),
    ),
    retrieve=extend_schema(
        summary="Get an actor",
        description="An actor by its code (URL-encoded: `/api/v1/actors/FOD%20BiZA/`).",
        parameters=[
            OpenApiParameter(
                "code",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                description="The actor's code, as the plan abbreviates it.",
                examples=[OpenApiExample("WVG", value="WVG")],
            ),
            *CONDITIONAL_PARAMETERS,
        ],
        responses=detail_responses(ActorSerializer),
    ),
)
class ActorViewSet(ReadOnlyApiViewSet):
    serializer_class = ActorSerializer
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    filter_backends = []
    csv_filename = "actors"

    def get_queryset(self):
        return actor_list()


@extend_schema_view(
    list=extend_schema(
        summary="List ministers",
        description="The ministers in charge of measures, as the plan titles them.",
        parameters=[FORMAT_PARAMETER, *CONDITIONAL_PARAMETERS],
        responses=list_responses(MinisterSerializer),
    ),
    retrieve=extend_schema(
        summary="Get a minister",
        description="A minister by slug (`minister-for-welfare`).",
        parameters=[
            OpenApiParameter(
                "slug",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                description="The address form of the minister's title.",
                examples=[OpenApiExample("Welfare", value="minister-for-welfare")],
            ),
            *CONDITIONAL_PARAMETERS,
        ],
        responses=detail_responses(MinisterSerializer),
    ),
)
class MinisterViewSet(ReadOnlyApiViewSet):
    serializer_class = MinisterSerializer
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"
    filter_backends = []
    csv_filename = "ministers"

    def get_queryset(self):
        return minister_list()
