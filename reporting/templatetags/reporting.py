from decimal import Decimal, InvalidOperation

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def eur(value) -> str:
    """An amount in euro with thousands grouped: 1,234,567 €."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return f"{floatformat(amount, '0g')} €"


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
    """Actors of a measure, the coordinator first and marked: "WVG (coordinator), OV"."""
    parts = []
    for actor in sorted(actors, key=lambda a: a.get("role") != "coordinator"):
        label = actor.get("code", "")
        if actor.get("role") == "coordinator":
            label = _("%(code)s (coordinator)") % {"code": label}
        parts.append(label)
    return ", ".join(parts)


@register.filter
def css_string(value) -> str:
    """`value` as the inside of a double-quoted CSS string (for @page margin boxes)."""
    text = " ".join(str(value or "").split())
    return "".join(
        ch if ch.isalnum() or ch in " .,:;()–-_/'&%" else f"\\{ord(ch):x} " for ch in text
    )
