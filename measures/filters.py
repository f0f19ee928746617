"""The measure list's filters: one FilterSet shared by the pages, the exports and the REST API,
so that the same query string gives the same measures everywhere.

Filters on different parameters combine (AND); several values of one parameter are
alternatives (OR): `?actor=WVG,KB&plan_status=N` is the new measures of WVG or KB. A value that
is unknown or malformed makes the filterset invalid with an error on its parameter, so a caller
never shows the whole list in place of the one asked for.

The queryset must carry the annotations of `Measure.objects.with_visible_progress(user)`:
the implementation-status filter and the status and last-update orderings read the progress
the user may see, never the internal one.
"""

import html
import re
from decimal import Decimal

import django_filters
from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db.models import (
    Case,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from actionplan.models import Action, Plan, PolicyLine
from actors.models import Actor, Minister
from actors.selectors import actor_names
from budgets.models import BudgetLine
from measures.models import ImplementationStatus, Measure, MeasureActor, MeasureMinister

MAX_VALUES_PER_PARAMETER = 100
MAX_SEARCH_LENGTH = 200
MAX_SEARCH_TERMS = 10
FIRST_YEAR, LAST_YEAR = 1900, 2200

CODE_ORDER = ("plan_id", "action_number", "number")


class Budget:
    """Values of the `budget` parameter."""

    EURO = "euro"
    FTE = "fte"
    REGULAR_RESOURCES = "regular_resources"
    CHOICES = [
        (EURO, _("Has euro amounts")),
        (FTE, _("Has FTE")),
        (REGULAR_RESOURCES, _("Within the regular resources only")),
    ]


ORDERING_CHOICES = [
    ("code", _("Code")),
    ("-code", _("Code, descending")),
    ("status", _("Implementation status")),
    ("-status", _("Implementation status, descending")),
    ("last_update", _("Last update, oldest first")),
    ("-last_update", _("Last update, newest first")),
    ("budget", _("Budget, smallest first")),
    ("-budget", _("Budget, largest first")),
]


# --- Form fields --------------------------------------------------------------------------


class RepeatableInput(forms.TextInput):
    """Reads a parameter given several times, comma-separated, or both, as one list:
    `?actor=WVG&actor=KB` and `?actor=WVG,KB` are the same."""

    def value_from_datadict(self, data, files, name):
        if hasattr(data, "getlist"):
            raw = data.getlist(name)
        else:
            raw = data.get(name)
            if raw is None:
                raw = []
            elif isinstance(raw, str | int):
                raw = [raw]
        return [part.strip() for item in raw for part in str(item).split(",") if part.strip()]

    def value_omitted_from_data(self, data, files, name):
        return name not in data

    def format_value(self, value):
        if isinstance(value, list | tuple):
            return ",".join(str(item) for item in value) or None
        return super().format_value(value)


class RepeatableField(forms.Field):
    """A list of text values, each cleaned by `clean_values`."""

    widget = RepeatableInput

    def to_python(self, value) -> list[str]:
        if value in (None, ""):
            return []
        values = [value] if isinstance(value, str) else list(value)
        if any("\x00" in str(item) for item in values):
            raise ValidationError(_("Null characters are not allowed."))
        if len(values) > MAX_VALUES_PER_PARAMETER:
            raise ValidationError(
                _("Give at most %(n)d values."), params={"n": MAX_VALUES_PER_PARAMETER}
            )
        return values

    def validate(self, value) -> None:
        # Empty is allowed (no filter); the values themselves are checked in clean().
        pass

    def clean(self, value):
        values = self.to_python(value)
        return self.clean_values(values) if values else []

    def clean_values(self, values: list[str]):
        return values


class ActorsField(RepeatableField):
    """Actors by code, alias or address (slug), case-insensitive."""

    def clean_values(self, values: list[str]) -> list[Actor]:
        known = actor_names()
        unknown = [value for value in values if value.casefold() not in known]
        if unknown:
            raise ValidationError(
                _("Unknown actor: %(values)s. Give an actor's code, such as WVG."),
                params={"values": ", ".join(unknown)},
            )
        return _unique(known[value.casefold()] for value in values)


class MinistersField(RepeatableField):
    """Ministers by the address (slug) of their title."""

    def clean_values(self, values: list[str]) -> list[Minister]:
        slugs = [value.lower() for value in values]
        found = {minister.slug: minister for minister in Minister.objects.filter(slug__in=slugs)}
        unknown = [value for value, slug in zip(values, slugs, strict=True) if slug not in found]
        if unknown:
            raise ValidationError(
                _(
                    "Unknown minister: %(values)s. Give the address of a minister's title, such as "
                    "minister-for-welfare."
                ),
                params={"values": ", ".join(unknown)},
            )
        return _unique(found[slug] for slug in slugs)


class NumbersField(RepeatableField):
    """Numbers of policy lines or actions that exist in a plan."""

    def __init__(self, *, model, noun, **kwargs):
        self.model, self.noun = model, noun
        super().__init__(**kwargs)

    def clean_values(self, values: list[str]) -> list[int]:
        malformed = [value for value in values if not re.fullmatch(r"[0-9]{1,4}", value)]
        if malformed:
            raise ValidationError(
                _("%(values)s: give the number of a %(noun)s, such as 2."),
                params={"values": ", ".join(malformed), "noun": self.noun},
            )
        numbers = _unique(int(value) for value in values)
        existing = set(
            self.model.objects.filter(number__in=numbers).values_list("number", flat=True)
        )
        unknown = [str(number) for number in numbers if number not in existing]
        if unknown:
            raise ValidationError(
                _("There is no %(noun)s %(values)s."),
                params={"noun": self.noun, "values": ", ".join(unknown)},
            )
        return numbers


class ChoicesField(RepeatableField):
    """Several values out of fixed choices (case-insensitive)."""

    def __init__(self, *, choices, **kwargs):
        self.choices = list(choices)
        super().__init__(**kwargs)

    def clean_values(self, values: list[str]) -> list[str]:
        by_folded = {str(value).casefold(): value for value, _label in self.choices}
        unknown = [value for value in values if value.casefold() not in by_folded]
        if unknown:
            raise ValidationError(
                _("Unknown value: %(values)s. Choose from %(choices)s."),
                params={"values": ", ".join(unknown), "choices": ", ".join(by_folded.values())},
            )
        return _unique(by_folded[value.casefold()] for value in values)


class PlanField(forms.CharField):
    def clean(self, value):
        code = super().clean(value)
        if not code:
            return None
        plan = Plan.objects.filter(code=code).first()
        if plan is None:
            raise ValidationError(_("Unknown plan: %(code)s."), params={"code": code})
        return plan


class FundingField(forms.CharField):
    """A budget line's funding source or label, as printed, case-insensitive."""

    def clean(self, value):
        label = super().clean(value)
        if not label:
            return ""
        if not BudgetLine.objects.filter(label__iexact=label).exists():
            raise ValidationError(
                _("No budget line has the funding source “%(label)s”."), params={"label": label}
            )
        return label


class SearchField(forms.CharField):
    """Words to search for; each must match (see text_search_condition)."""

    def __init__(self, **kwargs):
        super().__init__(max_length=MAX_SEARCH_LENGTH, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        if len(text.split()) > MAX_SEARCH_TERMS:
            raise ValidationError(
                _("Search for at most %(n)d words."), params={"n": MAX_SEARCH_TERMS}
            )
        return text


def _unique(items) -> list:
    return list(dict.fromkeys(items))


class ActorFilter(django_filters.Filter):
    field_class = ActorsField


class MinisterFilter(django_filters.Filter):
    field_class = MinistersField


class NumbersFilter(django_filters.Filter):
    field_class = NumbersField


class ChoicesFilter(django_filters.Filter):
    field_class = ChoicesField


class PlanFilter(django_filters.Filter):
    field_class = PlanField


class FundingFilter(django_filters.Filter):
    field_class = FundingField


class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField


class SearchFilter(django_filters.Filter):
    field_class = SearchField


# --- Conditions shared by the filters and the facet counts ----------------------------------


def has_actor(actors=None, role: str | None = None) -> Exists:
    """The measure has one of `actors` (any actor when None) in `role` (any role when None)."""
    links = MeasureActor.objects.filter(measure=OuterRef("pk"))
    if actors is not None:
        links = links.filter(actor__in=actors)
    if role:
        links = links.filter(role=role)
    return Exists(links)


def has_budget_line(**conditions) -> Exists:
    return Exists(BudgetLine.objects.filter(measure=OuterRef("pk"), **conditions))


def budget_condition(kind: str) -> Q:
    """The measures with euro amounts, with FTE, or within the regular resources only."""
    has_euro = has_budget_line(amount__isnull=False)
    has_fte = has_budget_line(fte__isnull=False)
    if kind == Budget.EURO:
        return Q(has_euro)
    if kind == Budget.FTE:
        return Q(has_fte)
    return Q(has_budget_line(regular_resources=True)) & ~Q(has_euro) & ~Q(has_fte)


def budget_line_covers(year: int) -> Q:
    """A budget line whose period covers `year` (one end only: that single year), the rule of
    budgets.selectors.budget_line_period."""
    return Q(first_year__lte=year, last_year__gte=year)


def budget_lines_with_years():
    return BudgetLine.objects.annotate(
        first_year=Coalesce("period_start", "period_end"),
        last_year=Coalesce("period_end", "period_start"),
    )


def covers_year(year: int) -> Exists:
    return Exists(
        budget_lines_with_years().filter(budget_line_covers(year), measure=OuterRef("pk"))
    )


def euro_as_printed():
    """The sum of a measure's euro amounts as printed (budgets.selectors.BudgetTotals
    .euro_as_printed), 0 without any: what `ordering=budget` sorts on."""
    money = DecimalField(max_digits=16, decimal_places=2)
    total = (
        BudgetLine.objects.filter(measure=OuterRef("pk"))
        .order_by()
        .values("measure")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=money), Value(Decimal("0")), output_field=money)


def text_search_condition(term: str) -> Q:
    """A measure matching one search term: its code, its description (text, not markup), an
    actor's code or name or the plan's wording of it, or a minister's title."""
    # Descriptions are stored as sanitised HTML: the term must stand in the text between tags
    # (so that "style" or "li" do not match markup), and in the form the sanitiser stores it:
    # &, < and > escaped ("K&amp;G"), quotes as they are.
    in_text = r"(^|>)[^<]*" + _regex_escape(html.escape(term, quote=False))
    actor_links = MeasureActor.objects.filter(measure=OuterRef("pk")).filter(
        Q(actor__code__icontains=term)
        | Q(actor__name__icontains=term)
        | Q(as_printed__icontains=term)
    )
    minister_links = MeasureMinister.objects.filter(
        measure=OuterRef("pk"), minister__title__icontains=term
    )
    return (
        Q(code__iexact=term)
        | Q(description__iregex=in_text)
        | Q(Exists(actor_links))
        | Q(Exists(minister_links))
    )


SPECIAL_IN_REGEX = set("\\.^$*+?()[]{}|-/")


def _regex_escape(text: str) -> str:
    # Escape for both Python's re (SQLite) and PostgreSQL's ARE: only the characters both
    # treat as special, each with a backslash.
    return "".join("\\" + char if char in SPECIAL_IN_REGEX else char for char in text)


def order_measures(queryset: QuerySet, ordering: str) -> QuerySet:
    """`queryset` in the order `ordering` names (see ORDERING_CHOICES); ties in code order."""
    descending = ordering.startswith("-")
    key = ordering.lstrip("-")
    if key == "code":
        return queryset.order_by(*(f"-{name}" if descending else name for name in CODE_ORDER))
    if key == "status":
        expression = Case(
            *(
                When(visible_status=status, then=Value(position))
                for position, status in enumerate(ImplementationStatus.values)
            ),
            default=Value(len(ImplementationStatus.values)),
            output_field=IntegerField(),
        )
        ordered = expression.desc() if descending else expression.asc()
    elif key == "last_update":
        # Newest first ends with the measures never updated; oldest first starts with them,
        # as they have gone longest without news.
        expression = F("visible_last_update_at")
        ordered = (
            expression.desc(nulls_last=True) if descending else expression.asc(nulls_first=True)
        )
    elif key == "budget":
        expression = euro_as_printed()
        ordered = expression.desc() if descending else expression.asc()
    else:
        raise ValueError(f"Unknown ordering {ordering!r}")
    return queryset.order_by(ordered, *CODE_ORDER)


# --- The FilterSet --------------------------------------------------------------------------


class MeasureFilterSet(django_filters.FilterSet):
    """Filters and order of the measure list (see the module's docstring)."""

    plan = PlanFilter(
        method="filter_plan",
        label=_("Plan"),
        max_length=80,
        help_text=_("The code of a plan (all plans if none)."),
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
        help_text=_("Addresses of ministers' titles, such as minister-for-welfare."),
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
        choices=Budget.CHOICES,
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

    def filter_minister(self, queryset, name, ministers):
        links = MeasureMinister.objects.filter(measure=OuterRef("pk"), minister__in=ministers)
        return queryset.filter(Exists(links))

    def filter_policy_line(self, queryset, name, numbers):
        return queryset.filter(action__policy_line__number__in=numbers)

    def filter_action(self, queryset, name, numbers):
        return queryset.filter(action__number__in=numbers)

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
