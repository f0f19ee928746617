"""Budget roll-ups: the one place where budget lines become totals.

Pages, exports, the API and reports all read totals through `budget_rollup` (a list of
measures) or `measure_budget_totals` (one measure), so that a total reads the same everywhere.

How a budget line counts:

- A **one-off** amount (recurrence one_off, or no recurrence given) is summed as printed.
- An **annual** amount is a rate per year and is never added to one-off amounts. It is summed
  as printed (`annual`: euro per year) and, where the plan gives its period, expanded over it:
  the annual amount × the number of years in the period (`annual_over_period`). Measure 4.1,
  "568,311 € (annually, 2017-2018)", gives 568,311 × 2 = 1,136,622; measure 4.2,
  "3,000,000 € (annually, 2017-2019)", gives 3,000,000 × 3 = 9,000,000. Where the plan gives
  only one end of the period (13.2: "per year (until 30 November 2017)"), the period is that one
  year. Where it gives no period at all (6.2: "200,000 € on an annual basis"), the amount cannot
  be expanded: it is counted in `annual_without_period` instead.
- A **per-dossier** amount (12.1: "60,000 € per dossier", the number of dossiers unknown) is a
  rate too, kept apart in `per_dossier`.
- **FTE** are summed apart in `fte`, never turned into euro.
- A line **within the regular resources** carries no amount: its measures are counted
  (`regular_resources_measures`), never summed.

`euro_as_printed` adds one-off, annual and per-dossier amounts as printed (for the whole plan:
8,089,443 €, the sum of every euro amount in the plan text). It mixes rates with one-off
amounts, so it ranks and checks budgets; it is not money spent.

Per year (`BudgetRollup.by_year`): an annual amount counts in each year of its period; a one-off
amount counts in its year when its period is a single year. A one-off amount over several years
is not split, because the plan does not say how it is phased: it is listed under its period in
`BudgetRollup.by_period`. Amounts without a period belong to no year: one-off ones are summed in
`BudgetRollup.one_off_without_period`, annual ones in `annual_without_period` and per-dossier
ones in `per_dossier`.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from decimal import Decimal

from django.db.models import QuerySet

from budgets.models import BudgetLine

ZERO = Decimal("0")

# What a roll-up reads of each measure; a queryset handed to budget_rollup gets these.
ROLLUP_SELECT_RELATED = ("action__policy_line",)


def rollup_prefetches() -> list:
    from measures.selectors import measure_plan_data_prefetches

    return measure_plan_data_prefetches()


@dataclass
class BudgetTotals:
    """Totals of a set of measures, each kind of amount apart (see the module's docstring)."""

    measures: int = 0
    one_off: Decimal = ZERO
    annual: Decimal = ZERO
    annual_over_period: Decimal = ZERO
    annual_without_period: Decimal = ZERO
    per_dossier: Decimal = ZERO
    fte: Decimal = ZERO
    euro_measures: int = 0
    fte_measures: int = 0
    regular_resources_measures: int = 0
    regular_resources_only_measures: int = 0

    @property
    def euro_as_printed(self) -> Decimal:
        """One-off, annual and per-dossier amounts added as printed."""
        return self.one_off + self.annual + self.per_dossier

    def add(self, other: "BudgetTotals") -> None:
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))


@dataclass
class GroupTotals:
    """The totals of the measures of one policy line, action, actor or minister.

    `key` is the value the measure list's filter takes for the group (a number, an actor's
    code, a minister's slug), so a page can link a group to its measures.
    """

    key: str
    label: str
    totals: BudgetTotals = field(default_factory=BudgetTotals)
    item: object = None


@dataclass
class YearTotals:
    year: int
    annual: Decimal = ZERO
    one_off: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.annual + self.one_off


@dataclass
class PeriodTotals:
    """One-off amounts given for a period of several years (not split over its years)."""

    first_year: int
    last_year: int
    one_off: Decimal = ZERO


