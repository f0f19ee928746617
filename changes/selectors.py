"""Reads of the change log."""

from django.db.models import QuerySet

from changes.models import ChangeEvent
from measures.visibility import user_can_read_internal


def change_event_list(*, user, after_id: int = 0) -> QuerySet[ChangeEvent]:
    """The changes `user` may see, after the event `after_id`, oldest first."""
    reads_internal = user_can_read_internal(user)
    return ChangeEvent.objects.visible_to(reads_internal=reads_internal).filter(id__gt=after_id)
