from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView

from actionplan.forms import form_add_service_errors
from actionplan.spreadsheets import DEFAULT_CSV
from measures.exports import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    measures_csv_chunks,
    measures_xlsx,
)
from measures.forms import ProgressUpdateForm
from measures.models import Measure
from measures.permissions import (
    measure_can_update,
    progress_update_can_edit,
    user_can_read_internal,
    user_can_see_history,
)
from measures.selectors import (
    actors_named_in_text,
    measure_get,
    measure_history,
    measure_list,
    measure_list_page,
    progress_update_get,
    progress_update_list,
    query_string_without_page,
)
from measures.selectors.filter_summary import (
    measure_export_about,
    measure_export_file_name,
    measure_list_active_filters,
    measure_list_description,
    query_without_empty,
)
from measures.selectors.list_cache import measure_list_aggregates
from measures.services import (
    StaleWriteError,
    progress_update_changes,
    progress_update_create,
    progress_update_edit,
)


def _measure_or_404(code: str, user, plan_code: str | None = None) -> Measure:
    measure = measure_get(code=code, user=user, plan_code=plan_code)
    if measure is None:
        raise Http404(_("There is no measure %(code)s.") % {"code": code})
    return measure


class MeasureDetailView(DetailView):
    """A measure's page (/measures/5.10/): the plan's text, actors, ministers, budget,
    the progress timeline and, for signed-in users, the history of changes."""

    template_name = "measures/measure_detail.html"
    context_object_name = "measure"

    def get_object(self, queryset=None):
        return _measure_or_404(self.kwargs["code"], self.request.user, self.kwargs.get("plan_code"))

    def get_context_data(self, **kwargs):
        measure, user = self.object, self.request.user
        return super().get_context_data(
            updates=progress_update_list(measure=measure, user=user),
            history=measure_history(measure=measure, user=user),
            can_update=measure_can_update(user, measure),
            shows_history=user_can_see_history(user),
            reads_internal=user_can_read_internal(user),
            named_actors=actors_named_in_text(measure=measure),
            **kwargs,
        )


class ProgressUpdateFormView(LoginRequiredMixin, FormView):
    """Record a new progress update, or edit one (with `pk`), on a measure."""

    form_class = ProgressUpdateForm
    template_name = "measures/progress_update_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.measure = _measure_or_404(kwargs["code"], request.user, kwargs.get("plan_code"))
        self.update = None
        if "pk" in kwargs:
            self.update = progress_update_get(measure=self.measure, update_id=kwargs["pk"])
            if self.update is None:
                raise Http404(_("There is no such update on this measure."))
        allowed = (
            progress_update_can_edit(request.user, self.update)
            if self.update
            else measure_can_update(request.user, self.measure)
        )
        if not allowed:
            raise PermissionDenied(
                _("You may not update measure %(code)s.") % {"code": self.measure.code}
            )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return ProgressUpdateForm.initial_for(self.measure, self.update)

    def get_context_data(self, **kwargs):
        return super().get_context_data(measure=self.measure, update=self.update, **kwargs)

    def form_valid(self, form):
        try:
            if self.update is None:
                progress_update_create(
                    measure=self.measure,
                    author=self.request.user,
                    expected_version=form.cleaned_data["expected_version"],
                    fields=form.progress_fields(),
                )
            elif not progress_update_changes(update=self.update, fields=form.progress_fields()):
                messages.info(
                    self.request,
                    _("Nothing changed in the update of measure %(code)s.")
                    % {"code": self.measure.code},
                )
                return self._back_to_measure()
            else:
                progress_update_edit(
                    update=self.update,
                    editor=self.request.user,
                    expected_version=form.cleaned_data["expected_version"],
                    fields=form.progress_fields(),
                )
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self.form_invalid(form)
        except StaleWriteError as error:
            form.add_error(None, str(error))
            return self.render_to_response(self.get_context_data(form=form), status=409)
        messages.success(
            self.request,
            _("The progress of measure %(code)s is saved.") % {"code": self.measure.code},
        )
        return self._back_to_measure()

    def _back_to_measure(self):
        if self.kwargs.get("plan_code"):  # back to the page the form was opened from
            return redirect(
                "plan-measures:detail", plan_code=self.kwargs["plan_code"], code=self.measure.code
            )
        return redirect("measures:detail", code=self.measure.code)


