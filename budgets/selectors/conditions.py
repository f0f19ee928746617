"""Budget rules as SQL, for querysets of measures: the measure list's `budget`, `funding` and
`year` filters, its order by budget and its facet counts. Each expression is meant for a
queryset of measures (OuterRef("pk") is the measure), so budgets needs no import of measures."""

from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower
from django.utils.translation import gettext_lazy as _

from budgets.models import BudgetLine


class BudgetKind:
    """Values of the measure list's `budget` parameter."""

    EURO = "euro"
    FTE = "fte"
    REGULAR_RESOURCES = "regular_resources"
    CHOICES = [
        (EURO, _("Has euro amounts")),
        (FTE, _("Has FTE")),
        (REGULAR_RESOURCES, _("Within the regular resources only")),
    ]


def has_budget_line(**conditions) -> Exists:
    """The measure has a budget line matching `conditions`."""
    return Exists(BudgetLine.objects.filter(measure=OuterRef("pk"), **conditions))


def budget_condition(kind: str) -> Q:
    """The measures with euro amounts, with FTE, or within the regular resources only."""
    has_euro = has_budget_line(amount__isnull=False)
    has_fte = has_budget_line(fte__isnull=False)
    if kind == BudgetKind.EURO:
        return Q(has_euro)
    if kind == BudgetKind.FTE:
        return Q(has_fte)
    return Q(has_budget_line(regular_resources=True)) & ~Q(has_euro) & ~Q(has_fte)


def _lines_with_years() -> QuerySet[BudgetLine]:
    # The rule of budget_line_period: one end given is that single year.
    return BudgetLine.objects.annotate(
        first_year=Coalesce("period_start", "period_end"),
        last_year=Coalesce("period_end", "period_start"),
    )


def covers_year(year: int) -> Exists:
    """The measure has a budget line whose period covers `year`."""
    return Exists(
        _lines_with_years().filter(
            first_year__lte=year, last_year__gte=year, measure=OuterRef("pk")
        )
    )


def budget_years() -> set[int]:
    """Every year some budget line's period covers."""
    periods = (
        _lines_with_years()
        .filter(first_year__isnull=False)
        .order_by()
        .values_list("first_year", "last_year")
        .distinct()
    )
    return {year for first, last in periods for year in range(first, last + 1)}


def euro_as_printed():
    """The sum of a measure's euro amounts as printed (BudgetTotals.euro_as_printed), 0
    without any: what the measure list's `ordering=budget` sorts on."""
    money = DecimalField(max_digits=16, decimal_places=2)
    total = (
        BudgetLine.objects.filter(measure=OuterRef("pk"))
        .order_by()
        .values("measure")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=money), Value(Decimal("0")), output_field=money)


def budget_label_exists(label: str) -> bool:
    """Some budget line has this funding source or label (any case)."""
    return BudgetLine.objects.filter(label__iexact=label).exists()


def budget_funding_counts(
    measures: QuerySet, *, counted: QuerySet | None = None
) -> list[tuple[str, int]]:
    """(funding source or label, number of `counted` measures with a line of it) for every label
    of `measures`' lines, compared case-insensitively, in alphabetical order, in one query;
    `measures` and `counted` (by default `measures`) are querysets of measure ids."""
    counted_only = None if counted is None else Q(measure__in=counted)
    rows = (
        BudgetLine.objects.filter(measure__in=measures)
        .exclude(label="")
        .annotate(folded=Lower("label"))
        .order_by()
        .values("folded")
        .annotate(
            label=Min("label"),
            measure_count=Count("measure", distinct=True, filter=counted_only),
        )
    )
    return sorted(
        ((row["label"], row["measure_count"]) for row in rows), key=lambda row: row[0].casefold()
    )


def budget_kind_counts(measures: QuerySet) -> dict[str, int]:
    """Per BudgetKind, the number of `measures` (a queryset of measure ids) of that kind, as
    budget_condition decides: one pass over their budget lines, each measure's kinds first."""

    def any_line(**conditions):  # 1 when one of the measure's lines matches, else 0
        return Max(Case(When(then=1, **conditions), default=0))

    has_euro, has_fte = any_line(amount__isnull=False), any_line(fte__isnull=False)
    per_measure = (
        BudgetLine.objects.filter(measure__in=measures)
        .order_by()
        .values("measure")
        .annotate(
            is_euro=has_euro,
            is_fte=has_fte,
            is_regular_only=any_line(regular_resources=True) * (1 - has_euro) * (1 - has_fte),
        )
    )
    counts = per_measure.aggregate(
        **{
            BudgetKind.EURO: Sum("is_euro"),
            BudgetKind.FTE: Sum("is_fte"),
            BudgetKind.REGULAR_RESOURCES: Sum("is_regular_only"),
        }
    )
    return {kind: counts[kind] or 0 for kind, _label in BudgetKind.CHOICES}


def budget_year_counts(measures: QuerySet, years) -> dict[int, int]:
    """Per year of `years`, the number of `measures` (a queryset of measure ids) with a budget
    line whose period covers it (covers_year): one pass over their budget lines."""
    counts = (
        _lines_with_years()
        .filter(measure__in=measures)
        .aggregate(
            **{
                f"year_{year}": Count(
                    "measure", distinct=True, filter=Q(first_year__lte=year, last_year__gte=year)
                )
                for year in years
            }
        )
    )
    return {year: counts[f"year_{year}"] for year in years}
