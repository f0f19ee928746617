"""The REST API, version 1 (/api/v1/). Each app's endpoints live in `<app>/api/`."""

from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from actionplan.api.base import csv_list_view
from actionplan.api.errors import api_not_found
from actionplan.api.renderers import CSVRenderer
from actionplan.api.views import (
    ActionViewSet,
    GlossaryEntryViewSet,
    PlanViewSet,
    PolicyLineViewSet,
)
from actors.api.views import ActorViewSet, MinisterViewSet
from budgets.api.views import BudgetLineViewSet
from changes.api.views import ChangeFeedView
from measures.api.views import MeasureProgressUpdateViewSet, MeasureViewSet, ProgressUpdateViewSet
from reporting.api.views import ReportRunViewSet
from webhooks.api.views import WebhookSubscriptionViewSet

app_name = "api"

router = SimpleRouter()
router.register("plans", PlanViewSet, basename="plan")
router.register("policy-lines", PolicyLineViewSet, basename="policy-line")
router.register("actions", ActionViewSet, basename="action")
router.register(
    r"measures/(?P<measure_code>[^/]+)/progress-updates",
    MeasureProgressUpdateViewSet,
    basename="measure-progress-update",
)
router.register("measures", MeasureViewSet, basename="measure")
router.register("actors", ActorViewSet, basename="actor")
router.register("ministers", MinisterViewSet, basename="minister")
router.register("budget-lines", BudgetLineViewSet, basename="budget-line")
router.register("progress-updates", ProgressUpdateViewSet, basename="progress-update")
router.register("glossary", GlossaryEntryViewSet, basename="glossary-entry")
router.register("report-runs", ReportRunViewSet, basename="report-run")
router.register("webhooks", WebhookSubscriptionViewSet, basename="webhook")

# Each list that gives CSV also as an operation of its own: /api/v1/measures.csv.
csv_lists = [
    re_path(
        rf"^{prefix}\.csv$",
        csv_list_view(viewset, prefix=prefix, basename=basename),
        {"format": "csv"},
        name=f"{basename}-list-csv",
    )
    for prefix, viewset, basename in router.registry
    if CSVRenderer in viewset.renderer_classes
]

urlpatterns = [
    *router.urls,
    *csv_lists,
    path("changes/", ChangeFeedView.as_view(), name="changes"),
    # Anything else under /api/v1/ is a JSON 404, not the portal's HTML page.
    re_path(r"^.*$", api_not_found, name="not-found"),
]
