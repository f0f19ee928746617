from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerView,
)

from actionplan import views
from measures.urls import directory_patterns

plan_patterns = [
    path("", views.DashboardView.as_view(), name="home"),
    path("plan/", views.PlanTreeView.as_view(), name="plan-tree"),
    path("glossary/", views.GlossaryView.as_view(), name="glossary"),
]

urlpatterns = [
    path("", include((plan_patterns, "actionplan"))),
    path("measures/", include("measures.urls")),
    path("", include((directory_patterns, "directory"))),
    path("reports/", include("reporting.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("account/", include("actors.urls")),
    path("api/v1/", include("actionplan.api_urls")),
    path("feeds/", include("changes.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz/", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
