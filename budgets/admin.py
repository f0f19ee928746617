from django.contrib import admin

from actionplan.forms import NotesAsLinesMixin

from .models import BudgetLine

# BudgetLine's own admin page is registered by measures.admin: a budget line is changed under
# its measure's update rule, and budgets sits below measures (it must not import them).


class BudgetLineInline(NotesAsLinesMixin, admin.StackedInline):
    model = BudgetLine
    extra = 0
    fields = [
        ("position", "amount", "fte", "recurrence"),
        ("period_start", "period_end", "label", "regular_resources"),
        "source_text",
        "notes",
    ]
