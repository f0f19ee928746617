"""Measures as export_plan gives them, with the progress the client may see; progress updates
read and written."""

from rest_framework import serializers

from budgets.api.serializers import BudgetLineOpenDataSerializer
from measures.models import ImplementationStatus, Measure, MeasureActor, ProgressUpdate
from measures.selectors import measure_open_data
from measures.services import EARLIEST_REPORT_DATE, MAX_EVIDENCE_LINKS, ProgressFields


class MeasureActorRefSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True, help_text="The actor's code.")
    name = serializers.CharField(read_only=True, help_text="The actor's full name.")
    kind = serializers.CharField(read_only=True, help_text="What kind of organisation it is.")
    role = serializers.ChoiceField(
        choices=MeasureActor.Role.choices,
        read_only=True,
        help_text="Whether it coordinates the measure or is a partner.",
    )


class MinisterRefSerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True, help_text="The minister's title as printed.")
    portfolio = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text="The address of the title's portfolio (`?minister=` takes it).",
    )


class MeasureSerializer(serializers.Serializer):
    """`measure_open_data` (the shape of export_plan) plus the plan's code and the progress the
    client may see: from the latest update for portal users, from the latest public update for
    anonymous clients and users without a portal role."""

    plan = serializers.CharField(read_only=True, help_text="The plan's code.")
    code = serializers.CharField(read_only=True, help_text="Such as 5.10.")
    title = serializers.CharField(
        read_only=True,
        help_text="A short name in the plan's own words (derived where the plan prints none).",
    )
    plan_status = serializers.ChoiceField(
        choices=Measure.PlanStatus.choices,
        read_only=True,
        help_text="B (existing), V (reinforced) or N (new), as in the plan.",
    )
    description = serializers.CharField(read_only=True, help_text="Sanitised HTML.")
    action = serializers.IntegerField(read_only=True, help_text="The action's number.")
    policy_line = serializers.IntegerField(read_only=True, help_text="The policy line's number.")
    actors = MeasureActorRefSerializer(
        many=True, read_only=True, help_text="Who carries it out, in the plan's order."
    )
    ministers = MinisterRefSerializer(many=True, read_only=True, help_text="Who is in charge.")
    budget_lines = BudgetLineOpenDataSerializer(
        many=True, read_only=True, help_text="Its budget, line by line."
    )
    notes = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="Transcription notes."
    )
    implementation_status = serializers.ChoiceField(
        choices=ImplementationStatus.choices,
        read_only=True,
        help_text="Where its implementation stands, from the latest visible update.",
    )
    progress_percent = serializers.IntegerField(
        read_only=True, min_value=0, max_value=100, help_text="Completion, 0 to 100."
    )
    last_update_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="When the latest (visible) update was recorded."
    )
    version = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="Raised by every write. Send it back as `expected_version` (or the measure's "
        "ETag as If-Match) when you record an update. Null for clients that read public "
        "progress only.",
    )

    def to_representation(self, measure: Measure) -> dict:
        reads_internal = self.context["reads_internal"]
        return {
            "plan": measure.plan.code,
            **measure_open_data(measure),
            "implementation_status": measure.visible_status,
            "progress_percent": measure.visible_percent,
            "last_update_at": self.fields["last_update_at"].to_representation(
                measure.visible_last_update_at
            )
            if measure.visible_last_update_at
            else None,
            "version": measure.version if reads_internal else None,
        }


class ProgressUpdateSerializer(serializers.ModelSerializer):
    measure = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text="The measure's code."
    )
    evidence_links = serializers.ListField(
        child=serializers.URLField(), read_only=True, help_text="Web addresses of evidence."
    )
    author = serializers.SerializerMethodField(
        help_text="Who recorded it: shown to portal users only (null otherwise)."
    )

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "measure",
            "reported_on",
            "implementation_status",
            "progress_percent",
            "narrative",
            "reason",
            "evidence_links",
            "planned_date",
            "actual_date",
            "visibility",
            "author",
            "created_at",
            "updated_at",
            "version",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "id": {"help_text": "The update's id."},
            "reported_on": {"help_text": "The date of the update."},
            "implementation_status": {"help_text": "Where the measure stands."},
            "progress_percent": {"help_text": "Completion, 0 to 100."},
            "narrative": {"help_text": "What happened (plain text)."},
            "planned_date": {"help_text": "Planned completion date, if given."},
            "actual_date": {"help_text": "Actual completion date, if given."},
            "visibility": {"help_text": "public, or internal (portal users only)."},
            "created_at": {"help_text": "When it was recorded."},
            "updated_at": {"help_text": "When it was last changed (for `updated_since`)."},
            "version": {"help_text": "Raised each time the update is edited."},
        }

    def get_author(self, update: ProgressUpdate) -> str | None:
        if not self.context.get("reads_internal") or update.author is None:
            return None
        return update.author.get_username()


class TextField(serializers.CharField):
    """Text as the schema says: a JSON string, not a number DRF would turn into one."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class ProgressUpdateCreateSerializer(serializers.Serializer):
    """What a client sends to record a progress update. The rules beyond types (a reason when
    delayed or discontinued, a date neither in the future nor before the earliest report date,
    no control characters in the texts, web addresses only) are the service's, so that the
    update form and the API refuse the same updates with the same field errors."""

    implementation_status = serializers.ChoiceField(
        choices=ImplementationStatus.choices, help_text="Where the measure stands now."
    )
    progress_percent = serializers.IntegerField(
        min_value=0, max_value=100, help_text="Completion, 0 to 100."
    )
    narrative = TextField(
        max_length=20000,
        help_text="What happened: plain text, without control characters (line breaks and tabs "
        "are fine).",
    )
    visibility = serializers.ChoiceField(
        choices=ProgressUpdate.Visibility.choices,
        default=ProgressUpdate.Visibility.PUBLIC,
        help_text="internal: seen by portal users only.",
    )
    reason = TextField(
        max_length=5000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required when implementation_status is delayed or discontinued. Plain text, "
        "without control characters.",
    )
    evidence_links = serializers.ListField(
        child=serializers.URLField(max_length=2000),
        required=False,
        default=list,
        max_length=MAX_EVIDENCE_LINKS,
        help_text=f"Web addresses (http or https), at most {MAX_EVIDENCE_LINKS}.",
    )
    reported_on = serializers.DateField(
        required=False,
        help_text="The date of the update; today if not given. Not in the future, nor before "
        f"{EARLIEST_REPORT_DATE.isoformat()}.",
    )
    planned_date = serializers.DateField(
        required=False, allow_null=True, help_text="Planned completion date."
    )
    actual_date = serializers.DateField(
        required=False, allow_null=True, help_text="Actual completion date."
    )
    expected_version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="The measure's `version` your update is based on: if the measure changed "
        "since, nothing is written and the answer is 409. Without it (and without If-Match) "
        "the update is recorded on the current version.",
    )

    def progress_fields(self, *, today) -> ProgressFields:
        data = self.validated_data
        return ProgressFields(
            reported_on=data.get("reported_on") or today,
            implementation_status=data["implementation_status"],
            progress_percent=data["progress_percent"],
            narrative=data["narrative"],
            visibility=data["visibility"],
            reason=data.get("reason", ""),
            evidence_links=tuple(data.get("evidence_links", ())),
            planned_date=data.get("planned_date"),
            actual_date=data.get("actual_date"),
        )
