"""Last-Modified at one-second precision without stale 304s.

HTTP dates count whole seconds, while two writes can fall in one second. A client that read
between them holds the second of both as its Last-Modified; answering its If-Modified-Since
with 304 would hide the second write. So If-Modified-Since gives 304 only when the last change
happened before the second it names, and Last-Modified names the end of the second of the last
change (when that moment has passed, as HTTP wants no date in the future): a client echoing it
then gets 304 until the next change, and one that read in the same second as a change is
never told "not modified" on the strength of it."""

import datetime
import math

from django.utils import timezone


def last_modified_seconds(moment: datetime.datetime, *, now: float | None = None):
    """(the Last-Modified to send, the earliest If-Modified-Since answered with 304), both as
    whole seconds since the epoch, for data last changed at `moment`."""
    changed_second = math.floor(moment.timestamp())
    end_of_that_second = changed_second + 1
    current_second = math.floor(timezone.now().timestamp() if now is None else now)
    header = min(end_of_that_second, max(current_second, changed_second))
    # Django answers 304 when If-Modified-Since >= the value it is given: from the end of the
    # changed second on, never within it.
    return header, end_of_that_second
