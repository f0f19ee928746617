"""Webhook subscriptions of the client's own account: /api/v1/webhooks/."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer

from actionplan.api.base import CONDITIONAL_PARAMETERS, ApiViewMixin, detail_responses
from actionplan.api.errors import LIST_ERRORS, NOT_MODIFIED, WRITE_ERRORS
from webhooks.api.serializers import SubscriptionSerializer
from webhooks.models import Subscription
from webhooks.services import webhook_subscription_create, webhook_subscription_update

DESCRIPTION = (
    "Webhooks of your own account. Each delivery is a JSON POST signed with HMAC-SHA256 of "
    "the raw body under the webhook's secret (`X-Actionplan-Signature: sha256=<hex>`), with "
    "`X-Actionplan-Timestamp` (also in the body as `sent_at`), `X-Actionplan-Event` and "
    "`X-Actionplan-Delivery`. A receiver answers 2xx; anything else is retried with "
    "exponential backoff, and the webhook is switched off after "
    "WEBHOOK_MAX_CONSECUTIVE_FAILURES failures in a row (10 by default). A webhook receives "
    "only what its owner may read: internal updates only if the owner reads internal updates."
)


ID_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The webhook's id."
)
CHANGE_ERRORS = {k: v for k, v in WRITE_ERRORS.items() if k[0] != 409}


@extend_schema_view(
    list=extend_schema(
        summary="List your webhooks",
        description=DESCRIPTION,
        parameters=CONDITIONAL_PARAMETERS,
        responses={200: SubscriptionSerializer(many=True), 304: NOT_MODIFIED, **LIST_ERRORS},
    ),
    retrieve=extend_schema(
        summary="Get one of your webhooks",
        description=DESCRIPTION,
        parameters=[ID_PARAMETER, *CONDITIONAL_PARAMETERS],
        responses=detail_responses(SubscriptionSerializer),
    ),
    create=extend_schema(
        summary="Register a webhook",
        description=DESCRIPTION,
        responses={201: SubscriptionSerializer, **CHANGE_ERRORS},
    ),
    partial_update=extend_schema(
        summary="Change a webhook",
        description="Change its URL or events, or switch it off or on again (`active`): "
        "switched on again, it counts failures from zero.",
        parameters=[ID_PARAMETER],
        responses={200: SubscriptionSerializer, **CHANGE_ERRORS},
    ),
    destroy=extend_schema(
        summary="Remove a webhook",
        parameters=[ID_PARAMETER],
        responses={204: None, **CHANGE_ERRORS},
    ),
)
class WebhookSubscriptionViewSet(ApiViewMixin, viewsets.ModelViewSet):
    serializer_class = SubscriptionSerializer
    permission_classes = [IsAuthenticated]
    renderer_classes = [JSONRenderer]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    # Any id reaches the view (and is a JSON 404 there), not the CSRF-guarded fallback.
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        # By id: the schema generator asks with an anonymous user, who owns none.
        return Subscription.objects.filter(owner_id=self.request.user.pk)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["reveal_secret"] = self.action == "create"
        return context

    def perform_create(self, serializer):
        serializer.instance = webhook_subscription_create(
            owner=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = webhook_subscription_update(
            subscription=serializer.instance, **serializer.validated_data
        )
