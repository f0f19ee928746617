from django.http import Http404
from django.views.generic import DetailView

from measures.selectors import measure_queryset_with_plan_data


class MeasureDetailView(DetailView):
    """A measure's page (/measures/5.10/): the plan's text, actors, ministers and budget."""

    template_name = "measures/measure_detail.html"
    context_object_name = "measure"

    def get_object(self, queryset=None):
        measure = measure_queryset_with_plan_data().filter(code=self.kwargs["code"]).first()
        if measure is None:
            raise Http404(f"There is no measure {self.kwargs['code']}.")
        return measure
