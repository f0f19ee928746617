from django.utils.translation import gettext as _
from rest_framework import serializers

from webhooks.models import Subscription, WebhookEvent


class SubscriptionSerializer(serializers.ModelSerializer):
    events = serializers.MultipleChoiceField(
        choices=WebhookEvent.choices, help_text="The events to receive."
    )
    secret = serializers.SerializerMethodField(
        help_text="The signing secret: returned once, in the answer to the POST that "
        "registers the webhook."
    )

    class Meta:
        model = Subscription
        fields = ["id", "url", "events", "active", "consecutive_failures", "created_at", "secret"]
        read_only_fields = ["consecutive_failures", "created_at"]
        extra_kwargs = {
            "id": {"help_text": "The webhook's id."},
            "url": {"help_text": "Where deliveries are POSTed (http or https)."},
            "active": {
                "help_text": "Deliveries are sent while true; set false after too many "
                "failures in a row."
            },
            "consecutive_failures": {"help_text": "Failed delivery attempts in a row."},
            "created_at": {"help_text": "When the webhook was registered."},
        }

    def get_secret(self, subscription: Subscription) -> str | None:
        return subscription.secret if self.context.get("reveal_secret") else None

    def validate_events(self, events) -> list[str]:
        if not events:
            raise serializers.ValidationError(_("Choose at least one event."))
        return sorted(events)
