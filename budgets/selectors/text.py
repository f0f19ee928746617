"""A budget line in words and as open data."""

from django.utils.translation import gettext as _

from actionplan.money import money_text
from budgets.models import BudgetLine
from budgets.selectors.totals import budget_line_period, budget_line_values


def budget_line_text(line: BudgetLine | dict) -> str:
    """A budget line (or its open-data dict) in words, for lists and exports: "€568,311 per
    year, 2017–2018", "€1,000,000 (AMIF)", "0.5 FTE (Forms)", "Within the regular resources"."""
    line = budget_line_values(line)
    if line.amount is None and line.fte is None:
        return _("Within the regular resources")
    if line.fte is not None:
        text = _("%(fte)s FTE") % {"fte": format(line.fte.normalize(), "f")}
    else:
        text = money_text(line.amount)
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


def budget_line_open_data(line: BudgetLine) -> dict:
    """A budget line as open data: the shape of `export_plan`, the REST API and the lines a
    report freezes (budget_lines_totals reads it back)."""
    return {
        "amount": None if line.amount is None else str(line.amount),
        "currency": line.currency,
        "unit": line.unit,
        "fte": None if line.fte is None else str(line.fte),
        "recurrence": line.recurrence or None,
        "period_start": line.period_start,
        "period_end": line.period_end,
        "label": line.label,
        "regular_resources": line.regular_resources,
        "source_text": line.source_text,
    }
