from rest_framework import serializers

from budgets.models import BudgetLine
from budgets.selectors import budget_line_open_data


class BudgetLineOpenDataSerializer(serializers.Serializer):
    """A budget line as export_plan gives it (inside a measure)."""

    amount = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        allow_null=True,
        read_only=True,
        help_text="In euro, as a decimal string; null for FTE or regular resources.",
    )
    currency = serializers.CharField(allow_null=True, read_only=True, help_text="EUR or null.")
    unit = serializers.CharField(
        allow_null=True, read_only=True, help_text="EUR, FTE, or null (regular resources)."
    )
    fte = serializers.DecimalField(
        max_digits=6, decimal_places=2, allow_null=True, read_only=True, help_text="Full-time jobs."
    )
    recurrence = serializers.ChoiceField(
        choices=BudgetLine.Recurrence.choices,
        allow_null=True,
        read_only=True,
        help_text="Whether the amount is one-off, annual or per dossier; null if not said.",
    )
    period_start = serializers.IntegerField(
        allow_null=True, read_only=True, help_text="The first year of its period."
    )
    period_end = serializers.IntegerField(
        allow_null=True, read_only=True, help_text="The last year of its period."
    )
    label = serializers.CharField(read_only=True, help_text="Funding source or label.")
    regular_resources = serializers.BooleanField(
        read_only=True, help_text="Funded within the regular resources."
    )
    source_text = serializers.CharField(read_only=True, help_text="The plan's wording.")

    def to_representation(self, line: BudgetLine) -> dict:
        return budget_line_open_data(line)


class BudgetLineSerializer(BudgetLineOpenDataSerializer):
    """A budget line on its own: which measure (and plan) it belongs to, and its place."""

    id = serializers.IntegerField(read_only=True, help_text="The budget line's id.")
    plan = serializers.CharField(read_only=True, help_text="Plan code.")
    measure = serializers.CharField(read_only=True, help_text="Measure code.")
    position = serializers.IntegerField(read_only=True, help_text="Its place in the measure.")

    def to_representation(self, line: BudgetLine) -> dict:
        return {
            "id": line.pk,
            "plan": line.measure.plan.code,
            "measure": line.measure.code,
            "position": line.position,
            **budget_line_open_data(line),
        }
