"""Measures of a plan, with the actors who carry them out and the ministers in charge."""

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actionplan.html import html_to_text, safe_html, sanitize_html
from actors.roles import user_actor_scope
from measures.visibility import PROGRESS_FIELDS, audience_of

MEASURE_CODE_PATTERN = re.compile(r"^(?P<action>[1-9]\d*)\.(?P<number>[1-9]\d*)$")


def parse_measure_code(code: str) -> tuple[int, int]:
    """Split "5.10" into (5, 10); raise ValueError for anything else."""
    match = MEASURE_CODE_PATTERN.match(code or "")
    if not match:
        raise ValueError(f"{code!r} is not a measure code such as 5.10")
    return int(match["action"]), int(match["number"])


def measure_name(code: str, title: str) -> str:
    """How a measure is named to people: "6.2 Reinforcement of ...", the code alone while it
    has no title."""
    return f"{code} {title}".strip()


class ImplementationStatus(models.TextChoices):
    """Where a measure stands in its implementation; kept apart from the plan's B/V/N."""

    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    DELAYED = "delayed", _("Delayed")
    COMPLETED = "completed", _("Completed")
    DISCONTINUED = "discontinued", _("Discontinued")


# A status that needs a reason in its progress update.
STATUSES_NEEDING_A_REASON = (ImplementationStatus.DELAYED, ImplementationStatus.DISCONTINUED)


# Measure fields that anonymous readers never see, or that only record when something changed.
FIELDS_NOT_SEEN_BY_THE_PUBLIC = {*PROGRESS_FIELDS, "version", "updated_at", "public_changed_at"}


class MeasureQuerySet(models.QuerySet):
    def in_code_order(self) -> "MeasureQuerySet":
        """Numerical code order: 5.2 before 5.10."""
        return self.order_by("plan_id", "action_number", "number")

    def modifiable_by(self, user) -> "MeasureQuerySet":
        """The measures `user` may update: those in which an actor they act for takes part
        (every measure for a platform administrator). measure_can_update is the same rule
        for one measure."""
        scope = user_actor_scope(user)
        if scope.every_actor:
            return self.all()
        return self.filter(actor_links__actor_id__in=scope.actor_ids).distinct()

    def with_visible_progress(self, user) -> "MeasureQuerySet":
        """Annotate visible_status, visible_percent, visible_last_update_at and
        visible_changed_at: the progress `user` may see (see measures.visibility)."""
        audience = audience_of(user)
        return self.annotate(
            visible_status=models.F(audience.field("implementation_status")),
            visible_percent=models.F(audience.field("progress_percent")),
            visible_last_update_at=models.F(audience.field("last_update_at")),
            visible_changed_at=models.F(audience.changed_at_field),
        )


