from django import template
from django.utils.translation import gettext as _

from measures.models import ImplementationStatus

register = template.Library()


@register.inclusion_tag("includes/status_badge.html")
def status_badge(status: str):
    """An implementation status as a labelled badge (colour is never the only cue)."""
    try:
        label = ImplementationStatus(status).label
    except ValueError:
        label = _("Unknown")
    return {"status": status, "label": label}


@register.filter
def percent_of(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0
