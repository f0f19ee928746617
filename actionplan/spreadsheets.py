"""Text that is safe in a CSV field or an XLSX cell: shared by every export and report."""

import re

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Control characters that XLSX cannot hold (openpyxl raises IllegalCharacterError on them).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def csv_text(value) -> str:
    """`value` as CSV text a spreadsheet shows as written: control characters removed, and a
    leading apostrophe where the text would otherwise start a formula."""
    text = CONTROL_CHARACTERS.sub("", str(value))
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def xlsx_text(value) -> str:
    """`value` as text an XLSX cell can hold. Write it to a cell typed as text
    (`cell.data_type = "s"`), so that it is never read as a formula."""
    return CONTROL_CHARACTERS.sub("", str(value))
