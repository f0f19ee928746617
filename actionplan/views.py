from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from actionplan.selectors import plan_get, plan_tree


class PlanTreeView(TemplateView):
    """The plan as a tree: policy line → action → measure."""

    template_name = "actionplan/plan_tree.html"

    def get_context_data(self, **kwargs):
        plan = plan_get()
        return super().get_context_data(plan=plan, policy_lines=plan_tree(plan=plan), **kwargs)


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for the container health check: the app answers and the database too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
