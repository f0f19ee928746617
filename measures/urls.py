from django.urls import path, register_converter

from actionplan.security import throttle
from actionplan.spreadsheets import DUTCH_CSV
from measures import directory_views, views

# Exports build whole files: limited per user (or address), as settings.ATTEMPT_LIMITS says.
export_throttle = throttle("export")


class MeasureCodeConverter:
    """Measure codes such as 5.10 in URLs."""

    regex = r"[0-9]{1,3}\.[0-9]{1,3}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(MeasureCodeConverter, "measure_code")

# A measure's pages: at /measures/ for the default plan, and at /plans/<code>/measures/ for
# every plan (see actionplan/urls.py).
measure_page_patterns = [
    path("<measure_code:code>/", views.MeasureDetailView.as_view(), name="detail"),
    path(
        "<measure_code:code>/updates/new/",
        views.ProgressUpdateFormView.as_view(),
        name="update-create",
    ),
    path(
        "<measure_code:code>/updates/<int:pk>/edit/",
        views.ProgressUpdateFormView.as_view(),
        name="update-edit",
    ),
]

app_name = "measures"
urlpatterns = [
    path("", views.MeasureListView.as_view(), name="list"),
    path(
        "export.csv",
        export_throttle(views.MeasureExportView.as_view(export_format="csv")),
        name="export-csv",
    ),
    path(
        "export-nl.csv",
        export_throttle(
            views.MeasureExportView.as_view(export_format="csv", csv_dialect=DUTCH_CSV)
        ),
        name="export-csv-nl",
    ),
    path(
        "export.xlsx",
        export_throttle(views.MeasureExportView.as_view(export_format="xlsx")),
        name="export-xlsx",
    ),
    *measure_page_patterns,
]

# The public pages of actors and ministers, at the site's root (see actionplan/urls.py).
directory_patterns = [
    path("actors/", directory_views.ActorDirectoryView.as_view(), name="actor-list"),
    path("actors/<str:key>/", directory_views.ActorDetailView.as_view(), name="actor"),
    path("ministers/", directory_views.MinisterDirectoryView.as_view(), name="minister-list"),
    path("ministers/<slug:slug>/", directory_views.MinisterDetailView.as_view(), name="minister"),
]
