"""Hooks that keep the change markers and the change log exact, whatever path a write takes
(pages, API, admin, load_plan): they follow the models, not the views."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from actionplan.models import Action, PolicyLine
from actors.models import Actor, Minister, Portfolio
from budgets.models import BudgetLine
from changes.models import ChangeEvent
from changes.services import (
    change_record,
    measure_markers_advance,
    measure_part_changed,
    measures_changed,
    progress_update_sides,
)
from changes.signals import measure_status_changed
from measures.models import Measure, MeasureActor, MeasureMinister, ProgressUpdate

MEASURE_PARTS = (BudgetLine, MeasureActor, MeasureMinister)
MEASURE_STATE = ("public_changed_at", "implementation_status", "public_implementation_status")


def _part_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        measure_part_changed(measure_id=instance.measure_id)


def _part_deleted(sender, instance, **kwargs):
    measure_part_changed(measure_id=instance.measure_id)


for part in MEASURE_PARTS:
    post_save.connect(_part_saved, sender=part, dispatch_uid=f"changes-saved-{part.__name__}")
    post_delete.connect(_part_deleted, sender=part, dispatch_uid=f"changes-deleted-{part.__name__}")


# What a measure shows of the things it names: renaming (or renumbering) one of them changes
# every measure that names it. The lookup from each to its measures.
NAMED_BY_MEASURES = {
    Actor: "actor_links__actor",
    Minister: "minister_links__minister",
    Portfolio: "minister_links__minister__portfolio",
    Action: "action",
    PolicyLine: "action__policy_line",
}


def _named_before(sender, instance, raw=False, **kwargs):
    stored = None
    if instance.pk and not raw:
        stored = sender.objects.filter(pk=instance.pk).values(*_field_names(sender)).first()
    instance._changes_named_before = stored


def _named_saved(sender, instance, raw=False, **kwargs):
    before = getattr(instance, "_changes_named_before", None)
    if raw or before is None:
        return  # new: no measure names it yet
    now = {name: getattr(instance, name) for name in _field_names(sender)}
    if now != before:
        lookup = NAMED_BY_MEASURES[sender]
        measures_changed(measures=Measure.objects.filter(**{lookup: instance}))


def _field_names(model) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


for named in NAMED_BY_MEASURES:
    pre_save.connect(_named_before, sender=named, dispatch_uid=f"changes-before-{named.__name__}")
    post_save.connect(_named_saved, sender=named, dispatch_uid=f"changes-named-{named.__name__}")


@receiver(pre_save, sender=Measure, dispatch_uid="changes-measure-before")
def _measure_before(sender, instance: Measure, raw=False, **kwargs):
    instance._changes_before = (
        Measure.objects.filter(pk=instance.pk).values(*MEASURE_STATE).first()
        if instance.pk and not raw
        else None
    )


@receiver(post_save, sender=Measure, dispatch_uid="changes-measure-saved")
def _measure_saved(sender, instance: Measure, created: bool, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_changes_before", None)
    if created or before is None:
        kind, audience = ChangeEvent.Kind.CREATED, ChangeEvent.Audience.EVERYONE
    else:
        kind = ChangeEvent.Kind.CHANGED
        # Measure.save moved public_changed_at if, and only if, anonymous readers see a change.
        seen_by_everyone = instance.public_changed_at != before["public_changed_at"]
        audience = (
            ChangeEvent.Audience.EVERYONE if seen_by_everyone else ChangeEvent.Audience.INTERNAL
        )
    change_record(
        kind=kind, audience=audience, plan_code=instance.plan.code, measure_code=instance.code
    )
    if before is not None:
        public_changed = before["public_implementation_status"] != (
            instance.public_implementation_status
        )
        internal_changed = before["implementation_status"] != instance.implementation_status
        if public_changed or internal_changed:
            measure_status_changed.send(
                sender=Measure,
                measure=instance,
                public_changed=public_changed,
                internal_changed=internal_changed,
            )


@receiver(post_delete, sender=Measure, dispatch_uid="changes-measure-deleted")
def _measure_deleted(sender, instance: Measure, **kwargs):
    change_record(
        kind=ChangeEvent.Kind.REMOVED,
        audience=ChangeEvent.Audience.EVERYONE,
        plan_code=instance.plan.code,
        measure_code=instance.code,
    )


@receiver(pre_save, sender=ProgressUpdate, dispatch_uid="changes-update-before")
def _update_before(sender, instance: ProgressUpdate, raw=False, **kwargs):
    stored = None
    if instance.pk and not raw:
        stored = ProgressUpdate.objects.filter(pk=instance.pk).values_list("visibility").first()
    instance._changes_was_public = None if stored is None else stored[0] == "public"


@receiver(post_save, sender=ProgressUpdate, dispatch_uid="changes-update-saved")
def _update_saved(sender, instance: ProgressUpdate, raw=False, **kwargs):
    if not raw:
        was_public = getattr(instance, "_changes_was_public", None)
        _update_changed(instance, was_public=was_public, is_public=instance.is_public)


@receiver(post_delete, sender=ProgressUpdate, dispatch_uid="changes-update-deleted")
def _update_deleted(sender, instance: ProgressUpdate, **kwargs):
    _update_changed(instance, was_public=instance.is_public, is_public=None)


def _update_changed(update: ProgressUpdate, *, was_public, is_public) -> None:
    measure = update.measure
    # The measure's timeline is part of what its audience sees: a public update that appears,
    # changes or is withdrawn moves the public marker too; an internal one only the other.
    measure_markers_advance(
        measure_id=measure.pk, public=bool(was_public or is_public), measure=measure
    )
    for kind, audience in progress_update_sides(was_public=was_public, is_public=is_public):
        change_record(
            kind=kind,
            audience=audience,
            plan_code=measure.plan.code,
            measure_code=measure.code,
            progress_update_id=update.pk,
        )
