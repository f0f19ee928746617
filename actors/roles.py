"""Who a user is in the portal: their role and the actors they speak for."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User

from actors.models import PortalMembership, PortalRole

UserLike = User | AnonymousUser

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


def user_keeps_measures(user: User | AnonymousUser) -> bool:
    """Whether "My measures" is a page for this user: a coordinator's task list, or, for an
    account not yet given a role, the page that says how to be linked to an organisation."""
    return bool(getattr(user, "is_authenticated", False)) and user_role(user) in (
        PortalRole.COORDINATOR,
        None,
    )


def user_actor_ids(user: User | AnonymousUser) -> set[int]:
    """The actors a coordinator speaks for (empty for every other role)."""
    membership = user_membership(user)
    if membership is None or membership.role != PortalRole.COORDINATOR:
        return set()
    return {actor.pk for actor in membership.actors.all()}


@dataclass(frozen=True)
class ActorScope:
    """The actors a user acts for: every actor, or those in `actor_ids` (maybe none)."""

    every_actor: bool = False
    actor_ids: frozenset[int] = frozenset()

    def includes_any(self, actor_ids: Iterable[int]) -> bool:
        return self.every_actor or not self.actor_ids.isdisjoint(actor_ids)


def user_actor_scope(user: User | AnonymousUser) -> ActorScope:
    """A platform administrator acts for every actor, a coordinator for their own actors,
    anyone else for none. Measures' update rule (measure_can_update and
    Measure.objects.modifiable_by) is built on this."""
    if user_role(user) == PortalRole.PLATFORM_ADMIN:
        return ActorScope(every_actor=True)
    return ActorScope(actor_ids=frozenset(user_actor_ids(user)))


def forget_membership(user: User) -> None:
    """Drop the cached membership after it changed (for long-lived user objects)."""
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)
