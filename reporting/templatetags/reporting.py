from decimal import Decimal, InvalidOperation

from django import template
from django.template.defaultfilters import floatformat
from django.utils.safestring import SafeString, mark_safe

from measures.rows import actor_codes_text, open_data_actors
from reporting import wording

register = template.Library()


@register.filter
def fte(value) -> str:
    if value in (None, ""):
        return ""
    try:
        return floatformat(Decimal(str(value)), "-2")
    except InvalidOperation:
        return str(value)


@register.filter
def actor_list(actors: list[dict]) -> str:
    """Actors of a measure as every table writes them: "WVG (coordinator); OV"."""
    return actor_codes_text(open_data_actors(actors))


# Escaped in a CSS string: its quotes and backslash, control characters (line breaks among
# them), and "<" and ">" so that a text holding "</style>" cannot end the <style> element.
CSS_STRING_SPECIALS = frozenset("\\\"'<>")


def _css_character(ch: str) -> str:
    code = ord(ch)
    if ch in CSS_STRING_SPECIALS or code < 0x20 or code == 0x7F:
        return f"\\{code:x} "  # a hex escape; CSS drops the one space after it
    return ch


@register.filter
def css_string(value) -> SafeString:
    """`value` as a double-quoted CSS string literal, quotes included, for the content of
    @page margin boxes (runs of whitespace become one space).

    Marked safe because it is CSS, not HTML: inside <style> the HTML parser decodes no
    entities, so an autoescaped "&amp;" would be printed as it is on every page."""
    text = " ".join(str(value or "").split())
    literal = '"' + "".join(_css_character(ch) for ch in text) + '"'
    return mark_safe(literal)  # noqa: S308 - every character that could end it is escaped


@register.filter
def situation_text(reporting_round) -> str:
    return wording.round_situation_text(reporting_round)


@register.filter
def closed_text(reporting_round) -> str:
    return wording.round_closed_text(reporting_round)


@register.filter
def compared_text(previous_round) -> str:
    return wording.round_compared_text(previous_round)


# Rows in one table of the PDF: about a page. WeasyPrint lays a table out again for every page
# it spans, so the time of a table grows with the square of its pages; a long list is printed
# as consecutive tables of a page or so each (every one with its header row).
PDF_TABLE_ROWS = 40


@register.filter
def pdf_tables(rows) -> list[list]:
    """`rows` in runs of PDF_TABLE_ROWS, one table each."""
    rows = list(rows)
    return [rows[start : start + PDF_TABLE_ROWS] for start in range(0, len(rows), PDF_TABLE_ROWS)]
