"""Who a user is in the portal: their role and the actors they speak for."""

from django.contrib.auth.models import AnonymousUser, User

from actors.models import PortalMembership, PortalRole

_CACHE = "_portal_membership_cache"


def user_membership(user: User | AnonymousUser) -> PortalMembership | None:
    """The user's membership (role and actors), read once per request and cached on the user."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, _CACHE):
        membership = PortalMembership.objects.filter(user=user).prefetch_related("actors").first()
        setattr(user, _CACHE, membership)
    return getattr(user, _CACHE)


def user_role(user: User | AnonymousUser) -> str | None:
    """The user's portal role; a superuser counts as a platform administrator."""
    if getattr(user, "is_superuser", False) and getattr(user, "is_active", False):
        return PortalRole.PLATFORM_ADMIN
    membership = user_membership(user)
    if membership is None or not user.is_active:
        return None
    return membership.role


def user_actor_ids(user: User | AnonymousUser) -> set[int]:
    """The actors a coordinator speaks for (empty for every other role)."""
    membership = user_membership(user)
    if membership is None or membership.role != PortalRole.COORDINATOR:
        return set()
    return {actor.pk for actor in membership.actors.all()}


def forget_membership(user: User) -> None:
    """Drop the cached membership after it changed (for long-lived user objects)."""
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)
