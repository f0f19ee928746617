"""Facts read straight from the plan text, an oracle independent of the fixture."""

import re
from decimal import Decimal
from functools import cache
from pathlib import Path

SOURCE = (
    Path(__file__).resolve().parent.parent
    / "fixtures"
    / "source"
    / "action-plan-violent-radicalisation-polarisation.txt"
)


@cache
def plan_text() -> str:
    return SOURCE.read_text(encoding="utf-8")


def measure_codes_with_status() -> dict[str, str]:
    """{"1.1": "B", ...}: every "N.M (X)" opening a measure in the plan text."""
    return dict(re.findall(r"(\d{1,2}\.\d{1,2}) \(([BVN])\)", plan_text()))


def euro_amounts() -> list[Decimal]:
    """Every amount followed by a euro sign, in either number style."""
    found = re.findall(r"(\d{1,3}(?:[.,]\d{3})+|\d+) €", plan_text())
    return [Decimal(re.sub(r"[.,]", "", amount)) for amount in found]


def normalised(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text).replace("•", " ")
    return re.sub(r"\s+", " ", text).strip()
