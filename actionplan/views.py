from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from actionplan.health import readiness
from actionplan.models import Plan
from actionplan.plans import plan_get
from actionplan.selectors import glossary_list, plan_index, plan_tree
from measures.selectors import dashboard_summary
from reporting.permissions import user_can_see_reports


def _plan_in_scope(url_kwargs: dict) -> Plan | None:
    """The plan a page's address names (/plans/<code>/...), the default plan at today's
    addresses; 404 for an unknown code."""
    code = url_kwargs.get("plan_code")
    plan = plan_get(code=code)
    if code and plan is None:
        raise Http404(_("There is no plan %(code)s.") % {"code": code})
    return plan


def plan_measure_list(request: HttpRequest, plan_code: str) -> HttpResponse:
    """/plans/<code>/measures/: the measure list keeps one plan's measures with `?plan=`
    (one list for every plan, so that a share or an export names its plan the same way)."""
    plan = _plan_in_scope({"plan_code": plan_code})
    return redirect(f"{reverse('measures:list')}?plan={plan.code}")


class DashboardView(TemplateView):
    """Progress of the plan at a glance; every chart is also a table."""

    template_name = "actionplan/dashboard.html"

    def get_context_data(self, **kwargs):
        plan = _plan_in_scope(self.kwargs)
        summary = dashboard_summary(plan=plan, user=self.request.user) if plan else None
        return super().get_context_data(plan=plan, summary=summary, **kwargs)


class PlanTreeView(TemplateView):
    """The plan as a tree: policy line → action → measure, with each measure's status."""

    template_name = "actionplan/plan_tree.html"

    def get_context_data(self, **kwargs):
        plan = _plan_in_scope(self.kwargs)
        return super().get_context_data(
            plan=plan, tree=plan_tree(plan=plan, user=self.request.user), **kwargs
        )


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers requests. It checks no dependency, so that an outage of
    the database or Redis never gets healthy web processes restarted."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request: HttpRequest) -> HttpResponse:
    """Readiness: database, cache, broker and worker each "ok" or why not; 503 unless all are."""
    checks = readiness()
    ready = all(check.ok for check in checks)
    return JsonResponse(
        {
            "status": "ready" if ready else "not ready",
            "checks": {check.name: {"ok": check.ok, "detail": check.detail} for check in checks},
        },
        status=200 if ready else 503,
    )


class GlossaryView(TemplateView):
    """The plan's concepts and abbreviations (/glossary/), each with an anchor that the
    abbreviations link to where they appear."""

    template_name = "actionplan/glossary.html"

    def get_context_data(self, **kwargs):
        plan = _plan_in_scope(self.kwargs)
        return super().get_context_data(plan=plan, glossary=glossary_list(plan=plan), **kwargs)


class PlanListView(TemplateView):
    """Every plan (/plans/): its dates, its measures and its open round, linking to its pages."""

    template_name = "actionplan/plan_list.html"

    def get_context_data(self, **kwargs):
        default = plan_get()
        return super().get_context_data(
            plans=plan_index(),
            default_plan=default,
            shows_reports=user_can_see_reports(self.request.user),
            **kwargs,
        )
