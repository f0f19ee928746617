"""Wayfinding: the breadcrumbs of a page and links to the measure list filtered to a policy
line or an action."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from actionplan.templatetags.portal import default_plan_id

register = template.Library()


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*steps):
    """{% breadcrumbs label address label address %}: the way to a page from the dashboard,
    each step a label and its address; a step without a label is left out. The page itself is
    not a step (its heading says it)."""
    trail = [(_("Dashboard"), reverse("actionplan:home"))]
    pairs = zip(steps[::2], steps[1::2], strict=True)
    trail += [(label, address) for label, address in pairs if label]
    return {"trail": trail}


@register.simple_tag(takes_context=True)
def measures_of(context, plan, name: str, value) -> str:
    """{% measures_of plan "policy_line" 2 %}: the measure list filtered to one value of one
    filter, within `plan` when it is not the default plan (whose numbers the bare ones mean)."""
    params = {}
    if plan is not None and plan.pk != default_plan_id(context):
        params["plan"] = plan.code
    params[name] = value
    return f"{reverse('measures:list')}?{urlencode(params)}"
