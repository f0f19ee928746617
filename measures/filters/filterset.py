"""The measure list's FilterSet (see measures.filters for what its parameters do)."""

import django_filters
from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from actionplan.models import Action, Plan, PolicyLine
from budgets.selectors import BudgetKind, budget_condition, covers_year, has_budget_line
from measures.filters.conditions import (
    ORDERING_CHOICES,
    has_actor,
    has_minister,
    order_measures,
    text_search_condition,
)
from measures.filters.fields import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_SEARCH_TERMS,
    ActorFilter,
    ChoicesFilter,
    FundingFilter,
    MinisterFilter,
    NumbersFilter,
    PlanCodeFilter,
    SearchFilter,
    YearFilter,
)
from measures.models import ImplementationStatus, Measure, MeasureActor

# The parameters whose numbers mean a policy line or an action of one plan.
NUMBERED = ("policy_line", "action")


class MeasureFilterForm(forms.Form):
    """Numbers of policy lines and actions mean those of the chosen plan, of the default plan
    when none is chosen (as today's addresses do)."""

    def clean(self):
        data = super().clean()
        plan = data.get("plan") or Plan.objects.default()
        for name in NUMBERED:
            if data.get(name):
                try:
                    self.fields[name].check_in_plan(data[name], plan)
                except ValidationError as exc:
                    self.add_error(name, exc)
        return data


class MeasureFilterSet(django_filters.FilterSet):
    """Filters and order of the measure list (see the module's docstring)."""

    plan = PlanCodeFilter(
        method="filter_plan",
        label=_("Plan"),
        help_text=_(
            "The code of a plan (all plans if none). Policy line and action numbers mean "
            "that plan's, the default plan's if none."
        ),
    )
    actor = ActorFilter(
        method="filter_actor",
        label=_("Actor"),
        help_text=_("Actor codes (or aliases), repeated or comma-separated, such as WVG,KB."),
    )
    actor_role = django_filters.ChoiceFilter(
        method="filter_actor_role",
        label=_("Role of the actor"),
        choices=MeasureActor.Role.choices,
        empty_label=_("Any role"),
        help_text=_("Only where the actor coordinates (coordinator) or contributes (partner)."),
    )
    minister = MinisterFilter(
        method="filter_minister",
        label=_("Minister"),
        help_text=_(
            "Addresses of ministers' portfolios, such as youth-and-media, or of their printed "
            "titles, such as minister-for-youth (a title stands for its whole portfolio)."
        ),
    )
    policy_line = NumbersFilter(
        method="filter_policy_line",
        label=_("Policy line"),
        model=PolicyLine,
        noun=_("policy line"),
        help_text=_("Policy line numbers."),
    )
    action = NumbersFilter(
        method="filter_action",
        label=_("Action"),
        model=Action,
        noun=_("action"),
        help_text=_("Action numbers."),
    )
    plan_status = ChoicesFilter(
        method="filter_plan_status",
        label=_("Status in the plan"),
        choices=Measure.PlanStatus.choices,
        help_text=_("B (existing), V (reinforced), N (new); several allowed."),
    )
    implementation_status = ChoicesFilter(
        method="filter_implementation_status",
        label=_("Implementation status"),
        choices=ImplementationStatus.choices,
        help_text=_("Implementation statuses; several allowed."),
    )
    budget = django_filters.ChoiceFilter(
        method="filter_budget",
        label=_("Budget"),
        choices=BudgetKind.CHOICES,
        empty_label=_("Any budget"),
    )
    funding = FundingFilter(
        method="filter_funding",
        label=_("Funding source"),
        max_length=200,
        help_text=_("A budget line's funding source or label, such as AMIF."),
    )
    year = YearFilter(
        method="filter_year",
        label=_("Budget year"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text=_("A year the budget covers, such as 2018."),
    )
    q = SearchFilter(
        method="filter_text",
        label=_("Search"),
        help_text=_("Words in the code, description, actors or ministers; every word must match."),
    )
    ordering = django_filters.ChoiceFilter(
        method="filter_ordering",
        label=_("Order by"),
        choices=ORDERING_CHOICES,
        empty_label=None,
        null_label=None,
    )

    class Meta:
        model = Measure
        form = MeasureFilterForm
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._excluding: frozenset[str] = frozenset()

    # The order of the list is applied last, by filter_queryset; this filter only validates.
    def filter_ordering(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        filtered = self._filtered(queryset, excluding=())
        return order_measures(filtered, self._cleaned_data().get("ordering") or "code")

    def queryset_without(self, *names: str) -> QuerySet:
        """The queryset filtered by every valid parameter except `names`, unordered: for
        counting how many measures each option of `names` would leave."""
        return self._filtered(self.queryset.all(), excluding=names)

    def _filtered(self, queryset: QuerySet, *, excluding) -> QuerySet:
        if "visible_status" not in queryset.query.annotations:
            raise ImproperlyConfigured(
                "MeasureFilterSet needs Measure.objects.with_visible_progress(user)."
            )
        self._excluding = frozenset(excluding)
        try:
            for name, value in self._cleaned_data().items():
                if name not in self._excluding:
                    queryset = self.filters[name].filter(queryset, value)
            return queryset
        finally:
            self._excluding = frozenset()

    def cleaned(self, name: str):
        """A parameter's cleaned value (None when missing, invalid or being left out)."""
        if name in self._excluding:
            return None
        return self._cleaned_data().get(name) or None

    def _cleaned_data(self) -> dict:
        self.is_valid()  # cleans a bound form; an unbound one filters nothing
        return getattr(self.form, "cleaned_data", {})

    # The actor and its role form one condition: the actor must have that role.
    def filter_actor(self, queryset, name, actors):
        return queryset.filter(has_actor(actors, self.cleaned("actor_role")))

    def filter_actor_role(self, queryset, name, role):
        if self.cleaned("actor"):
            return queryset  # applied together with the actor
        return queryset.filter(has_actor(role=role))

    def filter_plan(self, queryset, name, plan):
        return queryset.filter(plan=plan)

    def filter_minister(self, queryset, name, portfolios):
        return queryset.filter(has_minister(portfolios))

    def numbers_plan(self):
        """The plan whose policy lines and actions the numbers given mean."""
        return self._cleaned_data().get("plan") or Plan.objects.default()

    def filter_policy_line(self, queryset, name, numbers):
        return queryset.filter(plan=self.numbers_plan(), action__policy_line__number__in=numbers)

    def filter_action(self, queryset, name, numbers):
        return queryset.filter(plan=self.numbers_plan(), action__number__in=numbers)

    def filter_plan_status(self, queryset, name, statuses):
        return queryset.filter(plan_status__in=statuses)

    def filter_implementation_status(self, queryset, name, statuses):
        return queryset.filter(visible_status__in=statuses)

    def filter_budget(self, queryset, name, kind):
        return queryset.filter(budget_condition(kind))

    def filter_funding(self, queryset, name, label):
        return queryset.filter(has_budget_line(label__iexact=label))

    def filter_year(self, queryset, name, year):
        return queryset.filter(covers_year(int(year)))

    def filter_text(self, queryset, name, text):
        terms = text.split()
        for term in terms[:MAX_SEARCH_TERMS]:
            queryset = queryset.filter(text_search_condition(term))
        return queryset
