"""Budget roll-ups, checked against totals worked out by hand from the plan text.

Euro amounts in the Budget column of the plan text (fixtures/source/*.txt):

one-off: 3.4 15,000 (Dec 2016 – Dec 2017) · 4.3 344,575 (2017-2019) · 4.6 1,000,000 (AMIF)
    · 5.2 55,000 (extended by 1 year as from 1 April 2017) · 5.4 137,000 · 5.5 190,000
    · 5.8 546.000 · 8.1 200,000 + 75,000 (2017) · 11.1 70,000 · 12.1 10,000 (2017)
    · 12.3 7,000 · 14.1 398,374 + 250,183 (2016-2017) · 14.2 500,000 (2018 - 2019)
    · 14.4 10,000 + 20,000 · 14.8 250,000                              = 4,078,132
annual: 4.1 568,311 (2017-2018) · 4.2 3,000,000 (2017-2019) · 6.2 200,000 · 12.1 KBS 103,000
    · 13.2 80,000 (until 30 November 2017)                              = 3,951,311
per dossier: 12.1 BCH 60,000                                            =    60,000
all euro amounts as printed                                             = 8,089,443
FTE: 12.1 Forms 0.5 + Studio Globo 1                                    =       1.5
"""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from budgets.models import BudgetLine
from budgets.selectors import (
    BudgetTotals,
    budget_line_period,
    budget_line_text,
    budget_lines_totals,
    budget_rollup,
    budget_total,
    budget_total_of,
    measure_budget_totals,
)
from measures.models import Measure
from measures.selectors import measure_list, measure_open_data, measure_queryset_with_plan_data
from tests.plan_text import euro_amounts

pytestmark = pytest.mark.django_db


@pytest.fixture
def rollup(plan):
    return budget_rollup(measures=Measure.objects.filter(plan=plan))


def test_whole_plan_totals_keep_one_off_annual_and_fte_apart(rollup):
    total = rollup.total
    assert total.measures == 62
    assert total.one_off == Decimal("4078132")
    assert total.annual == Decimal("3951311")
    assert total.per_dossier == Decimal("60000")
    assert total.fte == Decimal("1.5")
    assert total.euro_as_printed == Decimal("8089443") == sum(euro_amounts())


def test_annual_amounts_are_expanded_over_their_period(rollup):
    # 4.1: 568,311 × 2 (2017-2018); 4.2: 3,000,000 × 3 (2017-2019); 13.2: 80,000 × 1 (2017).
    assert rollup.total.annual_over_period == 568311 * 2 + 3000000 * 3 + 80000
    # 6.2 "200,000 € on an annual basis" and 12.1 "KBS: = 103,000 € per year" give no period.
    assert rollup.total.annual_without_period == 200000 + 103000


def test_single_measures_with_annual_amounts(plan):
    def totals(code):
        return measure_budget_totals(Measure.objects.get(plan=plan, code=code))

    assert totals("4.1").annual == 568311
    assert totals("4.1").annual_over_period == 1136622
    assert totals("4.2").annual_over_period == 9000000
    assert totals("4.2").one_off == 0
    assert (totals("6.2").annual, totals("6.2").annual_over_period) == (200000, 0)
    # "+ regular budget" beside a euro amount: not within the regular resources only.
    assert totals("6.2").regular_resources_only_measures == 0


def test_measure_12_1_keeps_its_five_lines_apart(plan):
    totals = measure_budget_totals(Measure.objects.get(plan=plan, code="12.1"))
    # Kazerne Dossin 10,000 (2017); BCH 60,000 per dossier; KBS 103,000 per year; 1.5 FTE.
    assert (totals.one_off, totals.per_dossier, totals.annual) == (10000, 60000, 103000)
    assert totals.fte == Decimal("1.5")
    assert totals.euro_as_printed == 173000


def test_regular_resources_measures_are_counted_not_summed(rollup):
    # 17 measures have only euro or FTE in their Budget column, 6.2 and 8.1 have euro amounts
    # and the regular resources, the other 43 only "Within the regular resources".
    assert rollup.total.regular_resources_only_measures == 43
    assert rollup.total.euro_measures == 19
    assert rollup.total.fte_measures == 1


def test_totals_per_policy_line_add_up_to_the_plan(rollup):
    one_off = {g.key: g.totals.one_off for g in rollup.by_policy_line}
    annual = {g.key: g.totals.annual for g in rollup.by_policy_line}
    assert one_off == {
        "1": 15000,  # 3.4
        "2": 344575 + 1000000 + 55000 + 137000 + 190000 + 546000,  # 4.3 4.6 5.2 5.4 5.5 5.8
        "3": 0,
        "4": 200000 + 75000 + 70000 + 10000 + 7000,  # 8.1 11.1 12.1 12.3
        "5": 398374 + 250183 + 500000 + 10000 + 20000 + 250000,  # 14.1 14.2 14.4 14.8
    }
    assert annual == {"1": 0, "2": 568311 + 3000000, "3": 200000, "4": 103000, "5": 80000}
    assert sum(one_off.values()) == rollup.total.one_off
    assert [g.totals.measures for g in rollup.by_policy_line] == [11, 17, 5, 16, 13]