@dataclass
class BudgetRollup:
    """Totals of a list of measures: overall, per policy line, action, actor, minister, year.

    A measure with several actors (or ministers) counts in full for each of them, so the
    per-actor totals add up to more than `total`; the per-policy-line and per-action totals
    add up to `total`.
    """

    total: BudgetTotals
    by_policy_line: list[GroupTotals]
    by_action: list[GroupTotals]
    by_actor: list[GroupTotals]
    by_minister: list[GroupTotals]
    by_year: list[YearTotals]
    by_period: list[PeriodTotals]
    one_off_without_period: Decimal = ZERO

    def for_policy_line(self, number: int) -> BudgetTotals | None:
        return _find(self.by_policy_line, str(number))

    def for_action(self, number: int) -> BudgetTotals | None:
        return _find(self.by_action, str(number))

    def for_actor(self, code: str) -> BudgetTotals | None:
        return _find(self.by_actor, code)

    def for_minister(self, slug: str) -> BudgetTotals | None:
        return _find(self.by_minister, slug)

    def for_year(self, year: int) -> YearTotals:
        return next((row for row in self.by_year if row.year == year), YearTotals(year))


def _find(groups: list[GroupTotals], key: str) -> BudgetTotals | None:
    return next((group.totals for group in groups if group.key == key), None)


def budget_line_period(line: BudgetLine) -> tuple[int, int] | None:
    """The first and last year a line covers: its period, a single year when only one end is
    given, None when the plan gives no period. The measure list's `year` filter uses the same
    rule."""
    first = line.period_start if line.period_start is not None else line.period_end
    last = line.period_end if line.period_end is not None else line.period_start
    if first is None:
        return None
    return first, last


@dataclass(frozen=True)
class _Line:
    amount: Decimal | None
    fte: Decimal | None
    recurrence: str
    period_start: int | None
    period_end: int | None
    regular_resources: bool


def _line(line) -> _Line:
    """A BudgetLine, or its open-data dict (amounts as strings), as the values totals read."""
    if not isinstance(line, dict):
        return _Line(
            line.amount,
            line.fte,
            line.recurrence or "",
            line.period_start,
            line.period_end,
            line.regular_resources,
        )

    def decimal(value) -> Decimal | None:
        return None if value in (None, "") else Decimal(str(value))

    return _Line(
        decimal(line.get("amount")),
        decimal(line.get("fte")),
        line.get("recurrence") or "",
        line.get("period_start"),
        line.get("period_end"),
        bool(line.get("regular_resources")),
    )


def budget_lines_totals(lines: Iterable) -> BudgetTotals:
    """The totals of one measure's budget lines: BudgetLine objects, or the open-data dicts of
    measures.selectors.budget_line_open_data (as reports freeze them)."""
    totals = BudgetTotals(measures=1)
    has_euro = has_fte = has_regular = False
    for line in map(_line, lines):
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
    totals.regular_resources_measures = int(has_regular)
    totals.regular_resources_only_measures = int(has_regular and not has_euro and not has_fte)
    return totals


def measure_budget_totals(measure) -> BudgetTotals:
    """The totals of one measure (reads `measure.budget_lines.all()`, prefetched or not)."""
    return budget_lines_totals(measure.budget_lines.all())


