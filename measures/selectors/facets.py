"""The measure list's facets: for each filter, its options with the number of measures each
would leave. One small function per facet (FACET_OPTIONS); each takes a fixed number of
queries, however many measures there are."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from actionplan.models import Action, Plan, PolicyLine
from actors.models import Actor, Minister, Portfolio
from budgets.selectors import (
    BudgetKind,
    budget_funding_counts,
    budget_kind_counts,
    budget_year_counts,
    budget_years,
)
from measures.filters import MeasureFilterSet
from measures.models import ImplementationStatus, Measure, MeasureActor
from measures.selectors.measure_list import MeasureListResult

# (value the filter takes, label, number of measures the option would leave)
Option = tuple[str, str, int]


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    """A filter with its options, each counting the measures it would leave."""

    name: str
    label: str
    options: list[FacetOption]
    multiple: bool = False

    @property
    def has_selection(self) -> bool:
        return any(option.selected for option in self.options)


def _ids_without(filterset: MeasureFilterSet, *names: str) -> QuerySet:
    """The ids of the measures the other filters leave: the base of a facet's counts."""
    return filterset.queryset_without(*names).order_by().values("pk")


def _counts_by(filterset: MeasureFilterSet, name: str, column: str) -> dict[str, int]:
    rows = filterset.queryset_without(name).order_by().values_list(column)
    return dict(rows.annotate(n=Count("pk")))


def _plan_options(filterset: MeasureFilterSet) -> list[Option] | None:
    plans = Plan.objects.annotate(
        measure_count=Count("measures", filter=Q(measures__in=_ids_without(filterset, "plan")))
    ).order_by("adoption_year", "code")
    if len(plans) < 2:
        return None  # no choice to make
    return [(plan.code, plan.title, plan.measure_count) for plan in plans]


def _actor_options(filterset: MeasureFilterSet) -> list[Option]:
    role = filterset.cleaned("actor_role")
    in_base = Q(measure_links__measure__in=_ids_without(filterset, "actor", "actor_role"))
    role_condition = Q(measure_links__role=role) if role else Q()
    actors = Actor.objects.annotate(
        measure_count=Count(
            "measure_links__measure", filter=in_base & role_condition, distinct=True
        )
    )
    return [
        (
            actor.code,
            str(actor),  # "WVG – Welfare, ..." as every picker names an actor
            actor.measure_count,
        )
        for actor in sorted(actors, key=lambda actor: actor.code.casefold())
    ]


def _actor_role_options(filterset: MeasureFilterSet) -> list[Option]:
    # One pass over the links of the measures the other filters leave (no test per measure).
    links = MeasureActor.objects.filter(measure__in=_ids_without(filterset, "actor_role"))
    chosen_actors = filterset.cleaned("actor")
    if chosen_actors is not None:
        links = links.filter(actor__in=chosen_actors)
    counts = links.aggregate(
        **{
            role: Count("measure", distinct=True, filter=Q(role=role))
            for role in MeasureActor.Role.values
        }
    )
    return [(role, str(label), counts[role]) for role, label in MeasureActor.Role.choices]


def _minister_options(filterset: MeasureFilterSet) -> list[Option]:
    """Portfolios, each with the titles the plan prints it under beside its name."""
    portfolios = Portfolio.objects.annotate(
        measure_count=Count(
            "titles__measure_links__measure",
            filter=Q(titles__measure_links__measure__in=_ids_without(filterset, "minister")),
            distinct=True,
        )
    ).prefetch_related(Prefetch("titles", Minister.objects.order_by("title")))
    return [
        (
            portfolio.slug,
            f"{portfolio.name} ({'; '.join(title.title for title in portfolio.titles.all())})",
            portfolio.measure_count,
        )
        for portfolio in portfolios
    ]


def _by_number(rows) -> list[Option]:
    # The numbers are those of one plan (MeasureFilterSet.numbers_plan).
    return [(str(row.number), f"{row.number}. {row.title}", row.measure_count) for row in rows]


def _policy_line_options(filterset: MeasureFilterSet) -> list[Option]:
    in_base = Q(actions__measures__in=_ids_without(filterset, "policy_line"))
    lines = (
        PolicyLine.objects.filter(plan=filterset.numbers_plan())
        .annotate(measure_count=Count("actions__measures", filter=in_base))
        .order_by("number")
    )
    return _by_number(lines)


