"""Reporting in the admin: everything frozen with a closed round is read-only here."""

from django.contrib import admin

from reporting.models import (
    Reminder,
    ReportingRound,
    ReportRun,
    RoundMeasureSnapshot,
    RoundUpdateSnapshot,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReportingRound)
class ReportingRoundAdmin(ReadOnlyAdmin):
    """Rounds are opened and closed on /reports/, where the rules are kept."""

    list_display = ["title", "plan", "period_start", "period_end", "deadline", "state"]
    list_filter = ["state", "is_evaluation"]


@admin.register(RoundMeasureSnapshot)
class RoundMeasureSnapshotAdmin(ReadOnlyAdmin):
    list_display = ["round", "code", "implementation_status", "progress_percent"]
    list_filter = ["round"]
    search_fields = ["code"]


@admin.register(RoundUpdateSnapshot)
class RoundUpdateSnapshotAdmin(ReadOnlyAdmin):
    list_display = ["round", "measure_code", "reported_on", "visibility", "in_period"]
    list_filter = ["round", "visibility"]


@admin.register(ReportRun)
class ReportRunAdmin(ReadOnlyAdmin):
    list_display = ["round", "edition", "state", "progress_percent", "created_at"]
    list_filter = ["state", "edition"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["user", "round", "sent_at", "week_start"]
