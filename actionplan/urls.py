from csp.decorators import csp
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

from actionplan import landing_views, views
from actionplan.api.schema_view import SchemaView, redoc_bundle
from actionplan.security_views import LimitedPasswordResetView
from measures.urls import directory_patterns, measure_page_patterns
from reporting.task_views import MyMeasuresView

plan_patterns = [
    path("", views.DashboardView.as_view(), name="home"),
    path("plan/", views.PlanTreeView.as_view(), name="plan-tree"),
    path("glossary/", views.GlossaryView.as_view(), name="glossary"),
]

urlpatterns = [
    path("", include((plan_patterns, "actionplan"))),
    # Every plan under its own path; today's addresses above mean the default plan.
    path("plans/", views.PlanListView.as_view(), name="plan-list"),
    path("plans/<slug:plan_code>/", include((plan_patterns, "plan"))),
    path("plans/<slug:plan_code>/measures/", views.plan_measure_list, name="plan-measure-list"),
    path("plans/<slug:plan_code>/measures/", include((measure_page_patterns, "plan-measures"))),
    # A coordinator's task list reads the open rounds: it belongs to reporting, at the address
    # it always had.
    path("measures/mine/", MyMeasuresView.as_view(), name="my-measures"),
    path("measures/", include("measures.urls")),
    path("", include((directory_patterns, "directory"))),
    path("reports/", include("reporting.urls")),
    path("start/", landing_views.landing, name="landing"),
    path("accounts/password_reset/", LimitedPasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("account/", include("actors.urls")),
    path("api/v1/", include("actionplan.api_urls")),
    path("feeds/", include("changes.urls")),
    path("open-data/", include("actionplan.open_data.urls")),
    path("api/schema/", SchemaView.as_view(), name="api-schema"),
    # Swagger UI's set-up script is a file of its own (the split view), not inline.
    path(
        "api/docs/",
        csp(settings.CSP_API_DOCS_DIRECTIVES)(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema")
        ),
        name="api-docs",
    ),
    path(
        "api/redoc/",
        csp(settings.CSP_API_DOCS_DIRECTIVES)(SpectacularRedocView.as_view(url_name="api-schema")),
        name="api-redoc",
    ),
    path("api/redoc/redoc.standalone.js", redoc_bundle, name="api-redoc-bundle"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz/", views.healthz, name="healthz"),
    path("readyz/", views.readyz, name="readyz"),
    path("admin/", admin.site.urls),
]
