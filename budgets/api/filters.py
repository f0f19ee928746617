import django_filters

from budgets.models import BudgetLine


class BudgetLineFilterSet(django_filters.FilterSet):
    measure = django_filters.CharFilter(
        field_name="measure__code", help_text="A measure's code, such as 5.10."
    )
    recurrence = django_filters.ChoiceFilter(choices=BudgetLine.Recurrence.choices)
    regular_resources = django_filters.BooleanFilter(
        help_text="true: only lines within the regular resources."
    )

    class Meta:
        model = BudgetLine
        fields = ["measure", "recurrence", "regular_resources"]
