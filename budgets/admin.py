from django.contrib import admin

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
