"""Budget lines: what the plan gives a measure, in euro, in FTE or within the regular resources."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class BudgetLine(models.Model):
    class Recurrence(models.TextChoices):
        ONE_OFF = "one_off", _("One-off (for the measure or its period)")
        ANNUAL = "annual", _("Annual")
        PER_DOSSIER = "per_dossier", _("Per dossier")

    CURRENCY = "EUR"

    measure = models.ForeignKey(
        "measures.Measure",
        verbose_name=_("measure"),
        on_delete=models.CASCADE,
        related_name="budget_lines",
    )
    position = models.PositiveSmallIntegerField(_("position"))
    amount = models.DecimalField(
        _("amount (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    fte = models.DecimalField(_("FTE"), max_digits=6, decimal_places=2, null=True, blank=True)
    recurrence = models.CharField(
        _("recurrence"), max_length=20, choices=Recurrence.choices, blank=True
    )
    period_start = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    label = models.CharField(_("funding source or label"), max_length=200, blank=True)
    regular_resources = models.BooleanField(_("within the regular resources"), default=False)
    source_text = models.TextField(_("the plan's wording"))
    notes = models.JSONField(_("notes"), default=list, blank=True)

    # Plan data that staff may correct in the admin: every change kept, as for progress.
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "position"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "position"], name="budget_line_position"),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="budget_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(fte__isnull=True) | models.Q(fte__gt=0),
                name="budget_fte_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(fte__isnull=True),
                name="budget_amount_or_fte",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(amount__isnull=False)
                    | models.Q(fte__isnull=False)
                    | models.Q(regular_resources=True)
                ),
                name="budget_line_says_something",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(period_start__isnull=True)
                    | models.Q(period_end__isnull=True)
                    | models.Q(period_end__gte=models.F("period_start"))
                ),
                name="budget_period_in_order",
            ),
        ]
        # The measure list's budget filters: a year the budget covers, the kind of amount.
        indexes = [
            models.Index(fields=["period_start", "period_end"], name="budget_line_period"),
            models.Index(fields=["recurrence"], name="budget_line_recurrence"),
        ]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return self.source_text

    @classmethod
    def unit_of(cls, amount, fte) -> str | None:
        """The unit of a line with this amount and FTE (also for lines read with .values())."""
        if amount is not None:
            return cls.CURRENCY
        if fte is not None:
            return "FTE"
        return None

    @property
    def unit(self) -> str | None:
        return self.unit_of(self.amount, self.fte)

    @property
    def currency(self) -> str | None:
        return self.CURRENCY if self.amount is not None else None
