"""The budget totals frozen with a round, through budgets.selectors (the one place budget
lines become totals)."""

from dataclasses import fields
from decimal import Decimal

from budgets.selectors import BudgetTotals, budget_lines_totals


def snapshot_budget_totals(snapshots) -> BudgetTotals:
    """The totals of the budget lines frozen with `snapshots` (one per measure)."""
    total = BudgetTotals()
    for snapshot in snapshots:
        total.add(budget_lines_totals(snapshot.budget_lines))
    return total


def budget_totals_json(totals: BudgetTotals) -> dict:
    """`totals` as JSON (amounts as strings, so that no cent is lost)."""
    return {
        item.name: str(value) if isinstance(value, Decimal) else value
        for item in fields(totals)
        for value in [getattr(totals, item.name)]
    }
