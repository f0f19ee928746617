"""Who may manage who-is-who: the portal's users and their roles."""

from actors.models import PortalRole
from actors.roles import UserLike, user_role


def user_can_manage_users(user: UserLike) -> bool:
    """Only a platform administrator manages users (in the admin)."""
    return user_role(user) == PortalRole.PLATFORM_ADMIN
