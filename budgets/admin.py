from django.contrib import admin

from measures.permissions import measure_can_update

from .models import BudgetLine


class BudgetLineInline(admin.StackedInline):
    model = BudgetLine
    extra = 0
    fields = [
        ("position", "amount", "fte", "recurrence"),
        ("period_start", "period_end", "label", "regular_resources"),
        "source_text",
        "notes",
    ]


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
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
