"""Totals of a list of measures per policy line, action, year and period (the list export's
totals sheet reads them)."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby
from operator import itemgetter

from django.db.models import QuerySet

from actionplan.models import Action
from budgets.models import BudgetLine
from budgets.selectors.totals import (
    BUDGET_LINE_TOTAL_FIELDS,
    ZERO,
    BudgetTotals,
    budget_line_period,
    budget_line_values,
    budget_lines_totals,
)


@dataclass
class GroupTotals:
    """The totals of the measures of one policy line or action.

    `key` is the value the measure list's filter takes for the group (a number), so a page can
    link a group to its measures.
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
    """Totals of a list of measures: overall, per policy line, action and year. The
    per-policy-line and per-action totals add up to `total`."""

    total: BudgetTotals
    by_policy_line: list[GroupTotals]
    by_action: list[GroupTotals]
    by_year: list[YearTotals]
    by_period: list[PeriodTotals]
    one_off_without_period: Decimal = ZERO

    def for_action(self, number: int) -> BudgetTotals | None:
        return next((group.totals for group in self.by_action if group.key == str(number)), None)

    def for_year(self, year: int) -> YearTotals:
        return next((row for row in self.by_year if row.year == year), YearTotals(year))


@dataclass
class _YearsAndPeriods:
    """Where each euro amount of a list falls in time (see the package's docstring)."""

    by_year: dict[int, YearTotals] = field(default_factory=dict)
    by_period: dict[tuple[int, int], PeriodTotals] = field(default_factory=dict)
    one_off_without_period: Decimal = ZERO

    def add(self, line: BudgetLine) -> None:
        if line.amount is None or line.recurrence == BudgetLine.Recurrence.PER_DOSSIER:
            return
        period = budget_line_period(line)
        annual = line.recurrence == BudgetLine.Recurrence.ANNUAL
        if period is None:
            if not annual:
                self.one_off_without_period += line.amount
        elif annual:
            for year in range(period[0], period[1] + 1):
                self.by_year.setdefault(year, YearTotals(year)).annual += line.amount
        elif period[0] == period[1]:
            self.by_year.setdefault(period[0], YearTotals(period[0])).one_off += line.amount
        else:
            self.by_period.setdefault(period, PeriodTotals(*period)).one_off += line.amount


ROLLUP_BATCH = 2000


def budget_rollup(*, measures: Iterable) -> BudgetRollup:
    """Roll the budgets of `measures` up (see the package's docstring for how lines count).

    `measures` is a queryset (then its budget lines are read as plain rows, and its actions
    and policy lines once each: no measure is instantiated, so memory and time stay small
    for any number) or a list of measures already fetched with them, as
    `measures.selectors.measure_list` gives; then the roll-up makes no query at all.
    """
    if isinstance(measures, QuerySet):
        measures = _plain_measures(measures)
    else:
        measures = ((measure.action, list(measure.budget_lines.all())) for measure in measures)
    total = BudgetTotals()
    by_line: dict[int, GroupTotals] = {}
    by_action: dict[int, GroupTotals] = {}
    in_time = _YearsAndPeriods()
    for action, lines in measures:
        lines = [budget_line_values(line) for line in lines]  # read once, counted twice
        totals = budget_lines_totals(lines)
        total.add(totals)
        line = action.policy_line
        _group(by_line, line.pk, str(line.number), str(line), line).totals.add(totals)
        _group(by_action, action.pk, str(action.number), str(action), action).totals.add(totals)
        for budget_line in lines:
            in_time.add(budget_line)
    return BudgetRollup(
        total=total,
        by_policy_line=sorted(by_line.values(), key=_in_plan_order),
        by_action=sorted(by_action.values(), key=_in_plan_order),
        by_year=[in_time.by_year[year] for year in sorted(in_time.by_year)],
        by_period=[in_time.by_period[period] for period in sorted(in_time.by_period)],
        one_off_without_period=in_time.one_off_without_period,
    )


def _plain_measures(measures: QuerySet) -> Iterator[tuple]:
    """(action, budget-line rows) of each measure of `measures`: the measures' action ids and
    budget lines as plain rows, ROLLUP_BATCH at a time, and each action (with its policy
    line) once."""
    measures = measures.order_by().prefetch_related(None).select_related(None)
    action_ids = dict(measures.values_list("pk", "action_id").iterator(chunk_size=ROLLUP_BATCH))
    actions = Action.objects.select_related("policy_line").in_bulk(set(action_ids.values()))
    lines = (
        BudgetLine.objects.filter(measure__in=measures.values("pk"))
        .order_by("measure_id", "position")
        .values("measure_id", *BUDGET_LINE_TOTAL_FIELDS)
        .iterator(chunk_size=ROLLUP_BATCH)
    )
    lines_of = {pk: list(rows) for pk, rows in groupby(lines, key=itemgetter("measure_id"))}
    for pk, action_id in action_ids.items():
        yield actions[action_id], lines_of.get(pk, [])


def _in_plan_order(group: GroupTotals) -> tuple[int, int]:
    return group.item.plan_id, group.item.number


def _group(groups: dict, pk: int, key: str, label: str, item) -> GroupTotals:
    if pk not in groups:
        groups[pk] = GroupTotals(key=key, label=label, item=item)
    return groups[pk]
