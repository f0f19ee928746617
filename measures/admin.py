from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from actionplan.forms import NotesAsLinesMixin
from budgets.admin import BudgetLineInline
from budgets.models import BudgetLine

from .models import Measure, MeasureActor, MeasureMinister, ProgressUpdate
from .permissions import measure_can_update
from .services import StaleWriteError, measure_details_save

# The hidden field of the measure's admin form: the version the editor loaded.
BASE_VERSION = "base_version"


class MeasureActorInline(admin.TabularInline):
    model = MeasureActor
    extra = 0
    autocomplete_fields = ["actor"]


class MeasureMinisterInline(admin.TabularInline):
    model = MeasureMinister
    extra = 0
    autocomplete_fields = ["minister"]


@admin.register(Measure)
class MeasureAdmin(NotesAsLinesMixin, SimpleHistoryAdmin):
    list_display = ["code", "title", "plan_status", "action", "plan"]
    list_filter = ["plan", "plan_status", "action__policy_line", "action"]
    search_fields = [
        "code",
        "title",
        "description",
        "actors__code",
        "actors__name",
        "ministers__title",
    ]
    list_select_related = ["action", "plan"]
    autocomplete_fields = ["action"]
    inlines = [MeasureActorInline, MeasureMinisterInline, BudgetLineInline]
    readonly_fields = [
        "implementation_status",
        "progress_percent",
        "last_update_at",
        "public_implementation_status",
        "public_progress_percent",
        "public_last_update_at",
        "version",
    ]

    def has_change_permission(self, request, obj=None):
        # The same rule as the pages and the API.
        if obj is not None and not measure_can_update(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        """The admin's form, carrying the version the editor saw (see save_model)."""
        if "fields" in kwargs:
            fields = kwargs.pop("fields")
        else:
            fields = flatten_fieldsets(self.get_fieldsets(request, obj))
        if fields is not None:  # the model's fields only: the version is added below
            fields = [name for name in fields if name != BASE_VERSION]
        form = super().get_form(request, obj, change, fields=fields, **kwargs)
        if obj is None:
            return form
        base_version = forms.IntegerField(
            widget=forms.HiddenInput, required=False, initial=obj.version
        )
        return type(form)(form.__name__, (form,), {BASE_VERSION: base_version})

    def save_model(self, request, obj, form, change):
        # The edit claims the version the editor saw, as every write does: a progress update
        # or another edit saved since then refuses this one (changeform_view says so), and
        # the progress fields are never written back as they were loaded.
        if not change:
            return super().save_model(request, obj, form, change)
        expected_version = form.cleaned_data.get(BASE_VERSION)
        measure_details_save(
            measure=obj,
            editor=request.user,
            expected_version=obj.version if expected_version is None else expected_version,
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleWriteError as error:  # raised inside the admin's transaction: rolled back
            message = _(
                "Measure %(code)s was changed by someone else while you were editing it, so "
                "nothing was saved. It is shown below as it is now: make your change again."
            ) % {"code": error.measure.code}
            self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(SimpleHistoryAdmin):
    """Read-only: updates are recorded on the measure page or through the API, where the
    permission, reason and lost-update rules apply."""

    list_display = [
        "measure",
        "reported_on",
        "implementation_status",
        "progress_percent",
        "visibility",
        "author",
    ]
    list_filter = ["implementation_status", "visibility", "measure__plan"]
    search_fields = ["measure__code", "narrative", "reason"]
    list_select_related = ["measure", "author"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BudgetLine)
class BudgetLineAdmin(NotesAsLinesMixin, SimpleHistoryAdmin):
    list_display = [
        "measure",
        "source_text",
        "amount",
        "fte",
        "recurrence",
        "label",
        "regular_resources",
    ]
    list_filter = ["recurrence", "regular_resources", "label", "measure__plan"]
    search_fields = ["source_text", "label", "measure__code"]
    list_select_related = ["measure"]
    autocomplete_fields = ["measure"]

    # A budget line is part of its measure: the measure's rule decides (pages, API, admin).
    def has_change_permission(self, request, obj=None):
        if obj is not None and not measure_can_update(request.user, obj.measure):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not measure_can_update(request.user, obj.measure):
            return False
        return super().has_delete_permission(request, obj)
