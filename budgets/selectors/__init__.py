"""Budget roll-ups: the one place where budget lines become totals.

Pages, exports, the API and reports all read totals through `budget_total` or `budget_rollup`
(a list of measures) or `measure_budget_totals` (one measure), so that a total reads the same
everywhere.

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
- A line **within the regular resources** carries no amount: its measures are counted, never
  summed. One rule, used by the pages, the exports and the reports: a measure counts as *within
  the regular resources only* (`regular_resources_only_measures`) when its budget lines give
  that and no euro amount and no FTE (6.2, "200,000 € ... + regular budget", does not).

`euro_as_printed` adds one-off, annual and per-dossier amounts as printed (for the whole plan:
8,089,443 €, the sum of every euro amount in the plan text). It mixes rates with one-off
amounts, so it ranks and checks budgets; it is not money spent.

Per year (`BudgetRollup.by_year`): an annual amount counts in each year of its period; a one-off
amount counts in its year when its period is a single year. A one-off amount over several years
is not split, because the plan does not say how it is phased: it is listed under its period in
`BudgetRollup.by_period`. Amounts without a period belong to no year: one-off ones are summed in
`BudgetRollup.one_off_without_period`, annual ones in `annual_without_period` and per-dossier
ones in `per_dossier`.

The package: `totals` (one measure's totals and their sum), `rollup` (totals per policy line,
action, year and period), `text` (a line in words and as open data), `conditions` (the same
rules as SQL conditions on measures, for the measure list's filters, order and facets).
"""

from budgets.selectors.conditions import (
    BudgetKind,
    budget_condition,
    budget_funding_counts,
    budget_kind_counts,
    budget_label_exists,
    budget_year_counts,
    budget_years,
    covers_year,
    euro_as_printed,
    has_budget_line,
)
from budgets.selectors.rollup import (
    BudgetRollup,
    GroupTotals,
    PeriodTotals,
    YearTotals,
    budget_rollup,
)
from budgets.selectors.text import (
    BUDGET_LINE_OPEN_DATA_FIELDS,
    budget_line_open_data,
    budget_line_text,
)
from budgets.selectors.totals import (
    ZERO,
    BudgetTotals,
    budget_line_period,
    budget_lines_totals,
    budget_total,
    budget_total_of,
    measure_budget_totals,
)

__all__ = [
    "BUDGET_LINE_OPEN_DATA_FIELDS",
    "ZERO",
    "BudgetKind",
    "BudgetRollup",
    "BudgetTotals",
    "GroupTotals",
    "PeriodTotals",
    "YearTotals",
    "budget_condition",
    "budget_funding_counts",
    "budget_kind_counts",
    "budget_year_counts",
    "budget_label_exists",
    "budget_line_open_data",
    "budget_line_period",
    "budget_line_text",
    "budget_lines_totals",
    "budget_rollup",
    "budget_total",
    "budget_total_of",
    "budget_years",
    "covers_year",
    "euro_as_printed",
    "has_budget_line",
    "measure_budget_totals",
]
