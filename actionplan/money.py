"""Money as text, one way per language: the templates' `money` filter, the report's PDF, budget
lines in words and every export that writes money as text use `money_text`.

English (en-GB): "€568,311", "€1,234.50". Dutch (nl-BE): "€ 568.311", "€ 1.234,50". Whole
amounts show no cents; any other amount shows two decimals. Spreadsheets get the number itself
(a Decimal), not this text.
"""

from decimal import Decimal, InvalidOperation

from actionplan.remembered import get_language

# (thousands separator, decimal mark, text between the euro sign and the number)
STYLES = {
    "en": (",", ".", ""),
    "nl": (".", ",", " "),
}


def money_text(amount, language: str | None = None) -> str:
    """`amount` in euro as a reader of `language` (default: the active language) writes it;
    "" for None or "", and the value as it is if it is not a number."""
    if amount in (None, ""):
        return ""
    try:
        amount = Decimal(str(amount))
    except InvalidOperation:
        return str(amount)
    thousands, decimal_mark, space = STYLES[_style(language)]
    digits = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    digits = digits.translate(str.maketrans({",": thousands, ".": decimal_mark}))
    sign, digits = ("-", digits[1:]) if digits.startswith("-") else ("", digits)
    return f"{sign}€{space}{digits}"


def _style(language: str | None) -> str:
    code = (language or get_language() or "en").split("-")[0].lower()
    return code if code in STYLES else "en"
