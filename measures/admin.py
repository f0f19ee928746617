from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from actionplan.forms import NotesAsLinesMixin
from budgets.admin import BudgetLineInline
from budgets.models import BudgetLine

from .models import Measure, MeasureActor, MeasureMinister, ProgressUpdate
from .permissions import measure_can_update


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
    list_display = ["code", "plan_status", "action", "plan"]
    list_filter = ["plan", "plan_status", "action__policy_line", "action"]
    search_fields = ["code", "description", "actors__code", "actors__name", "ministers__title"]
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

    def save_model(self, request, obj, form, change):
        # Every write raises the version, so that a progress update based on the measure as it
        # was before this edit is refused rather than silently mixed with it.
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


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
