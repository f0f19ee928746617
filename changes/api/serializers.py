from django.urls import reverse
from rest_framework import serializers

from changes.cursor import cursor_from_id
from changes.models import ChangeEvent


class ChangeEventSerializer(serializers.ModelSerializer):
    cursor = serializers.SerializerMethodField(
        help_text="Pass as `after` to list only what changed since this change."
    )
    type = serializers.ChoiceField(
        source="object_type",
        choices=ChangeEvent.ObjectType.choices,
        help_text="What changed: a measure or a progress update.",
    )
    plan = serializers.CharField(source="plan_code", help_text="The plan's code.")
    measure = serializers.CharField(source="measure_code", help_text="The measure's code.")
    progress_update = serializers.IntegerField(
        source="progress_update_id", allow_null=True, help_text="The update's id, if it is one."
    )
    url = serializers.SerializerMethodField(
        help_text="Where the API serves the object now; null once it is removed (for this client)."
    )

    class Meta:
        model = ChangeEvent
        fields = [
            "cursor",
            "kind",
            "type",
            "plan",
            "measure",
            "progress_update",
            "occurred_at",
            "url",
        ]
        extra_kwargs = {
            "kind": {"help_text": "created, changed or removed (a tombstone)."},
            "occurred_at": {"help_text": "When the change was made."},
        }

    def get_cursor(self, event: ChangeEvent) -> str:
        return cursor_from_id(event.id)

    def get_url(self, event: ChangeEvent) -> str | None:
        if event.kind == ChangeEvent.Kind.REMOVED:
            return None
        if event.progress_update_id:
            path = reverse("api:progress-update-detail", args=[event.progress_update_id])
        else:
            path = reverse("api:measure-detail", kwargs={"code": event.measure_code})
            path += f"?plan={event.plan_code}"
        return self.context["request"].build_absolute_uri(path)


class ChangePageSerializer(serializers.Serializer):
    results = ChangeEventSerializer(many=True, help_text="The changes, oldest first.")
    next_cursor = serializers.CharField(
        allow_null=True,
        help_text="The cursor to pass as `after` next time (the last change listed, or the "
        "one you passed when nothing changed since).",
    )
    has_more = serializers.BooleanField(help_text="More changes follow: ask again at once.")
