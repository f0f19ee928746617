"""The change log: one row per change that a client of the API can see, for the change feed."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ChangeEventQuerySet(models.QuerySet):
    def visible_to(self, *, reads_internal: bool) -> "ChangeEventQuerySet":
        """The events of one audience: readers of internal updates see the internal side of
        a change, everyone else its public side (a withdrawn update's tombstone)."""
        hidden = ChangeEvent.Audience.PUBLIC if reads_internal else ChangeEvent.Audience.INTERNAL
        return self.exclude(audience=hidden)


class ChangeEvent(models.Model):
    """Something a client sees was created, changed or removed. Its id is the feed's cursor:
    it only grows, so a client that resumes after the last id it read misses nothing, even
    when several changes share one timestamp."""

    class Kind(models.TextChoices):
        CREATED = "created", _("created")
        CHANGED = "changed", _("changed")
        REMOVED = "removed", _("removed")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("everyone")
        # Only readers without access to internal updates: the public side of a change, such
        # as the tombstone of a public update made internal.
        PUBLIC = "public", _("readers of public data only")
        INTERNAL = "internal", _("readers of internal updates")

    class ObjectType(models.TextChoices):
        MEASURE = "measure", _("measure")
        PROGRESS_UPDATE = "progress_update", _("progress update")

    id = models.BigAutoField(primary_key=True)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices)
    object_type = models.CharField(_("object"), max_length=20, choices=ObjectType.choices)
    # Codes rather than foreign keys: a tombstone outlives what it names.
    plan_code = models.CharField(_("plan"), max_length=80)
    measure_code = models.CharField(_("measure"), max_length=12)
    progress_update_id = models.PositiveBigIntegerField(_("progress update"), null=True)

    objects = ChangeEventQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("change event")
        verbose_name_plural = _("change events")

    def __str__(self) -> str:
        subject = self.measure_code
        if self.progress_update_id:
            subject += f" #{self.progress_update_id}"
        return f"{self.object_type} {subject} {self.kind} ({self.audience})"
