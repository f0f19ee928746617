"""Who may do what with measures and their progress: one function per rule.

Pages, the admin and the API all ask these functions, so a rule is decided in one place.
"""

from django.contrib.auth.models import AnonymousUser, User

from actors.models import PortalRole
from actors.roles import user_actor_ids, user_role
from measures.models import Measure, ProgressUpdate

UserLike = User | AnonymousUser

READERS_OF_INTERNAL_UPDATES = {
    PortalRole.PLATFORM_ADMIN,
    PortalRole.COORDINATOR,
    PortalRole.EVALUATOR,
    PortalRole.MINISTRY_VIEWER,
}


def user_can_read_internal(user: UserLike) -> bool:
    """Every portal role reads internal updates; anonymous visitors read public ones only."""
    return user_role(user) in READERS_OF_INTERNAL_UPDATES


def measure_can_update(user: UserLike, measure: Measure) -> bool:
    """A platform administrator updates every measure; a coordinator those of their actors."""
    role = user_role(user)
    if role == PortalRole.PLATFORM_ADMIN:
        return True
    if role != PortalRole.COORDINATOR:
        return False
    actor_ids = user_actor_ids(user)
    return any(link.actor_id in actor_ids for link in measure.actor_links.all())


def progress_update_can_edit(user: UserLike, update: ProgressUpdate) -> bool:
    """An update is edited under the same rule as its measure."""
    return measure_can_update(user, update.measure)


def user_can_see_history(user: UserLike) -> bool:
    """The change history (who changed what) is for signed-in users."""
    return bool(getattr(user, "is_authenticated", False)) and user.is_active


def user_can_manage_users(user: UserLike) -> bool:
    return user_role(user) == PortalRole.PLATFORM_ADMIN


def user_can_build_reports(user: UserLike) -> bool:
    return user_role(user) in {PortalRole.PLATFORM_ADMIN, PortalRole.EVALUATOR}
