"""Writes of the change log and of the measures' change markers.

A measure has one change marker per audience: `public_changed_at` for readers of public data
only, `updated_at` for readers of internal updates. Last-Modified and `updated_since` follow
them, so whatever alters what an audience sees of a measure must advance that audience's
marker, and log the change for the change feed.
"""

from django.utils import timezone

from changes.models import ChangeEvent
from measures.models import Measure

Audience = ChangeEvent.Audience


def change_record(
    *,
    kind: str,
    audience: str,
    plan_code: str,
    measure_code: str,
    progress_update_id: int | None = None,
) -> ChangeEvent:
    """Log one change for the change feed."""
    object_type = (
        ChangeEvent.ObjectType.PROGRESS_UPDATE
        if progress_update_id
        else ChangeEvent.ObjectType.MEASURE
    )
    return ChangeEvent.objects.create(
        kind=kind,
        audience=audience,
        object_type=object_type,
        plan_code=plan_code,
        measure_code=measure_code,
        progress_update_id=progress_update_id,
    )


def measure_markers_advance(*, measure_id: int, public: bool, measure: Measure | None = None):
    """Advance the measure's change marker of readers of internal updates, and the public one
    too if `public` (the change is one that anonymous readers see). A `measure` object held in
    memory gets the new markers as well, so that saving it afterwards does not put them back."""
    now = timezone.now()
    markers = {"updated_at": now, **({"public_changed_at": now} if public else {})}
    Measure.objects.filter(pk=measure_id).update(**markers)
    if measure is not None:
        for name, value in markers.items():
            setattr(measure, name, value)


def measure_part_changed(*, measure_id: int) -> None:
    """A budget line, actor link or minister link of the measure was added, changed or
    removed: everyone sees it, so both markers advance and the measure is logged changed."""
    found = Measure.objects.filter(pk=measure_id).values_list("plan__code", "code").first()
    if found is None:  # the measure itself is being deleted
        return
    measure_markers_advance(measure_id=measure_id, public=True)
    change_record(
        kind=ChangeEvent.Kind.CHANGED,
        audience=Audience.EVERYONE,
        plan_code=found[0],
        measure_code=found[1],
    )


def progress_update_sides(*, was_public: bool | None, is_public: bool | None) -> list:
    """What each audience sees happen when an update goes from `was_public` to `is_public`
    (None: it did not exist before, or no longer exists): a list of (kind, audience)."""
    created, changed, removed = (
        ChangeEvent.Kind.CREATED,
        ChangeEvent.Kind.CHANGED,
        ChangeEvent.Kind.REMOVED,
    )
    if was_public is None:
        return [(created, Audience.EVERYONE if is_public else Audience.INTERNAL)]
    if is_public is None:
        return [(removed, Audience.EVERYONE if was_public else Audience.INTERNAL)]
    if was_public == is_public:
        return [(changed, Audience.EVERYONE if is_public else Audience.INTERNAL)]
    # Readers of internal updates saw it all along; the others see it appear or vanish.
    return [(created if is_public else removed, Audience.PUBLIC), (changed, Audience.INTERNAL)]


def measures_changed(*, measures) -> int:
    """Something every reader sees of these measures changed outside them (the name of their
    actor, minister, portfolio, action or policy line): both markers advance, and each is
    logged changed, so that lists, their ETags, `updated_since` and the feed all move."""
    found = list(measures.values_list("pk", "plan__code", "code").distinct())
    if not found:
        return 0
    now = timezone.now()
    Measure.objects.filter(pk__in=[pk for pk, _plan, _code in found]).update(
        updated_at=now, public_changed_at=now
    )
    ChangeEvent.objects.bulk_create(
        ChangeEvent(
            kind=ChangeEvent.Kind.CHANGED,
            audience=Audience.EVERYONE,
            object_type=ChangeEvent.ObjectType.MEASURE,
            plan_code=plan_code,
            measure_code=code,
        )
        for _pk, plan_code, code in found
    )
    return len(found)
