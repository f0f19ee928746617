"""The version of the reference data (actionplan.models.ReferenceDataVersion): read once per
request by whatever caches a fragment that shows it, moved by every save or deletion of a
watched model (each app watches its own: `watch_reference_models` in its ready())."""

from django.db.models import F
from django.db.models.signals import post_delete, post_save

from actionplan.models import ReferenceDataVersion

_ON_REQUEST = "_reference_data_version"


def reference_data_version(request=None) -> int:
    """The current version (once per `request`, when one is given)."""
    if request is not None and hasattr(request, _ON_REQUEST):
        return getattr(request, _ON_REQUEST)
    version = ReferenceDataVersion.objects.values_list("version", flat=True).first() or 0
    if request is not None:
        setattr(request, _ON_REQUEST, version)
    return version


def reference_data_changed(**kwargs) -> None:
    """Move the version (a receiver of post_save and post_delete)."""
    if not ReferenceDataVersion.objects.update(version=F("version") + 1):
        ReferenceDataVersion.objects.create(version=1)


def watch_reference_models(*models) -> None:
    for model in models:
        uid = f"reference-data-{model._meta.label_lower}"
        post_save.connect(reference_data_changed, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(reference_data_changed, sender=model, dispatch_uid=f"{uid}-deleted")
