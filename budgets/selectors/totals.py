"""The totals of one measure's budget lines, and of a list of measures (see the package's
docstring for how each line counts)."""

from collections.abc import Iterable
from dataclasses import dataclass, fields
from decimal import Decimal

from django.db.models import Case, DecimalField, F, IntegerField, Max, Q, QuerySet, Sum, When
from django.db.models.functions import Coalesce

from budgets.models import BudgetLine

ZERO = Decimal("0")


@dataclass
class BudgetTotals:
    """Totals of a set of measures, each kind of amount apart."""

    measures: int = 0
    one_off: Decimal = ZERO
    annual: Decimal = ZERO
    annual_over_period: Decimal = ZERO
    annual_without_period: Decimal = ZERO
    per_dossier: Decimal = ZERO
    fte: Decimal = ZERO
    euro_measures: int = 0
    fte_measures: int = 0
    # The one rule for "within the regular resources", used by pages, exports and reports: a
    # measure whose budget lines give only that, with no euro amount and no FTE.
    regular_resources_only_measures: int = 0

    @property
    def euro_as_printed(self) -> Decimal:
        """One-off, annual and per-dossier amounts added as printed."""
        return self.one_off + self.annual + self.per_dossier

    def add(self, other: "BudgetTotals") -> None:
        for name in _TOTALS_FIELDS:
            setattr(self, name, getattr(self, name) + getattr(other, name))


# Read once: a roll-up adds thousands of totals.
_TOTALS_FIELDS = tuple(item.name for item in fields(BudgetTotals))


def budget_line_period(line) -> tuple[int, int] | None:
    """The first and last year a line covers: its period, a single year when only one end is
    given, None when the plan gives no period. The measure list's `year` filter uses the same
    rule (budgets.selectors.conditions.covers_year)."""
    first = line.period_start if line.period_start is not None else line.period_end
    last = line.period_end if line.period_end is not None else line.period_start
    if first is None:
        return None
    return first, last


@dataclass(frozen=True)
class LineValues:
    amount: Decimal | None
    fte: Decimal | None
    recurrence: str
    period_start: int | None
    period_end: int | None
    regular_resources: bool
    label: str = ""


def budget_line_values(line) -> LineValues:
    """A BudgetLine, or its open-data dict (amounts as strings) or row of values, as the values totals and
    texts read (a LineValues as it is: a list converts its lines once, not per use)."""
    if isinstance(line, LineValues):
        return line
    if not isinstance(line, dict):
        return LineValues(
            line.amount,
            line.fte,
            line.recurrence or "",
            line.period_start,
            line.period_end,
            line.regular_resources,
            line.label,
        )

    def decimal(value) -> Decimal | None:
        if isinstance(value, Decimal):  # a line read with .values()
            return value
        return None if value in (None, "") else Decimal(str(value))

    return LineValues(
        decimal(line.get("amount")),
        decimal(line.get("fte")),
        line.get("recurrence") or "",
        line.get("period_start"),
        line.get("period_end"),
        bool(line.get("regular_resources")),
        line.get("label") or "",
    )


def budget_lines_totals(lines: Iterable) -> BudgetTotals:
    """The totals of one measure's budget lines: BudgetLine objects, or the open-data dicts of
    budget_line_open_data (as reports freeze them)."""
    totals = BudgetTotals(measures=1)
    has_euro = has_fte = has_regular = False
    for line in map(budget_line_values, lines):
        has_regular = has_regular or line.regular_resources
        if line.fte is not None:
            has_fte = True
            totals.fte += line.fte
        if line.amount is None:
            continue
        has_euro = True
        if line.recurrence == BudgetLine.Recurrence.ANNUAL:
            totals.annual += line.amount
            period = budget_line_period(line)
            if period is None:
                totals.annual_without_period += line.amount
            else:
                totals.annual_over_period += line.amount * (period[1] - period[0] + 1)
        elif line.recurrence == BudgetLine.Recurrence.PER_DOSSIER:
            totals.per_dossier += line.amount
        else:
            totals.one_off += line.amount
    totals.euro_measures = int(has_euro)
    totals.fte_measures = int(has_fte)
    totals.regular_resources_only_measures = int(has_regular and not has_euro and not has_fte)
    return totals