class Measure(models.Model):
    class PlanStatus(models.TextChoices):
        EXISTING = "B", _("Existing (B)")
        REINFORCED = "V", _("Reinforced (V)")
        NEW = "N", _("New (N)")

    plan = models.ForeignKey("actionplan.Plan", on_delete=models.PROTECT, related_name="measures")
    action = models.ForeignKey(
        "actionplan.Action", models.PROTECT, related_name="measures", verbose_name=_("action")
    )
    code = models.CharField(_("code"), max_length=12)
    # The two halves of the code, kept so the database can sort numerically.
    action_number = models.PositiveSmallIntegerField(editable=False)
    number = models.PositiveSmallIntegerField(editable=False)
    plan_status = models.CharField(_("plan status"), max_length=1, choices=PlanStatus.choices)
    # A short name in the plan's own words, shown beside the code wherever a measure is named.
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description (HTML)"))
    ministers_as_printed = models.TextField(_("ministers, as printed"), blank=True)
    budget_as_printed = models.TextField(_("budget, as printed"), blank=True)
    notes = models.JSONField(_("notes"), default=list, blank=True)
    # The measure's progress as its latest update says, for readers of internal updates, and as
    # its latest public update says, for everyone else. Kept by measures.services.
    implementation_status = models.CharField(
        _("implementation status"),
        max_length=20,
        choices=ImplementationStatus.choices,
        default=ImplementationStatus.NOT_STARTED,
    )
    progress_percent = models.PositiveSmallIntegerField(_("completion (%)"), default=0)
    last_update_at = models.DateTimeField(_("last progress update"), null=True, blank=True)
    public_implementation_status = models.CharField(
        _("implementation status (public)"),
        max_length=20,
        choices=ImplementationStatus.choices,
        default=ImplementationStatus.NOT_STARTED,
    )
    public_progress_percent = models.PositiveSmallIntegerField(
        _("completion (%), public"), default=0
    )
    public_last_update_at = models.DateTimeField(
        _("last public progress update"), null=True, blank=True
    )
    # Raised by every write; a write that names an older version is refused (no lost updates).
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    # When what anonymous readers see last changed (updated_at moves for internal updates too).
    public_changed_at = models.DateTimeField(_("publicly changed"), null=True, editable=False)
    actors = models.ManyToManyField("actors.Actor", through="MeasureActor", related_name="measures")
    ministers = models.ManyToManyField(
        "actors.Minister", through="MeasureMinister", related_name="measures"
    )

    objects = MeasureQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at", "public_changed_at"])

    class Meta:
        ordering = ["plan_id", "action_number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="measure_code_per_plan"),
            models.CheckConstraint(
                condition=models.Q(progress_percent__lte=100)
                & models.Q(public_progress_percent__lte=100),
                name="measure_progress_percent_at_most_100",
            ),
            models.CheckConstraint(
                condition=models.Q(plan_status__in=["B", "V", "N"]), name="measure_plan_status_bvn"
            ),
        ]
        # The measure list's filters and orders (both audiences' progress), and the change
        # timestamps that sync (`updated_since`) and conditional GETs read.
        indexes = [
            models.Index(fields=["plan_status"], name="measure_plan_status"),
            models.Index(fields=["implementation_status"], name="measure_status"),
            models.Index(fields=["public_implementation_status"], name="measure_public_status"),
            models.Index(fields=["last_update_at"], name="measure_last_update"),
            models.Index(fields=["public_last_update_at"], name="measure_public_last_update"),
            models.Index(fields=["updated_at"], name="measure_updated_at"),
            models.Index(fields=["public_changed_at"], name="measure_public_changed_at"),
        ]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return f"{self.code} ({self.plan_status})"

    def save(self, *args, **kwargs) -> None:
        # Guarded on every save, not only in forms: the loader, the API and the shell write too.
        self.check_same_plan()
        self.action_number, self.number = parse_measure_code(self.code)
        self.description = sanitize_html(self.description)
        if self._public_state() != getattr(self, "_public_state_loaded", None):
            self.public_changed_at = timezone.now()
            self._public_state_loaded = self._public_state()
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._public_state_loaded = instance._public_state()
        instance._plan_keys_loaded = (
            instance.__dict__.get("plan_id"),
            instance.__dict__.get("action_id"),
        )
        return instance

    def _public_state(self) -> tuple:
        """What anonymous readers see of the measure itself (its links are loaded apart)."""
        # Read from __dict__: a deferred field must not be loaded (nor counted as changed).
        return tuple(
            self.__dict__.get(field.attname, models.DEFERRED)
            for field in self._meta.concrete_fields
            if field.name not in FIELDS_NOT_SEEN_BY_THE_PUBLIC
        )

    def clean(self) -> None:
        try:
            action_number, _number = parse_measure_code(self.code)
        except ValueError as exc:
            raise ValidationError({"code": str(exc)}) from exc
        if self.action_id and action_number != self.action.number:
            raise ValidationError(
                {"code": f"Measure {self.code} must belong to action {action_number}."}
            )
        self.check_same_plan()

    def check_same_plan(self) -> None:
        """A measure belongs to its action's plan (whose policy line Action checks)."""
        if (self.plan_id, self.action_id) == getattr(self, "_plan_keys_loaded", None):
            return  # unchanged since it was read: a progress update costs no query
        if self.action_id and self.plan_id and self.action.plan_id != self.plan_id:
            raise ValidationError(
                {"action": _("The action belongs to another plan than the measure.")}
            )

    @property
    def code_and_title(self) -> str:
        return measure_name(self.code, self.title)

    @property
    def description_html(self):
        return safe_html(self.description)

    @property
    def description_text(self) -> str:
        return html_to_text(self.description)

    @property
    def policy_line(self):
        return self.action.policy_line


