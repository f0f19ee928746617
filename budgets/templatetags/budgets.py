"""Money and budget lines in templates, worded as in exports (budgets.selectors)."""

from django import template

from actionplan.money import money_text
from budgets.selectors import budget_line_text

register = template.Library()


@register.filter
def budget_line_in_words(line) -> str:
    """{{ line|budget_line_in_words }}: "€568,311 per year, 2017–2018"."""
    return budget_line_text(line)


@register.filter
def money(amount) -> str:
    """{{ amount|money }}: "€568,311" in English, "€ 568.311" in Dutch (actionplan.money)."""
    return money_text(amount)
