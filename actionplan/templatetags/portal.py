from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from actionplan.models import Plan
from actionplan.plans import measure_path
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


_DEFAULT_PLAN = "_default_plan_id"


def default_plan_id(context) -> int | None:
    """The default plan's id, read once per request (or once per render without one)."""
    request = context.get("request")
    if request is None:
        if _DEFAULT_PLAN not in context.render_context:
            context.render_context[_DEFAULT_PLAN] = getattr(Plan.objects.default(), "pk", None)
        return context.render_context[_DEFAULT_PLAN]
    if not hasattr(request, _DEFAULT_PLAN):
        setattr(request, _DEFAULT_PLAN, getattr(Plan.objects.default(), "pk", None))
    return getattr(request, _DEFAULT_PLAN)


@register.simple_tag(takes_context=True)
def measure_url(context, measure, page: str = "detail", *args) -> str:
    """{% measure_url measure %}: a measure's page (or "update-create", "update-edit" pk) at
    today's address for the default plan's measures, under /plans/<code>/ for another plan's."""
    return measure_path(measure, page, *args, default_plan_id=default_plan_id(context))


_PLANS = "_plans_in_order"


def _plans_in_order(context) -> list[Plan]:
    """Every plan, the default plan first, read once per request (the switcher and the footer
    both read them) or once per render without one."""
    request = context.get("request")
    store = vars(request) if request is not None else context.render_context
    if _PLANS not in store:
        store[_PLANS] = list(Plan.objects.order_by("adoption_year", "code"))
    return store[_PLANS]


def _page_plan_id(context) -> int | None:
    """The plan the page is about: its measure's, its plan's or its round's; else the default."""
    measure = context.get("measure")
    reporting_round = context.get("round") or getattr(context.get("run"), "round", None)
    return (
        getattr(measure, "plan_id", None)
        or getattr(context.get("plan"), "pk", None)
        or getattr(reporting_round, "plan_id", None)
        or default_plan_id(context)
    )


@register.simple_tag(takes_context=True)
def page_plan(context) -> Plan | None:
    """{% page_plan as plan %}: the plan the page is about (the footer names it)."""
    current = _page_plan_id(context)
    return next((plan for plan in _plans_in_order(context) if plan.pk == current), None)


@register.inclusion_tag("includes/plan_switcher.html", takes_context=True)
def plan_switcher(context):
    """Links to each plan's dashboard, the page's plan marked, and to the list of plans, when
    there is more than one."""
    current = _page_plan_id(context)
    default = default_plan_id(context)
    plans = [
        {
            "title": plan.title,
            "url": reverse("actionplan:home")
            if plan.pk == default
            else reverse("plan:home", args=[plan.code]),
            "current": plan.pk == current,
        }
        for plan in _plans_in_order(context)
    ]
    return {"plans": plans if len(plans) > 1 else []}
