"""A budget line in words and as open data."""

from actionplan.money import money_text
from actionplan.remembered import gettext as _  # once per export (see there)
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


# The fields `budget_line_open_data` reads: a line read with .values(*these) is enough.
BUDGET_LINE_OPEN_DATA_FIELDS = (
    "amount",
    "fte",
    "recurrence",
    "period_start",
    "period_end",
    "label",
    "regular_resources",
    "source_text",
)


def budget_line_open_data(line: BudgetLine | dict) -> dict:
    """A budget line as open data: the shape of `export_plan`, the REST API and the lines a
    report freezes (budget_lines_totals reads it back). `line` is a BudgetLine or a dict of
    its BUDGET_LINE_OPEN_DATA_FIELDS (as the API's list reads them)."""
    if not isinstance(line, dict):
        line = {name: getattr(line, name) for name in BUDGET_LINE_OPEN_DATA_FIELDS}
    amount, fte = line["amount"], line["fte"]
    return {
        "amount": None if amount is None else str(amount),
        "currency": BudgetLine.CURRENCY if amount is not None else None,
        "unit": BudgetLine.unit_of(amount, fte),
        "fte": None if fte is None else str(fte),
        "recurrence": line["recurrence"] or None,
        "period_start": line["period_start"],
        "period_end": line["period_end"],
        "label": line["label"],
        "regular_resources": line["regular_resources"],
        "source_text": line["source_text"],
    }