def budget_rollup(*, measures: Iterable) -> BudgetRollup:
    """Roll the budgets of `measures` up (see the module's docstring for how lines count).

    `measures` is a queryset (its actors, ministers, policy lines and budget lines are then
    fetched in a fixed number of queries) or a list of measures already fetched with them, as
    `measures.selectors.measure_list` gives; then the roll-up makes no query at all.
    """
    if isinstance(measures, QuerySet):
        measures = (
            measures.select_related(*ROLLUP_SELECT_RELATED)
            .prefetch_related(None)
            .prefetch_related(*rollup_prefetches())
        )
    total = BudgetTotals()
    by_line: dict[int, GroupTotals] = {}
    by_action: dict[int, GroupTotals] = {}
    by_actor: dict[int, GroupTotals] = {}
    by_minister: dict[int, GroupTotals] = {}
    by_year: dict[int, YearTotals] = {}
    by_period: dict[tuple[int, int], PeriodTotals] = {}
    one_off_without_period = ZERO

    for measure in measures:
        totals = measure_budget_totals(measure)
        total.add(totals)
        action = measure.action
        line = action.policy_line
        _group(by_line, line.pk, str(line.number), str(line), line).totals.add(totals)
        _group(by_action, action.pk, str(action.number), str(action), action).totals.add(totals)
        for link in measure.actor_links.all():
            actor = link.actor
            _group(by_actor, actor.pk, actor.code, actor.name, actor).totals.add(totals)
        for link in measure.minister_links.all():
            minister = link.minister
            group = _group(by_minister, minister.pk, minister.slug, minister.title, minister)
            group.totals.add(totals)
        for budget_line in measure.budget_lines.all():
            if (
                budget_line.amount is None
                or budget_line.recurrence == BudgetLine.Recurrence.PER_DOSSIER
            ):
                continue
            period = budget_line_period(budget_line)
            annual = budget_line.recurrence == BudgetLine.Recurrence.ANNUAL
            if period is None:
                if not annual:
                    one_off_without_period += budget_line.amount
            elif annual:
                for year in range(period[0], period[1] + 1):
                    by_year.setdefault(year, YearTotals(year)).annual += budget_line.amount
            elif period[0] == period[1]:
                by_year.setdefault(period[0], YearTotals(period[0])).one_off += budget_line.amount
            else:
                by_period.setdefault(period, PeriodTotals(*period)).one_off += budget_line.amount

    def ordered(groups: dict, key) -> list[GroupTotals]:
        return sorted(groups.values(), key=key)

    return BudgetRollup(
        total=total,
        by_policy_line=ordered(by_line, lambda g: (g.item.plan_id, g.item.number)),
        by_action=ordered(by_action, lambda g: (g.item.plan_id, g.item.number)),
        by_actor=ordered(by_actor, lambda g: g.key.casefold()),
        by_minister=ordered(by_minister, lambda g: g.label.casefold()),
        by_year=[by_year[year] for year in sorted(by_year)],
        by_period=[by_period[period] for period in sorted(by_period)],
        one_off_without_period=one_off_without_period,
    )


def _group(groups: dict, pk: int, key: str, label: str, item) -> GroupTotals:
    if pk not in groups:
        groups[pk] = GroupTotals(key=key, label=label, item=item)
    return groups[pk]


def budget_amount_text(amount: Decimal) -> str:
    """568311.00 → "568,311"; 1234.50 → "1,234.50" (the plan's own number style)."""
    return f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"


def budget_line_text(line: BudgetLine) -> str:
    """A budget line in words, for lists and exports: "€568,311 per year, 2017–2018",
    "€1,000,000 (AMIF)", "0.5 FTE (Forms)", "Within the regular resources"."""
    from django.utils.translation import gettext as _

    if line.amount is None and line.fte is None:
        return _("Within the regular resources")
    if line.fte is not None:
        text = _("%(fte)s FTE") % {"fte": format(line.fte.normalize(), "f")}
    else:
        text = f"€{budget_amount_text(line.amount)}"
        if line.recurrence == BudgetLine.Recurrence.ANNUAL:
            text = _("%(amount)s per year") % {"amount": text}
        elif line.recurrence == BudgetLine.Recurrence.PER_DOSSIER:
            text = _("%(amount)s per dossier") % {"amount": text}
    period = budget_line_period(line)
    if period is not None:
        years = str(period[0]) if period[0] == period[1] else f"{period[0]}–{period[1]}"
        if line.period_start is None:
            years = _("until %(year)s") % {"year": years}
        text = f"{text}, {years}"
    if line.label:
        text = f"{text} ({line.label})"
    return text
