"""The plan itself: a plan, its policy lines and actions, and its glossary."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .html import safe_html, sanitize_html


class PlanQuerySet(models.QuerySet):
    def default(self) -> "Plan | None":
        """The plan that today's addresses (/measures/5.10/) and bare numbers mean: the first
        plan adopted (then by code); None while no plan is loaded."""
        return self.order_by("adoption_year", "code").first()


class Plan(models.Model):
    code = models.SlugField(_("code"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    government = models.CharField(_("government"), max_length=200)
    adoption_year = models.PositiveSmallIntegerField(_("adoption year"))
    evaluation_due = models.DateField(_("evaluation due"))
    evaluation_due_text = models.CharField(
        _("evaluation due, as printed"), max_length=200, blank=True
    )
    introduction = models.TextField(_("introduction (HTML)"), blank=True)
    source_text = models.TextField(_("source text"), blank=True)
    notes = models.JSONField(_("notes"), default=list, blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["adoption_year", "code"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.introduction = sanitize_html(self.introduction)
        super().save(*args, **kwargs)

    @property
    def introduction_html(self):
        return safe_html(self.introduction)


class PolicyLine(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="policy_lines")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="policy_line_number_per_plan")
        ]
        verbose_name = _("policy line")
        verbose_name_plural = _("policy lines")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def save(self, *args, **kwargs) -> None:
        self.clean()  # every save: an action and its policy line share one plan
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.pk and self.actions.exclude(plan_id=self.plan_id).exists():
            raise ValidationError({"plan": _("The policy line's actions belong to another plan.")})


class Action(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="actions")
    policy_line = models.ForeignKey(
        PolicyLine, verbose_name=_("policy line"), on_delete=models.PROTECT, related_name="actions"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="action_number_per_plan")
        ]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return f"Action {self.number}: {self.title}"

    def save(self, *args, **kwargs) -> None:
        # Guarded on every save, not only in forms: the loader, the API and the shell write too.
        self.clean()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.policy_line_id and self.plan_id and self.policy_line.plan_id != self.plan_id:
            raise ValidationError(
                {"policy_line": _("The policy line belongs to another plan than the action.")}
            )
        if self.pk and self.measures.exclude(plan_id=self.plan_id).exists():
            raise ValidationError({"plan": _("The action's measures belong to another plan.")})


class GlossaryEntry(models.Model):
    class Kind(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        ABBREVIATION = "abbreviation", _("Abbreviation")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="glossary")
    position = models.PositiveSmallIntegerField(_("position"))
    term = models.CharField(_("term"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    definition = models.TextField(_("definition"))
    footnote = models.TextField(_("footnote"), blank=True)
    actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="glossary_entries",
        help_text=_("The actor this abbreviation stands for, if any."),
    )
    notes = models.JSONField(_("notes"), default=list, blank=True)

    class Meta:
        ordering = ["plan", "kind", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind", "term"], name="glossary_term_per_plan")
        ]
        verbose_name = _("glossary entry")
        verbose_name_plural = _("glossary entries")

    def __str__(self) -> str:
        return self.term


class ReferenceDataVersion(models.Model):
    """A number that moves whenever the data pages show beside measures changes: plans, their
    policy lines, actions and glossaries, actors and ministers (actionplan.reference_data).
    Cached fragments of measure pages name it in their keys, so that none outlives such a
    change, in any process. One row."""

    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("reference data version")

    def __str__(self) -> str:
        return str(self.version)
