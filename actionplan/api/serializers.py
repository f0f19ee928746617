"""The plan's own resources, in the shape of export_plan."""

from rest_framework import serializers

from actionplan.models import Action, GlossaryEntry, Plan, PolicyLine


class PlanSerializer(serializers.ModelSerializer):
    introduction = serializers.CharField(read_only=True, help_text="Sanitised HTML.")
    notes = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="Transcription notes."
    )

    class Meta:
        model = Plan
        fields = [
            "code",
            "title",
            "subtitle",
            "government",
            "adoption_year",
            "evaluation_due",
            "evaluation_due_text",
            "introduction",
            "notes",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "code": {"help_text": "The plan's code, used in URLs and in `?plan=`."},
            "title": {"help_text": "The plan's title."},
            "subtitle": {"help_text": "Its subtitle, if any."},
            "government": {"help_text": "The government that adopted it."},
            "adoption_year": {"help_text": "The year it was adopted."},
            "evaluation_due": {"help_text": "When its evaluation is due."},
            "evaluation_due_text": {"help_text": "The due date as the plan words it."},
        }


class PolicyLineSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="code", read_only=True, help_text="Plan code.")
    actions = serializers.SlugRelatedField(
        slug_field="number", many=True, read_only=True, help_text="Numbers of its actions."
    )

    class Meta:
        model = PolicyLine
        fields = ["plan", "number", "title", "actions"]
        read_only_fields = fields
        extra_kwargs = {
            "number": {"help_text": "Its number in the plan."},
            "title": {"help_text": "Its title."},
        }


class ActionSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="code", read_only=True, help_text="Plan code.")
    policy_line = serializers.SlugRelatedField(
        slug_field="number", read_only=True, help_text="Number of its policy line."
    )
    measures = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True, help_text="Codes of its measures."
    )

    class Meta:
        model = Action
        fields = ["plan", "number", "title", "policy_line", "measures"]
        read_only_fields = fields
        extra_kwargs = {
            "number": {"help_text": "Its number in the plan."},
            "title": {"help_text": "Its title."},
        }


class GlossaryEntrySerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="code", read_only=True, help_text="Plan code.")
    actor = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text="The code of the actor this abbreviation stands for, if any.",
    )

    class Meta:
        model = GlossaryEntry
        fields = ["id", "plan", "term", "kind", "definition", "footnote", "actor"]
        read_only_fields = fields
        extra_kwargs = {
            "id": {"help_text": "The entry's id."},
            "term": {"help_text": "The concept or abbreviation."},
            "kind": {"help_text": "concept or abbreviation."},
            "definition": {"help_text": "Its definition, as the plan gives it."},
            "footnote": {"help_text": "The plan's footnote to it, if any."},
        }
