"""Reporting rounds, the snapshot frozen when a round closes, and the reports built from it.

A round is open while coordinators report on a period; closing it freezes every measure as it
stood (RoundMeasureSnapshot) together with every progress update reported up to the end of the
period (RoundUpdateSnapshot). Reports (ReportRun) are built from those frozen rows only, so a
report of a closed round can be rebuilt at any time and says the same thing.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actionplan.html import html_to_text, safe_html
from measures.models import ImplementationStatus, ReportedProgress
from measures.visibility import INTERNAL, PUBLIC


class ClosedRoundError(Exception):
    """A closed round, or what was frozen with it, was about to change."""


class ReportingRound(models.Model):
    """A period on which coordinators report; frozen when it closes.

    "An update in the round" is a progress update whose `reported_on` lies in the period
    (`period_start`..`period_end`, both included): the date the coordinator gives the update,
    not the moment it was typed in, so that late reporting on the period still counts.
    """

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    plan = models.ForeignKey(
        "actionplan.Plan", on_delete=models.PROTECT, related_name="reporting_rounds"
    )
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    deadline = models.DateField(_("deadline"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    is_evaluation = models.BooleanField(
        _("evaluation report"),
        default=False,
        help_text=_("The round closed on the plan's evaluation date for its evaluation report."),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    budget_totals = models.JSONField(
        _("budget totals"), default=dict, blank=True, help_text=_("Frozen when the round closes.")
    )

    class Meta:
        ordering = ["-period_end", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="round_period_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("period_start")),
                name="round_deadline_after_period_start",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(state="open", closed_at__isnull=True)
                    | models.Q(state="closed", closed_at__isnull=False)
                ),
                name="round_closed_at_when_closed",
            ),
            # One open round at a time: "the open round" is what reminders and pages speak of.
            models.UniqueConstraint(
                fields=["plan"], condition=models.Q(state="open"), name="one_open_round_per_plan"
            ),
            models.UniqueConstraint(
                fields=["plan"],
                condition=models.Q(is_evaluation=True),
                name="one_evaluation_round_per_plan",
            ),
        ]
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if self.pk and type(self).objects.filter(pk=self.pk, state=self.State.CLOSED).exists():
            raise ClosedRoundError(f"Round {self.pk} is closed and never changes.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.pk and type(self).objects.filter(pk=self.pk, state=self.State.CLOSED).exists():
            raise ClosedRoundError(f"Round {self.pk} is closed and is kept.")
        return super().delete(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    @property
    def is_closed(self) -> bool:
        return self.state == self.State.CLOSED

    def includes(self, day: datetime.date) -> bool:
        return self.period_start <= day <= self.period_end

    def closes_early(self, today: datetime.date) -> bool:
        """Closing on `today` would freeze the round before its period has ended."""
        return today < self.period_end

    def deadline_passed(self, today: datetime.date) -> bool:
        """Coordinators can no longer meet the deadline (when a round is opened late)."""
        return self.deadline < today

    @property
    def situation_date(self) -> datetime.date:
        """The day its reports speak of: the snapshot holds what was reported up to the end of
        the period, whenever the round closed."""
        return self.period_end

    @property
    def closed_on(self) -> datetime.date | None:
        """The local day the round closed (None while open)."""
        return timezone.localdate(self.closed_at) if self.closed_at else None

    @property
    def closed_by_name(self) -> str:
        """Who closed the round as reports name them ("" when unknown)."""
        user = self.closed_by
        if user is None:
            return ""
        return user.get_full_name() or user.get_username()


class FrozenRow(models.Model):
    """A row written once when its round closes, never changed or deleted after."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not self._state.adding:
            raise ClosedRoundError(f"{self._meta.verbose_name} rows are frozen.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ClosedRoundError(f"{self._meta.verbose_name} rows are frozen.")


class RoundMeasureSnapshot(FrozenRow):
    """A measure as it stood when its round closed.

    Progress comes from the latest update reported on or before the end of the period:
    unprefixed fields from the latest update of any visibility (what readers of internal
    updates see), `public_*` fields from the latest public update.
    """

    round = models.ForeignKey(
        ReportingRound, on_delete=models.PROTECT, related_name="measure_snapshots"
    )
    measure = models.ForeignKey(
        "measures.Measure", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    code = models.CharField(_("code"), max_length=12)
    # Empty in rounds closed before measures had titles.
    title = models.CharField(_("title"), max_length=200, blank=True)
    action_number = models.PositiveSmallIntegerField(_("action"))
    number = models.PositiveSmallIntegerField(_("number"))
    action_title = models.CharField(_("action title"), max_length=300)
    policy_line_number = models.PositiveSmallIntegerField(_("policy line"))
    policy_line_title = models.CharField(_("policy line title"), max_length=300)
    plan_status = models.CharField(_("plan status"), max_length=1)
    description = models.TextField(_("description (HTML)"))

    implementation_status = models.CharField(
        _("implementation status"), max_length=20, choices=ImplementationStatus.choices
    )
    progress_percent = models.PositiveSmallIntegerField(_("completion (%)"))
    narrative = models.TextField(_("narrative of the latest update"), blank=True)
    reason = models.TextField(_("reason"), blank=True)
    reported_on = models.DateField(_("date of the latest update"), null=True, blank=True)
    updates_in_round = models.PositiveSmallIntegerField(_("updates in the round"), default=0)

    public_implementation_status = models.CharField(
        _("implementation status (public)"), max_length=20, choices=ImplementationStatus.choices
    )
    public_progress_percent = models.PositiveSmallIntegerField(_("completion (%), public"))
    public_narrative = models.TextField(_("narrative of the latest public update"), blank=True)
    public_reason = models.TextField(_("reason (public)"), blank=True)
    public_reported_on = models.DateField(
        _("date of the latest public update"), null=True, blank=True
    )
    public_updates_in_round = models.PositiveSmallIntegerField(
        _("public updates in the round"), default=0
    )

    # From the same latest updates (see PLAN_FIELDS).
    planned_date = models.DateField(_("planned completion date"), null=True, blank=True)
    public_planned_date = models.DateField(
        _("planned completion date (public)"), null=True, blank=True
    )
    evidence_links = models.JSONField(_("evidence links"), default=list, blank=True)
    public_evidence_links = models.JSONField(_("evidence links (public)"), default=list, blank=True)

    actors = models.JSONField(_("actors"), default=list)
    ministers = models.JSONField(_("ministers"), default=list)
    # Each printed title's portfolio as recorded when the round closed ({"title", "portfolio",
    # "portfolio_name"}), so that a report rolls up by portfolio as it stood then.
    minister_portfolios = models.JSONField(_("ministers' portfolios"), default=list, blank=True)
    budget_lines = models.JSONField(_("budget lines"), default=list)

    class Meta:
        ordering = ["round", "action_number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "code"], name="snapshot_code_per_round"),
            models.CheckConstraint(
                condition=models.Q(progress_percent__lte=100)
                & models.Q(public_progress_percent__lte=100),
                name="snapshot_percent_at_most_100",
            ),
        ]
        verbose_name = _("measure snapshot")
        verbose_name_plural = _("measure snapshots")

    def __str__(self) -> str:
        return f"{self.round}: {self.code}"

    # The progress kept twice, for each edition: unprefixed for the internal one, public_*.
    PROGRESS_FIELDS = (
        "implementation_status",
        "progress_percent",
        "narrative",
        "reason",
        "reported_on",
    )

    @classmethod
    def progress_fields(cls, *, latest: ReportedProgress, latest_public: ReportedProgress) -> dict:
        """The snapshot's progress fields, from the measure's latest and latest public update."""
        return {
            audience.field(name): getattr(progress, name)
            for audience, progress in ((INTERNAL, latest), (PUBLIC, latest_public))
            for name in cls.PROGRESS_FIELDS
        }

    def progress(self, *, public: bool) -> ReportedProgress:
        """The frozen progress the public edition (`public`) or the internal one reports."""
        audience = PUBLIC if public else INTERNAL
        return ReportedProgress(
            **{name: getattr(self, audience.field(name)) for name in self.PROGRESS_FIELDS}
        )

    # Kept twice as well, from the same updates: when the measure is now planned to be done
    # and the links to evidence given with that update.
    PLAN_FIELDS = ("planned_date", "evidence_links")

    @classmethod
    def plans_and_evidence(cls, *, latest, latest_public) -> dict:
        """The planned date and evidence links of the latest and latest public update (either
        may be None: no update yet)."""
        return {
            audience.field(name): getattr(update, name, None)
            if name == "planned_date"
            else list(getattr(update, name, None) or [])
            for audience, update in ((INTERNAL, latest), (PUBLIC, latest_public))
            for name in cls.PLAN_FIELDS
        }

    def planned(self, *, public: bool) -> datetime.date | None:
        return getattr(self, (PUBLIC if public else INTERNAL).field("planned_date"))

    def evidence(self, *, public: bool) -> list[str]:
        return list(getattr(self, (PUBLIC if public else INTERNAL).field("evidence_links")))

    def updates_counted(self, *, public: bool) -> int:
        """Updates reported in the round's period: public ones only for the public edition."""
        return self.public_updates_in_round if public else self.updates_in_round

    @property
    def description_html(self):
        return safe_html(self.description)

    @property
    def description_text(self) -> str:
        return html_to_text(self.description)


class RoundUpdateSnapshot(FrozenRow):
    """A progress update as it stood when its round closed (every update reported up to the
    end of the period, so that two rounds show which updates are new and which were removed)."""

    round = models.ForeignKey(
        ReportingRound, on_delete=models.PROTECT, related_name="update_snapshots"
    )
    update_id = models.PositiveBigIntegerField(_("progress update id"))
    measure_code = models.CharField(_("measure"), max_length=12)
    reported_on = models.DateField(_("date of the update"))
    visibility = models.CharField(_("visibility"), max_length=10)
    implementation_status = models.CharField(
        _("implementation status"), max_length=20, choices=ImplementationStatus.choices
    )
    progress_percent = models.PositiveSmallIntegerField(_("completion (%)"))
    narrative = models.TextField(_("narrative"))
    in_period = models.BooleanField(_("reported in the round's period"))

    class Meta:
        ordering = ["round", "reported_on", "update_id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "update_id"], name="update_once_per_round")
        ]
        verbose_name = _("update snapshot")
        verbose_name_plural = _("update snapshots")

    def __str__(self) -> str:
        return f"{self.round}: {self.measure_code} {self.reported_on}"

    @property
    def is_public(self) -> bool:
        return self.visibility == "public"