def _action_options(filterset: MeasureFilterSet) -> list[Option]:
    in_base = Q(measures__in=_ids_without(filterset, "action"))
    actions = (
        Action.objects.filter(plan=filterset.numbers_plan())
        .annotate(measure_count=Count("measures", filter=in_base))
        .order_by("number")
    )
    return _by_number(actions)


def _plan_status_options(filterset: MeasureFilterSet) -> list[Option]:
    counts = _counts_by(filterset, "plan_status", "plan_status")
    return [
        (value, str(label), counts.get(value, 0)) for value, label in Measure.PlanStatus.choices
    ]


def _implementation_status_options(filterset: MeasureFilterSet) -> list[Option]:
    counts = _counts_by(filterset, "implementation_status", "visible_status")
    return [
        (value, str(label), counts.get(value, 0)) for value, label in ImplementationStatus.choices
    ]


def _budget_options(filterset: MeasureFilterSet) -> list[Option]:
    counts = budget_kind_counts(_ids_without(filterset, "budget"))
    return [(kind, str(label), counts[kind]) for kind, label in BudgetKind.CHOICES]


def _funding_options(filterset: MeasureFilterSet) -> list[Option]:
    # Every source of the list's measures, those the other filters leave none of with 0.
    counts = budget_funding_counts(
        filterset.queryset.order_by().values("pk"), counted=_ids_without(filterset, "funding")
    )
    return [(label, label, count) for label, count in counts]


def _year_options(filterset: MeasureFilterSet) -> list[Option]:
    years = budget_years()
    if filterset.cleaned("year") is not None:
        years.add(filterset.cleaned("year"))  # keep a chosen year without budget in the form
    if not years:
        return []
    counts = budget_year_counts(_ids_without(filterset, "year"), years)
    return [(str(year), str(year), counts[year]) for year in sorted(years)]


# Each facet: the function giving its options (None: no facet), and whether several options
# may be chosen at once. In the order a page shows them.
FACET_OPTIONS: dict[str, tuple[Callable[[MeasureFilterSet], list[Option] | None], bool]] = {
    "plan": (_plan_options, False),
    "actor": (_actor_options, True),
    "actor_role": (_actor_role_options, False),
    "minister": (_minister_options, True),
    "policy_line": (_policy_line_options, True),
    "action": (_action_options, True),
    "plan_status": (_plan_status_options, True),
    "implementation_status": (_implementation_status_options, True),
    "budget": (_budget_options, False),
    "funding": (_funding_options, False),
    "year": (_year_options, False),
}


def _selected(filterset: MeasureFilterSet, name: str) -> set[str]:
    """The values chosen for `name`, case-folded (as given when they are not valid)."""
    cleaned = filterset.cleaned(name)
    if cleaned is None:
        raw = filterset.form[name].value()
        values = raw if isinstance(raw, list) else [raw] if raw else []
    elif name == "actor":
        values = [actor.code for actor in cleaned]
    elif name == "minister":
        values = [portfolio.slug for portfolio in cleaned]
    elif name == "plan":
        values = [cleaned.code]
    else:
        values = cleaned if isinstance(cleaned, list) else [cleaned]
    return {str(value).casefold() for value in values}


def _facet(filterset: MeasureFilterSet, name: str, options: list[Option], multiple: bool) -> Facet:
    chosen = _selected(filterset, name)
    return Facet(
        name=name,
        label=str(filterset.form.fields[name].label),
        options=[
            FacetOption(value, label, count, value.casefold() in chosen)
            for value, label, count in options
        ],
        multiple=multiple,
    )


def measure_list_facets(*, result: MeasureListResult) -> dict[str, Facet]:
    """For each filter of the measure list, its options with the number of measures choosing
    that option would leave: the other filters as they are, this filter set to the option.

    Every option stays, with its count of 0 where it would leave no measure, so that an empty
    result keeps the way back. A fixed number of queries, however many measures there are.
    """
    facets: dict[str, Facet] = {}
    for name, (options_of, multiple) in FACET_OPTIONS.items():
        options = options_of(result.filterset)
        if options is not None:
            facets[name] = _facet(result.filterset, name, options, multiple)
    return facets
