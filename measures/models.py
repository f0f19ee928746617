"""Measures of a plan, with the actors who carry them out and the ministers in charge."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from actionplan.html import html_to_text, safe_html, sanitize_html

MEASURE_CODE_PATTERN = re.compile(r"^(?P<action>[1-9]\d*)\.(?P<number>[1-9]\d*)$")


def parse_measure_code(code: str) -> tuple[int, int]:
    """Split "5.10" into (5, 10); raise ValueError for anything else."""
    match = MEASURE_CODE_PATTERN.match(code or "")
    if not match:
        raise ValueError(f"{code!r} is not a measure code such as 5.10")
    return int(match["action"]), int(match["number"])


class MeasureQuerySet(models.QuerySet):
    def in_code_order(self) -> "MeasureQuerySet":
        """Numerical code order: 5.2 before 5.10."""
        return self.order_by("plan_id", "action_number", "number")


class Measure(models.Model):
    class PlanStatus(models.TextChoices):
        EXISTING = "B", _("Existing (B)")
        REINFORCED = "V", _("Reinforced (V)")
        NEW = "N", _("New (N)")

    plan = models.ForeignKey("actionplan.Plan", on_delete=models.PROTECT, related_name="measures")
    action = models.ForeignKey(
        "actionplan.Action", on_delete=models.PROTECT, related_name="measures"
    )
    code = models.CharField(_("code"), max_length=12)
    # The two halves of the code, kept so the database can sort numerically.
    action_number = models.PositiveSmallIntegerField(editable=False)
    number = models.PositiveSmallIntegerField(editable=False)
    plan_status = models.CharField(_("plan status"), max_length=1, choices=PlanStatus.choices)
    description = models.TextField(_("description (HTML)"))
    ministers_as_printed = models.TextField(_("ministers, as printed"), blank=True)
    budget_as_printed = models.TextField(_("budget, as printed"), blank=True)
    notes = models.JSONField(_("notes"), default=list, blank=True)
    actors = models.ManyToManyField("actors.Actor", through="MeasureActor", related_name="measures")
    ministers = models.ManyToManyField(
        "actors.Minister", through="MeasureMinister", related_name="measures"
    )

    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["plan_id", "action_number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="measure_code_per_plan"),
            models.CheckConstraint(
                condition=models.Q(plan_status__in=["B", "V", "N"]), name="measure_plan_status_bvn"
            ),
        ]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return f"{self.code} ({self.plan_status})"

    def save(self, *args, **kwargs) -> None:
        self.action_number, self.number = parse_measure_code(self.code)
        self.description = sanitize_html(self.description)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        try:
            action_number, _number = parse_measure_code(self.code)
        except ValueError as exc:
            raise ValidationError({"code": str(exc)}) from exc
        if self.action_id and action_number != self.action.number:
            raise ValidationError(
                {"code": f"Measure {self.code} must belong to action {action_number}."}
            )

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

    class Meta:
        ordering = ["measure", "position"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "actor"], name="actor_once_per_measure")
        ]
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
