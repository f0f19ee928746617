from django.urls import path

from actors import views

app_name = "actors"
urlpatterns = [
    path("tokens/", views.ApiTokenListView.as_view(), name="api-tokens"),
    path(
        "tokens/<int:pk>/rename/",
        views.ApiTokenChangeView.as_view(action="rename"),
        name="api-token-rename",
    ),
    path(
        "tokens/<int:pk>/revoke/",
        views.ApiTokenChangeView.as_view(action="revoke"),
        name="api-token-revoke",
    ),
]
