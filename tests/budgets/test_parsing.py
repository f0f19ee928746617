from decimal import Decimal

import pytest

from budgets.parsing import parse_amount, parse_fte


@pytest.mark.parametrize(
    ("printed", "amount"),
    [
        ("15,000", Decimal("15000")),
        ("3,000,000", Decimal("3000000")),
        ("546.000 €", Decimal("546000")),
        ("568,311 €", Decimal("568311")),
        ("7000", Decimal("7000")),
        ("1.234,50", Decimal("1234.50")),
        ("1,234.50", Decimal("1234.50")),
        ("12,5", Decimal("12.5")),
    ],
)
def test_amounts_are_read_in_both_number_styles(printed, amount):
    assert parse_amount(printed) == amount


@pytest.mark.parametrize("printed", ["", "€", "15.00.0", "1,2345", "12,34,56", "-5", "ten", "1e3"])
def test_malformed_amounts_are_refused(printed):
    with pytest.raises(ValueError, match="malformed amount"):
        parse_amount(printed)


def test_fte_counts():
    assert parse_fte("0.5") == Decimal("0.5")
    assert parse_fte(1) == Decimal("1")
    with pytest.raises(ValueError):
        parse_fte("0")
