from django.contrib import admin

from budgets.admin import BudgetLineInline

from .models import Measure, MeasureActor, MeasureMinister


class MeasureActorInline(admin.TabularInline):
    model = MeasureActor
    extra = 0
    autocomplete_fields = ["actor"]


class MeasureMinisterInline(admin.TabularInline):
    model = MeasureMinister
    extra = 0
    autocomplete_fields = ["minister"]


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["code", "plan_status", "action", "plan"]
    list_filter = ["plan", "plan_status", "action__policy_line", "action"]
    search_fields = ["code", "description", "actors__code", "actors__name", "ministers__title"]
    list_select_related = ["action", "plan"]
    autocomplete_fields = ["action"]
    inlines = [MeasureActorInline, MeasureMinisterInline, BudgetLineInline]