class MeasureActor(models.Model):
    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        PARTNER = "partner", _("Partner")

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="actor_links")
    actor = models.ForeignKey(
        "actors.Actor", on_delete=models.PROTECT, related_name="measure_links"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTNER)
    position = models.PositiveSmallIntegerField(_("position"))
    as_printed = models.CharField(
        _("as printed"),
        max_length=300,
        blank=True,
        help_text=_("The plan's wording where it differs from the actor's code."),
    )

    # Plan data that staff may correct in the admin: every change kept, as for progress.
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "position"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "actor"], name="actor_once_per_measure")
        ]
        # The actor filter with a role (?actor=WVG&actor_role=coordinator).
        indexes = [models.Index(fields=["actor", "role"], name="measure_actor_role")]
        verbose_name = _("actor of a measure")
        verbose_name_plural = _("actors of a measure")

    def __str__(self) -> str:
        return f"{self.measure.code}: {self.actor.code} ({self.role})"

    @property
    def is_coordinator(self) -> bool:
        return self.role == self.Role.COORDINATOR


class MeasureMinister(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="minister_links")
    minister = models.ForeignKey(
        "actors.Minister", on_delete=models.PROTECT, related_name="measure_links"
    )
    position = models.PositiveSmallIntegerField(_("position"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "minister"], name="minister_once_per_measure"
            )
        ]
        verbose_name = _("minister of a measure")
        verbose_name_plural = _("ministers of a measure")

    def __str__(self) -> str:
        return f"{self.measure.code}: {self.minister.title}"


class ProgressUpdateQuerySet(models.QuerySet):
    def public(self) -> "ProgressUpdateQuerySet":
        return self.filter(visibility=ProgressUpdate.Visibility.PUBLIC)

    def latest_first(self) -> "ProgressUpdateQuerySet":
        return self.order_by("-reported_on", "-created_at", "-pk")

    def latest_per_measure(self) -> dict[int, "ProgressUpdate"]:
        """Each measure's latest update among these: the one its progress comes from (of all
        its updates for readers of internal updates, of `public()` ones for everyone else)."""
        latest: dict[int, ProgressUpdate] = {}
        for update in self.latest_first():
            latest.setdefault(update.measure_id, update)
        return latest


class ProgressUpdate(models.Model):
    """A dated report on a measure: its status, completion and what happened."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        INTERNAL = "internal", _("Internal")

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="progress_updates")
    reported_on = models.DateField(_("date of the update"))
    implementation_status = models.CharField(
        _("implementation status"), max_length=20, choices=ImplementationStatus.choices
    )
    progress_percent = models.PositiveSmallIntegerField(_("completion (%)"))
    narrative = models.TextField(_("narrative"))
    reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("Required when the measure is delayed or discontinued."),
    )
    evidence_links = models.JSONField(_("evidence links"), default=list, blank=True)
    planned_date = models.DateField(_("planned completion date"), null=True, blank=True)
    actual_date = models.DateField(_("actual completion date"), null=True, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="progress_updates",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = ProgressUpdateQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["measure", "-reported_on", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress_percent__lte=100),
                name="progress_update_percent_at_most_100",
            ),
            models.CheckConstraint(
                condition=~models.Q(implementation_status__in=STATUSES_NEEDING_A_REASON)
                | ~models.Q(reason=""),
                name="progress_update_reason_when_delayed_or_discontinued",
            ),
        ]
        indexes = [
            models.Index(fields=["measure", "reported_on"]),
            # Sync (`updated_since`); the newest updates first (feeds, the API's update list).
            models.Index(fields=["updated_at"], name="progress_update_updated_at"),
            models.Index(fields=["-reported_on", "-created_at", "-id"], name="update_latest"),
        ]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return f"{self.measure.code} {self.reported_on}: {self.get_implementation_status_display()}"

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC


@dataclass(frozen=True)
class ReportedProgress:
    """A measure's progress as its latest update reports it: not started at 0 % without one."""

    implementation_status: str = ImplementationStatus.NOT_STARTED
    progress_percent: int = 0
    narrative: str = ""
    reason: str = ""
    reported_on: datetime.date | None = None
    recorded_at: datetime.datetime | None = None

    @classmethod
    def of(cls, update: ProgressUpdate | None) -> "ReportedProgress":
        if update is None:
            return cls()
        return cls(
            implementation_status=update.implementation_status,
            progress_percent=update.progress_percent,
            narrative=update.narrative,
            reason=update.reason,
            reported_on=update.reported_on,
            recorded_at=update.created_at,
        )