def test_totals_per_action(rollup):
    assert rollup.for_action(4).one_off == 344575 + 1000000
    assert rollup.for_action(4).annual_over_period == 1136622 + 9000000
    assert rollup.for_action(12).fte == Decimal("1.5")
    assert rollup.for_action(1).euro_as_printed == 0
    assert rollup.for_action(1).regular_resources_only_measures == 4


def test_totals_per_year(rollup):
    # Annual amounts in each year of their period: 4.1 (2017-2018), 4.2 (2017-2019),
    # 13.2 (until November 2017).
    assert {y.year: y.annual for y in rollup.by_year} == {
        2017: 568311 + 3000000 + 80000,
        2018: 568311 + 3000000,
        2019: 3000000,
    }
    # One-off amounts of a single year: 12.1 Kazerne Dossin 10,000 (2017), and 8.1, whose
    # 200,000 for 4 OTAs and 75,000 for De Touter the fixture dates 2017.
    assert rollup.for_year(2017).one_off == 10000 + 200000 + 75000
    assert rollup.for_year(2018).one_off == 0


def test_one_off_amounts_over_several_years_are_not_split(rollup):
    periods = {(p.first_year, p.last_year): p.one_off for p in rollup.by_period}
    assert periods == {
        (2016, 2017): 15000 + 398374 + 250183,  # 3.4, 14.1
        (2017, 2018): 55000,  # 5.2
        (2017, 2019): 344575,  # 4.3
        (2018, 2019): 500000,  # 14.2
    }
    # 4.6 5.4 5.5 5.8 11.1 12.3 14.4 14.8 give no period.
    assert rollup.one_off_without_period == (
        1000000 + 137000 + 190000 + 546000 + 70000 + 7000 + 30000 + 250000
    )
    in_years = sum(y.one_off for y in rollup.by_year)
    assert in_years + sum(periods.values()) + rollup.one_off_without_period == (
        rollup.total.one_off
    )


def test_rollup_of_a_filtered_list_is_the_rollup_of_its_measures(plan, django_assert_num_queries):
    measures = list(measure_list(params={"actor": "VVSG"}, user=AnonymousUser()).measures)
    with django_assert_num_queries(0):
        rollup = budget_rollup(measures=measures)
        total = budget_total(measures=measures)
    assert total == rollup.total
    assert rollup.total.one_off == 344575  # 4.3, the only VVSG measure with money
    assert rollup.total.measures == len(measures) == 6


def test_rollup_of_a_queryset_takes_a_fixed_number_of_queries(plan, django_assert_num_queries):
    with django_assert_num_queries(3):  # measures' action ids, the actions, budget lines
        budget_rollup(measures=Measure.objects.filter(plan=plan))


def test_a_period_with_one_end_is_that_single_year():
    assert budget_line_period(BudgetLine(period_end=2017)) == (2017, 2017)
    assert budget_line_period(BudgetLine(period_start=2018)) == (2018, 2018)
    assert budget_line_period(BudgetLine(period_start=2017, period_end=2019)) == (2017, 2019)
    assert budget_line_period(BudgetLine()) is None


def test_budget_lines_in_words(plan):
    lines = {
        (line.measure.code, line.position): budget_line_text(line)
        for line in BudgetLine.objects.select_related("measure")
    }
    assert lines[("4.1", 0)] == "€568,311 per year, 2017–2018"
    assert lines[("4.6", 0)] == "€1,000,000 (AMIF)"
    assert lines[("12.1", 1)] == "€60,000 per dossier (BCH)"
    assert lines[("12.1", 3)] == "0.5 FTE (Forms)"
    assert lines[("13.2", 0)] == "€80,000 per year, until 2017"
    assert lines[("1.1", 0)] == "Within the regular resources"


def test_frozen_open_data_lines_give_the_same_totals(plan):
    """Reports freeze budget lines as open data; their totals are those of the live lines."""
    frozen = BudgetTotals()
    live = BudgetTotals()
    for measure in measure_queryset_with_plan_data().filter(plan=plan):
        frozen.add(budget_lines_totals(measure_open_data(measure)["budget_lines"]))
        live.add(measure_budget_totals(measure))
    assert frozen == live
    assert frozen.euro_as_printed == Decimal("8089443")


def test_totals_added_up_in_the_database_are_those_of_each_measures_lines(plan):
    # Every kind of line of the plan: one-off, annual with and without a period, per dossier,
    # FTE, within the regular resources; for the whole plan and for a filtered part of it.
    for measures in (Measure.objects.filter(plan=plan), Measure.objects.filter(action__number=12)):
        in_python = budget_total(measures=measures.prefetch_related("budget_lines"))
        assert budget_total_of(measure_ids=measures.values("pk")) == in_python
    assert budget_total_of(measure_ids=Measure.objects.none().values("pk")) == BudgetTotals()
