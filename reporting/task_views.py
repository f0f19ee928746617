"""A coordinator's landing page: the measures they keep up to date, as a task list."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from reporting.selectors.coordinator_tasks import coordinator_tasks


class MyMeasuresView(LoginRequiredMixin, TemplateView):
    """ "My measures": the open rounds and their deadlines, then the measures that need an
    update in them, then the rest, each with the user's part in it and its last update."""

    template_name = "measures/my_measures.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(work=coordinator_tasks(user=self.request.user), **kwargs)
