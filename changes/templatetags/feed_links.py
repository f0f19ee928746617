"""`{% feed_links %}` in the page head: the Atom feeds of what the page shows, for feed readers
(`<link rel="alternate" type="application/atom+xml">`)."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("changes/feed_links.html", takes_context=True)
def feed_links(context) -> dict:
    links = [(reverse("feeds:progress"), _("Public progress of the action plan"))]
    measure = context.get("measure")
    overview = context.get("overview")
    actor = getattr(overview, "actor", None)
    if measure is not None and getattr(measure, "code", None):
        url = reverse("feeds:measure-progress", kwargs={"code": measure.code})
        links.append((url, _("Public progress of measure %(code)s") % {"code": measure.code}))
    if actor is not None:
        url = reverse("feeds:actor-progress", kwargs={"key": actor.code})
        links.append(
            (url, _("Public progress of the measures of %(actor)s") % {"actor": actor.name})
        )
    return {"links": links}
