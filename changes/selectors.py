"""Reads of the change log."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from changes.models import ChangeEvent
from measures.visibility import user_can_read_internal

# How many log entries one page looks through for a gap that may still fill in.
SCAN_LIMIT = 10_000


def change_event_list(*, user, after_id: int = 0) -> QuerySet[ChangeEvent]:
    """The changes `user` may see, after the event `after_id`, oldest first."""
    reads_internal = user_can_read_internal(user)
    return ChangeEvent.objects.visible_to(reads_internal=reads_internal).filter(id__gt=after_id)


@dataclass(frozen=True)
class ChangePage:
    events: list[ChangeEvent]
    # The id to resume after: the last event listed, or the last one looked through when the
    # page was not full (so that a run of changes the client may not see is not read again).
    resume_after: int
    has_more: bool


def change_event_page(*, user, after_id: int, limit: int) -> ChangePage:
    """At most `limit` changes `user` may see after `after_id`, never past a change that a
    transaction still being committed could land before.

    Ids are handed out when a change is written, but become visible when its transaction
    commits: a late commit can appear below an id already listed, and a cursor past it would
    skip it for good. So the page ends before the first gap in the ids that is younger than
    CHANGE_FEED_SETTLE_SECONDS (whose missing ids may still commit); an older gap is a rolled
    back transaction (or one slower than the settle window) and is passed."""
    settled_before = timezone.now() - datetime.timedelta(
        seconds=settings.CHANGE_FEED_SETTLE_SECONDS
    )
    logged = ChangeEvent.objects.filter(id__gt=after_id).order_by("id")
    safe_until = after_id
    looked_through = 0
    for event_id, occurred_at in logged.values_list("id", "occurred_at")[:SCAN_LIMIT]:
        if event_id != safe_until + 1 and occurred_at > settled_before:
            break
        safe_until = event_id
        looked_through += 1
    events = list(
        change_event_list(user=user, after_id=after_id).filter(id__lte=safe_until)[: limit + 1]
    )
    if len(events) > limit:
        return ChangePage(events[:limit], events[limit - 1].id, has_more=True)
    return ChangePage(events, safe_until, has_more=looked_through == SCAN_LIMIT)
