from django.urls import path

from reporting import views

app_name = "reporting"
urlpatterns = [
    path("", views.RoundListView.as_view(), name="round-list"),
    path("rounds/open/", views.RoundOpenView.as_view(), name="round-open"),
    path("rounds/<int:pk>/", views.RoundDetailView.as_view(), name="round-detail"),
    path("rounds/<int:pk>/close/", views.RoundCloseView.as_view(), name="round-close"),
    path("rounds/<int:pk>/remind/", views.RoundRemindView.as_view(), name="round-remind"),
    path("rounds/<int:pk>/runs/", views.ReportRunRequestView.as_view(), name="run-request"),
    path("runs/<int:pk>/", views.ReportRunDetailView.as_view(), name="run-detail"),
    path("runs/<int:pk>/rebuild/", views.ReportRunRebuildView.as_view(), name="run-rebuild"),
    path(
        "runs/<int:pk>/download/<str:kind>/",
        views.ReportRunDownloadView.as_view(),
        name="run-download",
    ),
]
