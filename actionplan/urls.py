from django.contrib import admin
from django.urls import include, path

from actionplan import views

plan_patterns = [
    path("", views.DashboardView.as_view(), name="home"),
    path("plan/", views.PlanTreeView.as_view(), name="plan-tree"),
]

urlpatterns = [
    path("", include((plan_patterns, "actionplan"))),
    path("measures/", include("measures.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz/", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
