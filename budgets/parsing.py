"""Reading the plan's budget wording into numbers."""

import re
from decimal import Decimal, InvalidOperation

# Thousands grouped by "," or "." ("15,000", "546.000"); optional cents after the other mark.
_GROUPED_COMMA = re.compile(r"^\d{1,3}(,\d{3})+(\.\d{1,2})?$")
_GROUPED_DOT = re.compile(r"^\d{1,3}(\.\d{3})+(,\d{1,2})?$")
_PLAIN = re.compile(r"^\d+([.,]\d{1,2})?$")


def parse_amount(text: str) -> Decimal:
    """Read an amount as the plan prints it, English or European style, as a Decimal.

    "568,311" and "546.000 €" are thousands (568311 and 546000); "1.234,50" and "1,234.50"
    carry cents. Anything else raises ValueError with the offending text.
    """
    cleaned = str(text).replace("€", "").replace("\u00a0", " ").strip().replace(" ", "")
    if _GROUPED_COMMA.match(cleaned):
        number = cleaned.replace(",", "")
    elif _GROUPED_DOT.match(cleaned):
        number = cleaned.replace(".", "").replace(",", ".")
    elif _PLAIN.match(cleaned):
        number = cleaned.replace(",", ".")
    else:
        raise ValueError(f"malformed amount {text!r}")
    try:
        return Decimal(number)
    except InvalidOperation as exc:  # pragma: no cover - the patterns above admit only digits
        raise ValueError(f"malformed amount {text!r}") from exc


def parse_fte(text: str) -> Decimal:
    """Read an FTE count such as "0.5" or "1"; raise ValueError otherwise."""
    cleaned = str(text).strip().replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d{1,2})?", cleaned) or Decimal(cleaned) <= 0:
        raise ValueError(f"malformed FTE count {text!r}")
    return Decimal(cleaned)
