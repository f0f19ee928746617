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

# The public pages of actors and ministers, at the site's root (see actionplan/urls.py).
directory_patterns = [
    path("actors/", views.ActorDirectoryView.as_view(), name="actor-list"),
    path("actors/<str:key>/", views.ActorDetailView.as_view(), name="actor"),
    path("ministers/", views.MinisterDirectoryView.as_view(), name="minister-list"),
    path("ministers/<slug:slug>/", views.MinisterDetailView.as_view(), name="minister"),
]
