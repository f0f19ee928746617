from django.urls import path, register_converter

from measures import views


class MeasureCodeConverter:
    """Measure codes such as 5.10 in URLs."""

    regex = r"[0-9]{1,3}\.[0-9]{1,3}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(MeasureCodeConverter, "measure_code")

app_name = "measures"
urlpatterns = [
    path("<measure_code:code>/", views.MeasureDetailView.as_view(), name="detail"),
]
