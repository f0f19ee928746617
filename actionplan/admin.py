from django.contrib import admin

from actionplan.forms import NotesAsLinesMixin

from .models import Action, GlossaryEntry, Plan, PolicyLine


class PolicyLineInline(admin.TabularInline):
    model = PolicyLine
    extra = 0


@admin.register(Plan)
class PlanAdmin(NotesAsLinesMixin, admin.ModelAdmin):
    list_display = ["title", "code", "government", "adoption_year", "evaluation_due"]
    search_fields = ["title", "code", "government"]
    readonly_fields = ["source_text"]
    inlines = [PolicyLineInline]


@admin.register(PolicyLine)
class PolicyLineAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "plan"]
    list_filter = ["plan"]
    search_fields = ["title"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "policy_line", "plan"]
    list_filter = ["plan", "policy_line"]
    search_fields = ["title"]
    list_select_related = ["policy_line", "plan"]


@admin.register(GlossaryEntry)
class GlossaryEntryAdmin(NotesAsLinesMixin, admin.ModelAdmin):
    list_display = ["term", "kind", "definition", "actor", "plan"]
    list_filter = ["plan", "kind"]
    search_fields = ["term", "definition"]
    list_select_related = ["actor", "plan"]
    autocomplete_fields = ["actor"]
