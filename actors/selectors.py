"""Reads of who-is-who."""

from django.db.models import F, Prefetch, QuerySet

from actors.models import Actor, ApiToken, Minister, Portfolio


def actor_list() -> QuerySet[Actor]:
    """Every actor, by code, with its aliases."""
    return Actor.objects.prefetch_related("aliases").order_by("code")


def minister_list() -> QuerySet[Minister]:
    return Minister.objects.select_related("portfolio").order_by("title")


def api_token_list(*, user) -> QuerySet[ApiToken]:
    """The user's API tokens: active ones first, then the revoked; newest first in each."""
    return ApiToken.objects.of_user(user).order_by(
        F("revoked_at").desc(nulls_first=True), "-created_at", "-pk"
    )


# --- Looking actors and ministers up ---------------------------------------------------------------


def actor_names() -> dict[str, Actor]:
    """Every name an actor goes by, case-folded: its code, its aliases and its address (slug).
    Codes and aliases come first: an address counts only where no code or alias reads the same.
    The one lookup of actors by name for pages, filters and the API."""
    actors = list(Actor.objects.prefetch_related("aliases"))
    names: dict[str, Actor] = {}
    for actor in actors:
        for name in [actor.code, *(alias.alias for alias in actor.aliases.all())]:
            names.setdefault(name.casefold(), actor)
    for actor in actors:
        names.setdefault(actor.slug.casefold(), actor)
    return names


def actor_get(*, key: str) -> Actor | None:
    """The actor that `key` names (code, alias or address, any case); None if none."""
    folded = key.strip().casefold()
    if not folded or "\x00" in folded:
        return None
    return actor_names().get(folded)


def minister_get(*, slug: str) -> Minister | None:
    """The minister whose title's address is `slug` (any case); None if none."""
    if "\x00" in slug:
        return None
    return Minister.objects.filter(slug=slug.strip().lower()).first()


def portfolio_get(*, slug: str) -> Portfolio | None:
    """The portfolio whose address is `slug` (any case), with its titles; None if none."""
    if "\x00" in slug:
        return None
    return (
        Portfolio.objects.prefetch_related(Prefetch("titles", Minister.objects.order_by("title")))
        .filter(slug=slug.strip().lower())
        .first()
    )
