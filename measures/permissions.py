"""Who may do what with measures and their progress: one function per rule.

Pages, the admin and the API all ask these functions, so a rule is decided in one place.
Who reads internal updates is measures.visibility's rule, repeated here for callers.
"""

from actors.roles import UserLike, user_actor_scope
from measures.models import Measure, ProgressUpdate
from measures.visibility import user_can_read_internal

__all__ = [
    "UserLike",
    "measure_can_update",
    "progress_update_can_edit",
    "user_can_read_internal",
    "user_can_see_history",
]


def measure_can_update(user: UserLike, measure: Measure) -> bool:
    """A platform administrator updates every measure; a coordinator those in which one of
    their actors takes part. Measure.objects.modifiable_by(user) is the same rule as a query."""
    scope = user_actor_scope(user)
    return scope.includes_any(link.actor_id for link in measure.actor_links.all())


def progress_update_can_edit(user: UserLike, update: ProgressUpdate) -> bool:
    """An update is edited under the same rule as its measure."""
    return measure_can_update(user, update.measure)


def user_can_see_history(user: UserLike) -> bool:
    """The change history (who changed what) is for signed-in users."""
    return bool(getattr(user, "is_authenticated", False)) and user.is_active
