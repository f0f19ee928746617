"""Report runs (one edition of a closed round's report, in one language, built by a task) and
the reminders sent while a round is open."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reporting.models.rounds import ReportingRound


class Edition(models.TextChoices):
    PUBLIC = "public", _("Public edition (public updates only)")
    INTERNAL = "internal", _("Internal edition (all updates)")


def report_language_codes() -> list[str]:
    """The languages a report is written in: the portal's own."""
    return [code for code, _name in settings.LANGUAGES]


def report_file_path(run: "ReportRun", filename: str) -> str:
    """reports/round-<id>/<edition>-<language>/<file>: one folder per run, the same names every
    build."""
    return f"reports/round-{run.round_id}/{run.edition}-{run.language}/{filename}"


class ReportRun(models.Model):
    """One edition of the report of a closed round, built by a Celery task.

    There is one run per round and edition: asking again returns the same run, and building it
    again replaces its files, so a retried or duplicated task never makes a second report.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        BUILDING = "building", _("Building")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    round = models.ForeignKey(ReportingRound, on_delete=models.PROTECT, related_name="runs")
    edition = models.CharField(_("edition"), max_length=10, choices=Edition.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    progress_percent = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error_message = models.TextField(_("why it failed"), blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    pdf_file = models.FileField(_("PDF"), upload_to=report_file_path, max_length=300, blank=True)
    xlsx_file = models.FileField(
        _("XLSX workbook"), upload_to=report_file_path, max_length=300, blank=True
    )
    csv_file = models.FileField(
        _("CSV of the measures"), upload_to=report_file_path, max_length=300, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    queued_at = models.DateTimeField(_("queued"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # When the build's message was handed to the broker (or its thread started); empty while
    # the broker could not take it: the recovery sweep hands it over later.
    dispatched_at = models.DateTimeField(_("handed to a worker"), null=True, blank=True)
    # The last sign of life of the build in progress; a build silent for too long lost its
    # worker and is restarted by the recovery sweep.
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    # The task (Celery request id) that holds the build; a duplicate task finds it taken.
    build_token = models.CharField(max_length=64, blank=True, editable=False)
    builds = models.PositiveIntegerField(_("builds started"), default=0)
    restarts = models.PositiveIntegerField(_("restarts after a lost build"), default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One report per round, edition and language: the same request gets the same run.
            models.UniqueConstraint(
                fields=["round", "edition", "language"], name="one_run_per_round_edition_language"
            ),
            models.CheckConstraint(
                condition=models.Q(progress_percent__lte=100), name="run_progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=models.Q(edition__in=["public", "internal"]), name="run_edition_known"
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=report_language_codes()),
                name="run_language_known",
            ),
        ]
        verbose_name = _("report run")
        verbose_name_plural = _("report runs")

    def __str__(self) -> str:
        return f"{self.round} ({self.get_edition_display()}, {self.get_language_display()})"

    @property
    def is_public(self) -> bool:
        return self.edition == Edition.PUBLIC

    @property
    def is_pending(self) -> bool:
        return self.state in {self.State.QUEUED, self.State.BUILDING}

    def file_for(self, kind: str):
        """The stored file of `kind` (pdf, xlsx, csv), or None."""
        field = {"pdf": self.pdf_file, "xlsx": self.xlsx_file, "csv": self.csv_file}.get(kind)
        return field if field else None


class Reminder(models.Model):
    """A reminder mail sent to a coordinator whose measures had no update in an open round.

    At most one per person per calendar week (Monday to Sunday, in the portal's time zone):
    the database refuses a second, so duplicated reminder tasks cannot mail twice.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="round_reminders"
    )
    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="reminders")
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    week_start = models.DateField(_("week of"))
    measure_codes = models.JSONField(_("measures without an update"), default=list)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "week_start"], name="one_reminder_per_person_per_week"
            )
        ]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self) -> str:
        return f"{self.user} ({self.week_start})"


def week_start_of(moment: datetime.datetime) -> datetime.date:
    """The Monday of `moment`'s week in the portal's time zone."""
    day = timezone.localdate(moment)
    return day - datetime.timedelta(days=day.weekday())