def measure_budget_totals(measure) -> BudgetTotals:
    """The totals of one measure (reads `measure.budget_lines.all()`, prefetched or not)."""
    return budget_lines_totals(measure.budget_lines.all())


def budget_total(*, measures: Iterable) -> BudgetTotals:
    """The totals of `measures` together: measures fetched with their budget lines (as
    measures.selectors.measure_list gives them) take no query."""
    total = BudgetTotals()
    for measure in measures:
        total.add(measure_budget_totals(measure))
    return total


# The fields of a budget line that its totals read (budget_line_values).
BUDGET_LINE_TOTAL_FIELDS = (
    "amount",
    "fte",
    "recurrence",
    "period_start",
    "period_end",
    "regular_resources",
)


def budget_total_of(*, measure_ids: QuerySet) -> BudgetTotals:
    """The totals of the measures whose ids `measure_ids` selects, added up in the database (one
    query for the lines, one for the count): no line is read into Python, so a page can total
    a whole filtered list of any length while showing one page of it.

    This is `budget_lines_totals` stated in SQL, measure by measure and then over the list
    (tests compare the two on every kind of line)."""
    annual = Q(amount__isnull=False, recurrence=BudgetLine.Recurrence.ANNUAL)
    per_dossier = Q(amount__isnull=False, recurrence=BudgetLine.Recurrence.PER_DOSSIER)
    one_off = Q(amount__isnull=False) & ~Q(
        recurrence__in=[BudgetLine.Recurrence.ANNUAL, BudgetLine.Recurrence.PER_DOSSIER]
    )
    no_period = Q(period_start__isnull=True, period_end__isnull=True)
    years = Coalesce("period_end", "period_start") - Coalesce("period_start", "period_end") + 1
    per_measure = (
        BudgetLine.objects.filter(measure__in=measure_ids)
        .order_by()
        .values("measure_id")
        .annotate(
            m_one_off=Sum("amount", filter=one_off),
            m_annual=Sum("amount", filter=annual),
            m_annual_without_period=Sum("amount", filter=annual & no_period),
            m_annual_over_period=Sum(
                F("amount") * years, filter=annual & ~no_period, output_field=AMOUNT
            ),
            m_per_dossier=Sum("amount", filter=per_dossier),
            m_fte=Sum("fte"),
            m_euro=_any(Q(amount__isnull=False)),
            m_staff=_any(Q(fte__isnull=False)),
            m_regular=_any(Q(regular_resources=True)),
        )
    )
    sums = per_measure.aggregate(
        **{name: Sum(f"m_{name}") for name in _SUMMED},
        euro_measures=Sum("m_euro"),
        fte_measures=Sum("m_staff"),
        regular_resources_only_measures=Sum(
            Case(When(m_regular=1, m_euro=0, m_staff=0, then=1), default=0)
        ),
    )
    # Measures without any line count as measures too.
    return _totals(sums, measure_ids.count())


_SUMMED = ("one_off", "annual", "annual_without_period", "annual_over_period", "per_dossier", "fte")
AMOUNT = DecimalField(max_digits=20, decimal_places=2)


def _any(condition: Q) -> Max:
    """1 when a line of the measure meets `condition`, else 0."""
    return Max(Case(When(condition, then=1), default=0, output_field=IntegerField()))


def _totals(sums: dict, measures: int) -> BudgetTotals:
    totals = BudgetTotals(measures=measures)
    for name, value in sums.items():
        if value is not None:
            setattr(totals, name, value if name.endswith("measures") else Decimal(value))
    return totals
