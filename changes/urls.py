from django.urls import path

from changes import feeds
from measures import urls as measure_urls  # noqa: F401  (registers <measure_code:...>)

app_name = "feeds"
urlpatterns = [
    path("progress.atom", feeds.PublicProgressFeed(), name="progress"),
    path("actors/<str:key>/progress.atom", feeds.ActorProgressFeed(), name="actor-progress"),
    path(
        "measures/<measure_code:code>/progress.atom",
        feeds.MeasureProgressFeed(),
        name="measure-progress",
    ),
]