class MeasureListView(TemplateView):
    """The measure list (/measures/?actor=WVG&plan_status=N&page=2): filters that combine, each
    option with the number of measures it would leave, budget totals, and exports of the same
    list. The counts and totals are over the whole list; one page of it is shown.

    The query string holds the whole query, so a link reproduces the view. A filter value that
    is unknown or malformed shows what is wrong, and no list (status 400).
    """

    template_name = "measures/measure_list.html"

    def get(self, request, *args, **kwargs):
        clean = query_without_empty(request.GET)
        if clean.urlencode() != request.GET.urlencode():  # a form's blank fields: share less
            return redirect(f"{request.path}?{clean.urlencode()}" if clean else request.path)
        result = measure_list(params=request.GET, user=request.user)
        page = measure_list_page(result=result, params=request.GET)
        active_filters = measure_list_active_filters(result=result)
        aggregates = measure_list_aggregates(result=result, request=request)
        context = self.get_context_data(
            result=result,
            measures=page.object_list,  # read row by row, only where a row is not cached
            page_obj=page,
            page_numbers=page.paginator.get_elided_page_range(page.number),
            facets=aggregates.facets,
            budget_totals=aggregates.budget_totals,
            active_filters=active_filters,
            description=measure_list_description(
                filters=active_filters, count=page.paginator.count
            ),
            query_string=request.GET.urlencode(),
            query_string_without_page=query_string_without_page(request.GET),
            **kwargs,
        )
        return self.render_to_response(context, status=200 if result.is_valid else 400)


class MeasureExportView(View):
    """The measure list as CSV or XLSX (/measures/export.csv?actor=WVG): the same query string
    as the list page gives exactly its measures, in its order. /measures/export-nl.csv is the
    same CSV for spreadsheets set to Dutch (actionplan.spreadsheets.DUTCH_CSV)."""

    export_format = "csv"
    csv_dialect = DEFAULT_CSV

    def get(self, request, *args, **kwargs):
        result = measure_list(params=request.GET, user=request.user)
        if not result.is_valid:
            return TemplateResponse(
                request,
                "measures/measure_export_error.html",
                {"result": result, "query_string": request.GET.urlencode()},
                status=400,
            )
        dialect = "" if self.csv_dialect == DEFAULT_CSV else f"-{self.csv_dialect.name}"
        active_filters = measure_list_active_filters(result=result)
        filename = measure_export_file_name(
            filters=active_filters,
            day=timezone.localdate(),
            variant=dialect,
            extension=self.export_format,
        )
        query = query_without_empty(request.GET).urlencode()
        address = request.build_absolute_uri(
            reverse("measures:list") + (f"?{query}" if query else "")
        )
        if self.export_format == "xlsx":
            about = measure_export_about(
                filters=active_filters,
                description=measure_list_description(
                    filters=active_filters, count=result.measures.count()
                ),
                address=address,
                exported_at=timezone.localtime().isoformat(timespec="seconds"),
            )
            return FileResponse(
                measures_xlsx(result.measures, about=about),
                as_attachment=True,
                filename=filename,
                content_type=XLSX_CONTENT_TYPE,
            )
        response = StreamingHttpResponse(
            measures_csv_chunks(result.measures, self.csv_dialect),
            content_type=CSV_CONTENT_TYPE,
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        # The list the file holds, for a program: the file itself stays a plain table.
        response["Link"] = f'<{address}>; rel="alternate"; type="text/html"'
        return response
